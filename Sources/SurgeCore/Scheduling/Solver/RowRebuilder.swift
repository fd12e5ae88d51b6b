/// Rebuilds one person's whole row at least cost with everyone else fixed: a resource-constrained
/// shortest path over the days (the pricing problem of column generation), used as a
/// large-neighbourhood move.
///
/// A state after day d is (run: off for o days, or on shift class c for r days; weekends worked;
/// paid minutes so far, in units of their greatest common divisor). The program enforces the
/// person-local rules the state can see: eligibility and pins, forbidden successions, minimum and
/// maximum consecutive working days, minimum days off, maximum weekends, maximum total minutes
/// (exceeding is cut) and minimum total minutes (priced as a hard unit per missing hour); shift-kind
/// caps are priced by a few Lagrangian rounds. A cell costs exactly what the incremental score
/// charges for the person joining that demand (coverage, surplus, quotas, wishes, disruption, pool).
/// Rules it cannot see (rest minutes, weekly and average minutes, nights, Sundays, fairness,
/// continuity) are left to the exact score, which judges every proposal: the program only proposes.
final class RowRebuilder {
    let s: IncrementalScore
    let cp: CompiledProblem
    let D: Int, K: Int
    /// Upper bound on days × states (memory of the back pointers); larger people are skipped.
    let maxEntries: Int

    struct Shape {
        var classOf: [Int]          // kind → successor class (kinds whose forbidden successors are equal)
        var forbid: [Bool]          // (class) * K + next kind; the last class is "unknown kind"
        var classes: Int
        var runLength: Int          // tracked run values 1...runLength
        var maxCons: Int, minCons: Int
        var offStates: Int, minOff: Int
        var weekendStates: Int, maxWeekends: Int
        var weekendsPriced = false
        var unit: Int, minuteStates: Int, saturate: Bool
        var exactUnit = 1           // the greatest common divisor of the paid minutes (unit before coarsening)
        var minTotal: Int, maxTotal: Int
        var runStates: Int { offStates + classes * runLength * 2 }
        var states: Int { runStates * weekendStates * minuteStates }
    }

    private var shapes: [Shape?]
    private let cost = ScratchTable<Int>(), nextCost = ScratchTable<Int>()
    private let back = ScratchTable<Int32>()
    private let backOption = ScratchTable<UInt8>()
    // Per day options: index 0 = off, then one per kind that the person can work that day.
    private var optionDemand: [Int32]
    private var optionCost: [Int]
    private var optionUnits: [Int]
    private var optionKind: [Int]
    private var optionCount: [Int]
    private var lambda: [Int]
    private var weekendPrice = 0
    private var kindUse: [Int]
    private var rowOut: [Int32]
    private let liveLo = ScratchTable<Int>(), liveHi = ScratchTable<Int>(), nextLo = ScratchTable<Int>(), nextHi = ScratchTable<Int>()
    private var kindOutside: [Int32]
    static let infinity = Int.max / 4
    /// Work of the last call (state-option pairs visited), for scheduling.
    private(set) var lastWork = 0
    private var solveWork = 0
    /// Cost of the last solve's row without Lagrangian prices.
    private(set) var lastTrueCost = 0
    /// Lagrangian pricing (`LagrangianBound`): while set, a cell of demand j costs `priceScale` times
    /// its own soft cost (wishes) minus `coverPrices[j]`, in place of what the incremental score
    /// charges, and one plain program runs (no rounds on caps or weekends: both are then relaxed).
    var coverPrices: UnsafePointer<Int>? = nil
    var priceScale = 1
    /// With `coverPrices`: the price of each shift of kind k in person p's row (p * kinds + k), the
    /// multipliers of the shift-kind caps; nil prices the kinds at 0 (caps relaxed).
    var kindPrices: UnsafePointer<Int>? = nil
    /// Branching of an exact group re-plan (`GroupReplan`), per cell p * days + d: the value the
    /// row must hold there (a demand, or -1 for a day off), or -2 where it is free; nil leaves
    /// every cell free. Problem pins come first.
    var forced: UnsafePointer<Int32>? = nil
    /// With the same indexing, values the row must not hold: bit i bans the day's i-th demand (in
    /// `dayDemands` order), bit 63 the day off; nil bans nothing.
    var banned: UnsafePointer<UInt64>? = nil
    static let offBan: UInt64 = 1 << 63
    /// With `coverPrices`: rows whose program value (`lastValue`) is this or more are not wanted
    /// (a column prices out only below its member's dual). The program then prunes every state
    /// whose completion bound reaches it (`completionBounds`) and, when no row stays below it,
    /// returns nil with `lastCutOff` set: the threshold then bounds every row's value from below.
    var threshold: Int? = nil
    /// Whether the last call found no row below `threshold`.
    private(set) var lastCutOff = false
    /// Program value of the last row returned: its cost at the Lagrangian prices, kind prices
    /// and the minimum-total penalty included.
    private(set) var lastValue = 0
    /// The minute multiplier λ of the last call's completion bounds (0 without a threshold).
    private(set) var lastMinuteMultiplier = 0
    /// Per person, the minute multiplier of the last completion bounds (a warm start).
    private var minuteMultiplier: [Int]
    private var bounds = ScratchTable<Int>(), spareBounds = ScratchTable<Int>()
    /// The (run, weekend) states reachable before and after the day being solved, ascending.
    private let live = ScratchTable<Int32>(), nextLive = ScratchTable<Int32>()

    /// Longest run of days one call re-plans (the table is sized for it).
    let longestWindow: Int

    init(_ s: IncrementalScore, maxEntries: Int = 16_000_000, longestWindow: Int? = nil) {
        self.s = s; cp = s.cp; D = s.D; K = cp.kindCount
        // Back pointers are Int32 state indices, and the program's inner loop converts to them
        // unchecked.
        self.maxEntries = min(maxEntries, Int(Int32.max))
        self.longestWindow = min(s.D, max(1, longestWindow ?? s.D))
        shapes = Array(repeating: nil, count: s.P)
        optionDemand = Array(repeating: -1, count: max(1, D * (K + 1)))
        optionCost = Array(repeating: 0, count: max(1, D * (K + 1)))
        optionUnits = Array(repeating: 0, count: max(1, D * (K + 1)))
        optionKind = Array(repeating: -1, count: max(1, D * (K + 1)))
        optionCount = Array(repeating: 0, count: max(1, D))
        lambda = Array(repeating: 0, count: max(1, K))
        kindUse = Array(repeating: 0, count: max(1, K))
        rowOut = Array(repeating: -1, count: max(1, D))
        kindOutside = Array(repeating: 0, count: max(1, K))
        minuteMultiplier = Array(repeating: 0, count: max(1, s.P))
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    func shape(_ p: Int) -> Shape {
        if let sh = shapes[p] { return sh }
        let r = Int(cp.personProfile[p])
        let K = self.K
        // Successor classes: kinds with the same set of forbidden next kinds share a class.
        var classOf = [Int](repeating: 0, count: max(1, K))
        var patterns: [[Bool]] = []
        for k in 0..<K {
            let row = (0..<K).map { cp.hasForbidden[r] && cp.forbidden[r * K * K + k * K + $0] }
            if let i = patterns.firstIndex(of: row) { classOf[k] = i } else { classOf[k] = patterns.count; patterns.append(row) }
        }
        patterns.append([Bool](repeating: false, count: K)) // unknown kind (history without kind)
        let maxCons = Int(cp.maxConsecutive[r]), minCons = max(0, Int(cp.minConsecutive[r]))
        let minOff = max(0, Int(cp.minDaysOff[r]))
        let maxWE = Int(cp.maxWeekends[r])
        let minT = Int(cp.minTotal[r]), maxT = Int(cp.maxTotal[r])
        var unit = 0, shortest = Int.max
        let J = cp.demandCount
        for j in 0..<J where cp.eligible.get(j, p) {
            let pm = Int(cp.paidMinutes[cp.paidRow[r] + j])
            unit = Self.gcd(unit, pm)
            if pm > 0 { shortest = min(shortest, pm) }
        }
        unit = max(1, unit)
        var minuteStates = 1, saturate = false
        if maxT >= 0 { minuteStates = maxT / unit + 1 } else if minT > 0 { minuteStates = (minT + unit - 1) / unit + 1; saturate = true }
        var sh = Shape(classOf: classOf, forbid: patterns.flatMap { $0 }, classes: patterns.count,
                       runLength: max(1, maxCons >= 0 ? max(maxCons, minCons) : minCons), maxCons: maxCons, minCons: minCons,
                       offStates: max(1, minOff), minOff: minOff,
                       weekendStates: maxWE >= 0 ? maxWE + 1 : 1, maxWeekends: maxWE,
                       unit: unit, minuteStates: minuteStates, saturate: saturate, exactUnit: unit, minTotal: minT, maxTotal: maxT)
        // Coarser minute units when the table would not fit (the exact score still judges).
        // Long horizons: price weekends by Lagrangian rounds instead of counting them in the state.
        let days = longestWindow
        if sh.states * days > maxEntries && sh.weekendStates > 1 { sh.weekendStates = 1; sh.weekendsPriced = true }
        // Never coarser than a quarter of the shortest shift, or shifts would round away.
        while sh.states * days > maxEntries && sh.minuteStates > 8 && sh.unit * 4 <= shortest {
            sh.unit *= 2
            sh.minuteStates = sh.maxTotal >= 0 ? sh.maxTotal / sh.unit + 1 : (sh.minTotal + sh.unit - 1) / sh.unit + 1
        }
        shapes[p] = sh
        return sh
    }

    @inline(__always) private func scalar(_ x: ScoreDelta, _ hw: Int, _ cw: Int) -> Int { x.weighted * hw + x.coverage * cw + x.soft }

    /// Where a windowed program starts and what it must connect to (days outside stay fixed).
    struct Boundary {
        var startRun: Int           // run state before the window's first day
        var startWeekends: Int      // weekends worked outside the window
        var startUnits: Int         // paid minutes outside the window, in units
        var suffixWorks = false     // the day after the window is worked …
        var suffixKind = -1         // … with this kind
        var suffixRun = 0           // length of the work run (or off run) that starts after the window
        var atHorizonEnd = true     // the window reaches the last day
    }

    /// The cheapest row for person p (demand or -1 per day) given everyone else's current cells,
    /// or nil when the program has no path (e.g. too large, or pins that cannot be met).
    /// With a `window`, only those days are re-planned: the rest of the row stays, and the program
    /// starts from the state the days before leave and prices its end against the days after.
    /// Windows should not split a weekend (start and end on week boundaries).
    func rebuild(_ p: Int, window: Range<Int>? = nil, hardWeight hw: Int, coverageWeight cw: Int) -> [Int32]? {
        let sh = shape(p)
        let S = sh.states
        let win = window.map { max(0, $0.lowerBound)..<min(D, $0.upperBound) } ?? 0..<D
        lastWork = 0
        lastCutOff = false
        lastMinuteMultiplier = 0
        if S * win.count > maxEntries || K + 1 > 255 || win.isEmpty { return nil }
        let r = Int(cp.personProfile[p])
        let maxDaily = Int(cp.maxDaily[r])
        let hardUnit = IncrementalScore.countUnitWeight * hw
        let bound = boundary(p, sh, win)
        // Pricing a demand (eligibility, headcount and mix delta) costs about as much as 50 steps
        // of the program's inner loop.
        var pricingWork = 0
        defer { lastWork += pricingWork }
        // Options per day.
        for d in win {
            let base = d * (K + 1)
            var n = 0
            let problemPin = cp.pinnedCell[p * D + d]
            // A branching decision acts as a pin on its value.
            let forcedCell = problemPin ? s.cell(p, d) : forced.map { $0[p * D + d] } ?? -2
            let pinned = problemPin || forcedCell >= -1
            let ban = problemPin ? 0 : banned.map { $0[p * D + d] } ?? 0
            if (!pinned || (!problemPin && forcedCell == -1)) && ban & Self.offBan == 0 {
                optionDemand[base] = -1; optionKind[base] = -1; optionUnits[base] = 0
                optionCost[base] = s.cellSoft(p, d, -1) * (coverPrices == nil ? 1 : priceScale)
                n = 1
            }
            let quota = scalar(s.workDayQuotaDelta(p, d), hw, cw)
            let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
            pricingWork += 50 * (b - a)
            for i in a..<b {
                let j = Int(cp.dayDemands[i])
                if pinned { if forcedCell != Int32(j) { continue } } else if !cp.eligible.get(j, p) { continue }
                if ban != 0 && i - a < 63 && ban & (1 << UInt64(i - a)) != 0 { continue }
                let k = Int(cp.demandKind[j])
                if !pinned && cp.hasKindCaps[r] && cp.kindCap[r * K + k] >= 0 && cp.kindCap[r * K + k] <= kindOutside[k] { continue }
                let pm = Int(cp.paidMinutes[cp.paidRow[r] + j])
                if !pinned && maxDaily >= 0 && pm > maxDaily { continue }
                let c = coverPrices.map { priceScale * s.cellSoft(p, d, j) - $0[j] } ?? (scalar(s.joinDelta(p, j), hw, cw) + quota + s.cellSoft(p, d, j))
                // One option per kind: the state only sees the kind (and the minutes).
                var slot = -1
                for o in base..<(base + n) where optionKind[o] == k { slot = o; break }
                if slot < 0 { slot = base + n; n += 1; optionKind[slot] = k; optionCost[slot] = Int.max }
                if c < optionCost[slot] {
                    optionCost[slot] = c; optionDemand[slot] = Int32(j)
                    optionUnits[slot] = sh.unit == 1 ? pm : (pm + sh.unit / 2) / sh.unit
                }
            }
            if n == 0 { return nil }
            optionCount[d] = n
        }
        for k in 0..<K { lambda[k] = coverPrices == nil ? 0 : kindPrices?[p * K + k] ?? 0 }
        weekendPrice = 0
        // Subgradient steps on the Lagrangian prices of shift-kind caps (and weekends when priced):
        // start near the value of one shift, grow while a limit stays broken. Every round's row is
        // judged by its true cost plus a hard unit per unit over a limit, and the best one wins;
        // the last round's row, distorted by large prices, is often far worse than an earlier one.
        var step = max(1, hardUnit / 4)
        var result: [Int32]? = nil
        var resultValue = Int.max, resultExcess = Int.max
        var work = 0
        defer { lastWork += work }
        let caps = cp.hasKindCaps[r]
        let rounds = coverPrices == nil && (caps || sh.weekendsPriced) ? 8 : 1
        for round in 0..<rounds {
            guard let row = solve(p, sh, hw: hw, window: win, bound) else { work += solveWork; break }
            work += solveWork
            var over = false, excess = 0
            if sh.weekendsPriced && sh.maxWeekends >= 0 {
                var weekends = bound.startWeekends
                for d in win where opensWeekend(d, { row[$0] >= 0 }) { weekends += 1 }
                if weekends > sh.maxWeekends { weekendPrice += step; over = true; excess += weekends - sh.maxWeekends }
                else if weekends < sh.maxWeekends && weekendPrice > 0 { weekendPrice = max(0, weekendPrice - step / 2) }
            }
            if caps {
                for k in 0..<K { kindUse[k] = Int(kindOutside[k]) }
                for d in win where row[d] >= 0 { kindUse[Int(cp.demandKind[Int(row[d])])] += 1 }
                for k in 0..<K {
                    let cap = Int(cp.kindCap[r * K + k])
                    if cap < 0 { continue }
                    if kindUse[k] > cap { lambda[k] += step; over = true; excess += kindUse[k] - cap }
                    else if kindUse[k] < cap && lambda[k] > 0 { lambda[k] = max(0, lambda[k] - step / 2) }
                }
            }
            // Like the limits the table enforces (maximum weekends, maximum minutes), a row within the
            // limits beats any row over them; among rows over them, the cheapest counting the excess.
            let value = lastTrueCost + excess * hardUnit
            let better = (excess == 0) != (resultExcess == 0) ? excess == 0 : value < resultValue
            if better {
                resultValue = value; resultExcess = excess; result = row
            }
            if !over { break }
            if round % 2 == 1 { step *= 2 }
        }
        return result
    }

    /// Whether day d opens a worked weekend (the first worked day of it), as the scorer counts.
    @inline(__always) private func opensWeekend(_ d: Int, _ worked: (Int) -> Bool) -> Bool {
        worked(d) && cp.dayWeekend[d] >= 0 && !(d > 0 && worked(d - 1) && cp.dayWeekend[d - 1] == cp.dayWeekend[d])
    }

    /// The program's start state from the days before the window (or the history), what the days
    /// after it expect, and the shift kinds used outside it (`kindOutside`).
    private func boundary(_ p: Int, _ sh: Shape, _ win: Range<Int>) -> Boundary {
        let O = sh.offStates, RL = sh.runLength
        let history = cp.hasHistory[p]
        let a = win.lowerBound, b = win.upperBound
        var startRun: Int
        if a > 0 && s.cell(p, a - 1) >= 0 {
            var d = a - 1, run = 0
            while d >= 0 && s.cell(p, d) >= 0 { run += 1; d -= 1 }
            var ex = 0
            if d < 0 { if history { run += Int(cp.historyRun[p]) } else { ex = 1 } }
            let k = Int(cp.demandKind[Int(s.cell(p, a - 1))])
            startRun = O + ((sh.classOf[k] * RL + min(run, RL) - 1) << 1 | ex)
        } else if a > 0 {
            var d = a - 1, off = 0
            while d >= 0 && s.cell(p, d) < 0 { off += 1; d -= 1 }
            if d < 0 {
                if !history { off = O } else if cp.historyRun[p] > 0 { /* worked on day -1 */ } else { off += Int(cp.historyOffRun[p]) }
            }
            startRun = max(0, min(off, O) - 1)
        } else if history && cp.historyRun[p] > 0 {
            let k = Int(cp.historyLastKind[p])
            let c = k >= 0 ? sh.classOf[k] : sh.classes - 1
            startRun = O + ((c * RL + min(Int(cp.historyRun[p]), RL) - 1) << 1)
        } else if history {
            startRun = max(0, min(Int(cp.historyOffRun[p]), O) - 1)
        } else {
            startRun = O - 1 // a fresh start counts as a long enough rest
        }
        var bound = Boundary(startRun: startRun, startWeekends: 0, startUnits: 0)
        // Shift-kind use outside the window counts against the caps.
        for k in 0..<K { kindOutside[k] = 0 }
        if win.count < D {
            let r = Int(cp.personProfile[p])
            var minutes = 0, weekends = 0
            for d in 0..<D where !win.contains(d) {
                let j = Int(s.cell(p, d))
                if j < 0 { continue }
                minutes += Int(cp.paidMinutes[cp.paidRow[r] + j])
                kindOutside[Int(cp.demandKind[j])] += 1
                if opensWeekend(d, { s.cell(p, $0) >= 0 }) { weekends += 1 }
            }
            bound.startWeekends = weekends
            bound.startUnits = sh.unit == 1 ? minutes : (minutes + sh.unit / 2) / sh.unit
        }
        if b < D {
            bound.atHorizonEnd = false
            let works = s.cell(p, b) >= 0
            bound.suffixWorks = works
            if works { bound.suffixKind = Int(cp.demandKind[Int(s.cell(p, b))]) }
            var d = b
            while d < D && (s.cell(p, d) >= 0) == works { d += 1 }
            bound.suffixRun = d - b
        }
        return bound
    }

    /// A run state's parts (see `Shape`): off for `o` days, or on successor class `cls` for
    /// `runLen` days, `ex` when the run started before a horizon without history (exempt from the
    /// minimum).
    private struct RunPosition {
        var working = false
        var o = 0, cls = 0, runLen = 0, ex = 0
    }

    @inline(__always) private static func position(_ rs: Int, _ sh: Shape) -> RunPosition {
        var x = RunPosition()
        if rs >= sh.offStates {
            let y = rs - sh.offStates
            x.working = true; x.ex = y & 1; x.runLen = (y >> 1) % sh.runLength + 1; x.cls = (y >> 1) / sh.runLength
        } else { x.o = rs + 1 }
        return x
    }

    /// The run state and weekends after working kind k (off: k < 0) from position x with w
    /// weekends, and whether that opens a weekend; nil where a rule the program holds forbids it.
    /// `weekendDay`: the day is in a weekend; `sameWeekend`: yesterday was in the same one;
    /// `freshStart`: the first day of a horizon without history.
    @inline(__always) private func successor(_ sh: Shape, _ x: RunPosition, _ w: Int, kind k: Int, weekendDay: Bool,
                                             sameWeekend: Bool, freshStart: Bool) -> (rs: Int, w: Int, opens: Bool)? {
        let O = sh.offStates, RL = sh.runLength
        if k < 0 {
            if x.working {
                if sh.minCons > 0 && x.ex == 0 && x.runLen < sh.minCons { return nil }
                return (0, w, false)
            }
            return (min(x.o + 1, O) - 1, w, false)
        }
        var r2 = 1, ex2 = 0
        if x.working {
            if sh.forbid[x.cls * K + k] { return nil }
            r2 = x.runLen + 1
            if sh.maxCons >= 0 && r2 > sh.maxCons { return nil }
            r2 = min(r2, RL); ex2 = x.ex
        } else {
            if x.o < sh.minOff { return nil }
            ex2 = freshStart ? 1 : 0
        }
        let rs2 = O + ((sh.classOf[k] * RL + r2 - 1) << 1 | ex2)
        if weekendDay && !(sameWeekend && x.working) {
            let w2 = w + 1
            if !sh.weekendsPriced && sh.maxWeekends >= 0 && w2 > sh.maxWeekends { return nil }
            return (rs2, min(w2, sh.weekendStates - 1), true)
        }
        return (rs2, w, false)
    }

    /// What ending a window in run state rs costs against the days after it (0 at the horizon's end).
    @inline(__always) private func edgeCost(_ rs: Int, _ sh: Shape, _ bound: Boundary, hardUnit: Int) -> Int {
        if bound.atHorizonEnd { return 0 }
        var edge = 0
        if rs >= sh.offStates {
            let x = Self.position(rs, sh)
            if bound.suffixWorks {
                if sh.forbid[x.cls * K + bound.suffixKind] { edge += hardUnit }
                if sh.maxCons >= 0 && x.runLen + bound.suffixRun > sh.maxCons {
                    edge += (x.runLen + bound.suffixRun - max(sh.maxCons, bound.suffixRun)) * hardUnit
                }
            } else if sh.minCons > 0 && x.ex == 0 && x.runLen < sh.minCons {
                edge += (sh.minCons - x.runLen) * hardUnit
            }
        } else if bound.suffixWorks && rs + 1 < sh.minOff {
            edge += (sh.minOff - rs - 1) * hardUnit
        }
        return edge
    }

    /// Completion bounds for pruning against `threshold`: after each day of the window, the
    /// cheapest way to the window's end with every rule relaxed but the paid minutes, which a
    /// multiplier λ per unit prices (λ ≥ 0 charges the units the cap leaves unused; λ < 0 credits
    /// the units short of the minimum, at most what its penalty charges for them). A state with
    /// minutes m after window day t then needs at least `bounds[t + 1] + λ (m − ref)` more, ref
    /// the cap's units for λ ≥ 0 and the minimum's for λ < 0. λ maximizes the start's bound, a
    /// concave function of λ: bisection on its slope, from person p's last λ. A bound per state
    /// (a backward pass over the run states) pruned more but cost more than it saved.
    /// Returns λ, ref and the start's bound.
    private func completionBounds(_ p: Int, _ sh: Shape, hw: Int, window win: Range<Int>, m0: Int,
                                  work: inout Int) -> (lambda: Int, ref: Int, value: Int) {
        let M = sh.minuteStates, L = win.count, a = win.lowerBound
        bounds.reserve(L + 1, fill: 0); spareBounds.reserve(L + 1, fill: 0)
        let capRef = M - 1
        let minRef = sh.minTotal > 0 ? min(M - 1, sh.minTotal / sh.unit) : 0
        // Multipliers that keep the bound valid: a cap only where the minutes do not saturate; a
        // minimum priced at hw per missing hour allows at most hw × unit / 60 per unit. The cap's
        // is kept small enough that λ times any day's or window's units stays far from overflow.
        var longest = 1
        for d in win { for opt in (d * (K + 1))..<(d * (K + 1) + optionCount[d]) { longest = max(longest, optionUnits[opt]) } }
        let most = sh.maxTotal >= 0 && !sh.saturate ? Self.infinity / (16 * (M + 1) * (L + 1) * longest) : 0
        let least = sh.minTotal > 0 ? -(hw * sh.unit / 60) : 0
        // The cheapest option of every day at λ (weekend prices, never negative, left out):
        // suffix sums into the spare table, and the units of the cheapest options.
        func pass(_ lam: Int) -> (value: Int, units: Int) {
            let lb = spareBounds.base
            var total = 0, units = 0
            lb[L] = 0
            var t = L - 1
            while t >= 0 {
                let base = (a + t) * (K + 1)
                var best = Int.max, bestUnits = 0
                for opt in base..<(base + optionCount[a + t]) {
                    let k = optionKind[opt]
                    let v = optionCost[opt] + (k >= 0 ? lambda[k] : 0) + lam * optionUnits[opt]
                    if v < best { best = v; bestUnits = optionUnits[opt] }
                }
                total += best; units += bestUnits
                lb[t] = total
                work += optionCount[a + t]
                t -= 1
            }
            return (total, units)
        }
        var bestLambda = 0, bestValue = Int.min
        // The bound at λ, and which way it rises: +1 right, -1 left, 0 at its top.
        func probe(_ lam: Int) -> Int {
            let (v, u) = pass(lam)
            let value = v + lam * (m0 - (lam >= 0 ? capRef : minRef))
            if value > bestValue { bestValue = value; bestLambda = lam; swap(&bounds, &spareBounds) }
            let up = u + m0 - capRef, down = u + m0 - minRef
            if lam > 0 || (lam == 0 && up > 0) { return up > 0 ? (lam < most ? 1 : 0) : up < 0 ? -1 : 0 }
            if lam < 0 || (lam == 0 && down < 0) { return down < 0 ? (lam > least ? -1 : 0) : down > 0 ? 1 : 0 }
            return 0
        }
        var lam = max(least, min(most, minuteMultiplier[p]))
        let dir = probe(lam)
        // Bracket the top by steps that grow fourfold, then halve the bracket.
        var step = max(1, priceScale, abs(lam) / 4)
        var lo = lam, hi = lam, probes = 1
        while dir != 0 && probes < 40 {
            let next = max(least, min(most, lam + dir * step))
            if next == lam { break }
            let d2 = probe(next)
            probes += 1
            if d2 == 0 { break }
            if d2 != dir {
                if dir > 0 { lo = lam; hi = next } else { lo = next; hi = lam }
                break
            }
            lam = next; step *= 4
        }
        while hi - lo > 1 && probes < 40 {
            let mid = lo + (hi - lo) / 2
            let d2 = probe(mid)
            probes += 1
            if d2 == 0 { break }
            if d2 > 0 { lo = mid } else { hi = mid }
        }
        minuteMultiplier[p] = bestLambda
        return (bestLambda, bestLambda >= 0 ? capRef : minRef, bestValue)
    }

    private func solve(_ p: Int, _ sh: Shape, hw: Int, window win: Range<Int>, _ bound: Boundary) -> [Int32]? {
        let S = sh.states, K = self.K
        let W = sh.weekendStates, M = sh.minuteStates
        let RW = sh.runStates * W
        let inf = Self.infinity
        let a = win.lowerBound, L = win.count
        // Raw pointers into owned scratch tables: array stores in this loop paid uniqueness and
        // exclusivity checks on every cell.
        cost.reserve(S, fill: inf); nextCost.reserve(S, fill: inf)
        back.reserve(S * L, fill: 0); backOption.reserve(S * L, fill: 0)
        for t in [liveLo, liveHi, nextLo, nextHi] { t.reserve(RW, fill: 0) }
        live.reserve(RW, fill: 0); nextLive.reserve(RW, fill: 0)
        var costL = cost.base, nextCostL = nextCost.base
        let backL = back.base, backOptionL = backOption.base
        var liveLoL = liveLo.base, liveHiL = liveHi.base, nextLoL = nextLo.base, nextHiL = nextHi.base
        var liveL = live.base, nextLiveL = nextLive.base
        let optionKind = self.optionKind, optionUnits = self.optionUnits, optionCost = self.optionCost
        let optionDemand = self.optionDemand, optionCount = self.optionCount, lambda = self.lambda
        let weekendPrice = self.weekendPrice
        let history = cp.hasHistory[p]
        let w0 = sh.weekendsPriced ? 0 : min(bound.startWeekends, W - 1)
        let m0 = sh.saturate ? min(bound.startUnits, M - 1) : bound.startUnits
        var work = 0
        defer { solveWork = work }
        if m0 >= M { return nil }
        // Pruning against the threshold (pricing only): a transition is kept while the state's
        // cost, the option's and the completion bound stay below it.
        let threshold = coverPrices == nil ? nil : self.threshold
        var pruneLambda = 0, pruneRef = 0
        if let T = threshold {
            let cb = completionBounds(p, sh, hw: hw, window: win, m0: m0, work: &work)
            lastMinuteMultiplier = cb.lambda
            if cb.value >= T { lastCutOff = true; return nil }
            pruneLambda = cb.lambda; pruneRef = cb.ref
        }
        let completion = bounds.base
        // Reachable minute states per (run, weekend) state: [lo, hi), empty when lo >= hi; the
        // reachable (run, weekend) states in a list, so a day visits only those.
        for i in 0..<RW { liveLoL[i] = M; liveHiL[i] = 0; nextLoL[i] = M; nextHiL[i] = 0 }
        let first = bound.startRun * W + w0
        costL[first * M + m0] = 0
        liveLoL[first] = m0; liveHiL[first] = m0 + 1
        liveL[0] = Int32(first)
        var liveCount = 1
        // Sets the live states' cost entries back to infinity (the rest already is) and empties
        // their ranges.
        func clearLive() {
            for li in 0..<liveCount {
                let i = Int(liveL[li]), f = i * M
                for m in liveLoL[i]..<liveHiL[i] { costL[f + m] = inf }
                liveLoL[i] = M; liveHiL[i] = 0
            }
        }
        for d in win {
            let base = d * (K + 1)
            let n = optionCount[d]
            let we = Int(cp.dayWeekend[d])
            let sameWeekendAsYesterday = we >= 0 && d > 0 && Int(cp.dayWeekend[d - 1]) == we
            let fresh = d == 0 && !history
            let backBase = (d - a) * S
            let rest = threshold == nil ? 0 : completion[d - a + 1]
            var nextCount = 0
            for li in 0..<liveCount {
                let i = Int(liveL[li])
                let rs = i / W, w = i - rs * W
                let x = Self.position(rs, sh)
                let lo = liveLoL[i], hi = liveHiL[i]
                let from = i * M
                for oi in 0..<n {
                    let opt = base + oi
                    let k = optionKind[opt]
                    guard let s2 = successor(sh, x, w, kind: k, weekendDay: we >= 0, sameWeekend: sameWeekendAsYesterday, freshStart: fresh) else { continue }
                    let i2 = s2.rs * W + s2.w
                    let to = i2 * M
                    let du = optionUnits[opt]
                    let c = optionCost[opt] + (k >= 0 ? lambda[k] : 0) + (s2.opens && sh.weekendsPriced ? weekendPrice : 0)
                    let top = min(hi, sh.saturate ? M : M - du)
                    if top <= lo { continue }
                    // A source entry v at minutes m goes on while v + λ m stays below this.
                    let limit = threshold.map { min(inf, $0 - c - rest - pruneLambda * (du - pruneRef)) } ?? inf
                    let lam = pruneLambda
                    var firstWritten = Int.max, lastWritten = -1
                    // The innermost loop of the program: wrapping arithmetic and truncating
                    // conversions (every value is in range: costs stay far below `inf`,
                    // states below `maxEntries`, at most Int32.max, options below 255), so the
                    // compiler emits no overflow or range checks here.
                    let src = costL + from, o8 = UInt8(truncatingIfNeeded: oi)
                    let fromIndex = Int32(truncatingIfNeeded: from)
                    if sh.saturate {
                        for m in lo..<top {
                            let v0 = src[m]
                            if v0 &+ lam &* m >= limit { continue }
                            let t = to &+ min(m &+ du, M &- 1)
                            let v = v0 &+ c
                            if v < nextCostL[t] {
                                nextCostL[t] = v; backL[backBase &+ t] = fromIndex &+ Int32(truncatingIfNeeded: m); backOptionL[backBase &+ t] = o8
                                if firstWritten > m { firstWritten = m }
                                lastWritten = m
                            }
                        }
                    } else {
                        let dst = nextCostL + (to &+ du), dstBack = backL + (backBase &+ to &+ du), dstOption = backOptionL + (backBase &+ to &+ du)
                        for m in lo..<top {
                            let v0 = src[m]
                            if v0 &+ lam &* m >= limit { continue }
                            let v = v0 &+ c
                            if v < dst[m] {
                                dst[m] = v; dstBack[m] = fromIndex &+ Int32(truncatingIfNeeded: m); dstOption[m] = o8
                                if firstWritten > m { firstWritten = m }
                                lastWritten = m
                            }
                        }
                    }
                    work &+= top &- lo
                    if lastWritten >= 0 {
                        let l2 = sh.saturate ? min(firstWritten + du, M - 1) : firstWritten + du
                        let h2 = sh.saturate ? min(lastWritten + du, M - 1) + 1 : lastWritten + du + 1
                        if nextLoL[i2] >= nextHiL[i2] { nextLiveL[nextCount] = Int32(truncatingIfNeeded: i2); nextCount += 1 }
                        if l2 < nextLoL[i2] { nextLoL[i2] = l2 }
                        if h2 > nextHiL[i2] { nextHiL[i2] = h2 }
                    }
                }
            }
            // Reset the states just read so the swapped buffers start clean.
            clearLive()
            // Ascending, as a scan of every state would visit them (ties between equal rows
            // then break the same way).
            for x in 1..<max(1, nextCount) {
                let v = nextLiveL[x]
                var y = x - 1
                while y >= 0 && nextLiveL[y] > v { nextLiveL[y + 1] = nextLiveL[y]; y -= 1 }
                nextLiveL[y + 1] = v
            }
            swap(&costL, &nextCostL)
            swap(&liveLoL, &nextLoL); swap(&liveHiL, &nextHiL)
            swap(&liveL, &nextLiveL); liveCount = nextCount
        }
        // End: price the minimum total (one weighted unit per missing hour, as the scorer does) and,
        // for a window, how its last run meets the days after it.
        let hardUnit = IncrementalScore.countUnitWeight * hw
        var best = -1, bestValue = inf
        for li in 0..<liveCount {
            let i = Int(liveL[li])
            let edge = edgeCost(i / W, sh, bound, hardUnit: hardUnit)
            for m in liveLoL[i]..<liveHiL[i] {
                let t = i * M + m
                if costL[t] >= inf { continue }
                var v = costL[t] + edge
                if sh.minTotal >= 0 {
                    let minutes = m * sh.unit
                    if minutes < sh.minTotal && !(sh.saturate && m == M - 1) { v += (sh.minTotal - minutes + 59) / 60 * hw }
                }
                if v < bestValue { bestValue = v; best = t }
            }
        }
        // Leave the table clean for the next call.
        clearLive()
        if let T = threshold, best < 0 || bestValue >= T { lastCutOff = true; return nil }
        if best < 0 { return nil }
        for d in 0..<D { rowOut[d] = s.cell(p, d) }
        var t = best
        var d = win.upperBound - 1
        lastValue = bestValue
        // The row's cost without the Lagrangian prices, to compare rounds.
        var trueCost = bestValue
        while d >= a {
            let oi = Int(backOptionL[(d - a) * S + t])
            let k = optionKind[d * (K + 1) + oi]
            if k >= 0 { trueCost -= lambda[k] }
            rowOut[d] = optionDemand[d * (K + 1) + oi]
            t = Int(backL[(d - a) * S + t])
            d -= 1
        }
        if sh.weekendsPriced && weekendPrice > 0 {
            for d in win where opensWeekend(d, { rowOut[$0] >= 0 }) { trueCost -= weekendPrice }
        }
        lastTrueCost = trueCost
        return Array(rowOut[0..<D])
    }
}

/// Growable scratch memory for the program's tables. Raw pointers, so the inner loop pays neither
/// copy-on-write uniqueness nor exclusivity checks.
final class ScratchTable<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity = 0

    init() { base = .allocate(capacity: 1) }

    /// Makes room for n elements; new memory is filled with `fill`, kept memory is left as it is.
    func reserve(_ n: Int, fill: Element) {
        if n <= capacity { return }
        base.deallocate()
        base = .allocate(capacity: n)
        base.initialize(repeating: fill, count: n)
        capacity = n
    }

    deinit { base.deallocate() }
}
