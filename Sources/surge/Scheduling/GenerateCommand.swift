import ArgumentParser
import Foundation
import SurgeCore

/// `surge generate city --staff N --tasks T --days D --seed S --output problem.json`
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate synthetic problems.",
                                                    subcommands: [GenerateCityCommand.self])
}

struct GenerateCityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "city", abstract: "A synthetic city crisis (deterministic per seed).")

    @Option(help: "Staff in the register.") var staff: Int = 5000
    @Option(help: "Crisis tasks.") var tasks: Int = 60
    @Option(help: "Days in the horizon.") var days: Int = 28
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Output file; stdout when omitted.") var output: String?

    func validate() throws {
        guard staff > 0, tasks > 0, days > 0 else { throw ValidationError("--staff, --tasks and --days must be positive") }
    }

    func run() async throws {
        let problem = CityGenerator(staff: staff, tasks: tasks, days: days, seed: seed).generate()
        try CommandIO.write(try Interchange.encode(problem: problem), to: output)
    }
}
