import ArgumentParser
import SurgeCore
import SurgeStore

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Fill the register with generated data.", subcommands: [Demo.self])

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a deterministic demo municipality (org 'demo' unless --org): departments, staff, competences, absences, availability, pool, task catalogues.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Seed of the generator: the same seed (and --today) gives the same city.") var seed: UInt64
        @Option(help: "Number of staff (\(DemoCityOptions.staffRange.lowerBound)–\(DemoCityOptions.staffRange.upperBound)).") var staff: Int = 2000
        @Option(help: "The day the city is generated around (yyyy-mm-dd; default: today).") var today: String?
        @Flag(help: "Delete the organisation's existing register data first (in the same transaction).") var replace = false

        func validate() throws {
            guard DemoCityOptions.staffRange.contains(staff) else {
                throw ValidationError("--staff must be between \(DemoCityOptions.staffRange.lowerBound) and \(DemoCityOptions.staffRange.upperBound)")
            }
        }

        func run() async throws {
            let options = DemoCityOptions(seed: seed, staffCount: staff, today: try DateArgument.parse(today, option: "--today") ?? DateArgument.today())
            let city = DemoCityGenerator(options: options).generate()
            let replace = replace
            let summary = try await global.withDatabase { db, reader in
                try await DemoSeeder(db: db).seed(org: global.organisation(reader), city: city, options: options, replace: replace, actor: .cli)
            }
            print("seeded organisation '\(summary.org)' (seed \(summary.seed), today \(summary.today.iso)\(summary.replaced ? ", replacing its data" : ""))")
            print(TextTable(header: ["table", "rows"]).render(summary.counts.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }))
        }
    }
}
