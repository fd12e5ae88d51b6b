import Foundation
import Testing
@testable import SurgeCore

/// One day's cells of a group re-assigned by an exact assignment problem: the Hungarian method
/// finds the cheapest assignment (checked by enumeration), and under the Curtois rules (no mixes
/// or quotas, so the model is exact) the proposal is the best of all combinations of the group's
/// cells that day and its model value is the value the incremental score gives the move.
struct DayMatcherTests {
    @Test("the assignment solver finds the cheapest assignment, or none when every one uses a forbidden pair", arguments: 0..<40)
    func assignmentIsOptimal(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 31)
        let n = 1 + rng.below(4), m = n + rng.below(4)
        var cost = [Int](repeating: 0, count: n * m)
        for k in 0..<(n * m) { cost[k] = rng.below(5) == 0 ? AssignmentProblem.forbidden : rng.below(41) - 20 }
        // Enumerate every injection of rows into columns.
        var best: Int?
        func enumerate(_ i: Int, _ used: inout [Bool], _ sum: Int) {
            if i == n { if best == nil || sum < best! { best = sum }; return }
            for c in 0..<m where !used[c] && cost[i * m + c] < AssignmentProblem.forbidden {
                used[c] = true; enumerate(i + 1, &used, sum + cost[i * m + c]); used[c] = false
            }
        }
        var used = [Bool](repeating: false, count: m)
        enumerate(0, &used, 0)
        let chosen = cost.withUnsafeBufferPointer { AssignmentProblem.solve(rows: n, columns: m, cost: $0.baseAddress!) }
        #expect((chosen == nil) == (best == nil), "seed \(seed)")
        guard let chosen, let best else { return }
        #expect(Set(chosen).count == n, "seed \(seed): columns must be distinct")
        let total = (0..<n).reduce(0) { $0 + cost[$1 * m + chosen[$1]] }
        #expect(total == best, "seed \(seed)")
    }

    static func curtoisScore(seed: Int) throws -> IncrementalScore {
        let inst = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 300, people: 9, days: 21))
        let cp = try CompiledProblem(CurtoisModel(inst).problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 5000)
        Construction().run(s, rng: &rng, options: options)
        options.rebuildShare = 0
        LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil).run()
        return s
    }

    @Test("under the Curtois rules the proposal is the best combination of the group's cells and its model value is the move's value", arguments: 0..<10)
    func proposalIsExactOnCurtois(seed: Int) throws {
        let s = try Self.curtoisScore(seed: seed)
        let cp = s.cp
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let matcher = DayMatcher(s)
        var improved = 0
        for round in 0..<12 {
            let d = rng.below(cp.dayCount)
            var people: [Int] = []
            let size = 2 + rng.below(3)
            while people.count < size { let p = rng.below(cp.personCount); if !people.contains(p) { people.append(p) } }
            let (hw, cw) = round % 2 == 0 ? (40, 100) : (3, 1)
            // Every combination of the day's values each person may take (the current one, off, or
            // a position of day d they are eligible for), re-scored.
            let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
            let values: [[Int32]] = people.map { p in
                let all: [Int32] = [-1] + (a..<b).map { cp.dayDemands[$0] }
                return all.filter { $0 == s.cell(p, d) || !cp.pinnedCell[p * cp.dayCount + d] && ($0 < 0 || cp.eligible.get(Int($0), p)) }
            }
            var best = Int.max
            var combo = [Int](repeating: 0, count: people.count)
            while true {
                for (i, p) in people.enumerated() { s.set(p, d, values[i][combo[i]]) }
                let delta = s.evaluate()
                best = min(best, delta.weighted * hw + delta.coverage * cw + delta.soft)
                s.rollback()
                var i = 0
                while i < combo.count { combo[i] += 1; if combo[i] < values[i].count { break }; combo[i] = 0; i += 1 }
                if i == combo.count { break }
            }
            let changes = matcher.propose(day: d, people: people, hw: hw, cw: cw)
            #expect(matcher.lastModelValue == min(0, best), "seed \(seed) round \(round): model \(matcher.lastModelValue), enumeration \(best)")
            for c in changes { s.set(c.person, d, c.cell) }
            let delta = s.evaluate()
            let value = delta.weighted * hw + delta.coverage * cw + delta.soft
            #expect(value == matcher.lastModelValue, "seed \(seed) round \(round): the move's value differs from the model's")
            if value < 0 { improved += 1 }
            s.commit(delta)
        }
        #expect(improved > 0, "seed \(seed): no round found an improving re-assignment")
    }

    @Test("with day re-assignments as every rebuild turn, searched plans on the general model score as recomputed and audited", arguments: 0..<6)
    func searchWithDayMatchesStaysConsistent(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 5200, people: 12, days: 14)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 20_000)
        options.rebuildShare = 0.2
        options.dayMatchPercent = 100
        options.dayMatchPeople = 8
        Construction().run(s, rng: &rng, options: options)
        let search = LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil)
        search.run()
        #expect(search.dayMatches > 0, "seed \(seed): no day re-assignment was tried")
        try expectSearchedPlanConsistent(s, best: search.best, problem: problem, "seed \(seed)")
    }
}
