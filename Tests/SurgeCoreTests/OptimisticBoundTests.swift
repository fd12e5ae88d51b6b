import Foundation
import Testing
@testable import SurgeCore

/// The search rejects a move without re-scoring its rows when `IncrementalScore.optimisticValue`
/// already exceeds the annealing threshold. That is only sound if the bound never exceeds the
/// move's true value, and the bound's live counters (minutes, weekends, shift kinds) must not
/// drift over commits and rollbacks.
struct OptimisticBoundTests {
    static func problem(seed: Int) throws -> CompiledProblem {
        // Even seeds: the general model (history, fairness and continuity: row-wide soft terms);
        // odd seeds: Curtois rules (kind caps, weekends, total minutes; cell-local soft terms).
        let problem = seed % 2 == 0
            ? RandomProblems.make(seed: UInt64(seed) &+ 7000, people: 6, days: 21)
            : CurtoisModel(try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 70, people: 8, days: 28))).problem
        return try CompiledProblem(problem)
    }

    /// A random move of 1-4 cells, mostly neighbouring days of one person (as the search draws).
    /// Returns the people whose cells it set (a cell may be set twice and end as it was).
    @discardableResult
    static func randomMove(_ s: IncrementalScore, _ rng: inout SplitMix64) -> Set<Int> {
        let cp = s.cp
        let p = rng.below(cp.personCount), d0 = rng.below(cp.dayCount)
        var people = Set<Int>()
        for i in 0..<(1 + rng.below(4)) {
            let q = rng.below(4) == 0 ? rng.below(cp.personCount) : p
            let d = rng.below(5) == 0 ? rng.below(cp.dayCount) : min(cp.dayCount - 1, d0 + i)
            let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
            let j = (b > a && rng.below(3) > 0) ? cp.dayDemands[a + rng.below(b - a)] : -1
            if s.cell(q, d) != j { people.insert(q) }
            s.set(q, d, j)
        }
        return people
    }

    @Test("the optimistic value of a move never exceeds its value from re-scored rows", arguments: 0..<12)
    func boundIsBelowValue(seed: Int) throws {
        let cp = try Self.problem(seed: seed)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        // From a constructed plan (mostly legal rows, where the bound is tight) and later from a
        // random grid (rows that break rules).
        Construction().run(s, rng: &rng, options: SolverOptions(seed: UInt64(seed)))
        for step in 0..<4000 {
            if step == 2000 { RowRebuilderTests.randomGrid(s, &rng) }
            Self.randomMove(s, &rng)
            let (hw, cw) = step % 2 == 0 ? (40, 100) : (1, 1)
            let bound = s.optimisticValue(hw: hw, cw: cw)
            let delta = s.evaluate()
            let value = delta.weighted * hw + delta.coverage * cw + delta.soft
            #expect(bound <= value, "seed \(seed) step \(step): bound \(bound) above value \(value)")
            if bound > value { return }
            // Keep improving moves and some others, so the plan (and its counters) keep changing.
            if value <= 0 || rng.below(4) == 0 { s.commit(delta) } else { s.rollback() }
        }
    }

    @Test("under the Curtois rules, a move that makes a legal row break a rule is seen by the bound", arguments: 0..<8)
    func curtoisBreaksAreSeen(seed: Int) throws {
        let cp = try Self.problem(seed: 2 * seed + 1)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed) &+ 5)
        // A searched plan, so that most rows are legal.
        var options = SolverOptions(seed: UInt64(seed))
        options.moveBudget = 30_000
        Construction().run(s, rng: &rng, options: options)
        LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil).run()
        var legalBefore = [Bool](repeating: false, count: cp.personCount)
        var seen = 0
        for step in 0..<4000 {
            for p in 0..<cp.personCount { legalBefore[p] = s.personWeighted[p] == 0 }
            let touched = Self.randomMove(s, &rng)
            // A hard unit outweighs every soft and cover term of a small move.
            let bound = s.optimisticValue(hw: 1_000_000, cw: 1)
            let delta = s.evaluate()
            if !touched.isEmpty && touched.allSatisfy({ legalBefore[$0] }) && delta.weighted > 0 {
                seen += 1
                #expect(bound > 0, "seed \(seed) step \(step): a new break the bound missed")
            }
            if delta.weighted <= 0 { s.commit(delta) } else { s.rollback() }
        }
        #expect(seen > 20, "seed \(seed): only \(seen) moves broke a legal row")
    }

    @Test("after long sequences of commits and rollbacks the bound equals a fresh score's bound for the same move", arguments: 0..<8)
    func countersDoNotDrift(seed: Int) throws {
        let cp = try Self.problem(seed: seed)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed) &+ 99)
        Construction().run(s, rng: &rng, options: SolverOptions(seed: UInt64(seed)))
        for step in 0..<3000 {
            Self.randomMove(s, &rng)
            let delta = s.evaluate()
            if rng.below(2) == 0 { s.commit(delta) } else { s.rollback() }
            if step % 300 != 299 { continue }
            // Replay one more random move on both scores.
            let fresh = IncrementalScore(cp)
            fresh.load(s.grid)
            var a = SplitMix64(seed: UInt64(step)), b = a
            Self.randomMove(s, &a)
            Self.randomMove(fresh, &b)
            let mine = s.optimisticValue(hw: 40, cw: 100), theirs = fresh.optimisticValue(hw: 40, cw: 100)
            #expect(mine == theirs, "seed \(seed) step \(step)")
            s.rollback(); fresh.rollback()
            if mine != theirs { return }
        }
    }
}
