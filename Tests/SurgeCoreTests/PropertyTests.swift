import Foundation
import Testing
@testable import SurgeCore

/// Properties on random small problems (seeded; a failing seed replays exactly).
struct PropertyTests {
    @Test("incremental score equals from-scratch score after long random move sequences", arguments: 0..<12)
    func incrementalMatchesScratch(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 1000)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        for step in 0..<3000 {
            let cells = 1 + rng.below(4)
            for _ in 0..<cells {
                let p = rng.below(cp.personCount), d = rng.below(cp.dayCount)
                let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                let j: Int32 = (b > a && rng.below(3) > 0) ? cp.dayDemands[a + rng.below(b - a)] : -1
                s.set(p, d, j)
            }
            let delta = s.evaluate()
            if rng.below(2) == 0 { s.commit(delta) } else { s.rollback() }
            if step % 500 == 499 {
                let fresh = IncrementalScore(cp)
                fresh.load(s.grid)
                #expect(fresh.score == s.score, "seed \(seed) step \(step)")
                #expect(fresh.weightedHard == s.weightedHard)
                for d in 0..<cp.dayCount {
                    let listed = Set((0..<Int(s.dayWorkerCount[d])).map { Int(s.dayWorkers[d * cp.personCount + $0]) })
                    let working = Set((0..<cp.personCount).filter { s.cell($0, d) >= 0 })
                    #expect(listed == working && listed.count == Int(s.dayWorkerCount[d]), "day lists, seed \(seed) step \(step)")
                }
            }
        }
    }

    /// Long rows are re-scored from checkpoints (only the weeks a move touches): every committed
    /// delta must still equal a from-scratch rescore, for the general model and the Curtois rules.
    @Test("on long horizons the checkpointed re-scoring equals a from-scratch score after every move", arguments: 0..<8)
    func checkpointedMatchesScratch(seed: Int) throws {
        let problem = seed % 2 == 0
            ? RandomProblems.make(seed: UInt64(seed) &+ 5000, people: 5, days: 45)
            : CurtoisModel(try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed), people: 5, days: 63))).problem
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        RowRebuilderTests.randomGrid(s, &rng)
        var expected = s.score
        for step in 0..<1500 {
            // Mostly short moves inside a week or two, sometimes cells far apart.
            let p = rng.below(cp.personCount)
            let d0 = rng.below(cp.dayCount), cells = 1 + rng.below(5)
            for i in 0..<cells {
                let q = rng.below(4) == 0 ? rng.below(cp.personCount) : p
                let d = rng.below(5) == 0 ? rng.below(cp.dayCount) : min(cp.dayCount - 1, d0 + i)
                let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                s.set(q, d, (b > a && rng.below(3) > 0) ? cp.dayDemands[a + rng.below(b - a)] : -1)
            }
            let delta = s.evaluate()
            if rng.below(3) > 0 {
                s.commit(delta)
                expected = Score(hard: expected.hard + delta.hard, coverage: expected.coverage + delta.coverage, soft: expected.soft + delta.soft)
            } else { s.rollback() }
            if step % 25 == 0 {
                let fresh = IncrementalScore(cp)
                fresh.load(s.grid)
                #expect(fresh.score == expected && s.score == expected, "seed \(seed) step \(step)")
                #expect(fresh.weightedHard == s.weightedHard, "seed \(seed) step \(step)")
                if fresh.score != expected { return }
            }
        }
    }

    @Test("every hard rule re-checked by the independent auditor agrees with the solver's plan", arguments: 0..<25)
    func auditorAgrees(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed))
        let result = try Solver.solve(problem, options: SolverOptions(seed: UInt64(seed), moveBudget: 3000))
        let audited = try PlanAuditor.audit(problem, assignments: result.plan.assignments)
        #expect(audited == hardUnits(result.plan), "seed \(seed)")
        #expect(result.plan.score.hard == audited.values.reduce(0, +))
        #expect(result.plan.hardBreaks.reduce(0) { $0 + $1.units } == result.plan.score.hard)
    }

    @Test("auditor agrees with the scorer on random (mostly illegal) grids too", arguments: 0..<25)
    func auditorAgreesOnRandomGrids(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 500)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        for p in 0..<cp.personCount {
            for d in 0..<cp.dayCount {
                let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                if b > a && rng.below(2) == 0 { s.grid[p * cp.dayCount + d] = cp.dayDemands[a + rng.below(b - a)] }
            }
        }
        s.recomputeAll()
        let plan = PlanReport.build(s)
        let audited = try PlanAuditor.audit(problem, assignments: plan.assignments)
        #expect(audited == hardUnits(plan), "seed \(seed)")
    }

    @Test("on tiny problems the solver finds a legal plan whenever brute force shows one exists", arguments: 0..<15)
    func bruteForce(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 77, people: 3, days: 4)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        // Enumerate every grid: each free cell is off or one eligible demand of that day.
        var options: [[Int32]] = []
        for p in 0..<cp.personCount {
            for d in 0..<cp.dayCount {
                var o: [Int32] = [-1]
                for k in Int(cp.dayDemandStart[d])..<Int(cp.dayDemandStart[d + 1]) where cp.eligible.get(Int(cp.dayDemands[k]), p) {
                    o.append(cp.dayDemands[k])
                }
                if cp.pinnedCell[p * cp.dayCount + d] {
                    o = [cp.pinnedAssignments.first { Int($0.person) == p && Int(cp.demandDay[Int($0.demand)]) == d }!.demand]
                }
                options.append(o)
            }
        }
        let combinations = options.reduce(1) { $0 * $1.count }
        try #require(combinations <= 300_000, "seed \(seed): too many grids (\(combinations))")
        var best: Score?
        var bestGrid: [Int32] = []
        var digits = [Int](repeating: 0, count: options.count)
        for _ in 0..<combinations {
            for i in 0..<options.count { s.grid[i] = options[i][digits[i]] }
            s.recomputeAll()
            if best == nil || s.score < best! { best = s.score; bestGrid = Array(UnsafeBufferPointer(start: s.grid, count: options.count)) }
            var i = 0
            while i < digits.count { digits[i] += 1; if digits[i] < options[i].count { break }; digits[i] = 0; i += 1 }
        }
        let result = try Solver.solve(problem, options: SolverOptions(seed: 1, moveBudget: 20_000))
        let optimum = try #require(best)
        #expect(result.plan.score >= optimum, "seed \(seed): solver cannot beat the optimum")
        if optimum.hard == 0 { #expect(result.plan.score.hard == 0, "seed \(seed): a legal plan exists \(bestGrid) \(optimum)") }
    }

    @Test("same seed and move budget give the same plan; threads keep determinism", arguments: [1, 2])
    func deterministic(threads: Int) throws {
        let problem = RandomProblems.make(seed: 42, people: 8, days: 14)
        let a = try Solver.solve(problem, options: SolverOptions(seed: 9, moveBudget: 5000, threads: threads))
        let b = try Solver.solve(problem, options: SolverOptions(seed: 9, moveBudget: 5000, threads: threads))
        #expect(a.plan.assignments == b.plan.assignments)
        #expect(a.plan.score == b.plan.score)
    }

    @Test("an impossible problem yields the plan with its breaks listed, not a crash")
    func infeasible() throws {
        var t = TinyProblem()
        t.profile.minTotalMinutes = 100 * 60 // more than the horizon's shifts can give
        t.person("ann")
        t.shift("s0", day: 0, from: 8, hours: 8)
        let plan = try Solver.solve(t.problem, options: SolverOptions(moveBudget: 1000)).plan
        #expect(plan.score.hard > 0)
        #expect(plan.hardBreaks.contains { $0.rule == .minTotalMinutes && $0.person == "ann" })
        #expect(!plan.isLegal)
    }

    @Test("cancellation stops the search and still returns a plan")
    func cancellation() throws {
        let problem = RandomProblems.make(seed: 3)
        let result = try Solver.solve(problem, options: SolverOptions(moveBudget: 100_000_000, isCancelled: { true }))
        #expect(result.statistics.moves < 100_000_000)
    }

    @Test("an injected clock bounds the search and progress reports the best score so far")
    func injectedClock() throws {
        let ticks = Ticker()
        let reports = Ticker()
        let problem = RandomProblems.make(seed: 4, people: 8, days: 14)
        let result = try Solver.solve(problem, options: SolverOptions(seed: 1, timeLimit: 50, clock: { ticks.next() },
                                                                      progress: { _ in _ = reports.next() }))
        #expect(ticks.value >= 50)          // stopped by the (fake) time limit, not by anything else
        #expect(result.statistics.elapsed != nil)
        #expect(result.plan.score <= result.statistics.constructionScore)
    }
}

/// A thread-safe counter used as a fake clock (one "second" per reading).
final class Ticker: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0.0
    func next() -> Double { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
