import ArgumentParser
import Foundation
import SurgeCore
import SurgeStore

/// Plans a declared crisis (a scenario file) on the register in the database and prints the report.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a crisis scenario on the register: who works which shift, coverage, quotas, load.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Crisis scenario (JSON): tasks, shifts, competences; see Config/examples/demo-crisis.json.")
    var scenario: String = "Config/examples/demo-crisis.json"
    @Option(help: "First day (yyyy-mm-dd); default: the scenario's startDay.") var start: String?
    @Option(help: "Seconds the solver may search.") var time: Double = 10
    @Option(help: "Seed of the search.") var seed: UInt64 = 1
    @Option(help: "Folder of the rule profiles.") var profiles: String = "Config/rule-profiles"
    @Option(help: "Write the plan (interchange JSON) here.") var output: String?

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: scenario)) } catch {
            throw ValidationError("--scenario: cannot read \(scenario)")
        }
        var crisis: CrisisScenario
        do { crisis = try JSONDecoder().decode(CrisisScenario.self, from: data) } catch {
            throw ValidationError("\(scenario): \(error)")
        }
        if let start {
            guard let d = LocalDate(parsing: start) else { throw ValidationError("--start must be a date like 2026-12-01") }
            crisis.startDay = d
        }
        try crisis.validate()
        let profileURL = URL(fileURLWithPath: profiles).appendingPathComponent("\(crisis.ruleProfile).json")
        let profile: RuleProfile
        do { profile = try JSONDecoder().decode(RuleProfile.self, from: Data(contentsOf: profileURL)) } catch {
            throw ValidationError("ruleProfile '\(crisis.ruleProfile)': cannot read \(profileURL.path): \(error)")
        }
        guard let level = CrisisLevel(rawValue: crisis.level) else { throw ValidationError("level must be 0 to 3") }
        let scenarioValue = crisis
        let snapshot = try await global.withDatabase { db, reader in
            try await PlanningRegisterReader(db: db).snapshot(
                org: global.organisation(reader), level: level, from: scenarioValue.startDay,
                until: scenarioValue.startDay.adding(days: scenarioValue.days - 1), timeZone: scenarioValue.timeZone,
                ruleProfile: scenarioValue.ruleProfile)
        }
        guard !snapshot.people.isEmpty else {
            throw ValidationError("the register has nobody to deploy (no pool members, no department with quota); run `surge seed demo` first")
        }
        let problem = try CrisisPlanning.problem(scenario: crisis, people: snapshot.people, quotas: snapshot.quotas, profile: profile)
        FileHandle.standardError.write(Data("planning \(crisis.name): \(problem.demands.count) shifts, \(problem.people.count) candidates, \(Int(time)) s\n".utf8))
        let clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        let result = try Solver.solve(problem, options: SolverOptions(seed: seed, timeLimit: time, clock: clock, threads: 2))
        let report = CrisisReport(problem: problem, plan: result.plan)
        print(Self.render(report, plan: result.plan))
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(result.plan).write(to: URL(fileURLWithPath: output))
            print("plan written to \(output)")
        }
    }

    static func render(_ r: CrisisReport, plan: Plan) -> String {
        var out: [String] = []
        out.append("Coverage per task")
        out.append(TextTable(header: ["task", "prio", "shifts", "at minimum", "people needed", "assigned"]).render(
            r.tasks.map { [$0.task, String($0.priority), String($0.shifts), String($0.shiftsAtMinimum), String($0.peopleNeeded), String($0.peopleAssigned)] }))
        out.append("")
        out.append("People taken from departments (peak per day against the release quota)")
        let drains = r.departments.sorted { $0.peakPersonsPerDay > $1.peakPersonsPerDay }.prefix(15)
        out.append(TextTable(header: ["department", "quota persons", "peak per day", "people deployed"]).render(
            drains.map { [$0.department, String($0.quotaPersons), String($0.peakPersonsPerDay), String($0.people)] }))
        out.append("")
        let l = r.load
        out.append("Load: \(l.peopleDeployed) people deployed (\(l.poolMembersDeployed) from the pool); hours min \(Int(l.hoursMin)), median \(Int(l.hoursMedian)), p90 \(Int(l.hoursP90)), max \(Int(l.hoursMax)); \(l.nights) night shifts")
        out.append("Score: \(plan.score); hard breaks: \(r.hardBreaks); shifts below target: \(r.unfilledPositions)")
        return out.joined(separator: "\n")
    }
}
