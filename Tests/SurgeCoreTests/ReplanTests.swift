import Foundation
import Testing
@testable import SurgeCore

struct ReplanTests {
    @Test("a 3-day sick call is repaired changing only the hit positions; the past and pins stay")
    func sickCall() throws {
        let problem = CityGenerator(staff: 300, tasks: 5, days: 14, seed: 5).generate()
        let published = try Solver.solve(problem, options: SolverOptions(seed: 1, moveBudget: 20_000)).plan
        #expect(published.isLegal)
        let cal = Berlin.calendar
        let from = cal.date(byAdding: .day, value: 5, to: problem.horizonStart)!
        let until = cal.date(byAdding: .day, value: 3, to: from)!
        let starts = Dictionary(uniqueKeysWithValues: problem.demands.map { ($0.id, $0.start) })
        var count: [String: Int] = [:]
        for a in published.assignments where starts[a.demand]! >= from && starts[a.demand]! < until { count[a.person, default: 0] += 1 }
        let sick = try #require(count.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        let result = try Replanner.repair(problem: problem, published: published.assignments,
                                          events: [.unavailable(person: sick, from: from, until: until)], now: from,
                                          options: SolverOptions(seed: 1, moveBudget: 10_000))
        #expect(result.affectedPositions == count[sick])
        #expect(result.plan.isLegal)
        #expect(!result.plan.assignments.contains { $0.person == sick && starts[$0.demand]! >= from && starts[$0.demand]! < until })
        #expect(result.changedPositions <= result.affectedPositions + result.affectedPositions / 10)
        // Nothing before `now` moved.
        let past = Set(published.assignments.filter { starts[$0.demand]! < from })
        #expect(past.isSubset(of: Set(result.plan.assignments)))
        #expect(result.removed.allSatisfy { $0.person == sick })
    }

    @Test("added demand is filled without touching other assignments")
    func demandAdded() throws {
        var t = TinyProblem()
        t.person("ann"); t.person("bob"); t.person("cid")
        t.shift("s0", day: 0, from: 8, hours: 8)
        t.shift("s1", day: 1, from: 8, hours: 8)
        let published = try Solver.solve(t.problem, options: SolverOptions(moveBudget: 2000)).plan
        var extra = TinyProblem()
        extra.shift("new", day: 2, from: 8, hours: 8, min: 2, target: 2)
        let result = try Replanner.repair(problem: t.problem, published: published.assignments, events: [.demandAdded(extra.demands[0])],
                                          now: t.start, options: SolverOptions(moveBudget: 1000))
        #expect(result.removed.isEmpty)
        #expect(result.added.count == 2 && result.added.allSatisfy { $0.demand == "new" })
    }
}
