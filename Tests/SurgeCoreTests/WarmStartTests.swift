import Foundation
import Testing
@testable import SurgeCore

struct WarmStartTests {
    @Test("a warm start begins from the previous plan minus what became impossible; the plan stays consistent with the auditor")
    func keepsWhatIsStillPossible() throws {
        var problem = CityGenerator(staff: 300, tasks: 5, days: 14, seed: 7).generate()
        let first = try Solver.solve(problem, options: SolverOptions(seed: 1, moveBudget: 20_000)).plan
        // The busiest person falls sick for the whole horizon; the next plan must drop all their shifts.
        var count: [String: Int] = [:]
        for a in first.assignments { count[a.person, default: 0] += 1 }
        let sick = try #require(count.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        let i = try #require(problem.people.firstIndex { $0.id == sick })
        problem.people[i].absences.append(TimeWindow(start: problem.horizonStart, end: problem.horizonEnd))
        problem.previousPlan = first.assignments
        let stillPossible = Set(first.assignments.filter { $0.person != sick })

        // A tiny search budget: what the plan keeps comes from where the search started.
        var warmOptions = SolverOptions(seed: 2, moveBudget: 1)
        warmOptions.warmStartFromPreviousPlan = true
        let warm = try Solver.solve(problem, options: warmOptions).plan
        let cold = try Solver.solve(problem, options: SolverOptions(seed: 2, moveBudget: 1)).plan
        let warmKept = Set(warm.assignments).intersection(stillPossible).count
        let coldKept = Set(cold.assignments).intersection(stillPossible).count
        #expect(!warm.assignments.contains { $0.person == sick })
        #expect(warmKept * 100 >= stillPossible.count * 95, "kept \(warmKept) of \(stillPossible.count)")
        #expect(coldKept < warmKept)
        let audited = try PlanAuditor.audit(problem, assignments: warm.assignments)
        #expect(warm.score.hard == audited.values.reduce(0, +))
    }

    @Test("without a previous plan the option changes nothing")
    func noPreviousPlan() throws {
        let problem = CityGenerator(staff: 80, tasks: 3, days: 7, seed: 3).generate()
        var options = SolverOptions(seed: 4, moveBudget: 3_000)
        let plain = try Solver.solve(problem, options: options).plan
        options.warmStartFromPreviousPlan = true
        let flagged = try Solver.solve(problem, options: options).plan
        #expect(plain.assignments == flagged.assignments)
    }
}
