import Foundation

/// Simulated annealing over rostering moves on the incremental score.
///
/// Moves: assign a candidate to a demand (mostly a position below target, often taking the person
/// from a surplus position that day), extend someone's run of working days into an adjacent
/// position below target, fill a weekend hole with someone off that weekend who gives up a
/// weekend worked on one day only, change or clear one cell, swap two people's cells on one day,
/// grant an unmet wish by exchanging shifts (or whole runs) with whoever works it, slide a block
/// of days, and swap two people's cells over a block of 2-7 days or over whole runs (this also
/// moves a block from one person to another when one side is free). Rebuilds re-plan one
/// person's row (or a window of weeks) by dynamic programming, move a weekend to a far hole, or
/// re-assign one day's cells among a group exactly (`DayMatcher`). Parallel threads meet at
/// `exchange` to go on from the best plan found so far.
/// Temperature falls geometrically with the used share of the move budget, or of the time limit
/// when only a time limit is given.
final class LocalSearch {
    let s: IncrementalScore
    let cp: CompiledProblem
    /// The random stream, behind a pointer: a stored struct mutated in place would pay a dynamic
    /// exclusivity check on every draw (measured about 10 % of the search time).
    let rng: UnsafeMutablePointer<SplitMix64>
    let options: SolverOptions
    let thread: Int
    private(set) var best: Score
    private let bestGrid: UnsafeMutablePointer<Int32>
    /// The plan the search began with: every annealing cycle restarts from it, unless
    /// `freshRestarts`, when each cycle builds a new starting plan from an empty grid.
    private let startGrid: UnsafeMutablePointer<Int32>
    private let freshRestarts: Bool
    /// Annealing cycles of this run (see `SolverOptions.restartCycles`); 1 until chosen.
    private(set) var cycles = 1
    private var bestIsCurrent = true
    private(set) var moves = 0
    private(set) var secondsToFirstLegal: Double?
    private(set) var secondsToBest: Double?
    /// Seconds spent in `run()` (needs a clock).
    private(set) var searchSeconds: Double?
    private let startTime: Double?
    // The move being tried, so that it can be replayed after snapshotting the best plan.
    // Plain buffers for the same reason as `rng` (arrays in a class pay exclusivity and uniqueness
    // checks on every write).
    private let moveP: UnsafeMutablePointer<Int>, moveD: UnsafeMutablePointer<Int>, moveJ: UnsafeMutablePointer<Int32>
    private let moveCapacity: Int
    private var moveLen = 0
    /// Whole-row rebuilds (large-neighbourhood move), scheduled so that they take about
    /// `options.rebuildShare` of the work; nil when off.
    private let rebuilder: RowRebuilder?
    /// Whole-row rebuilds of rule breakers when `rebuilder` re-plans windows: a person whose
    /// total minutes leave little slack often cannot mend a break inside one window, because the
    /// shifts must move to other weeks. Used when two windows in a row left the same person
    /// breaking a rule, the plan breaks few rules, and no legal plan is known or the plan has
    /// stayed illegal for 256 rebuilds (measured: used at every break, or while many break, they
    /// cost more than they mend). Made on first use.
    private lazy var wholeRowRebuilder: RowRebuilder = RowRebuilder(s)
    /// Rebuilds since the current plan was last legal.
    private var illegalRebuilds = 0
    /// Windowed rebuilds in a row after which each person still broke a rule.
    private lazy var windowRepairs = [Int](repeating: 0, count: s.P)
    /// Program steps of the last rebuild move, whichever rebuilder made it (for scheduling).
    private var lastRebuildWork = 0
    private var rebuildCredit = 0.0
    private var scratchRow: [Int32]
    private(set) var rebuilds = 0, rebuildsAccepted = 0
    private var people: [Int] = []
    /// Where this thread meets the others to adopt the best plan found so far (see
    /// `SolverOptions.exchangeMeetings`); nil when searching alone.
    var exchange: EliteExchange?
    /// Plans adopted from another thread at a meeting.
    private(set) var adoptions = 0
    /// Where polishing threads keep one plan in step (see `SolverOptions.sharesPolishGains`);
    /// used only where every polish turn is an exact group re-plan and all threads start the
    /// polish from the one best plan.
    var board: PolishBoard?
    /// The board while this thread's polish shares its plan.
    private var sharedBoard: PolishBoard?
    /// The board's posts this thread has taken.
    private var boardRead = 0
    /// One day's cells of a group re-assigned exactly (see `DayMatcher`); made on first use.
    private lazy var dayMatcher = DayMatcher(s)
    private(set) var dayMatches = 0
    /// Exact group re-plans of the polish (`GroupReplan`); made on first use, nil where the
    /// relaxation they price with is not valid.
    private lazy var groupReplan: GroupReplan? = {
        let replan = GroupReplan(s)
        replan?.branchesOnCover = options.groupReplanCoverBranching
        return replan
    }()
    private(set) var groupTally = GroupReplanTally()
    /// People in this thread's next group re-plan, and closed re-plans without a gain since the
    /// last gain or change of size (see `SolverOptions.groupReplanMostPeople`).
    private lazy var groupSize = max(options.groupReplanPeople, options.groupReplanMostPeople)
    private var barrenReplans = 0
    /// Re-plans in a row that stopped at the node limit without a gain.
    private var blindDives = 0
    /// This thread's free (whole-horizon, cover not held) group re-plans, and those that did not close.
    private var freeReplans = 0, openReplans = 0
    /// Blind dives in a row after which the groups fall back to `groupReplanPeople`.
    static let blindDiveLimit = 4
    /// People one rebuild may free: the move log holds about a dozen rows.
    static func mostRuined(_ o: SolverOptions) -> Int { min(4, max(2, o.ruinPeople)) }

    init(_ s: IncrementalScore, rng: SplitMix64, options: SolverOptions, thread: Int, startTime: Double?, freshRestarts: Bool = false) {
        self.s = s; cp = s.cp; self.rng = .allocate(capacity: 1); self.rng.initialize(to: rng); self.options = options; self.thread = thread; self.startTime = startTime
        self.freshRestarts = freshRestarts
        let cells = max(16, Self.mostRuined(options) * s.D + 8)
        scratchRow = Array(repeating: -1, count: max(1, Self.mostRuined(options) * s.D))
        moveCapacity = cells
        moveP = .allocate(capacity: cells); moveD = .allocate(capacity: cells); moveJ = .allocate(capacity: cells)
        let window = options.rebuildWindowDays
        rebuilder = options.rebuildShare > 0 && s.P > 0 && s.D > 0
            ? RowRebuilder(s, longestWindow: window > 0 && s.D > 2 * window ? window + 7 : nil) : nil
        best = s.score
        bestGrid = .allocate(capacity: max(1, s.P * s.D))
        s.snapshot(into: bestGrid)
        startGrid = .allocate(capacity: max(1, s.P * s.D))
        s.snapshot(into: startGrid)
        if best.hard == 0 { secondsToFirstLegal = elapsed() }
        secondsToBest = elapsed()
    }

    deinit {
        bestGrid.deallocate(); startGrid.deallocate(); rng.deallocate()
        moveP.deallocate(); moveD.deallocate(); moveJ.deallocate()
    }

    func elapsed() -> Double? {
        guard let c = options.clock, let t0 = startTime else { return nil }
        return c() - t0
    }

    /// Restores the best plan found into the incremental score.
    func restoreBest() { if !bestIsCurrent { s.load(bestGrid); bestIsCurrent = true } }

    @inline(__always) private func add(_ p: Int, _ d: Int, _ j: Int32) {
        assert(moveLen < moveCapacity, "a move outgrew its buffer")
        moveP[moveLen] = p; moveD[moveLen] = d; moveJ[moveLen] = j; moveLen += 1
    }

    @inline(__always) private func free(_ p: Int, _ d: Int) -> Bool { !cp.pinnedCell[p * s.D + d] }

    @inline(__always) private func canTake(_ p: Int, _ j: Int32) -> Bool { j < 0 || cp.eligible.get(Int(j), p) }

    @inline(__always) private func belowTarget(_ j: Int) -> Bool { s.headcount[j] < cp.demandTarget[j] }

    /// A position below target, sampled (so O(1) on large problems); -1 if 16 draws found none.
    @inline(__always) private func sampledHole() -> Int {
        for _ in 0..<16 {
            let x = rng.pointee.below(s.J)
            if belowTarget(x) { return x }
        }
        return -1
    }

    /// The first of up to `limit` people working day d, scanned from a random start, that `accept`
    /// takes; -1 if none.
    @inline(__always) private func worker(on d: Int, limit: Int = .max, where accept: (Int) -> Bool) -> Int {
        let n = Int(s.dayWorkerCount[d])
        if n == 0 { return -1 }
        let start = rng.pointee.below(n)
        for t in 0..<min(n, limit) {
            let x = Int(s.dayWorkers[d * s.P + (start + t) % n])
            if accept(x) { return x }
        }
        return -1
    }

    /// A random person; while the plan breaks a hard rule, half the time one who breaks one
    /// (sampled, so it stays O(1) on thousands of people).
    @inline(__always) private func pickPerson() -> Int {
        let P = s.P
        if s.hard > 0 && rng.pointee.below(2) == 0 {
            for _ in 0..<16 {
                let p = rng.pointee.below(P)
                if s.personHard[p] > 0 { return p }
            }
        }
        return rng.pointee.below(P)
    }

    /// Half the time someone who works on day d (the grid is sparse in large problems, so a
    /// random person is mostly off), else `pickPerson()`.
    @inline(__always) private func pickWorker(on d: Int) -> Int {
        let n = Int(s.dayWorkerCount[d])
        if n > 0 && rng.pointee.below(2) == 0 { return Int(s.dayWorkers[d * s.P + rng.pointee.below(n)]) }
        return pickPerson()
    }

    /// Fills the move buffer with a random move; false when the draw gave nothing to do.
    private func drawMove() -> Bool {
        moveLen = 0
        let P = s.P, D = s.D, J = s.J
        if P == 0 || D == 0 { return false }
        let kind = rng.pointee.below(100)
        if kind < options.holeRunPercent {
            return drawHoleRun()
        } else if kind < 30 {
            // Put a candidate on a demand (replacing what they had that day).
            if J == 0 { return false }
            var j = rng.pointee.below(J)
            var aimed = false
            if rng.pointee.below(4) != 0 {
                // Three times in four aim at a position below target (sampled, so O(1) on large
                // problems; measured better than half the time on Instance13, 19 and 23).
                let x = sampledHole()
                if x >= 0 { j = x; aimed = true }
            }
            let n = cp.candidateCount(j)
            if n == 0 { return false }
            let d = Int(cp.demandDay[j])
            var p = -1
            if aimed && rng.pointee.below(100) < options.surplusTakerPercent {
                // Someone that day on a position above target: a hole filled from a surplus.
                p = worker(on: d, limit: 32) { x in
                    let c = Int(self.s.cell(x, d))
                    return c != j && self.s.headcount[c] > self.cp.demandTarget[c] && self.cp.eligible.get(j, x)
                }
            }
            if p < 0 { p = Int(cp.candidates[Int(cp.candidateStart[j]) + rng.pointee.below(n)]) }
            if !free(p, d) || s.cell(p, d) == Int32(j) { return false }
            add(p, d, Int32(j))
        } else if kind < 50 {
            // Clear or change one cell.
            let d = rng.pointee.below(D)
            let p = pickWorker(on: d)
            if !free(p, d) { return false }
            let cur = s.cell(p, d)
            if cur >= 0 && rng.pointee.below(2) == 0 { add(p, d, -1); return true }
            let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
            if b == a { return false }
            var j = cp.dayDemands[a + rng.pointee.below(b - a)]
            if rng.pointee.below(4) != 0 {
                // Mostly to a position of that day below target, as in the assignment move.
                for _ in 0..<8 {
                    let x = cp.dayDemands[a + rng.pointee.below(b - a)]
                    if belowTarget(Int(x)) { j = x; break }
                }
            }
            if j == cur || !cp.eligible.get(Int(j), p) { return false }
            add(p, d, j)
        } else if kind < 75 && kind >= 75 - options.wishSwapPercent {
            return drawWishSwap()
        } else if kind < 75 {
            // Swap two people on one day.
            let d = rng.pointee.below(D)
            let p1 = pickWorker(on: d)
            let c1 = s.cell(p1, d)
            let p2: Int
            if c1 >= 0 {
                let n = cp.candidateCount(Int(c1))
                p2 = Int(cp.candidates[Int(cp.candidateStart[Int(c1)]) + rng.pointee.below(n)])
            } else { p2 = rng.pointee.below(P) }
            if p1 == p2 { return false }
            let c2 = s.cell(p2, d)
            if c1 == c2 || !free(p1, d) || !free(p2, d) || !canTake(p2, c1) || !canTake(p1, c2) { return false }
            add(p1, d, c2); add(p2, d, c1)
        } else if kind < 85 {
            // Slide one person's block of days by one day (same task and kind on the new day):
            // fixes runs and days-off patterns without changing the workload. The day the block
            // moves into must be free; the day it leaves becomes free.
            let len = 1 + rng.pointee.below(4)
            let forward = rng.pointee.below(2) == 0
            let lo = rng.pointee.below(D), hi = lo + len // block lo..<hi, target day hi (forward) or lo-1 (backward)
            let p = pickWorker(on: lo)
            if hi > D || (forward && hi >= D) || (!forward && lo == 0) { return false }
            let into = forward ? hi : lo - 1, leave = forward ? lo : hi - 1
            if s.cell(p, into) != -1 { return false }
            var any = false
            for t in lo..<hi {
                if !free(p, t) { return false }
                if s.cell(p, t) >= 0 { any = true }
            }
            if !any || !free(p, into) { return false }
            for t in lo..<hi {
                let j = s.cell(p, t)
                let dest = forward ? t + 1 : t - 1
                var moved: Int32 = -1
                if j >= 0 {
                    moved = forward ? cp.nextDaySameShift[Int(j)] : cp.previousDaySameShift[Int(j)]
                    if moved < 0 || !cp.eligible.get(Int(moved), p) { moveLen = 0; return false }
                }
                add(p, dest, moved)
            }
            add(p, leave, -1)
        } else {
            // Swap two people's cells over a block of days.
            let d0 = rng.pointee.below(D)
            let p1 = pickWorker(on: d0)
            let len = 2 + rng.pointee.below(6)
            let c1 = s.cell(p1, d0)
            let p2: Int
            if c1 >= 0 {
                let n = cp.candidateCount(Int(c1))
                p2 = Int(cp.candidates[Int(cp.candidateStart[Int(c1)]) + rng.pointee.below(n)])
            } else { p2 = rng.pointee.below(P) }
            if p1 == p2 { return false }
            if options.alignedBlockPercent > 0 && rng.pointee.below(100) < options.alignedBlockPercent {
                return exchangeBlock(p1, p2, around: d0)
            }
            var d = d0
            while d < D && d < d0 + len {
                let a = s.cell(p1, d), b = s.cell(p2, d)
                if !free(p1, d) || !free(p2, d) || !canTake(p2, a) || !canTake(p1, b) { break }
                if a != b { add(p1, d, b); add(p2, d, a) }
                d += 1
            }
            if moveLen == 0 { return false }
        }
        return true
    }

    /// The person each wish belongs to (wishes are stored person by person).
    private lazy var wishOwner: [Int32] = {
        var owner = [Int32](repeating: 0, count: cp.wishDay.count)
        for p in 0..<s.P { for i in Int(cp.wishStart[p])..<Int(cp.wishStart[p + 1]) { owner[i] = Int32(p) } }
        return owner
    }()

    /// Grants an unmet wish to work a shift kind on a day by taking that shift over from someone
    /// who works it: they get the wisher's cell that day, and if that leaves the wisher with one
    /// more working day, the wisher hands them a shift on a nearby day where they are off. Coverage
    /// and both workloads stay as they were. The swaps drawn at random seldom meet an unmet wish on
    /// large rosters, where most wishes are for positions already exactly covered.
    func drawWishSwap() -> Bool {
        moveLen = 0
        let W = cp.wishDay.count, D = s.D
        if W == 0 { return false }
        var wish = -1
        for _ in 0..<8 {
            let i = rng.pointee.below(W)
            let k = Int(cp.wishKind[i])
            if !cp.wishWants[i] || k < 0 { continue }
            let c = s.cell(Int(wishOwner[i]), Int(cp.wishDay[i]))
            if c < 0 || Int(cp.demandKind[Int(c)]) != k { wish = i; break }
        }
        if wish < 0 { return false }
        let p = Int(wishOwner[wish]), d1 = Int(cp.wishDay[wish]), k = Int(cp.wishKind[wish])
        if !free(p, d1) { return false }
        // The demand of that kind on d1 that p may take (one per kind on most rosters).
        var j: Int32 = -1
        for i in Int(cp.dayDemandStart[d1])..<Int(cp.dayDemandStart[d1 + 1]) {
            let x = cp.dayDemands[i]
            if Int(cp.demandKind[Int(x)]) == k && cp.eligible.get(Int(x), p) { j = x; break }
        }
        if j < 0 { return false }
        let c2 = s.cell(p, d1)
        // Someone who works j on d1.
        let q = worker(on: d1) { x in x != p && self.s.cell(x, d1) == j && self.free(x, d1) && self.canTake(x, c2) }
        if q >= 0 && options.wishBlockPercent > 0 && rng.pointee.below(100) < options.wishBlockPercent {
            return exchangeBlock(p, q, around: d1)
        }
        add(p, d1, j)
        if q < 0 { return true } // nobody to take it from: a plain assignment
        add(q, d1, c2)
        if c2 >= 0 { return true } // a one-day exchange of shifts
        // p gained a working day and q lost one: p hands q a shift on a nearby day q is off.
        let span = min(D, 15)
        for _ in 0..<8 {
            let d2 = min(D - 1, max(0, d1 - span / 2 + rng.pointee.below(span)))
            let e = s.cell(p, d2)
            if d2 == d1 || e < 0 || s.cell(q, d2) >= 0 || !free(p, d2) || !free(q, d2) || !canTake(q, e) { continue }
            add(p, d2, -1); add(q, d2, e)
            return true
        }
        return true
    }

    /// Swaps p's and q's cells over the shortest block of days around d whose ends both are off
    /// just outside it, so whole runs change hands and no run is cut; false if that block is
    /// longer than 28 days or holds a pinned or ineligible cell.
    private func exchangeBlock(_ p: Int, _ q: Int, around d: Int) -> Bool {
        let D = s.D
        var a = d, b = d + 1
        // The scans stop once the block is too long (long horizons, people who seldom share a day off).
        while a > 0 && b - a <= 28 && (s.cell(p, a - 1) >= 0 || s.cell(q, a - 1) >= 0) { a -= 1 }
        while b < D && b - a <= 28 && (s.cell(p, b) >= 0 || s.cell(q, b) >= 0) { b += 1 }
        if b - a > 28 { return false }
        for t in a..<b {
            let x = s.cell(p, t), y = s.cell(q, t)
            if x == y { continue }
            if !free(p, t) || !free(q, t) || !canTake(p, y) || !canTake(q, x) { moveLen = 0; return false }
            add(p, t, y); add(q, t, x)
        }
        return moveLen > 0
    }

    /// Fills a position below target on day d with someone whose run of working days ends next to
    /// it: the run grows by d and, most of the time, gives up its far end, so the run keeps its
    /// length and the workload barely moves. Holes cluster where few people may work (weekends
    /// under a weekend limit): someone on the other weekend day can take the hole without using a
    /// weekend more, and the shift given up is often a surplus on a weekday. When the neighbouring
    /// shift may not sit next to the hole's (a night before an early), it is first swapped with
    /// someone's on that day whose shift may.
    func drawHoleRun() -> Bool {
        moveLen = 0
        let J = s.J, D = s.D
        if J == 0 || D < 2 { return false }
        let j = sampledHole()
        if j < 0 { return false }
        let d = Int(cp.demandDay[j])
        let weekendPercent = rebuildsWindows ? options.longHorizonWeekendMovePercent : options.weekendMovePercent
        if weekendPercent > 0 && cp.dayWeekend[d] >= 0 && rng.pointee.below(100) < weekendPercent {
            return drawWeekendMove(j, d)
        }
        // The neighbouring day whose workers may extend their run into d: the run ends on d-1
        // (after) or starts on d+1.
        let after = d == 0 ? false : d == D - 1 ? true : rng.pointee.below(2) == 0
        let n = after ? d - 1 : d + 1
        let p = worker(on: n, limit: 32) { x in self.s.cell(x, d) < 0 && self.free(x, d) && self.cp.eligible.get(j, x) }
        if p < 0 { return false }
        let x = s.cell(p, n)
        if !mayFollow(p, after ? x : Int32(j), after ? Int32(j) : x) {
            // The shift on n may not sit next to j (say a night before an early): p first swaps it
            // with someone on n whose shift may, so n's coverage stays as it was.
            if !free(p, n) { return false }
            let q = worker(on: n, limit: 32) { q in
                let y = self.s.cell(q, n)
                return q != p && y != x && self.free(q, n) && self.cp.eligible.get(Int(x), q)
                    && self.cp.eligible.get(Int(y), p) && self.mayFollow(p, after ? y : Int32(j), after ? Int32(j) : y)
                    && self.fitsBetween(p, n, y, skipping: d) && self.fitsBetween(q, n, x, skipping: -1)
            }
            if q < 0 { return false }
            add(p, n, s.cell(q, n)); add(q, n, x)
        }
        add(p, d, Int32(j))
        if rng.pointee.below(4) == 0 { return true } // only extend
        // The far end of the run that now reaches d.
        var e = n
        if after { while e > 0 && s.cell(p, e - 1) >= 0 { e -= 1 } } else { while e < D - 1 && s.cell(p, e + 1) >= 0 { e += 1 } }
        if free(p, e) && (e != n || moveLen == 1) { add(p, e, -1) } // after an exchange, keep n
        return true
    }

    /// The days of each weekend (Saturday and Sunday; one day at the horizon's ends).
    private lazy var weekendDays: [[Int]] = {
        var w = [[Int]](repeating: [], count: Int(cp.dayWeekend.max() ?? -1) + 1)
        for d in 0..<s.D where cp.dayWeekend[d] >= 0 { w[Int(cp.dayWeekend[d])].append(d) }
        return w
    }()
    private var halfWeekendDays: [Int] = []

    /// Fills a position below target on weekend day d with someone who works no day of that
    /// weekend, who gives up in exchange a shift on another weekend they work on one day only
    /// (mostly one above target): the number of weekends worked stays, and the other day of the
    /// new weekend, if it has a hole too, can be taken as well. Hole runs cannot do this when
    /// everyone has used the weekends the rules allow and the holes are on weekends nobody near
    /// them works.
    func drawWeekendMove(_ j: Int, _ d: Int) -> Bool {
        moveLen = 0
        let w = Int(cp.dayWeekend[d])
        let days = weekendDays[w]
        let n = cp.candidateCount(j)
        if n == 0 { return false }
        var p = -1
        for _ in 0..<16 {
            let x = Int(cp.candidates[Int(cp.candidateStart[j]) + rng.pointee.below(n)])
            if free(x, d) && !days.contains(where: { s.cell(x, $0) >= 0 }) { p = x; break }
        }
        if p < 0 { return false }
        // p's weekends worked on one day only, the day given up; first pick a surplus position.
        halfWeekendDays.removeAll(keepingCapacity: true)
        var surplus = -1
        for (v, vd) in weekendDays.enumerated() where v != w && vd.count == 2 {
            let a = s.cell(p, vd[0]) >= 0, b = s.cell(p, vd[1]) >= 0
            if a == b { continue }
            let e = a ? vd[0] : vd[1]
            if !free(p, e) { continue }
            halfWeekendDays.append(e)
            let c = Int(s.cell(p, e))
            if s.headcount[c] > cp.demandTarget[c] && (surplus < 0 || rng.pointee.below(2) == 0) { surplus = e }
        }
        if halfWeekendDays.isEmpty { return false }
        let e = surplus >= 0 && rng.pointee.below(4) != 0 ? surplus : halfWeekendDays[rng.pointee.below(halfWeekendDays.count)]
        add(p, e, -1)
        add(p, d, Int32(j))
        if days.count == 2 && rng.pointee.below(2) == 0 {
            // The other day of the weekend, if a position there is below target too.
            let o = days[0] == d ? days[1] : days[0]
            if !free(p, o) { return true }
            for i in Int(cp.dayDemandStart[o])..<Int(cp.dayDemandStart[o + 1]) {
                let x = Int(cp.dayDemands[i])
                if belowTarget(x) && cp.eligible.get(x, p) { add(p, o, Int32(x)); break }
            }
        }
        return true
    }

    /// Whether demand j on day d fits p's shifts the day before and after (except day `skipping`).
    @inline(__always) private func fitsBetween(_ p: Int, _ d: Int, _ j: Int32, skipping: Int) -> Bool {
        if d > 0 && d - 1 != skipping { let a = s.cell(p, d - 1); if a >= 0 && !mayFollow(p, a, j) { return false } }
        if d < s.D - 1 && d + 1 != skipping { let b = s.cell(p, d + 1); if b >= 0 && !mayFollow(p, j, b) { return false } }
        return true
    }

    /// Whether p's rules allow demand b's shift kind the day after demand a's.
    @inline(__always) private func mayFollow(_ p: Int, _ a: Int32, _ b: Int32) -> Bool {
        let r = Int(cp.personProfile[p])
        if !cp.hasForbidden[r] { return true }
        let K = max(1, cp.kindCount)
        return !cp.forbidden[r * K * K + Int(cp.demandKind[Int(a)]) * K + Int(cp.demandKind[Int(b)])]
    }

    /// The cells of the last drawn move (for tests).
    var drawnMove: [(person: Int, day: Int, demand: Int32)] { (0..<moveLen).map { (moveP[$0], moveD[$0], moveJ[$0]) } }

    /// Evaluates the move in the buffer and keeps it by the annealing rule; true if kept.
    @discardableResult
    private func tryMove(hw: Int, cw: Int, temperature: Double) -> Bool {
        moves += 1
        for i in 0..<moveLen { s.set(moveP[i], moveD[i], moveJ[i]) }
        // The annealing rule (keep with probability exp(-value / temperature)) as a threshold
        // drawn first, so that a move whose optimistic bound already exceeds it skips the row passes.
        let limit = temperature > 0 ? -temperature * log(rng.pointee.unit()) : 0
        if Double(s.optimisticValue(hw: hw, cw: cw)) > limit { s.rollback(); return false }
        let delta = s.evaluate()
        let value = delta.weighted * hw + delta.coverage * cw + delta.soft
        if Double(value) > limit { s.rollback(); return false }
        let before = s.score
        let after = Score(hard: before.hard + delta.hard, coverage: before.coverage + delta.coverage, soft: before.soft + delta.soft)
        if bestIsCurrent && best < after {
            // Leaving the best plan: snapshot it first, then replay the move.
            s.rollback()
            s.snapshot(into: bestGrid)
            bestIsCurrent = false
            for i in 0..<moveLen { s.set(moveP[i], moveD[i], moveJ[i]) }
            s.commit(s.evaluate())
        } else {
            s.commit(delta)
        }
        if after <= best {
            if after < best {
                secondsToBest = elapsed()
                if after.hard == 0 && secondsToFirstLegal == nil { secondsToFirstLegal = secondsToBest }
            }
            best = after
            bestIsCurrent = true
        }
        return true
    }

    /// Frees one person (a rule breaker while the plan is illegal), or a few, and gives them in
    /// turn the cheapest row the dynamic program finds with everyone else fixed; with several people,
    /// a second pass re-plans each against the others' new rows. Freeing several first lets
    /// coverage pass from one to another (a small ejection chain). On long horizons only a window
    /// of weeks is re-planned.
    private func rebuildMove(_ rb: RowRebuilder, hw: Int, cw: Int, temperature: Double) {
        let p = pickPerson()
        people.removeAll(keepingCapacity: true)
        people.append(p)
        if s.P > 1 && rng.pointee.below(100) < options.pairRebuildPercent {
            let extra = 1 + rng.pointee.below(max(1, min(s.P - 1, Self.mostRuined(options) - 1)))
            var guardCount = 0
            while people.count < 1 + extra && guardCount < 64 {
                guardCount += 1
                let q = rng.pointee.below(s.P)
                if !people.contains(q) { people.append(q) }
            }
        }
        moveLen = 0
        var window = rebuildWindow(around: p)
        var rb = rb
        illegalRebuilds = s.hard > 0 ? illegalRebuilds + 1 : 0
        let windowRepair = window != nil && people.count == 1 && s.personHard[p] > 0
        if windowRepair && windowRepairs[p] >= 2 && s.hard <= 4 && (best.hard > 0 || illegalRebuilds > 256) {
            rb = wholeRowRebuilder; window = nil; windowRepairs[p] = 0
        }
        defer { if windowRepair && window != nil { windowRepairs[p] = s.personHard[p] > 0 ? windowRepairs[p] + 1 : 0 } }
        defer { lastRebuildWork = rb.lastWork }
        let days = window ?? 0..<s.D
        if people.count > 1 {
            // Clear the others first so the first one's program sees their cells as open.
            for q in people.dropFirst() { for d in days where s.cell(q, d) >= 0 && free(q, d) { s.set(q, d, -1) } }
        }
        let passes = people.count > 1 ? 2 : 1
        for pass in 0..<passes {
            for q in people {
                if s.logCount + days.count > s.maxCells { break }
                guard let row = rb.rebuild(q, window: window, hardWeight: hw, coverageWeight: cw) else {
                    if pass > 0 { break }
                    s.rollback(); moveLen = 0; return
                }
                for d in days where row[d] != s.cell(q, d) && free(q, d) { s.set(q, d, row[d]) }
            }
        }
        takePendingAsMove(of: people, days: days)
        if moveLen == 0 { return }
        rebuilds += 1
        if tryMove(hw: hw, cw: cw, temperature: temperature) { rebuildsAccepted += 1 }
    }

    /// Re-assigns one day's cells among a group (everyone on small problems, else half from the
    /// day's workers and half at random) by the exact assignment of `DayMatcher`, and lets the
    /// annealing rule judge the result like any move.
    private func dayMatchMove(hw: Int, cw: Int, temperature: Double) {
        let P = s.P, d = rng.pointee.below(s.D)
        let limit = min(P, options.dayMatchPeople, moveCapacity, s.maxCells)
        people.removeAll(keepingCapacity: true)
        if P <= limit {
            people.append(contentsOf: 0..<P)
        } else {
            let n = Int(s.dayWorkerCount[d])
            if n > 0 {
                let start = rng.pointee.below(n)
                for t in 0..<min(n, limit / 2) { people.append(Int(s.dayWorkers[d * P + (start + t) % n])) }
            }
            var guardCount = 0
            while people.count < limit && guardCount < 4 * limit {
                guardCount += 1
                let q = rng.pointee.below(P)
                if !people.contains(q) { people.append(q) }
            }
        }
        let changes = dayMatcher.propose(day: d, people: people, hw: hw, cw: cw)
        lastRebuildWork = dayMatcher.lastWork
        if changes.isEmpty { return }
        moveLen = 0
        for c in changes { add(c.person, d, c.cell) }
        dayMatches += 1
        tryMove(hw: hw, cw: cw, temperature: temperature)
    }

    /// Records the pending change of `rows` over `days` as the move (for replay), then undoes it
    /// so that `tryMove` can judge it.
    private func takePendingAsMove(of rows: [Int], days: Range<Int>) {
        for (i, r) in rows.enumerated() { for d in days { scratchRow[i * s.D + d] = s.cell(r, d) } }
        s.rollback()
        for (i, r) in rows.enumerated() {
            for d in days where scratchRow[i * s.D + d] != s.cell(r, d) { add(r, d, scratchRow[i * s.D + d]) }
        }
    }

    /// Takes one shift from its holder and re-plans the taker's row, then the holder's, by the row
    /// program, judged as one move (used by `polish`). The holder's cell is cleared first, so the taker's program sees
    /// the shift open (a hole if it was covered exactly) and may take it while giving up a shift
    /// elsewhere; the holder's program then spends the freed minutes. Exact group re-plans of
    /// Surge's final plans (session 17) find such three- and four-cell chains, each worse in any
    /// single step.
    private func transferRebuildMove(_ rb: RowRebuilder, hw: Int, cw: Int, temperature: Double) {
        lastRebuildWork = 0
        let D = s.D
        let d = rng.pointee.below(D)
        let p = pickPerson()
        let q = worker(on: d) { x in x != p && self.free(x, d) && self.canTake(p, self.s.cell(x, d)) && self.s.cell(p, d) != self.s.cell(x, d) }
        if q < 0 || !free(p, d) { return }
        let window = rebuildsWindows ? self.window(holdingWeek: weekIndex(of: d), avoiding: nil) : nil
        let days = window ?? 0..<D
        moveLen = 0
        s.set(q, d, -1)
        var work = 0
        for r in [p, q] {
            if s.logCount + days.count > s.maxCells { break }
            guard let row = rb.rebuild(r, window: window, hardWeight: hw, coverageWeight: cw) else {
                work += rb.lastWork
                s.rollback(); lastRebuildWork = work; return
            }
            work += rb.lastWork
            for e in days where row[e] != s.cell(r, e) && free(r, e) { s.set(r, e, row[e]) }
        }
        lastRebuildWork = work
        takePendingAsMove(of: [p, q], days: days)
        if moveLen > 0 { tryMove(hw: hw, cw: cw, temperature: temperature) }
    }

    /// Re-plans a group drawn around an unmet wish exactly (`GroupReplan`), everyone else fixed,
    /// and keeps the result when it beats the plan (used by `polish`, where the plan is the best).
    private func groupReplanMove(_ group: GroupReplan) {
        // Long horizons above the polish's size polish by windows only (`longHorizonPolish`).
        let windowed = longHorizonPolish || options.windowReplanDays > 0 && rng.pointee.below(100) < options.windowReplanPercent
        // Held-cover re-plans only where three in four free ones stop open (a weak master, as on
        // Instance9); on 7 and 11 free groups close and reach the optimum, and held ones cost them.
        let weak = 4 * (openReplans + 1) > 3 * (freeReplans + 2)
        let held = !windowed && options.groupHeldCoverPercent > 0 && (options.groupHeldCoverPercent >= 100
            || weak && rng.pointee.below(100) < options.groupHeldCoverPercent)
        let (members, days) = windowed ? drawWindow() : (drawGroup(size: held && options.groupHeldCoverPeople > 0 ? options.groupHeldCoverPeople : nil), nil)
        let work = group.work
        let limit = options.timeLimit
        let started = elapsed()
        defer { if let a = started, let b = elapsed() { groupTally.seconds += b - a } }
        let outcome = group.improve(members, days: days, holdingCover: held,
                                    nodeLimit: max(1, windowed ? options.windowReplanNodes : options.groupReplanNodes)) { [self] in
            if options.isCancelled?() == true { return true }
            if let limit, let e = elapsed() { return e >= limit }
            return false
        }
        lastRebuildWork = group.work - work
        groupTally.runs += 1
        groupTally.nodes += outcome.nodes
        if outcome.complete { groupTally.complete += 1 }
        if windowed { groupTally.windowRuns += 1; if outcome.complete { groupTally.windowComplete += 1 } }
        if held { groupTally.heldRuns += 1; if outcome.complete { groupTally.heldComplete += 1 } }
        if !windowed && !held { groupTally.largest = max(groupTally.largest, members.count) }
        let gain = applyGroupRows(outcome.rows, members)
        if let gain, windowed { groupTally.windowKept += 1; groupTally.windowGain += gain }
        if let gain, held { groupTally.heldKept += 1; groupTally.heldGain += gain }
        let gained = gain != nil
        // Held-cover re-plans close far more often than free ones: they say nothing of the size.
        if windowed || held { return }
        freeReplans += 1
        if !outcome.complete { openReplans += 1 }
        if outcome.complete || gained { blindDives = 0 } else { blindDives += 1 }
        if gained { barrenReplans = 0 } else if outcome.complete { barrenReplans += 1 }
        if blindDives >= Self.blindDiveLimit && groupSize > options.groupReplanPeople {
            // Groups this large neither close nor gain here: blind dives, so fall back.
            groupSize = options.groupReplanPeople
            blindDives = 0; barrenReplans = 0
            groupTally.shrunk += 1
        } else if barrenReplans >= options.groupReplanBarrenLimit && groupSize < options.groupReplanMostPeople {
            // Optimal for every group drawn at this size: look wider.
            groupSize = min(options.groupReplanMostPeople, groupSize + 2)
            blindDives = 0; barrenReplans = 0
            groupTally.grown += 1
        }
    }

    /// Writes a group re-plan's rows into the plan and keeps them when the exact score is better;
    /// returns the soft points gained, nil when it did not keep them.
    private func applyGroupRows(_ rows: [[Int32]]?, _ members: [Int]) -> Int? {
        guard let rows else { return nil }
        var cells: [PolishBoard.PlanCell] = []
        for (g, p) in members.enumerated() {
            for d in 0..<s.D where rows[g][d] != s.cell(p, d) { cells.append(.init(person: Int32(p), day: Int32(d), value: rows[g][d])) }
        }
        guard !cells.isEmpty else { return nil }
        guard let board = sharedBoard else { return keepIfBetter(cells) }
        // Others' changes first, then this one judged on top of them (it was planned without them).
        var gain: Int? = nil
        boardRead = board.sync(from: boardRead) { posts in
            take(posts)
            gain = keepIfBetter(cells)
            if gain == nil && !posts.isEmpty { groupTally.sharedRefused += 1 }
            return gain == nil ? nil : cells
        }
        return gain
    }

    /// Writes the cells and keeps them when the exact score is better; returns the soft points
    /// gained, nil when it did not keep them.
    private func keepIfBetter(_ cells: [PolishBoard.PlanCell]) -> Int? {
        guard s.logCount + cells.count <= s.maxCells else { return nil }
        for c in cells { s.set(Int(c.person), Int(c.day), c.value) }
        let delta = s.evaluate()
        let before = s.score
        let after = Score(hard: before.hard + delta.hard, coverage: before.coverage + delta.coverage, soft: before.soft + delta.soft)
        // The group's value leaves out what it cannot change; the exact score has the last word.
        guard after < before else { s.rollback(); return nil }
        s.commit(delta)
        groupTally.kept += 1
        groupTally.gain += before.soft - after.soft
        if after < best { best = after; bestIsCurrent = true; secondsToBest = elapsed() }
        return before.soft - after.soft
    }

    /// Takes other threads' posts into the plan as they were kept: each was better on the plan
    /// this one is in step with, so each is kept as it stands.
    private func take(_ posts: [PolishBoard.Post]) {
        if posts.isEmpty { return }
        // Should the plan ever be worse after them, the best plan stays on hand.
        if bestIsCurrent { s.snapshot(into: bestGrid); bestIsCurrent = false }
        let before = s.score
        for post in posts {
            for c in post.cells where s.cell(Int(c.person), Int(c.day)) != c.value { s.set(Int(c.person), Int(c.day), c.value) }
            s.commit(s.evaluate())
        }
        groupTally.sharedKept += posts.count
        groupTally.sharedGain += before.soft - s.score.soft
        if s.score <= best {
            if s.score < best { secondsToBest = elapsed() }
            best = s.score; bestIsCurrent = true
        }
    }

    /// Takes the posts made since this thread last looked (before a re-plan, so that it plans on
    /// the shared plan).
    private func takeNewPosts() {
        guard let board = sharedBoard else { return }
        var new: [PolishBoard.Post] = []
        boardRead = board.sync(from: boardRead) { posts in new = posts; return nil }
        take(new)
    }

    /// A window re-plan for `groupReplanMove`: `windowReplanDays` consecutive days at random, and
    /// everyone (or `windowReplanPeople` people at random on larger problems); in the long-horizon
    /// polish `longHorizonWindowLength` and `longHorizonWindowPeople`.
    private func drawWindow() -> ([Int], Range<Int>) {
        let width = min(s.D, longHorizonPolish ? longHorizonWindowLength : options.windowReplanDays)
        let start = rng.pointee.below(s.D - width + 1)
        var people = Array(0..<s.P)
        let size = min(s.P, max(1, longHorizonPolish ? options.longHorizonWindowPeople : options.windowReplanPeople))
        if size < s.P {
            for i in 0..<size { people.swapAt(i, i + rng.pointee.below(s.P - i)) }
            people = Array(people[0..<size])
        }
        return (people, start..<(start + width))
    }

    /// A group for `groupReplanMove`: a person with an unmet wish, up to three people whose cells
    /// that day could grant it (they hold the wished kind of shift, or are off when the wish is to
    /// be off), and the rest drawn at random.
    private func drawGroup(size wanted: Int? = nil) -> [Int] {
        let size = min(s.P, max(1, wanted ?? groupSize))
        var members: [Int] = []
        for _ in 0..<64 {
            let p = rng.pointee.below(s.P), d = rng.pointee.below(s.D)
            let c = s.cell(p, d)
            let w0 = Int(cp.wishDayStart[p * (s.D + 1) + d]), w1 = Int(cp.wishDayStart[p * (s.D + 1) + d + 1])
            guard let i = (w0..<w1).first(where: { i in
                let k = Int(cp.wishKind[i])
                return (c >= 0 && (k < 0 || Int(cp.demandKind[Int(c)]) == k)) != cp.wishWants[i]
            }) else { continue }
            members.append(p)
            let k = Int(cp.wishKind[i]), wants = cp.wishWants[i]
            let start = rng.pointee.below(s.P)
            for x in 0..<s.P where members.count < min(size, 4) {
                let q = (start + x) % s.P, e = s.cell(q, d)
                if q == p { continue }
                let grants = wants ? e >= 0 && (k < 0 || Int(cp.demandKind[Int(e)]) == k) : e < 0 && c >= 0 && canTake(q, c)
                if grants { members.append(q) }
            }
            break
        }
        while members.count < size {
            let q = rng.pointee.below(s.P)
            if !members.contains(q) { members.append(q) }
        }
        return members
    }

    /// The share of the search work that rebuild turns take while the plan is legal (see
    /// `SolverOptions.windowedRebuildShare`); never 0 once rebuilds are on.
    private var rebuildShare: Double {
        max(0.001, rebuildsWindows ? options.windowedRebuildShare : options.rebuildShare)
    }

    /// Whether rebuilds re-plan windows of weeks (long horizons) instead of whole rows.
    private var rebuildsWindows: Bool { options.rebuildWindowDays > 0 && s.D > 2 * options.rebuildWindowDays }

    /// What an ordinary move costs in program steps: it re-scores two rows, so it grows with the
    /// row length (100 steps at 28 days), and rebuilds keep their share on long horizons too.
    private var moveWork: Double { Double(2 * s.D + 44) }

    /// The index in `weekStarts` of the week holding day d.
    private func weekIndex(of d: Int) -> Int {
        var i = 0
        while i + 1 < weekStarts.count && weekStarts[i + 1] <= d { i += 1 }
        return i
    }

    /// A window of `options.rebuildWindowDays` in whole weeks that holds week `wk`, placed at
    /// random, inside the horizon; cut so that it does not meet `avoid`.
    private func window(holdingWeek wk: Int, avoiding avoid: Range<Int>?) -> Range<Int> {
        let starts = weekStarts, W = starts.count
        let k = min(W, max(1, (options.rebuildWindowDays + 3) / 7))
        let lo = max(0, wk - k + 1), hi = min(wk, W - k)
        let a = lo <= hi ? lo + rng.pointee.below(hi - lo + 1) : max(0, min(wk, W - k))
        var w = starts[a]..<(a + k < W ? starts[a + k] : s.D)
        if let avoid, w.overlaps(avoid) {
            let day = starts[wk]
            w = day < avoid.lowerBound ? w.lowerBound..<avoid.lowerBound : avoid.upperBound..<w.upperBound
        }
        return w
    }

    /// Moves one person's weekend to a far weekend with a hole: someone off on the hole's weekend
    /// gives up a weekend they work outside the rebuild window, then the row program re-plans the
    /// weeks around the hole (where the freed weekend may now be spent) and the weeks around the
    /// weekend given up (mending the runs it cut). Windowed rebuilds cannot make this trade, and a
    /// single move rarely can without breaking runs; with weekends scarce (Instance19 allows 258
    /// for 535 weekend positions) the holes otherwise stay where the construction left them.
    /// Fills the move buffer and leaves the score as it was; false when the draw gave nothing to do.
    func drawWeekendTransfer(_ rb: RowRebuilder, hw: Int, cw: Int) -> Bool {
        moveLen = 0
        lastRebuildWork = 0
        var j = -1
        for _ in 0..<8 {
            let x = sampledHole()
            if x >= 0 && cp.dayWeekend[Int(cp.demandDay[x])] >= 0 { j = x; break }
        }
        if j < 0 { return false }
        let d = Int(cp.demandDay[j]), w2 = Int(cp.dayWeekend[d])
        let n = cp.candidateCount(j)
        if n == 0 { return false }
        let toDays = weekendDays[w2]
        var p = -1
        for _ in 0..<16 {
            let x = Int(cp.candidates[Int(cp.candidateStart[j]) + rng.pointee.below(n)])
            if free(x, d) && !toDays.contains(where: { s.cell(x, $0) >= 0 }) { p = x; break }
        }
        if p < 0 { return false }
        let a = window(holdingWeek: weekIndex(of: d), avoiding: nil)
        // A weekend p works outside that window, drawn uniformly (reservoir sampling) among
        // those where one of p's shifts is a surplus, or among all when none is.
        var from = -1, surplusSeen = false, seen = 0
        for (v, vd) in weekendDays.enumerated() where v != w2 && !vd.isEmpty {
            if vd.contains(where: { a.contains($0) }) { continue }
            if !vd.contains(where: { s.cell(p, $0) >= 0 }) || vd.contains(where: { !free(p, $0) }) { continue }
            let surplus = vd.contains { let c = Int(s.cell(p, $0)); return c >= 0 && s.headcount[c] > cp.demandTarget[c] }
            if surplusSeen && !surplus { continue }
            if surplus && !surplusSeen { surplusSeen = true; seen = 1; from = v; continue }
            seen += 1
            if rng.pointee.below(seen) == 0 { from = v }
        }
        if from < 0 { return false }
        let fromDays = weekendDays[from]
        let b = window(holdingWeek: weekIndex(of: fromDays[0]), avoiding: a)
        if b.isEmpty || s.logCount + fromDays.count + a.count + b.count > s.maxCells { return false }
        for e in fromDays where s.cell(p, e) >= 0 { s.set(p, e, -1) }
        var work = 0
        for w in [a, b] {
            guard let row = rb.rebuild(p, window: w, hardWeight: hw, coverageWeight: cw) else {
                s.rollback(); moveLen = 0; lastRebuildWork = work + rb.lastWork; return false
            }
            work += rb.lastWork
            for e in w where row[e] != s.cell(p, e) && free(p, e) { s.set(p, e, row[e]) }
        }
        lastRebuildWork = work
        for e in 0..<s.D { scratchRow[e] = s.cell(p, e) }
        s.rollback()
        for e in 0..<s.D where scratchRow[e] != s.cell(p, e) { add(p, e, scratchRow[e]) }
        return moveLen > 0
    }

    /// Days on which a calendar week starts (and the horizon end): windows never split a weekend.
    private lazy var weekStarts: [Int] = {
        var w = [0]
        for d in 1..<max(1, s.D) where cp.dayWeek[d] != cp.dayWeek[d - 1] { w.append(d) }
        return w
    }()

    /// The days a rebuild re-plans: the whole horizon when it is short, else a random run of whole
    /// weeks about `options.rebuildWindowDays` long (a long horizon's full row is a huge program,
    /// and most of an improvement is local in time).
    private func rebuildWindow(around p: Int) -> Range<Int>? {
        let length = options.rebuildWindowDays
        if !rebuildsWindows { return nil }
        let starts = weekStarts
        var a = starts[rng.pointee.below(starts.count)]
        if s.personHard[p] > 0 {
            // A rule breaker: re-plan weeks around the first day that breaks a rule.
            _ = s.evaluator.evaluate(p, s.grid + p * s.D)
            let day = s.evaluator.firstBreakDay
            if day < s.D {
                let earliest = max(0, day - length + 7)
                let candidates = starts.filter { $0 <= day && $0 >= earliest }
                if !candidates.isEmpty { a = candidates[rng.pointee.below(candidates.count)] }
            }
        }
        var b = a + length
        if let next = starts.first(where: { $0 >= b }) { b = next } else { b = s.D }
        if b - a < length, a > 0 {
            // Near the end: shift left to keep the window long.
            let a2 = starts.last(where: { $0 <= s.D - length }) ?? 0
            return a2..<s.D
        }
        return a..<min(b, s.D)
    }

    private var lastReportTime = -Double.infinity
    private var lastReportTry = 0

    /// Progress at most 4 times a second (or every 2^20 tries without a clock).
    private func reportDue(_ tries: Int) -> Bool {
        if let e = elapsed() {
            if e - lastReportTime < 0.25 { return false }
            lastReportTime = e
            return true
        }
        if tries - lastReportTry < 1 << 20 { return false }
        lastReportTry = tries
        return true
    }

    /// Starts the next annealing cycle (keeping the best): from a new construction with
    /// `freshRestarts`, else from the plan the search began with; the last cycle from the best
    /// plan with `lastCycleFromBest`.
    private func restartCycle(last: Bool) {
        if bestIsCurrent { s.snapshot(into: bestGrid); bestIsCurrent = false }
        if last && options.lastCycleFromBest {
            // The earlier cycles explored; the last one polishes the best plan they found.
            s.load(bestGrid)
            bestIsCurrent = true
        } else if freshRestarts {
            // A new construction from another part of the random stream: cycles that all start
            // from one plan tend to end in the same basin.
            startGrid.update(repeating: -1, count: s.P * s.D)
            s.load(startGrid)
            Construction().run(s, rng: &rng.pointee, options: options)
        } else {
            s.load(startGrid)
        }
        illegalRebuilds = 0
    }

    /// Offers the best plan at a meeting of the threads and, if another thread's is better, goes on
    /// from that one. A thread that runs several cycles (the explorer on a small problem) attends
    /// without offering or adopting: its cycles' plans are cooled while the others' are still
    /// warm, and adopting them would pull every thread into the basin the explorer found first.
    /// With `everyone` (the meeting at the start of the polish) every thread offers and adopts.
    private func meet(_ ex: EliteExchange, everyone: Bool = false, inStep: Bool = false) {
        let joins = everyone || cycles == 1
        let offer = !joins ? nil : bestIsCurrent ? UnsafePointer(s.grid) : UnsafePointer(bestGrid)
        let received = ex.meet(thread: thread, best: best, grid: offer, count: s.P * s.D)
        // In step (`sharedBoard`), every thread takes the one plan offered, even at an equal score.
        guard joins, let elite = received, elite.score < best || inStep else { return }
        let better = elite.score < best
        elite.grid.withUnsafeBufferPointer { s.load($0.baseAddress!) }
        best = s.score
        bestIsCurrent = true
        if better { secondsToBest = elapsed(); adoptions += 1 }
    }

    /// The cycles a run gets when the options leave it open: enough that each has
    /// `restartMovesPerCell` moves per cell, from the moves the run will make in all (the budget,
    /// or the rate so far projected to the time limit).
    private func chosenCycles(projectedMoves: Double) -> Int {
        let perCycle = Double(max(1, options.restartMovesPerCell)) * Double(max(1, s.P * s.D))
        return max(1, min(8, Int(projectedMoves / perCycle)))
    }

    /// Runs until budget, time limit, cancellation or target.
    func run() {
        let runStart = elapsed()
        defer { if let a = runStart, let b = elapsed() { searchSeconds = b - a } }
        defer { exchange?.leave() }
        var meetingsHeld = 0
        let baseHardWeight = options.effectiveHardWeight(cp.weights), cw = options.coverageWeight
        var hw = baseHardWeight
        let hardWeightFloor = baseHardWeight / options.hardWeightFloorDivisor(days: s.D)
        let adaptive = options.adaptiveHardWeight
        let t0 = options.startTemperature, t1 = options.endTemperature
        var temperature = t0
        // The last share of the budget or time polishes the best plan (see `polish`).
        let polishShare = self.polishShare
        let budget = options.moveBudget.map { Int((Double($0) * (1 - polishShare)).rounded(.down)) }
        let timeLimit = options.timeLimit.map { $0 * (1 - polishShare) }
        var lastReported = best
        var tries = 0
        var cycleChosen = false
        if let k = options.restartCycles { cycles = max(1, k); cycleChosen = true }
        var cycle = 0
        let moveWork = self.moveWork
        // Weekend transfers where rebuilds re-plan windows (long horizons with weekends).
        let transfersWeekends = options.weekendTransferPercent > 0 && rebuildsWindows && !weekendDays.isEmpty
        while true {
            tries += 1
            if tries & 1023 == 0 {
                if let b = budget, moves >= b { break }
                // Tiny or fully pinned problems may offer no move at all: stop drawing in vain.
                if let b = budget, tries >= 64 * b + 1_000_000 { break }
                if options.isCancelled?() == true { break }
                var fraction = 0.0
                if let b = budget { fraction = Double(moves) / Double(max(1, b)) }
                if let limit = timeLimit, let e = elapsed() {
                    if e >= limit { break }
                    if budget == nil { fraction = e / limit }
                }
                if budget == nil && (options.timeLimit == nil || options.clock == nil) { break }
                if !cycleChosen && fraction >= 0.02 {
                    cycles = chosenCycles(projectedMoves: Double(moves) / fraction)
                    cycleChosen = true
                }
                // Each cycle cools from t0 to t1 over its share of the budget.
                let scaled = min(1, fraction) * Double(cycles)
                let c = min(cycles - 1, Int(scaled))
                if c > cycle {
                    cycle = c
                    restartCycle(last: c == cycles - 1)
                    hw = baseHardWeight
                }
                temperature = t0 * pow(t1 / t0, scaled - Double(c))
                if let ex = exchange, meetingsHeld < ex.meetings.count, fraction >= ex.meetings[meetingsHeld] {
                    meetingsHeld += 1
                    meet(ex)
                }
                if adaptive {
                    // Strategic oscillation: press harder on hard rules while the current plan breaks
                    // them, relax while it is legal, so the search can cross infeasible regions.
                    if s.hard > 0 { hw = min(baseHardWeight * 8, hw + max(1, hw / 16)) } else { hw = max(hardWeightFloor, hw - max(1, hw / 16)) }
                }
                if let t = options.target, best <= t { break }
                if best != lastReported, let report = options.progress, reportDue(tries) {
                    lastReported = best
                    report(SolverProgress(thread: thread, moves: moves, best: best, elapsed: elapsed()))
                }
            }
            if let b = budget, moves >= b { break }
            if let rb = rebuilder {
                rebuildCredit -= 1
                if rebuildCredit <= 0 {
                    if transfersWeekends && rng.pointee.below(100) < options.weekendTransferPercent {
                        if drawWeekendTransfer(rb, hw: hw, cw: cw) { tryMove(hw: hw, cw: cw, temperature: temperature) }
                    } else if rng.pointee.below(100) < options.dayMatchPercent {
                        dayMatchMove(hw: hw, cw: cw, temperature: temperature)
                    } else {
                        rebuildMove(rb, hw: hw, cw: cw, temperature: temperature)
                    }
                    // While the plan breaks hard rules, rebuilding the breakers is the surest repair.
                    let share = min(0.95, s.hard > 0 ? max(rebuildShare, options.repairRebuildShare) : rebuildShare)
                    rebuildCredit = max(64, Double(lastRebuildWork) / moveWork * (1 - share) / share)
                    continue
                }
            }
            guard drawMove() else { continue }
            tryMove(hw: hw, cw: cw, temperature: temperature)
        }
        restoreBest()
        // Meetings the loop skipped (its time ran out first, or two fell due between checks), so
        // that every thread comes to the polish's meeting at the same count.
        if let ex = exchange { while meetingsHeld < ex.meetings.count { meetingsHeld += 1; meet(ex) } }
        polish(hw: baseHardWeight, cw: cw)
        if best != lastReported, let report = options.progress {
            report(SolverProgress(thread: thread, moves: moves, best: best, elapsed: elapsed()))
        }
    }

    /// Share of the run that `polish` takes: none without rebuilds, nor on problems larger than
    /// `options.polishMaxCells` unless they get the long-horizon polish.
    private var polishShare: Double {
        if rebuilder == nil || s.P < 2 || s.P * s.D > options.polishMaxCells && !longHorizonPolish { return 0 }
        let standard = groupReplansRun ? SolverOptions.groupPolishShare : SolverOptions.transferPolishShare
        let long = longHorizonWindowLength == options.longHorizonWindowDays ? options.longHorizonWindowShare : options.longHorizonShortWindowShare
        let share = options.polishShare ?? (longHorizonPolish ? long : standard)
        return min(0.9, max(0, share))
    }

    /// Whether the polish re-plans groups exactly (asked for, and valid for the problem).
    private var groupReplansRun: Bool { options.groupReplanPercent > 0 && groupReplan != nil }

    /// Whether the problem is above `polishMaxCells` but gets a polish of window re-plans only
    /// (see `SolverOptions.longHorizonPolishMaxCells`).
    private var longHorizonPolish: Bool { longHorizonWindowLength > 0 }

    /// The days of the long-horizon polish's windows: `longHorizonWindowDays` where the horizon
    /// holds three such windows, else `longHorizonShortWindowDays` where it holds three of those,
    /// else 0 (no such polish).
    private lazy var longHorizonWindowLength: Int = {
        let cells = s.P * s.D
        guard groupReplansRun && cells > options.polishMaxCells && cells <= options.longHorizonPolishMaxCells else { return 0 }
        return [options.longHorizonWindowDays, options.longHorizonShortWindowDays].first { $0 > 0 && s.D >= 3 * $0 } ?? 0
    }()

    /// The end of a run: from the best plan, exact group re-plans (`groupReplanMove`, where the
    /// problem allows them) or transfer re-plans (`transferRebuildMove`, kept when they cost
    /// nothing more), until the budget or the time limit. At the end of the annealing these still
    /// find improvements that no other move reaches (Instance11, 30 s plans: transfers 1-9 points
    /// in 6 s; group re-plans take 60 s runs to the proven optimum).
    private func polish(hw: Int, cw: Int) {
        guard polishShare > 0, let rb = rebuilder else { return }
        // Every thread polishes the best plan of all, each with its own draws (the explorer's
        // cycles are over, so it adopts too).
        // Threads share one plan only where every turn is an exact group re-plan, whose every
        // change is posted, and all start from the same plan (the best of all, ties included).
        if options.polishFromBestOfAll, let ex = exchange {
            let shares = groupReplansRun && options.groupReplanPercent >= 100 && board != nil
            meet(ex, everyone: true, inStep: shares)
            // A thread that came to the meeting with another one (e.g. a late thread's last
            // meeting of the annealing) starts elsewhere, and then polishes apart.
            if shares, let board, board.join(score: s.score, grid: UnsafeBufferPointer(start: s.grid, count: s.P * s.D)) { sharedBoard = board }
        }
        let budget = options.moveBudget
        // A move budget is spent in ordinary moves' worth of work, as the rebuild turns are.
        let moveWork = self.moveWork
        var spent = moves, tries = 0
        while true {
            tries += 1
            if let b = budget, spent >= b || tries >= 64 * b + 1_000_000 { break }
            if let limit = options.timeLimit, let e = elapsed() {
                if e >= limit { break }
            } else if budget == nil { break }
            if options.isCancelled?() == true { break }
            if let t = options.target, best <= t { break }
            takeNewPosts()
            if groupReplansRun && rng.pointee.below(100) < options.groupReplanPercent, let group = groupReplan {
                groupReplanMove(group)
            } else {
                transferRebuildMove(rb, hw: hw, cw: cw, temperature: 0)
            }
            spent += max(1, Int(Double(lastRebuildWork) / moveWork))
        }
        // The others' last gains too (each thread posts at most one more after this).
        takeNewPosts()
        restoreBest()
    }
}
