import ArgumentParser
import Foundation
import SurgeCore

/// `surge simulate SCENARIO… --seed N --out DIR`: plays crisis scenarios day by day with the
/// scheduling core and writes report.html, report.json and CSV files; several scenarios (or a
/// scenario's policy variants) are compared side by side.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate staffing scenarios day by day (YAML or JSON, see docs/scenarios.md) and report coverage, load and department drain.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Scenario files (YAML or JSON), e.g. Config/scenarios/pandemic-wave.yaml; two or more are compared.")
    var scenarios: [String]
    @Option(help: "Seed of the simulation (events and solver).") var seed: UInt64 = 1
    @Option(help: "Folder for report.html, report.json and the CSV files.") var out: String = "simulation"
    @Option(help: "Folder of the rule profiles.") var profiles: String = "Config/rule-profiles"
    @Option(help: "Solver threads (deterministic for a given count).") var threads: Int = 2
    @Flag(help: "Only the scenario as written, not its policy variants.") var noVariants = false

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("name at least one scenario file") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1 to 64") }
    }

    func run() async throws {
        let profileSet = try SimulationSetup.profiles(folder: profiles)
        var runs: [SimulationScenario] = []
        for path in scenarios {
            let s = try SimulationSetup.scenario(path: path, profiles: profileSet)
            runs += noVariants ? [s.runs[0]] : s.runs
        }
        let reports = try await Self.simulate(runs, profiles: profileSet, seed: seed, threads: threads, global: global)
        let outURL = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        if reports.count == 1 {
            try Self.write(reports[0], to: outURL)
        } else {
            for (i, r) in reports.enumerated() { try Self.write(r, to: outURL.appendingPathComponent(SimulationSetup.slug(i, r.scenario))) }
            try Data(ReportDocuments.comparison(reports).utf8).write(to: outURL.appendingPathComponent("comparison.html"))
            try Data(ReportDocuments.comparisonCSV(reports).utf8).write(to: outURL.appendingPathComponent("comparison.csv"))
        }
        for r in reports {
            let s = r.summary
            print("\(r.scenario): coverage \(String(format: "%.1f", s.coverage * 100)) %, \(s.shiftsBelowMinimum) of \(s.shifts) shifts below minimum, \(s.peopleDeployed) people deployed, hours/contract median \(String(format: "%.2f", r.load.contractRatio.median)) max \(String(format: "%.2f", r.load.contractRatio.max))")
        }
        print("report written to \(out)/")
    }

    static func simulate(_ runs: [SimulationScenario], profiles: [String: RuleProfile], seed: UInt64, threads: Int,
                         global: GlobalOptions) async throws -> [SimulationReport] {
        var reports: [SimulationReport] = []
        for s in runs {
            let register = try await SimulationSetup.register(for: s, global: global)
            let bar = SimulationProgressBar(label: s.name)
            let run = try SimulationEngine(scenario: s, register: register, profiles: profiles, seed: seed, threads: threads).run { bar.update($0) }
            reports.append(SimulationReport(run: run))
        }
        return reports
    }

    static func write(_ r: SimulationReport, to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in try ReportDocuments.files(r) { try f.data.write(to: dir.appendingPathComponent(f.name)) }
    }
}
