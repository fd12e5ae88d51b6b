import Foundation
import SurgeCore
import Testing

@Suite struct CrisisReportTests {
    /// The report's coverage and department drain agree with a count made straight from the assignments.
    @Test func reportMatchesAnIndependentCount() throws {
        let start = LocalDate(year: 2026, month: 11, day: 23)!
        let scenario = CrisisScenario(name: "Hotline", level: 2, startDay: start, days: 3, ruleProfile: "normal", tasks: [
            CrisisTask(code: "hotline", name: "Bürgertelefon", priority: 1,
                       shifts: [CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 2, target: 3)]),
        ])
        let people = (0..<6).map { i in
            Person(id: "P\(i)", homeDepartment: i < 3 ? "A" : "B", poolKind: i == 5 ? .volunteer : .none, ruleProfile: "normal")
        }
        let quotas = [DepartmentReleaseQuota(departmentCode: "A", level: .two, staffCount: 3, staffFTE: 3, neededFTE: 1, usedFTE: 0, usedPersons: 0),
                      DepartmentReleaseQuota(departmentCode: "B", level: .two, staffCount: 3, staffFTE: 3, neededFTE: 2, usedFTE: 0, usedPersons: 0)]
        var profile = RuleProfile(id: "normal")
        profile.minRestMinutes = 660
        let problem = try CrisisPlanning.problem(scenario: scenario, people: people, quotas: quotas, profile: profile)
        #expect(problem.releaseQuotas.first { $0.department == "A" }?.maxPersonsPerDay == 2)
        let result = try Solver.solve(problem, options: SolverOptions(seed: 3, moveBudget: 20_000))
        let report = CrisisReport(problem: problem, plan: result.plan)

        let perDemand = Dictionary(grouping: result.plan.assignments, by: \.demand).mapValues(\.count)
        let hotline = try #require(report.tasks.first)
        #expect(hotline.shifts == 3)
        #expect(hotline.peopleAssigned == result.plan.assignments.count)
        #expect(hotline.shiftsAtMinimum == problem.demands.filter { (perDemand[$0.id] ?? 0) >= 2 }.count)
        for drain in report.departments {
            let deployed = Set(result.plan.assignments.map(\.person)).filter { id in people.first { $0.id == id }?.homeDepartment == drain.department && id != "P5" }
            #expect(drain.people == deployed.count)
            #expect(drain.peakPersonsPerDay <= drain.quotaPersons || result.plan.hardBreaks.contains { $0.rule == .releaseQuotaPersons })
        }
    }
}
