/// The plan grid (person × day → demand or -1) with its score kept up to date move by move.
///
/// A move is a short list of cell changes. `propose` writes them into the grid, updates the
/// headcount and quota counters and re-evaluates only the touched people; `commit` keeps the
/// result, `rollback` restores the grid. Nothing is allocated per move.
final class IncrementalScore {
    let cp: CompiledProblem
    let evaluator: PersonEvaluator
    let P: Int, D: Int, J: Int
    let grid: UnsafeMutablePointer<Int32>
    let personHard: UnsafeMutablePointer<Int>
    let personWeighted: UnsafeMutablePointer<Int>
    static let countUnitWeight = 8
    let personSoft: UnsafeMutablePointer<Int>
    /// Paid minutes and weekends worked of each person's row (for `optimisticValue`).
    private let personMinutes: UnsafeMutablePointer<Int>, personWeekends: UnsafeMutablePointer<Int>
    /// Shifts of each kind in each row (person * kinds + kind) and each row's units over its
    /// shift-kind caps, kept live through pending moves (rows with caps only).
    private let personKindCount: UnsafeMutablePointer<Int32>, personKindExcess: UnsafeMutablePointer<Int>
    let headcount: UnsafeMutablePointer<Int32>
    let mixCount: UnsafeMutablePointer<Int32>
    let quotaPersons: UnsafeMutablePointer<Int32>   // department * D + day
    let quotaMinutes: UnsafeMutablePointer<Int>
    private(set) var hard = 0, coverage = 0, soft = 0, weightedHard = 0
    /// People working on each day (unordered, day * P + i) and each cell's slot in that list, so
    /// moves can pick a working person in O(1) on a sparse grid.
    let dayWorkers: UnsafeMutablePointer<Int32>
    let dayWorkerCount: UnsafeMutablePointer<Int32>
    private let workerSlot: UnsafeMutablePointer<Int32>
    let constantHard: Int

    // Change log of the pending move
    private let logCell: UnsafeMutablePointer<Int>
    private let logOld: UnsafeMutablePointer<Int32>
    private(set) var logCount = 0
    private let touched: UnsafeMutablePointer<Int32>
    private let touchedHard: UnsafeMutablePointer<Int>
    private let touchedWeighted: UnsafeMutablePointer<Int>
    private let touchedSoft: UnsafeMutablePointer<Int>
    private var touchedCount = 0
    private let touchedMinutes: UnsafeMutablePointer<Int>, touchedWeekends: UnsafeMutablePointer<Int>
    private let touchedFrom: UnsafeMutablePointer<Int>, touchedThrough: UnsafeMutablePointer<Int>
    /// Per-person checkpoints of the row pass (long horizons only): a move re-scores the weeks it
    /// touches instead of whole rows. Refreshed on commit; nil when rows are short.
    private let checkpoints: UnsafeMutablePointer<Int>?
    private let checkpointSize: Int
    private var pending = ScoreDelta()
    /// Whether a row's soft terms are sums over its cells (`cellSoft`): no fairness (a function of
    /// the row's total) and no continuity (pairs of days). Then the pending move's change of the
    /// rows' soft terms is known exactly before the rows are re-scored (`optimisticValue`).
    let rowSoftIsCellLocal: Bool
    /// Change of the touched rows' cell-local soft terms by the pending move (when `rowSoftIsCellLocal`).
    private var pendingCellSoft = 0
    /// Most cell changes one move may make: a whole row (rebuilding one person) plus slack.
    let maxCells: Int

    init(_ cp: CompiledProblem) {
        self.cp = cp
        evaluator = PersonEvaluator(cp)
        P = cp.personCount; D = cp.dayCount; J = cp.demandCount
        grid = .allocate(capacity: max(1, P * D)); grid.initialize(repeating: -1, count: max(1, P * D))
        personHard = .allocate(capacity: max(1, P)); personHard.initialize(repeating: 0, count: max(1, P))
        personSoft = .allocate(capacity: max(1, P)); personSoft.initialize(repeating: 0, count: max(1, P))
        personWeighted = .allocate(capacity: max(1, P)); personWeighted.initialize(repeating: 0, count: max(1, P))
        personMinutes = .allocate(capacity: max(1, P)); personMinutes.initialize(repeating: 0, count: max(1, P))
        personWeekends = .allocate(capacity: max(1, P)); personWeekends.initialize(repeating: 0, count: max(1, P))
        personKindCount = .allocate(capacity: max(1, P * cp.kindCount)); personKindCount.initialize(repeating: 0, count: max(1, P * cp.kindCount))
        personKindExcess = .allocate(capacity: max(1, P)); personKindExcess.initialize(repeating: 0, count: max(1, P))
        headcount = .allocate(capacity: max(1, J)); headcount.initialize(repeating: 0, count: max(1, J))
        let mixes = max(1, cp.mixNeed.count)
        mixCount = .allocate(capacity: mixes); mixCount.initialize(repeating: 0, count: mixes)
        let q = max(1, cp.departmentCount * D)
        quotaPersons = .allocate(capacity: q); quotaPersons.initialize(repeating: 0, count: q)
        quotaMinutes = .allocate(capacity: q); quotaMinutes.initialize(repeating: 0, count: q)
        dayWorkers = .allocate(capacity: max(1, P * D)); dayWorkers.initialize(repeating: 0, count: max(1, P * D))
        dayWorkerCount = .allocate(capacity: max(1, D)); dayWorkerCount.initialize(repeating: 0, count: max(1, D))
        workerSlot = .allocate(capacity: max(1, P * D)); workerSlot.initialize(repeating: -1, count: max(1, P * D))
        rowSoftIsCellLocal = cp.weights.fairness == 0 && cp.weights.continuity == 0
        maxCells = max(256, 12 * cp.dayCount + 16)
        logCell = .allocate(capacity: maxCells); logOld = .allocate(capacity: maxCells)
        touched = .allocate(capacity: maxCells)
        touchedHard = .allocate(capacity: maxCells); touchedWeighted = .allocate(capacity: maxCells); touchedSoft = .allocate(capacity: maxCells)
        constantHard = cp.unrepresentablePins.reduce(0) { $0 + $1.units }
        touchedFrom = .allocate(capacity: maxCells); touchedThrough = .allocate(capacity: maxCells)
        touchedMinutes = .allocate(capacity: maxCells); touchedWeekends = .allocate(capacity: maxCells)
        checkpointSize = evaluator.checkpointCount * evaluator.checkpointFields
        // Rows of four weeks or less gain little: a pass over them is as cheap as the bookkeeping.
        if D > 4 * PersonEvaluator.checkpointStride && P * checkpointSize <= 64_000_000 {
            checkpoints = .allocate(capacity: P * checkpointSize)
            checkpoints!.initialize(repeating: 0, count: P * checkpointSize)
        } else { checkpoints = nil }
        recomputeAll()
    }

    deinit {
        dayWorkers.deallocate(); dayWorkerCount.deallocate(); workerSlot.deallocate()
        grid.deallocate(); personHard.deallocate(); personWeighted.deallocate(); touchedWeighted.deallocate(); personSoft.deallocate(); headcount.deallocate()
        mixCount.deallocate(); quotaPersons.deallocate(); quotaMinutes.deallocate()
        logCell.deallocate(); logOld.deallocate(); touched.deallocate(); touchedHard.deallocate(); touchedSoft.deallocate()
        touchedFrom.deallocate(); touchedThrough.deallocate(); checkpoints?.deallocate()
        personMinutes.deallocate(); touchedMinutes.deallocate(); personWeekends.deallocate(); touchedWeekends.deallocate()
        personKindCount.deallocate(); personKindExcess.deallocate()
    }

    var score: Score { Score(hard: hard, coverage: coverage, soft: soft) }

    /// Keeps the day lists in step with a cell going from `old` to `new`.
    @inline(__always) private func track(_ p: Int, _ d: Int, _ old: Int32, _ new: Int32) {
        if (old < 0) == (new < 0) { return }
        let cell = p * D + d
        if new >= 0 {
            let n = Int(dayWorkerCount[d])
            dayWorkers[d * P + n] = Int32(p); workerSlot[cell] = Int32(n); dayWorkerCount[d] += 1
        } else {
            let slot = Int(workerSlot[cell]), last = Int(dayWorkerCount[d]) - 1
            let moved = Int(dayWorkers[d * P + last])
            dayWorkers[d * P + slot] = Int32(moved); workerSlot[moved * D + d] = Int32(slot)
            workerSlot[cell] = -1; dayWorkerCount[d] -= 1
        }
    }

    /// Rebuilds every counter and cached value from the grid (used at start and by tests).
    func recomputeAll() {
        dayWorkerCount.update(repeating: 0, count: max(1, D))
        workerSlot.update(repeating: -1, count: max(1, P * D))
        for p in 0..<P { for d in 0..<D where grid[p * D + d] >= 0 { track(p, d, -1, grid[p * D + d]) } }
        headcount.update(repeating: 0, count: max(1, J))
        personKindCount.update(repeating: 0, count: max(1, P * cp.kindCount))
        personKindExcess.update(repeating: 0, count: max(1, P))
        mixCount.update(repeating: 0, count: max(1, cp.mixNeed.count))
        quotaPersons.update(repeating: 0, count: max(1, cp.departmentCount * D))
        quotaMinutes.update(repeating: 0, count: max(1, cp.departmentCount * D))
        var h = constantHard, c = 0, s = 0, w = constantHard * Self.countUnitWeight
        for p in 0..<P {
            let row = grid + p * D
            let (ph, ps, pw) = rescore(p)
            personHard[p] = ph; personSoft[p] = ps; personWeighted[p] = pw
            h += ph; s += ps; w += pw
            personMinutes[p] = 0; personWeekends[p] = 0
            for d in 0..<D where row[d] >= 0 {
                countKind(p, row[d], 1)
                personMinutes[p] += paid(p, Int(row[d]))
                // Counted on the weekend's first worked day.
                if cp.dayWeekend[d] >= 0 && !worksWeekend(p, besides: d, earlierOnly: true) { personWeekends[p] += 1 }
            }
            let dept = Int(cp.personDepartment[p])
            for d in 0..<D where row[d] >= 0 {
                let j = Int(row[d])
                headcount[j] += 1
                for m in Int(cp.mixStart[j])..<Int(cp.mixStart[j + 1]) where cp.mixHolders.get(m, p) { mixCount[m] += 1 }
                if dept >= 0 { quotaPersons[dept * D + d] += 1; quotaMinutes[dept * D + d] += cp.personContract[p] }
            }
        }
        for j in 0..<J { let x = demandPenalty(j); h += x.hard; c += x.coverage; s += x.soft; w += x.hard * Self.countUnitWeight }
        for q in 0..<cp.departmentCount { for d in 0..<D { let x = quotaPenalty(q * D + d, q); h += x.hard; s += x.soft; w += x.hard * Self.countUnitWeight } }
        hard = h; coverage = c; soft = s; weightedHard = w
    }

    @inline(__always) func demandPenalty(_ j: Int) -> ScoreDelta {
        let n = headcount[j]
        var x = ScoreDelta()
        let mx = cp.demandMax[j], mn = cp.demandMin[j], tg = cp.demandTarget[j]
        if n > mx { x.hard = Int(n - mx) }
        var cov = 0
        if n < mn { cov = Int(mn - n) }
        let m0 = Int(cp.mixStart[j]), m1 = Int(cp.mixStart[j + 1])
        if m1 > m0 { for m in m0..<m1 where mixCount[m] < cp.mixNeed[m] { cov += Int(cp.mixNeed[m] - mixCount[m]) } }
        x.coverage = cov * cp.demandPriorityWeight[j]
        if n < tg { x.soft = Int(tg - n) * cp.demandShortfallWeight[j] } else { x.soft = Int(n - tg) * cp.demandSurplusWeight[j] }
        return x
    }

    @inline(__always) func quotaPenalty(_ cell: Int, _ q: Int) -> ScoreDelta {
        var x = ScoreDelta()
        let n = quotaPersons[cell]
        let lim = cp.quotaPersons[q]
        if lim >= 0 {
            if n > lim { x.hard += Int(n - lim) }
            let near = Int(lim) * 4 / 5
            if Int(n) > near { x.soft += (Int(n) - near) * cp.weights.nearQuota }
        }
        let lm = cp.quotaMinutes[q]
        if lm >= 0 && quotaMinutes[cell] > lm {
            let ft = max(1, cp.weights.fullTimeMinutesPerWeek)
            x.hard += (quotaMinutes[cell] - lm + ft - 1) / ft
        }
        return x
    }

    /// Adds (+1) or removes (-1) person p on demand j (day d) in the shared counters and
    /// accumulates the resulting change of demand and quota penalties.
    @inline(__always) private func shared(_ p: Int, _ j: Int, _ d: Int, _ sign: Int32, _ delta: inout ScoreDelta) {
        let before = demandPenalty(j)
        headcount[j] += sign
        let m0 = Int(cp.mixStart[j]), m1 = Int(cp.mixStart[j + 1])
        if m1 > m0 { for m in m0..<m1 where cp.mixHolders.get(m, p) { mixCount[m] += sign } }
        let after = demandPenalty(j)
        delta.hard += after.hard - before.hard; delta.weighted += (after.hard - before.hard) * Self.countUnitWeight; delta.coverage += after.coverage - before.coverage; delta.soft += after.soft - before.soft
        let q = Int(cp.personDepartment[p])
        if q >= 0 {
            let cell = q * D + d
            let qb = quotaPenalty(cell, q)
            quotaPersons[cell] += sign
            quotaMinutes[cell] += Int(sign) * cp.personContract[p]
            let qa = quotaPenalty(cell, q)
            delta.hard += qa.hard - qb.hard; delta.weighted += (qa.hard - qb.hard) * Self.countUnitWeight; delta.soft += qa.soft - qb.soft
        }
    }

    /// Change of the demand-level penalties (headcount, mixes; not quotas) if person p, who does not
    /// work demand j now, joined it; if p does work j, the change its presence causes. Counters are
    /// left as they were. Used to price whole-row rebuilds.
    func joinDelta(_ p: Int, _ j: Int) -> ScoreDelta {
        let on = headcount[j] > 0 && grid[p * D + Int(cp.demandDay[j])] == Int32(j)
        let m0 = Int(cp.mixStart[j]), m1 = Int(cp.mixStart[j + 1])
        if on { headcount[j] -= 1; if m1 > m0 { for m in m0..<m1 where cp.mixHolders.get(m, p) { mixCount[m] -= 1 } } }
        let before = demandPenalty(j)
        headcount[j] += 1
        if m1 > m0 { for m in m0..<m1 where cp.mixHolders.get(m, p) { mixCount[m] += 1 } }
        let after = demandPenalty(j)
        if !on { headcount[j] -= 1; if m1 > m0 { for m in m0..<m1 where cp.mixHolders.get(m, p) { mixCount[m] -= 1 } } }
        var x = ScoreDelta()
        x.hard = after.hard - before.hard; x.weighted = x.hard * Self.countUnitWeight
        x.coverage = after.coverage - before.coverage; x.soft = after.soft - before.soft
        return x
    }

    /// Scalar value (as the search weighs it) of demand j's own penalties if its headcount were n;
    /// mixes are taken as they are now. Counters are left as they were.
    func demandValue(_ j: Int, headcount n: Int32, hw: Int, cw: Int) -> Int {
        let saved = headcount[j]
        headcount[j] = n
        let x = demandPenalty(j)
        headcount[j] = saved
        return x.hard * Self.countUnitWeight * hw + x.coverage * cw + x.soft
    }

    /// Scalar value of the pending move's change to the touched rows alone (re-scoring them),
    /// without the demand and quota change; the move stays pending.
    func pendingRowValue(hw: Int) -> Int {
        let delta = evaluate()
        return (delta.weighted - pending.weighted) * hw + (delta.soft - pending.soft)
    }

    /// Change of the quota penalties of p's department on day d if p works that day versus not.
    func workDayQuotaDelta(_ p: Int, _ d: Int) -> ScoreDelta {
        var x = ScoreDelta()
        let q = Int(cp.personDepartment[p])
        if q < 0 { return x }
        let cell = q * D + d
        let on = grid[p * D + d] >= 0
        if on { quotaPersons[cell] -= 1; quotaMinutes[cell] -= cp.personContract[p] }
        let before = quotaPenalty(cell, q)
        quotaPersons[cell] += 1; quotaMinutes[cell] += cp.personContract[p]
        let after = quotaPenalty(cell, q)
        quotaPersons[cell] -= 1; quotaMinutes[cell] -= cp.personContract[p]
        if on { quotaPersons[cell] += 1; quotaMinutes[cell] += cp.personContract[p] }
        x.hard = after.hard - before.hard; x.weighted = x.hard * Self.countUnitWeight; x.soft = after.soft - before.soft
        return x
    }

    /// The soft cost of person p's cell on day d being demand j (or -1) that depends on that cell
    /// alone: unmet wishes, changes against the previous plan, work of a non-pool member.
    @inline(__always) func cellSoft(_ p: Int, _ d: Int, _ j: Int) -> Int {
        let wts = cp.weights
        var c = 0
        let w0 = Int(cp.wishDayStart[p * (D + 1) + d]), w1 = Int(cp.wishDayStart[p * (D + 1) + d + 1])
        if w1 > w0 && wts.wishes != 0 {
            for i in w0..<w1 {
                let k = Int(cp.wishKind[i])
                let works = j >= 0 && (k < 0 || Int(cp.demandKind[j]) == k)
                if works != cp.wishWants[i] { c += Int(cp.wishWeight[i]) * wts.wishes }
            }
        }
        if let prev = cp.previousGrid, wts.disruption != 0 {
            let old = prev[p * D + d]
            if old != Int32(j) { c += ((old >= 0 ? 1 : 0) + (j >= 0 ? 1 : 0)) * wts.disruption }
        }
        if j >= 0 && !cp.personPool[p] { c += wts.nonPoolMember }
        return c
    }

    /// A lower bound of the pending move's scalar value (as the search weighs it: weighted hard ×
    /// `hw` + coverage × `cw` + soft) without re-scoring a row: the demand and quota change is
    /// known, a row's hard part cannot fall below zero, and its soft part changes by the cells'
    /// own costs (or, with row-wide soft terms, cannot fall below zero). A move whose bound already
    /// exceeds the annealing threshold is rejected without the row passes.
    @inline(__always) func optimisticValue(hw: Int, cw: Int) -> Int {
        var v = pending.weighted * hw + pending.coverage * cw + pending.soft
        if rowSoftIsCellLocal { v += pendingCellSoft }
        for i in 0..<touchedCount {
            let p = Int(touched[i])
            // The row's new weighted hard part is at least its total-minutes units (known from the
            // running total) plus a count unit if a changed cell breaks a rule next to it.
            let r = Int(cp.personProfile[p])
            let total = personMinutes[p] + touchedMinutes[i]
            let minT = Int(cp.minTotal[r]), maxT = Int(cp.maxTotal[r])
            var floor = 0
            if minT >= 0 && total < minT { floor += (minT - total + 59) / 60 }
            if maxT >= 0 && total > maxT { floor += (total - maxT + 59) / 60 }
            let maxWE = Int(cp.maxWeekends[r]), weekends = personWeekends[p] + touchedWeekends[i]
            if maxWE >= 0 && weekends > maxWE { floor += (weekends - maxWE) * Self.countUnitWeight }
            floor += personKindExcess[p] * Self.countUnitWeight
            if personWeighted[p] < floor + Self.countUnitWeight {
                for k in 0..<logCount where logCell[k] / D == p {
                    if breaksNear(p, logCell[k] % D) { floor += Self.countUnitWeight; break }
                }
            }
            v += (floor - personWeighted[p]) * hw
            if !rowSoftIsCellLocal { v -= personSoft[p] }
        }
        return v
    }

    /// Counts p's shift of demand j (if any) in or out of the kind counts of rows with caps.
    @inline(__always) private func countKind(_ p: Int, _ j: Int32, _ sign: Int32) {
        let r = Int(cp.personProfile[p])
        if j < 0 || !cp.hasKindCaps[r] { return }
        let K = cp.kindCount, k = Int(cp.demandKind[Int(j)])
        let cap = Int(cp.kindCap[r * K + k])
        let before = Int(personKindCount[p * K + k])
        personKindCount[p * K + k] += sign
        if cap >= 0 { personKindExcess[p] += max(0, before + Int(sign) - cap) - max(0, before - cap) }
    }

    /// Whether p works a day of day d's weekend other than d (only the days before d with `earlierOnly`).
    @inline(__always) private func worksWeekend(_ p: Int, besides d: Int, earlierOnly: Bool) -> Bool {
        let w = cp.dayWeekend[d]
        var e = d - 1
        while e >= 0 && cp.dayWeekend[e] == w { if grid[p * D + e] >= 0 { return true }; e -= 1 }
        if earlierOnly { return false }
        e = d + 1
        while e < D && cp.dayWeekend[e] == w { if grid[p * D + e] >= 0 { return true }; e += 1 }
        return false
    }

    @inline(__always) private func paid(_ p: Int, _ j: Int) -> Int { Int(cp.paidMinutes[cp.paidRow[Int(cp.personProfile[p])] + j]) }

    /// Whether p's row as the grid holds it breaks a rule the row pass counts in whole units, seen
    /// from day d alone: an ineligible or too long shift on d, a forbidden succession or too short
    /// rest with a neighbouring day, a run of working days through d that is too long, or a run of
    /// working days or days off next to d that is too short and closed on both sides inside the
    /// horizon (so history and the horizon's ends cannot excuse it). A subset of what
    /// `PersonEvaluator` counts, so it never claims a break the pass would not find.
    @inline(__always) private func breaksNear(_ p: Int, _ d: Int) -> Bool {
        let row = grid + p * D
        let r = Int(cp.personProfile[p])
        let j = Int(row[d])
        let maxCons = Int(cp.maxConsecutive[r]), minCons = Int(cp.minConsecutive[r]), minOff = Int(cp.minDaysOff[r])
        let before = d > 0 ? Int(row[d - 1]) : -1, after = d + 1 < D ? Int(row[d + 1]) : -1
        if j >= 0 {
            if !cp.qualifiedByPerson.get(p, j) { return true }
            let maxDaily = Int(cp.maxDaily[r])
            if maxDaily >= 0 && paid(p, j) > maxDaily { return true }
            let K = cp.kindCount, k = Int(cp.demandKind[j])
            let minRest = Int(cp.minRest[r])
            if before >= 0 {
                if cp.hasForbidden[r] && cp.forbidden[r * K * K + Int(cp.demandKind[before]) * K + k] { return true }
                if cp.demandStart[j] - cp.demandEnd[before] < minRest || cp.demandStart[j] < cp.demandEnd[before] { return true }
            }
            if after >= 0 {
                if cp.hasForbidden[r] && cp.forbidden[r * K * K + k * K + Int(cp.demandKind[after])] { return true }
                if cp.demandStart[after] - cp.demandEnd[j] < minRest || cp.demandStart[after] < cp.demandEnd[j] { return true }
            }
            var a = d, b = d
            while a > 0 && row[a - 1] >= 0 { a -= 1 }
            while b + 1 < D && row[b + 1] >= 0 { b += 1 }
            if maxCons >= 0 && b - a + 1 > maxCons { return true }
            if minCons > 0 && a > 0 && b + 1 < D && b - a + 1 < minCons { return true }
            // The days off on either side, when work closes them.
            if minOff > 0 {
                if a > 0 { var e = a - 1; while e > 0 && row[e - 1] < 0 { e -= 1 }; if e > 0 && a - e < minOff { return true } }
                if b + 1 < D { var e = b + 1; while e + 1 < D && row[e + 1] < 0 { e += 1 }; if e + 1 < D && e - b < minOff { return true } }
            }
        } else {
            var a = d, b = d
            while a > 0 && row[a - 1] < 0 { a -= 1 }
            while b + 1 < D && row[b + 1] < 0 { b += 1 }
            if minOff > 0 && a > 0 && b + 1 < D && b - a + 1 < minOff { return true }
            // The working runs on either side, when days off close them.
            if minCons > 0 {
                if a > 0 { var e = a - 1; while e > 0 && row[e - 1] >= 0 { e -= 1 }; if e > 0 && a - e < minCons { return true } }
                if b + 1 < D { var e = b + 1; while e + 1 < D && row[e + 1] >= 0 { e += 1 }; if e + 1 < D && e - b < minCons { return true } }
            }
        }
        return false
    }

    /// Tentatively sets cell (p, d) to demand j (or -1). Call `evaluate()` after the last change.
    @inline(__always) func set(_ p: Int, _ d: Int, _ j: Int32) {
        let cell = p * D + d
        let old = grid[cell]
        if old == j { return }
        precondition(logCount < maxCells, "move too large")
        logCell[logCount] = cell; logOld[logCount] = old; logCount += 1
        if old >= 0 { shared(p, Int(old), d, -1, &pending) }
        countKind(p, old, -1); countKind(p, j, 1)
        if rowSoftIsCellLocal { pendingCellSoft += cellSoft(p, d, Int(j)) - cellSoft(p, d, Int(old)) }
        track(p, d, old, j)
        grid[cell] = j
        if j >= 0 { shared(p, Int(j), d, 1, &pending) }
        let minutes = (j >= 0 ? paid(p, Int(j)) : 0) - (old >= 0 ? paid(p, Int(old)) : 0)
        // The weekend's worked status changes only if p works no other day of it.
        let weekends = cp.dayWeekend[d] >= 0 && (old < 0) != (j < 0) && !worksWeekend(p, besides: d, earlierOnly: false) ? (j >= 0 ? 1 : -1) : 0
        var seen = false
        for i in 0..<touchedCount where Int(touched[i]) == p {
            seen = true
            if d < touchedFrom[i] { touchedFrom[i] = d }
            if d > touchedThrough[i] { touchedThrough[i] = d }
            touchedMinutes[i] += minutes; touchedWeekends[i] += weekends
            break
        }
        if !seen {
            touched[touchedCount] = Int32(p); touchedFrom[touchedCount] = d; touchedThrough[touchedCount] = d
            touchedMinutes[touchedCount] = minutes; touchedWeekends[touchedCount] = weekends; touchedCount += 1
        }
    }

    /// Score change of the pending cell changes (re-evaluating the touched people).
    func evaluate() -> ScoreDelta {
        var delta = pending
        for i in 0..<touchedCount {
            let p = Int(touched[i])
            let (h, s, w): (Int, Int, Int)
            if let ck = checkpoints, evaluator.canResume(p) {
                (h, s, w) = evaluator.evaluate(p, grid + p * D, checkpoints: ck + p * checkpointSize, record: false,
                                               changedFrom: touchedFrom[i], changedThrough: touchedThrough[i])
            } else {
                (h, s, w) = evaluator.evaluate(p, grid + p * D)
            }
            touchedHard[i] = h; touchedSoft[i] = s; touchedWeighted[i] = w
            delta.hard += h - personHard[p]; delta.soft += s - personSoft[p]; delta.weighted += w - personWeighted[p]
        }
        return delta
    }

    /// Scores p's row from scratch, refreshing p's checkpoints.
    private func rescore(_ p: Int) -> (hard: Int, soft: Int, weighted: Int) {
        guard let ck = checkpoints else { return evaluator.evaluate(p, grid + p * D) }
        return evaluator.evaluate(p, grid + p * D, checkpoints: ck + p * checkpointSize, record: true, changedFrom: 0, changedThrough: 0)
    }

    /// Keeps the pending move; `delta` must be the value `evaluate()` returned.
    func commit(_ delta: ScoreDelta) {
        for i in 0..<touchedCount {
            let p = Int(touched[i])
            personHard[p] = touchedHard[i]; personSoft[p] = touchedSoft[i]; personWeighted[p] = touchedWeighted[i]
            personMinutes[p] += touchedMinutes[i]; personWeekends[p] += touchedWeekends[i]
            if let ck = checkpoints {
                if evaluator.canResume(p) {
                    evaluator.rerecord(p, grid + p * D, checkpoints: ck + p * checkpointSize,
                                       changedFrom: touchedFrom[i], changedThrough: touchedThrough[i])
                } else { _ = rescore(p) }
            }
        }
        hard += delta.hard; coverage += delta.coverage; soft += delta.soft; weightedHard += delta.weighted
        logCount = 0; touchedCount = 0; pending = ScoreDelta(); pendingCellSoft = 0
    }

    /// Undoes the pending move.
    func rollback() {
        var i = logCount - 1
        var scratch = ScoreDelta()
        while i >= 0 {
            let cell = logCell[i]
            let p = cell / D, d = cell % D
            let cur = grid[cell]
            if cur >= 0 { shared(p, Int(cur), d, -1, &scratch) }
            countKind(p, cur, -1); countKind(p, logOld[i], 1)
            track(p, d, cur, logOld[i])
            grid[cell] = logOld[i]
            if logOld[i] >= 0 { shared(p, Int(logOld[i]), d, 1, &scratch) }
            i -= 1
        }
        logCount = 0; touchedCount = 0; pending = ScoreDelta(); pendingCellSoft = 0
    }

    /// Copies the grid out (for best-plan snapshots).
    func snapshot(into buffer: UnsafeMutablePointer<Int32>) { buffer.update(from: grid, count: P * D) }

    /// Loads a grid and rescores from scratch.
    func load(_ buffer: UnsafePointer<Int32>) { grid.update(from: buffer, count: P * D); recomputeAll() }

    @inline(__always) func cell(_ p: Int, _ d: Int) -> Int32 { grid[p * D + d] }
}
