import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench simulate SCENARIO`: times whole simulations (register generation or reading,
/// every simulated day, the report) and reports the median of repeated runs and peak memory.
struct BenchSimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Time a scenario simulation (bars: 8-week pandemic on 2,000 staff ≤ 5 min and ≤ 1 GiB; 72-hour blackout ≤ 30 s).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Scenario file.") var scenario: String
    @Option(help: "Repeated runs (the median is reported).") var runs: Int = 3
    @Option(help: "Seed of the simulation.") var seed: UInt64 = 1
    @Option(help: "Solver threads.") var threads: Int = 2
    @Option(help: "Folder of the rule profiles.") var profiles: String = "Config/rule-profiles"
    @Option(help: "Bar in seconds for the median (reported as met or not met).") var bar: Double?

    func run() async throws {
        guard (1...50).contains(runs) else { throw ValidationError("--runs must be 1 to 50") }
        let profileSet = try SimulationSetup.profiles(folder: profiles)
        let s = try SimulationSetup.scenario(path: scenario, profiles: profileSet).runs[0]
        var times: [Double] = []
        var digest = ""
        for k in 0..<runs {
            let t0 = Date()
            let reports = try await SimulateCommand.simulate([s], profiles: profileSet, seed: seed, threads: threads, global: global)
            let json = try ReportDocuments.json(reports[0])
            _ = ReportDocuments.html(reports[0])
            let t = Date().timeIntervalSince(t0)
            times.append(t)
            let summary = reports[0].summary
            digest = "coverage \(String(format: "%.3f", summary.coverage)), \(summary.shiftsBelowMinimum) shifts below minimum, \(summary.peopleDeployed) deployed, report.json \(json.count) bytes"
            print("run \(k + 1): \(String(format: "%.2f", t)) s  (\(digest))")
        }
        let median = times.sorted()[times.count / 2]
        print("scenario: \(s.name), \(s.days) days, seed \(seed), threads \(threads)")
        print("median of \(runs): \(String(format: "%.2f", median)) s  (runs: \(times.map { String(format: "%.2f", $0) }.joined(separator: " / ")))")
        print("peak memory: \(String(format: "%.1f", Double(peakMemoryBytes()) / 1_048_576)) MiB")
        if let bar { print("bar \(bar) s: \(median <= bar ? "met" : "NOT met")") }
    }
}
