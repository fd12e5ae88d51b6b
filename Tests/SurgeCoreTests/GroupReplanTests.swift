import Testing
@testable import SurgeCore

/// The exact group re-plan (branch and price over a group's rows, everyone else fixed): with the
/// whole staff as the group it must reach the optimum of all rosters of tiny instances, enumerated
/// and scored by the independent Curtois checker; on larger plans every change it claims must be
/// the change the checker sees.
struct GroupReplanTests {
    /// A random 2-person, 5-day instance, the optimum of all its rosters and its worst legal roster.
    static func tinyExtremes(seed: Int) throws -> (CurtoisInstance, optimum: Int, worst: [[String?]], worstValue: Int) {
        let people = 2, days = 5
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 900, people: people, days: days, lenient: true))
        var optimum = Int.max, worstValue = Int.min
        var worst: [[String?]] = []
        let empty = [[String?]](repeating: [String?](repeating: nil, count: days), count: people)
        forEachRoster(from: empty, days: 0..<days) { roster in
            let check = CurtoisChecker.evaluate(instance, roster: roster)
            if check.isFeasible {
                optimum = min(optimum, check.objective)
                if check.objective > worstValue { worstValue = check.objective; worst = roster }
            }
        }
        try #require(optimum < Int.max, "seed \(seed): no legal roster")
        return (instance, optimum, worst, worstValue)
    }

    /// Calls `body` with every roster of the tiny instances' shifts (off, D or N per cell) that
    /// equals `base` outside `days`.
    static func forEachRoster(from base: [[String?]], days: Range<Int>, _ body: ([[String?]]) -> Void) {
        let values: [String?] = [nil, "D", "N"]
        let width = days.count
        var code = [Int](repeating: 0, count: base.count * width)
        while true {
            var roster = base
            for p in 0..<base.count { for (i, d) in days.enumerated() { roster[p][d] = values[code[p * width + i]] } }
            body(roster)
            var i = 0
            while i < code.count { code[i] += 1; if code[i] < values.count { break }; code[i] = 0; i += 1 }
            if i == code.count { return }
        }
    }

    /// Loads a roster (rows in staff order, shift names per day) into the score's grid.
    static func load(_ roster: [[String?]], into s: IncrementalScore, model: CurtoisModel) throws {
        let problem = s.cp.problem
        var grid = [Int32](repeating: -1, count: s.P * s.D)
        for (j, demand) in problem.demands.enumerated() {
            let cell = try #require(model.demandCell[demand.id])
            for p in 0..<s.P where roster[p][cell.day] == cell.shift {
                try #require(problem.people[p].id == model.instance.employees[p].id)
                grid[p * s.D + cell.day] = Int32(j)
            }
        }
        grid.withUnsafeBufferPointer { s.load($0.baseAddress!) }
    }

    /// The roster of the score's grid.
    static func roster(of s: IncrementalScore, model: CurtoisModel) -> [[String?]] {
        (0..<s.P).map { p in
            (0..<s.D).map { d in s.cell(p, d) < 0 ? nil : model.demandCell[s.cp.problem.demands[Int(s.cell(p, d))].id]?.shift }
        }
    }

    static func apply(_ rows: [[Int32]], of members: [Int], to s: IncrementalScore) {
        var grid = Array(UnsafeBufferPointer(start: s.grid, count: s.P * s.D))
        for (g, p) in members.enumerated() { for d in 0..<s.D { grid[p * s.D + d] = rows[g][d] } }
        grid.withUnsafeBufferPointer { s.load($0.baseAddress!) }
    }

    /// A 6-person, 14-day instance loaded with the plan of a plain short run (no polish, so that
    /// groups are left to improve), and that plan's objective by the checker.
    static func shortRunPlan(seed: Int) throws -> (CurtoisInstance, CurtoisModel, IncrementalScore, Int) {
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 4100, people: 6, days: 14, lenient: true))
        let model = CurtoisModel(instance)
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 300, threads: 1)
        options.polishShare = 0
        let result = try Solver.solve(model.problem, options: options)
        let start = CurtoisChecker.evaluate(instance, roster: model.roster(of: result.plan))
        try #require(start.isFeasible, "seed \(seed): the short run's plan is not legal")
        let s = IncrementalScore(try CompiledProblem(model.problem))
        try load(model.roster(of: result.plan), into: s, model: model)
        return (instance, model, s, start.objective)
    }

    @Test("re-planning everyone of a tiny instance from its worst legal roster reaches the enumerated optimum, branching on cells or on cover first",
          arguments: 0..<8, [false, true])
    func wholeStaffReachesTheOptimum(seed: Int, coverFirst: Bool) throws {
        let (instance, optimum, worst, worstValue) = try Self.tinyExtremes(seed: seed)
        let model = CurtoisModel(instance)
        let s = IncrementalScore(try CompiledProblem(model.problem))
        try Self.load(worst, into: s, model: model)
        let replan = try #require(GroupReplan(s))
        replan.branchesOnCover = coverFirst
        let outcome = replan.improve(Array(0..<s.P), nodeLimit: 100_000)
        #expect(outcome.complete, "seed \(seed): the search did not close in \(outcome.nodes) nodes")
        // The root's bound holds for the whole staff's rosters; it meets the optimum on most seeds.
        #expect(outcome.rootBound <= Double(optimum) + 1e-6, "seed \(seed): root bound \(outcome.rootBound) above the optimum \(optimum)")
        if let rows = outcome.rows { Self.apply(rows, of: Array(0..<s.P), to: s) }
        let check = CurtoisChecker.evaluate(instance, roster: Self.roster(of: s, model: model))
        #expect(check.isFeasible, "seed \(seed)")
        #expect(check.objective == optimum, "seed \(seed): re-planned to \(check.objective), optimum \(optimum) (from \(worstValue))")
        // The change it reports is the change the independent checker sees.
        #expect(outcome.before - outcome.after == worstValue - check.objective, "seed \(seed)")
    }

    @Test("a window re-plan of everyone reaches the enumerated optimum of the rosters that keep every cell outside the window", arguments: 0..<8)
    func windowReachesItsOptimum(seed: Int) throws {
        let (instance, _, worst, worstValue) = try Self.tinyExtremes(seed: seed)
        let model = CurtoisModel(instance)
        let s = IncrementalScore(try CompiledProblem(model.problem))
        try Self.load(worst, into: s, model: model)
        let days = (seed % 2)..<(seed % 2 + 3)
        // The optimum over the rosters equal to the worst one outside the window, enumerated.
        var optimum = Int.max
        Self.forEachRoster(from: worst, days: days) { roster in
            let check = CurtoisChecker.evaluate(instance, roster: roster)
            if check.isFeasible { optimum = min(optimum, check.objective) }
        }
        let replan = try #require(GroupReplan(s))
        let outcome = replan.improve(Array(0..<s.P), days: days, nodeLimit: 100_000)
        #expect(outcome.complete, "seed \(seed): the search did not close in \(outcome.nodes) nodes")
        if let rows = outcome.rows { Self.apply(rows, of: Array(0..<s.P), to: s) }
        let after = Self.roster(of: s, model: model)
        for p in 0..<s.P { for d in 0..<s.D where !days.contains(d) { #expect(after[p][d] == worst[p][d], "seed \(seed): person \(p), day \(d) changed outside the window") } }
        let check = CurtoisChecker.evaluate(instance, roster: after)
        #expect(check.isFeasible, "seed \(seed)")
        #expect(check.objective == optimum, "seed \(seed): re-planned to \(check.objective), the window's optimum is \(optimum) (from \(worstValue))")
        #expect(outcome.before - outcome.after == worstValue - check.objective, "seed \(seed)")
    }

    @Test("a held-cover re-plan of everyone ends at or below the best roster with the same headcount on every position, and gains at least what it claims")
    func heldCoverBeatsEveryRosterOfTheSameCover() throws {
        var gainable = 0
        for seed in 0..<8 {
            let (instance, _, worst, worstValue) = try Self.tinyExtremes(seed: seed)
            let model = CurtoisModel(instance)
            let s = IncrementalScore(try CompiledProblem(model.problem))
            try Self.load(worst, into: s, model: model)
            func headcount(_ roster: [[String?]]) -> [String: Int] {
                var count: [String: Int] = [:]
                for row in roster { for (d, shift) in row.enumerated() { if let shift { count["\(d) \(shift)", default: 0] += 1 } } }
                return count
            }
            // The best legal roster that works every position exactly as often as the worst one, enumerated.
            let held = headcount(worst)
            var heldOptimum = Int.max
            Self.forEachRoster(from: worst, days: 0..<worst[0].count) { roster in
                guard headcount(roster) == held else { return }
                let check = CurtoisChecker.evaluate(instance, roster: roster)
                if check.isFeasible { heldOptimum = min(heldOptimum, check.objective) }
            }
            if heldOptimum < worstValue { gainable += 1 }
            let replan = try #require(GroupReplan(s))
            let outcome = replan.improve(Array(0..<s.P), holdingCover: true, nodeLimit: 100_000)
            #expect(outcome.complete, "seed \(seed): the search did not close in \(outcome.nodes) nodes")
            if let rows = outcome.rows { Self.apply(rows, of: Array(0..<s.P), to: s) }
            let check = CurtoisChecker.evaluate(instance, roster: Self.roster(of: s, model: model))
            #expect(check.isFeasible, "seed \(seed)")
            #expect(check.objective <= heldOptimum, "seed \(seed): re-planned to \(check.objective), the same cover allows \(heldOptimum) (from \(worstValue))")
            // Its values are never below the true ones and equal them at the held cover.
            #expect(outcome.before - outcome.after <= worstValue - check.objective, "seed \(seed)")
        }
        #expect(gainable > 0, "no worst roster could gain without changing its cover")
    }

    @Test("window re-plans of short solver runs' plans change only the window, gain exactly what they claim, and gain")
    func windowClaimsMatchTheChecker() throws {
        var gained = 0
        for seed in 0..<3 {
            let (instance, model, s, start) = try Self.shortRunPlan(seed: seed)
            let replan = try #require(GroupReplan(s))
            var value = start
            var rng = SplitMix64(seed: UInt64(seed))
            for _ in 0..<8 {
                let first = rng.below(s.D - 4)
                let days = first..<(first + 5)
                let before = Self.roster(of: s, model: model)
                let outcome = replan.improve(Array(0..<s.P), days: days, nodeLimit: 200)
                #expect(outcome.after <= outcome.before, "seed \(seed)")
                guard let rows = outcome.rows else { continue }
                Self.apply(rows, of: Array(0..<s.P), to: s)
                let after = Self.roster(of: s, model: model)
                #expect((0..<s.P).allSatisfy { p in (0..<s.D).allSatisfy { days.contains($0) || after[p][$0] == before[p][$0] } },
                        "seed \(seed): window \(days) changed a cell outside it")
                let check = CurtoisChecker.evaluate(instance, roster: after)
                #expect(check.isFeasible, "seed \(seed): window \(days) left a rule broken")
                #expect(value - check.objective == outcome.before - outcome.after, "seed \(seed): window \(days)")
                gained += value - check.objective
                value = check.objective
            }
        }
        #expect(gained > 0, "no window improved a 300-move plan")
    }

    @Test("group re-plans of a short solver run's plan gain exactly what they claim, and gain", arguments: 0..<3)
    func claimsMatchTheChecker(seed: Int) throws {
        let (instance, model, s, start) = try Self.shortRunPlan(seed: seed)
        let replan = try #require(GroupReplan(s))
        var value = start, gained = 0
        var rng = SplitMix64(seed: UInt64(seed))
        for _ in 0..<12 {
            var members: [Int] = []
            while members.count < 3 { let p = rng.below(s.P); if !members.contains(p) { members.append(p) } }
            let outcome = replan.improve(members, nodeLimit: 200)
            #expect(outcome.after <= outcome.before, "seed \(seed)")
            guard let rows = outcome.rows else { continue }
            Self.apply(rows, of: members, to: s)
            let check = CurtoisChecker.evaluate(instance, roster: Self.roster(of: s, model: model))
            #expect(check.isFeasible, "seed \(seed): group \(members) left a rule broken")
            #expect(value - check.objective == outcome.before - outcome.after, "seed \(seed): group \(members)")
            gained += value - check.objective
            value = check.objective
        }
        #expect(gained > 0, "seed \(seed): no group improved a 300-move plan (\(start))")
    }

    @Test("branching on cover first reaches the same group optimum as branching on cells, and does branch on cover")
    func coverBranchingAgrees() throws {
        var coverBranches = 0, compared = 0
        for seed in 0..<3 {
            let (_, _, s, _) = try Self.shortRunPlan(seed: seed)
            let cells = try #require(GroupReplan(s)), cover = try #require(GroupReplan(s))
            cover.branchesOnCover = true
            var rng = SplitMix64(seed: UInt64(seed) &+ 77)
            for _ in 0..<12 {
                var members: [Int] = []
                while members.count < 4 { let p = rng.below(s.P); if !members.contains(p) { members.append(p) } }
                // Neither search changes the plan, so both see the same group.
                let a = cells.improve(members, nodeLimit: 5000), b = cover.improve(members, nodeLimit: 5000)
                coverBranches += b.coverBranches
                #expect(a.before == b.before, "seed \(seed): group \(members)")
                if a.complete && b.complete {
                    compared += 1
                    #expect(a.after == b.after, "seed \(seed): group \(members): \(a.after) by cells, \(b.after) by cover first")
                }
            }
        }
        #expect(compared > 0)
        #expect(coverBranches > 0, "no node branched on a position's cover")
    }

    /// A 10-person, 14-day instance solved twice from the same construction: half of `budget`
    /// moves alone, and the same main phase followed by a polish of group re-plans only.
    static func polishPair(seed: Int, budget: Int, _ configure: (inout SolverOptions) -> Void) throws
        -> (CurtoisInstance, CurtoisModel, plain: LocalSearch, polished: LocalSearch, IncrementalScore) {
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 5100, people: 10, days: 14, lenient: true))
        let model = CurtoisModel(instance)
        let cp = try CompiledProblem(model.problem)
        func solve(budget: Int, polishShare: Double) -> (LocalSearch, IncrementalScore) {
            var options = SolverOptions(seed: UInt64(seed), moveBudget: budget)
            options.polishShare = polishShare
            options.groupReplanPercent = 100
            configure(&options)
            return constructedSearch(cp, seed: seed, options: options)
        }
        let (plain, _) = solve(budget: budget / 2, polishShare: 0)
        let (polished, s) = solve(budget: budget, polishShare: 0.5)
        try #require(plain.best.hard == 0, "seed \(seed): the main phase left a rule broken")
        return (instance, model, plain, polished, s)
    }

    /// The polished plan is legal, is the main phase's best less the tally's gain, and is what the
    /// searched grid and the independent checker hold.
    static func expectPolishAccounted(_ instance: CurtoisInstance, _ model: CurtoisModel, plain: LocalSearch, polished: LocalSearch,
                                      _ s: IncrementalScore, seed: Int) throws {
        let gain = polished.groupTally.gain
        #expect(polished.best.hard == 0 && polished.best.soft == plain.best.soft - gain,
                "seed \(seed): \(plain.best) polished to \(polished.best), gain \(gain) reported")
        try expectSearchedPlanConsistent(s, best: polished.best, problem: model.problem, "seed \(seed)")
        let check = CurtoisChecker.evaluate(instance, roster: roster(of: s, model: model))
        #expect(check.isFeasible && check.objective == polished.best.soft, "seed \(seed): the checker sees \(check.objective)")
    }

    @Test("in the polish, group re-plans never end worse than the main phase alone, gain exactly what they report, and gain; groups start at their most people",
          arguments: [4, 8])
    func polishWithGroupReplans(mostPeople: Int) throws {
        var gained = 0
        for seed in 0..<4 {
            // The same main phase (half of 4000 moves) with and without the polish after it.
            let (instance, model, plain, polished, s) = try Self.polishPair(seed: seed, budget: 4000) { options in
                options.groupReplanPeople = 4
                options.groupReplanMostPeople = mostPeople
                options.groupReplanBarrenLimit = 2
            }
            #expect(polished.groupTally.runs > 0, "seed \(seed)")
            try Self.expectPolishAccounted(instance, model, plain: plain, polished: polished, s, seed: seed)
            gained += polished.groupTally.gain
            // The polish starts at the most people and never goes beyond.
            #expect(polished.groupTally.largest == mostPeople, "seed \(seed): a group of \(polished.groupTally.largest)")
            if mostPeople == 4 { #expect(polished.groupTally.grown == 0 && polished.groupTally.shrunk == 0, "seed \(seed): a fixed size changed") }
        }
        #expect(gained > 0, "no group re-plan improved a 2000-move plan")
    }

    @Test("in the polish, held-cover re-plans gain exactly what the tally reports, and gain")
    func polishWithHeldCover() throws {
        var gained = 0
        for seed in 0..<4 {
            let (instance, model, plain, polished, s) = try Self.polishPair(seed: seed, budget: 800) { options in
                options.groupReplanPeople = 4
                options.groupHeldCoverPercent = 100
                options.groupHeldCoverPeople = 6
            }
            let tally = polished.groupTally
            #expect(tally.runs > 0 && tally.heldRuns == tally.runs, "seed \(seed): \(tally.heldRuns) of \(tally.runs) re-plans held the cover")
            #expect(tally.heldKept == tally.kept && tally.heldGain == tally.gain, "seed \(seed)")
            try Self.expectPolishAccounted(instance, model, plain: plain, polished: polished, s, seed: seed)
            // Groups of 6, not the polish's size of 4.
            #expect(tally.largest == 0, "seed \(seed): held-cover groups set the polish's size")
            gained += tally.gain
        }
        #expect(gained > 0, "no held-cover re-plan improved a 400-move plan")
    }

    @Test("above the polish limit, a horizon of three windows or more (of the long or else the short length) polishes by window re-plans only and gains exactly what it reports; a shorter one is not polished",
          arguments: 0..<3)
    func longHorizonPolishByWindows(seed: Int) throws {
        // 10 people × 14 days = 140 cells, above a polish limit of 100.
        func configure(windowDays: Int, shortDays: Int = 5) -> (inout SolverOptions) -> Void {
            { options in
                options.polishMaxCells = 100
                options.longHorizonPolishMaxCells = 140
                options.longHorizonWindowDays = windowDays
                options.longHorizonShortWindowDays = shortDays
                options.longHorizonWindowPeople = 5
            }
        }
        let (instance, model, plain, polished, s) = try Self.polishPair(seed: seed, budget: 4000, configure(windowDays: 4))
        let tally = polished.groupTally
        #expect(tally.runs > 0 && tally.windowRuns == tally.runs, "seed \(seed): \(tally.windowRuns) of \(tally.runs) re-plans were windows")
        #expect(tally.windowKept == tally.kept && tally.windowGain == tally.gain, "seed \(seed)")
        try Self.expectPolishAccounted(instance, model, plain: plain, polished: polished, s, seed: seed)
        // Long windows of 5 days: 14 days hold fewer than three, but three short ones of 4.
        let (shortInstance, shortModel, shortPlain, short, shortScore) = try Self.polishPair(seed: seed, budget: 4000, configure(windowDays: 5, shortDays: 4))
        #expect(short.groupTally.runs > 0 && short.groupTally.windowRuns == short.groupTally.runs,
                "seed \(seed): \(short.groupTally.windowRuns) of \(short.groupTally.runs) re-plans were windows")
        try Self.expectPolishAccounted(shortInstance, shortModel, plain: shortPlain, polished: short, shortScore, seed: seed)
        // Windows of 5 days, long and short: no polish at all.
        let (_, _, _, unpolished, _) = try Self.polishPair(seed: seed, budget: 4000, configure(windowDays: 5))
        #expect(unpolished.groupTally.runs == 0 && unpolished.moves == 4000, "seed \(seed): \(unpolished.groupTally.runs) re-plans, \(unpolished.moves) moves")
        // Nor above the long-horizon limit.
        let (_, _, _, tooLarge, _) = try Self.polishPair(seed: seed, budget: 4000) { options in
            configure(windowDays: 4)(&options)
            options.longHorizonPolishMaxCells = 139
        }
        #expect(tooLarge.groupTally.runs == 0 && tooLarge.moves == 4000, "seed \(seed)")
    }

    @Test("held-cover re-plans stay off where every free re-plan closes (the master is strong there)", arguments: 0..<2)
    func heldCoverStaysOffWhereFreeReplansClose(seed: Int) throws {
        let (_, _, _, polished, _) = try Self.polishPair(seed: seed, budget: 40_000) { options in
            options.groupReplanPeople = 4
            options.groupReplanMostPeople = 4
            options.groupHeldCoverPercent = 50
        }
        let tally = polished.groupTally
        let free = tally.runs - tally.heldRuns
        try #require(free > 0 && tally.complete - tally.heldComplete == free, "seed \(seed): \(tally)")
        #expect(tally.heldRuns == 0, "seed \(seed): every free re-plan closed, yet \(tally.heldRuns) held the cover")
    }
}
