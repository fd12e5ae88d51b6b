/// Re-assigns a group of people's cells on one day at least cost, everyone's other days fixed: an
/// exact assignment problem, used as a large-neighbourhood move. A person's cell on day d changes
/// only their own row, so the cost of person i taking a shift (or the day off) is exactly their
/// row's change, re-scored by the incremental score. Coverage couples the people: each position
/// offers one column per person of the group on it now (leaving one empty costs what one fewer
/// person costs there, in order, which is exact for penalties convex in the headcount) and one
/// more column per further person who would pay (a hole, or a minimum not met); every person may
/// also take the day off. Keeping everyone as they are costs 0, so the cheapest assignment never
/// costs more; mixes and quotas are left to the exact score, which judges every proposal.
final class DayMatcher {
    let s: IncrementalScore
    let cp: CompiledProblem
    /// Column values (demand index or -1 for off) and what filling each changes in coverage.
    private var columnValue: [Int32] = []
    private var fillCost: [Int] = []
    /// Per column, its value's index among the day's values (0 = off, 1 + position index).
    private var columnSlot: [Int] = []
    private var slotCost: [Int] = []
    private var cost: [Int] = []
    /// Work of the last call (row evaluations and assignment steps), for scheduling.
    private(set) var lastWork = 0
    /// Value of the last proposal as the assignment model prices it (≤ 0).
    private(set) var lastModelValue = 0

    init(_ s: IncrementalScore) { self.s = s; cp = s.cp }

    /// The cheapest cells on day d for `people` (distinct; a pinned cell is kept), as (person, new
    /// cell) for those that change; empty when keeping everyone is as cheap as any change found.
    /// Values use hard weight hw and coverage weight cw, as the search weighs them.
    func propose(day d: Int, people: [Int], hw: Int, cw: Int) -> [(person: Int, cell: Int32)] {
        let n = people.count
        lastWork = 0; lastModelValue = 0
        if n < 2 { return [] }
        let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
        columnValue.removeAll(keepingCapacity: true)
        fillCost.removeAll(keepingCapacity: true)
        columnSlot.removeAll(keepingCapacity: true)
        // Columns: per position, one per group member on it now, then one per further person who
        // pays; then n days off. Emptying the k-th current column costs the k-th step down from the
        // current headcount, e_k: with every current column filled as the base (the constant Σ e_k),
        // filling one costs -e_k, and filling the k-th extra column costs the k-th step up.
        var constant = 0
        for t in a..<b {
            let j = Int(cp.dayDemands[t])
            var here = 0
            for p in people where s.cell(p, d) == Int32(j) { here += 1 }
            let h = s.headcount[j]
            let now = s.demandValue(j, headcount: h, hw: hw, cw: cw)
            var previous = now
            for k in 0..<here {
                let fewer = s.demandValue(j, headcount: h - Int32(k) - 1, hw: hw, cw: cw)
                columnValue.append(Int32(j)); columnSlot.append(t - a + 1); fillCost.append(previous - fewer)
                constant += fewer - previous
                previous = fewer
            }
            // Extra columns while one more person still pays (a hole, or a minimum not met).
            previous = now
            for k in 1...n {
                let more = s.demandValue(j, headcount: h + Int32(k), hw: hw, cw: cw)
                if more >= previous { break }
                columnValue.append(Int32(j)); columnSlot.append(t - a + 1); fillCost.append(more - previous)
                previous = more
            }
        }
        for _ in 0..<n { columnValue.append(-1); columnSlot.append(0); fillCost.append(0) }
        let m = columnValue.count
        cost.removeAll(keepingCapacity: true)
        cost.reserveCapacity(n * m)
        var evaluations = 0
        for p in people {
            let current = s.cell(p, d)
            let pinned = cp.pinnedCell[p * s.D + d]
            // Row change per value of this day (off, then each position), computed once.
            let unknown = Int.min
            slotCost.removeAll(keepingCapacity: true)
            slotCost.append(contentsOf: repeatElement(unknown, count: b - a + 1))
            for c in 0..<m {
                let slot = columnSlot[c]
                if slotCost[slot] == unknown {
                    let v = columnValue[c]
                    if v == current {
                        slotCost[slot] = 0
                    } else if pinned || (v >= 0 && !cp.eligible.get(Int(v), p)) {
                        slotCost[slot] = AssignmentProblem.forbidden
                    } else {
                        s.set(p, d, v)
                        slotCost[slot] = s.pendingRowValue(hw: hw)
                        s.rollback()
                        evaluations += 1
                    }
                }
                let change = slotCost[slot]
                cost.append(change >= AssignmentProblem.forbidden ? AssignmentProblem.forbidden : change + fillCost[c])
            }
        }
        lastWork = evaluations * (s.D + 22) + n * n * m / 8
        guard let chosen = cost.withUnsafeBufferPointer({ AssignmentProblem.solve(rows: n, columns: m, cost: $0.baseAddress!) }) else { return [] }
        var total = constant
        for i in 0..<n { total += cost[i * m + chosen[i]] }
        lastModelValue = total
        if total > 0 { return [] }
        var changes: [(person: Int, cell: Int32)] = []
        for (i, p) in people.enumerated() where columnValue[chosen[i]] != s.cell(p, d) { changes.append((p, columnValue[chosen[i]])) }
        return changes
    }
}
