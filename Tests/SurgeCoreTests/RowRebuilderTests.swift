import Foundation
import Testing
@testable import SurgeCore

/// The whole-row rebuild (dynamic program over one person's days) against independent checks:
/// brute force over every row, and a from-scratch rescore after long sequences of rebuilds.
struct RowRebuilderTests {
    /// A random Curtois instance: `people` employees, `days` days, shifts D (480), L (480), N (600)
    /// with N→D and L→D forbidden; random rules, days off, requests and cover. `lenient`: shifts D
    /// and N only, rules that leave many legal rosters, and random cover weights (for enumerating
    /// every roster of tiny instances).
    static func curtoisText(seed: UInt64, people: Int, days: Int, lenient: Bool = false) -> String {
        var rng = SplitMix64(seed: seed)
        let kinds = lenient ? ["D", "N"] : ["D", "L", "N"]
        var t = "SECTION_HORIZON\n\(days)\n\nSECTION_SHIFTS\n" + (lenient ? "D,480,\nN,600,D\n" : "D,480,\nL,480,D\nN,600,D|L\n") + "\nSECTION_STAFF\n"
        for e in 0..<people {
            if lenient {
                let maxT = 480 * (1 + rng.below(days)), minT = rng.below(2) == 0 ? 0 : 480
                t += "E\(e),D=\(days)|N=\(rng.below(2) == 0 ? 1 : days),\(maxT),\(minT),\(1 + rng.below(days)),1,1,1\n"
                continue
            }
            let maxT = 480 * (2 + rng.below(days - 1)), minT = max(0, maxT - 480 * (1 + rng.below(3)))
            let capN = rng.below(2) == 0 ? "0" : "\(days)"
            t += "E\(e),D=\(days)|L=\(days)|N=\(capN),\(maxT),\(minT),\(2 + rng.below(3)),\(1 + rng.below(2)),\(1 + rng.below(2)),\(rng.below(2))\n"
        }
        t += "\nSECTION_DAYS_OFF\n"
        for e in 0..<people where rng.below(lenient ? 3 : 2) == 0 { t += "E\(e),\(rng.below(days))\n" }
        t += "\nSECTION_SHIFT_ON_REQUESTS\n"
        for e in 0..<people where rng.below(2) == 0 { t += "E\(e),\(rng.below(days)),\(kinds[rng.below(kinds.count)]),\(1 + rng.below(3))\n" }
        t += "\nSECTION_SHIFT_OFF_REQUESTS\n"
        for e in 0..<people where rng.below(2) == 0 { t += "E\(e),\(rng.below(days)),\(kinds[rng.below(kinds.count)]),\(1 + rng.below(3))\n" }
        t += "\nSECTION_COVER\n"
        for d in 0..<days {
            for s in kinds { t += lenient ? "\(d),\(s),\(rng.below(3)),\(1 + rng.below(100)),\(1 + rng.below(5))\n" : "\(d),\(s),\(rng.below(3)),100,1\n" }
        }
        return t
    }

    static func randomGrid(_ s: IncrementalScore, _ rng: inout SplitMix64) {
        let cp = s.cp
        for p in 0..<cp.personCount {
            for d in 0..<cp.dayCount {
                let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                s.grid[p * cp.dayCount + d] = b > a && rng.below(2) == 0 ? cp.dayDemands[a + rng.below(b - a)] : -1
            }
        }
        s.recomputeAll()
    }

    /// A search on a random 10-person Curtois roster of `days` days (for tests of single moves).
    /// Moves that draw several kinds are tested one kind at a time: `tune` sets the shares (by
    /// default the weekend move and the wish block exchange are off).
    static func searchOnRandomRoster(seed: Int, instanceSeed: UInt64, days: Int = 21,
                                     tune: (inout SolverOptions) -> Void = { $0.weekendMovePercent = 0; $0.longHorizonWeekendMovePercent = 0; $0.wishBlockPercent = 0 }) throws -> (CompiledProblem, IncrementalScore, LocalSearch) {
        let text = curtoisText(seed: instanceSeed, people: 10, days: days)
        let cp = try CompiledProblem(CurtoisModel(try CurtoisParser.parse(text)).problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        randomGrid(s, &rng)
        var options = SolverOptions(seed: UInt64(seed))
        tune(&options)
        return (cp, s, LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil))
    }

    /// Each demand's headcount recounted from a plain copy of the grid (not the incremental score's).
    static func recountedHeadcounts(_ cp: CompiledProblem, _ grid: [Int32]) -> [Int] {
        var headcount = [Int](repeating: 0, count: cp.demandCount)
        for x in grid where x >= 0 { headcount[Int(x)] += 1 }
        return headcount
    }

    /// A random 4-person Curtois instance with a random (mostly illegal) roster loaded.
    static func randomRoster(seed: Int, instanceSeed: UInt64, days: Int) throws -> (CompiledProblem, IncrementalScore) {
        let inst = try CurtoisParser.parse(curtoisText(seed: instanceSeed, people: 4, days: days))
        let cp = try CompiledProblem(CurtoisModel(inst).problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        randomGrid(s, &rng)
        return (cp, s)
    }

    @Test("the rebuilt row is at least as cheap as every legal row found by brute force", arguments: 0..<8)
    func optimalAgainstBruteForce(seed: Int) throws {
        let (cp, s) = try Self.randomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 40, days: 6)
        let rb = RowRebuilder(s)
        // A hard unit outweighs any coverage here, so the cheapest row must also be legal.
        let hw = 100_000, cw = 100
        func value(_ x: ScoreDelta) -> Int { x.weighted * hw + x.coverage * cw + x.soft }
        let D = cp.dayCount
        for p in 0..<cp.personCount {
            let row = try #require(rb.rebuild(p, hardWeight: hw, coverageWeight: cw))
            for d in 0..<D { s.set(p, d, row[d]) }
            let dpValue = value(s.evaluate())
            let dpHard = s.evaluator.evaluate(p, s.grid + p * D).hard
            s.rollback()
            // Brute force: every row of off or one eligible demand per day.
            var options: [[Int32]] = []
            for d in 0..<D {
                var o: [Int32] = [-1]
                for k in Int(cp.dayDemandStart[d])..<Int(cp.dayDemandStart[d + 1]) where cp.eligible.get(Int(cp.dayDemands[k]), p) {
                    o.append(cp.dayDemands[k])
                }
                options.append(o)
            }
            var bestLegal = Int.max
            var pick = [Int](repeating: 0, count: D)
            outer: while true {
                for d in 0..<D { s.set(p, d, options[d][pick[d]]) }
                let v = value(s.evaluate())
                let legal = s.evaluator.evaluate(p, s.grid + p * D).hard == 0
                s.rollback()
                if legal { bestLegal = min(bestLegal, v) }
                var i = 0
                while i < D {
                    pick[i] += 1
                    if pick[i] < options[i].count { continue outer }
                    pick[i] = 0; i += 1
                }
                break
            }
            if bestLegal < Int.max {
                #expect(dpValue <= bestLegal, "seed \(seed) person \(p): rebuilt \(dpValue), best legal \(bestLegal)")
                #expect(dpHard == 0, "seed \(seed) person \(p): a legal row exists but the rebuilt one breaks \(dpHard)")
            }
        }
    }

    @Test("with weekends priced instead of counted (long horizons) the rebuilt row still keeps the weekend limit", arguments: 0..<8)
    func pricedWeekends(seed: Int) throws {
        let (cp, s) = try Self.randomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 70, days: 14)
        let D = cp.dayCount
        var exercised = 0
        for p in 0..<cp.personCount {
            let full = RowRebuilder(s).shape(p)
            guard full.weekendStates > 1 else { continue }
            // A table too small for the weekend dimension (but big enough without it) forces the
            // Lagrangian pricing.
            let rb = RowRebuilder(s, maxEntries: full.states * D / 2)
            #expect(rb.shape(p).weekendsPriced)
            let row = try #require(rb.rebuild(p, hardWeight: 100_000, coverageWeight: 100))
            exercised += 1
            var weekends = 0
            for d in 0..<D where row[d] >= 0 && cp.dayWeekend[d] >= 0 && !(d > 0 && row[d - 1] >= 0 && cp.dayWeekend[d - 1] == cp.dayWeekend[d]) {
                weekends += 1
            }
            #expect(weekends <= full.maxWeekends, "seed \(seed) person \(p)")
            for d in 0..<D { s.set(p, d, row[d]) }
            s.commit(s.evaluate())
        }
        let fresh = IncrementalScore(cp)
        fresh.load(s.grid)
        #expect(fresh.score == s.score)
        if seed == 0 { #expect(exercised > 0, "the instance should have someone with a weekend limit above 0") }
    }

    @Test("pricing a rebuild leaves the counters untouched; the score stays exact over many rebuilds", arguments: 0..<10)
    func incrementalStaysExact(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 3000, people: 8, days: 14)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        Self.randomGrid(s, &rng)
        let rb = RowRebuilder(s)
        for step in 0..<300 {
            let p = rng.below(cp.personCount)
            let headcount = Array(UnsafeBufferPointer(start: s.headcount, count: cp.demandCount))
            let before = s.score
            guard let row = rb.rebuild(p, hardWeight: 1 + rng.below(200), coverageWeight: 100) else { continue }
            #expect(Array(UnsafeBufferPointer(start: s.headcount, count: cp.demandCount)) == headcount)
            #expect(s.score == before)
            for d in 0..<cp.dayCount where !cp.pinnedCell[p * cp.dayCount + d] { s.set(p, d, row[d]) }
            let delta = s.evaluate()
            if rng.below(3) > 0 { s.commit(delta) } else { s.rollback() }
            if step % 50 == 49 {
                let fresh = IncrementalScore(cp)
                fresh.load(s.grid)
                #expect(fresh.score == s.score, "seed \(seed) step \(step)")
                #expect(fresh.weightedHard == s.weightedHard)
            }
        }
    }

    @Test("solving random Curtois instances with rebuilds: the core's score equals the checker's", arguments: 0..<6)
    func solverAgreesWithChecker(seed: Int) throws {
        let inst = try CurtoisParser.parse(Self.curtoisText(seed: UInt64(seed) &+ 900, people: 6, days: 14))
        let model = CurtoisModel(inst)
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 20_000)
        options.rebuildShare = 0.5
        options.pairRebuildPercent = 50
        let result = try Solver.solve(model.problem, options: options)
        let eval = CurtoisChecker.evaluate(inst, roster: model.roster(of: result.plan))
        #expect(eval.objective == result.plan.score.soft)
        #expect(eval.isFeasible == result.plan.isLegal, "\(eval.violations)")
    }
}
