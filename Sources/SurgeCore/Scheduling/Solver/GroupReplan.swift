/// What one exact group re-plan found (see `GroupReplan`).
struct GroupReplanOutcome {
    /// The members' new rows (person-major, `days` cells each) when they beat the current ones.
    var rows: [[Int32]]?
    /// The group's value (its rows' own soft terms and the cover of the positions they can work)
    /// before, and at the best rows found.
    var before: Int, after: Int
    var nodes: Int, columns: Int
    /// Whether the search closed: then `after` is the group's optimum with everyone else fixed.
    var complete: Bool
    /// The root's Lagrangian bound on the group's value (-infinity when no pricing round ended).
    var rootBound: Double
    /// Nodes that branched on a position's cover (`GroupReplan.branchesOnCover`).
    var coverBranches = 0
}

/// An exact re-plan of a small group's rows with everyone else fixed: branch and price.
///
/// Surge's final plans on small problems are optimal for every move of one or two people, yet an
/// exact re-plan of eight together still gains (session 16: Instance11 to its proven optimum from
/// such plans). The master chooses a convex combination of rows per member (columns from the row
/// program, priced by the master's duals) and the cover of every position the members can work,
/// given everyone else's fixed headcount. Branching forces or bans one member's cell, depth first;
/// a node is cut when its Lagrangian bound cannot beat the best rows known. Valid where the
/// Lagrangian relaxation of the cover is (`LagrangianBound.isValid`).
final class GroupReplan {
    let s: IncrementalScore
    let cp: CompiledProblem
    let P: Int, D: Int, J: Int, K: Int
    private let rb: RowRebuilder
    /// Per person and kind (p * K + k): the shift-kind cap, or -1.
    private let capOf: [Int]
    /// Per demand: its index in its day's list (`dayDemands`), which the ban masks use.
    private let dayIndex: [Int]
    private let mostPerDay: Int
    private let forced: UnsafeMutablePointer<Int32>
    private let banned: UnsafeMutablePointer<UInt64>
    private let prices: UnsafeMutablePointer<Int>
    private let kindPrices: UnsafeMutablePointer<Int>
    static let perturbation = 1e-6
    /// Weight of the best-bound duals in the prices (Wentges smoothing).
    static let smoothing = 0.5
    /// Rounds of pricing per node before it branches anyway.
    var roundLimit = 60
    /// Whether a node branches on a fractionally covered position (at a kink of 1: the group covers
    /// it, or nobody in it works there) before it branches on a member's cell.
    var branchesOnCover = false
    /// Work done so far, in row-program steps (simplex pivots counted at the master's row count).
    private(set) var work = 0
    /// The Lagrangian bound of the last node solved.
    private var nodeBound = -Double.infinity

    init?(_ s: IncrementalScore) {
        let lb = LagrangianBound(s)
        guard lb.isValid, s.P > 0, s.D > 0 else { return nil }
        let rb = RowRebuilder(s)
        for p in 0..<s.P {
            let shape = rb.shape(p)
            if shape.unit != shape.exactUnit { return nil }
        }
        self.s = s; cp = s.cp; self.rb = rb
        P = s.P; D = s.D; J = s.J; K = cp.kindCount
        var caps = [Int](repeating: -1, count: P * K)
        for p in 0..<P {
            let r = Int(cp.personProfile[p])
            if cp.hasKindCaps[r] { for k in 0..<K { caps[p * K + k] = Int(cp.kindCap[r * K + k]) } }
        }
        capOf = caps
        var index = [Int](repeating: 0, count: J), most = 0
        for d in 0..<D {
            let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
            most = max(most, b - a)
            for i in a..<b { index[Int(cp.dayDemands[i])] = i - a }
        }
        dayIndex = index; mostPerDay = most
        forced = .allocate(capacity: P * D); forced.initialize(repeating: -2, count: P * D)
        banned = .allocate(capacity: P * D); banned.initialize(repeating: 0, count: P * D)
        prices = .allocate(capacity: max(1, J)); prices.initialize(repeating: 0, count: max(1, J))
        kindPrices = .allocate(capacity: max(1, P * K)); kindPrices.initialize(repeating: 0, count: max(1, P * K))
        rb.priceScale = LagrangianBound.scale
    }

    deinit { forced.deallocate(); banned.deallocate(); prices.deallocate(); kindPrices.deallocate() }

    /// A row of one member, as a column of the master.
    private struct Column {
        let row: [Int32]
        let soft: Int
        /// Shifts per kind (K entries).
        let kinds: [Int]
        /// Whether the row keeps the member's shift-kind caps (the master holds them only in sum).
        let withinCaps: Bool
    }

    /// A branching decision: member g's cell on day d must (or must not) hold `value`. With g = -1
    /// it is a decision on the position `value` (on day d) at a kink of 1: the group covers it
    /// (`force`), or no member works it.
    private struct Decision {
        let g: Int, d: Int, value: Int32, force: Bool
    }

    /// One group's master data: the positions the members can work, everyone else's headcount
    /// there, and how each position's cover value enters the master.
    private struct Group {
        let members: [Int]
        /// The days the members' rows may change; every other cell keeps its value.
        let days: Range<Int>
        /// Positions a member can work, and each one's cover row (-1 elsewhere).
        let positions: [Int]
        var coverRow: [Int]
        /// Everyone else's headcount per position (indexed like `positions`).
        let others: [Int]
        /// Cover value of position i at group headcount h: i * (k + 1) + h.
        let coverCost: [Int]
        /// Two-slope positions (i): the headcount at the kink and the costs per person under and
        /// over it; nil where the cover value has another shape (then headcount columns with a
        /// convexity row of their own).
        let kink: [(at: Int, under: Int, over: Int)?]
    }

    /// Searches the group's rows (up to `nodeLimit` nodes, or until `shouldStop` says so) for
    /// rows better than the current ones. With `days`, only the members' cells on those days may
    /// change (a window re-plan; the master then holds only the positions of those days).
    /// With `holdingCover`, the group's cover is valued as it stands and never better: leaving the
    /// group's headcount on a position gains nothing and costs at least what the true cover value
    /// changes by, so a gain found is one in the members' own terms (see
    /// `SolverOptions.groupHeldCoverPercent`).
    func improve(_ members: [Int], days: Range<Int>? = nil, holdingCover: Bool = false, nodeLimit: Int,
                 shouldStop: (() -> Bool)? = nil) -> GroupReplanOutcome {
        let k = members.count
        let days = (days ?? 0..<D).clamped(to: 0..<D)
        if k == 0 || days.isEmpty { return GroupReplanOutcome(rows: nil, before: 0, after: 0, nodes: 0, columns: 0, complete: true, rootBound: 0) }
        let group = makeGroup(members, days: days, holdingCover: holdingCover)
        // Positions outside the group keep no price: the members' fixed cells there are constants.
        for j in 0..<J { prices[j] = 0 }
        var pool = [[Column]](repeating: [], count: k)
        var seen = [Set<[Int32]>](repeating: [], count: k)
        var current: [[Int32]] = []
        for p in members { current.append((0..<D).map { s.cell(p, $0) }) }
        for (g, row) in current.enumerated() { _ = addToPool(g, row, group, &pool, &seen) }
        let before = value(of: current, group)
        let master = makeMaster(group)
        var incumbent = before
        var bestRows: [[Int32]]? = nil
        var stack: [[Decision]] = [[]]
        var nodes = 0, rootBound = -Double.infinity, coverBranches = 0
        // False once a node ends unbranched without a converged master (the search is then a heuristic).
        var exhaustive = true
        rb.forced = UnsafePointer(forced); rb.banned = UnsafePointer(banned)
        rb.coverPrices = UnsafePointer(prices); rb.kindPrices = UnsafePointer(kindPrices)
        defer {
            rb.forced = nil; rb.banned = nil; rb.coverPrices = nil; rb.kindPrices = nil; rb.threshold = nil
            for p in members { for d in 0..<D { forced[p * D + d] = -2; banned[p * D + d] = 0 } }
        }
        while let node = stack.popLast() {
            if nodes >= nodeLimit || shouldStop?() == true { stack.append(node); break }
            nodes += 1
            apply(node, group)
            let result = solveNode(node, group, master, incumbent: incumbent, pool: &pool, seen: &seen)
            if nodes == 1 { rootBound = nodeBound }
            guard let result else { continue }
            if let (rows, v) = result.found, v < incumbent { incumbent = v; bestRows = rows }
            guard let cell = result.branch else {
                if !result.converged { exhaustive = false }
                continue
            }
            if cell.g < 0 { coverBranches += 1 }
            let force = node + [Decision(g: cell.g, d: cell.d, value: cell.value, force: true)]
            let ban = node + [Decision(g: cell.g, d: cell.d, value: cell.value, force: false)]
            // Depth first, towards the side the master leans to.
            if cell.weight >= 0.5 { stack.append(ban); stack.append(force) } else { stack.append(force); stack.append(ban) }
        }
        return GroupReplanOutcome(rows: bestRows, before: before, after: incumbent, nodes: nodes,
                                  columns: pool.reduce(0) { $0 + $1.count }, complete: stack.isEmpty && exhaustive, rootBound: rootBound,
                                  coverBranches: coverBranches)
    }

    private func makeGroup(_ members: [Int], days: Range<Int>, holdingCover: Bool) -> Group {
        let k = members.count
        var coverRow = [Int](repeating: -1, count: J)
        var positions: [Int] = []
        var held = Set<Int>()
        for p in members { for d in days where s.cell(p, d) >= 0 { held.insert(Int(s.cell(p, d))) } }
        for i in Int(cp.dayDemandStart[days.lowerBound])..<Int(cp.dayDemandStart[days.upperBound]) {
            let j = Int(cp.dayDemands[i])
            if held.contains(j) || members.contains(where: { cp.eligible.get(j, $0) }) { positions.append(j) }
        }
        positions.sort()
        for (i, j) in positions.enumerated() { coverRow[j] = i }
        var others = positions.map { Int(s.headcount[$0]) }
        for p in members { for d in days where s.cell(p, d) >= 0 { let i = coverRow[Int(s.cell(p, d))]; if i >= 0 { others[i] -= 1 } } }
        var coverCost = [Int](repeating: 0, count: positions.count * (k + 1))
        var kink: [(at: Int, under: Int, over: Int)?] = []
        for (i, j) in positions.enumerated() {
            for h in 0...k { coverCost[i * (k + 1) + h] = s.demandValue(j, headcount: Int32(others[i] + h), hw: 0, cw: 0) }
            // Two slopes (the usual cost per person short and per person over): a kink at some
            // headcount with slope -under below and over above, under + over ≥ 0. Two slack
            // columns then stand for the headcount exactly and need no convexity row.
            let c = Array(coverCost[(i * (k + 1))...(i * (k + 1) + k)])
            let left = c[1] - c[0]
            var at = 1
            while at < k && c[at + 1] - c[at] == left { at += 1 }
            if at == k {
                kink.append((at: 0, under: -left, over: left))
            } else {
                let right = c[at + 1] - c[at]
                let fits = left < right && (at..<k).allSatisfy { c[$0 + 1] - c[$0] == right }
                kink.append(fits ? (at: at, under: -left, over: right) : nil)
            }
        }
        if holdingCover {
            for i in 0..<positions.count {
                // h0, the group's own headcount there.
                let base = i * (k + 1), at = Int(s.headcount[positions[i]]) - others[i], atCost = coverCost[base + at]
                // Each way from h0, the least slope that keeps the value at or above the true one
                // (the steepest chord from h0, and never below 0): filling a hole gains nothing,
                // so the master cannot fill holes by fractions of rows, its weak spot on Instance9.
                var up = 0, down = 0
                for h in 0...k where h != at {
                    let d = abs(h - at), rise = coverCost[base + h] - atCost
                    if h > at { up = max(up, (rise + d - 1) / d) } else { down = max(down, (rise + d - 1) / d) }
                }
                for h in 0...k { coverCost[base + h] = atCost + (h > at ? up : down) * abs(h - at) }
                kink[i] = (at: at, under: down, over: up)
            }
        }
        return Group(members: members, days: days, positions: positions, coverRow: coverRow, others: others, coverCost: coverCost, kink: kink)
    }

    /// The group's value of these rows: their own soft terms and the cover of its positions.
    private func value(of rows: [[Int32]], _ group: Group) -> Int {
        let k = group.members.count
        var count = [Int](repeating: 0, count: group.positions.count)
        var v = 0
        for (g, row) in rows.enumerated() {
            v += row.withUnsafeBufferPointer { s.evaluator.evaluate(group.members[g], $0.baseAddress!) }.soft
            for d in group.days where row[d] >= 0 { count[group.coverRow[Int(row[d])]] += 1 }
        }
        for i in 0..<group.positions.count { v += group.coverCost[i * (k + 1) + count[i]] }
        return v
    }

    /// Adds member g's row to the pool unless it is there or breaks a rule the master does not
    /// hold (a hard break other than its shift-kind caps); returns its index.
    private func addToPool(_ g: Int, _ row: [Int32], _ group: Group, _ pool: inout [[Column]], _ seen: inout [Set<[Int32]>]) -> Int? {
        if seen[g].contains(row) { return nil }
        let p = group.members[g]
        var kinds = [Int](repeating: 0, count: K)
        for d in 0..<D {
            // Outside the window a row keeps every cell; inside it works only the group's positions.
            if group.days.contains(d) ? row[d] >= 0 && group.coverRow[Int(row[d])] < 0 : row[d] != s.cell(p, d) { return nil }
            if row[d] >= 0 { kinds[Int(cp.demandKind[Int(row[d])])] += 1 }
        }
        var excess = 0
        for k in 0..<K where capOf[p * K + k] >= 0 { excess += max(0, kinds[k] - capOf[p * K + k]) }
        let v = row.withUnsafeBufferPointer { s.evaluator.evaluate(p, $0.baseAddress!) }
        if v.hard != excess { return nil }
        seen[g].insert(row)
        pool[g].append(Column(row: row, soft: v.soft, kinds: kinds, withinCaps: excess == 0))
        return pool[g].count - 1
    }

    private func apply(_ node: [Decision], _ group: Group) {
        for p in group.members {
            for d in 0..<D { forced[p * D + d] = group.days.contains(d) ? -2 : s.cell(p, d); banned[p * D + d] = 0 }
        }
        for x in node {
            if x.g < 0 {
                if !x.force { for p in group.members { banned[p * D + x.d] |= 1 << UInt64(dayIndex[Int(x.value)]) } }
                continue
            }
            let c = group.members[x.g] * D + x.d
            if x.force { forced[c] = x.value } else { banned[c] |= x.value < 0 ? RowRebuilder.offBan : 1 << UInt64(dayIndex[Int(x.value)]) }
        }
    }

    private func compatible(_ row: [Int32], _ g: Int, _ node: [Decision]) -> Bool {
        for x in node {
            if x.g == g ? (row[x.d] == x.value) != x.force : x.g < 0 && !x.force && row[x.d] == x.value { return false }
        }
        return true
    }

    private struct NodeResult {
        var found: ([[Int32]], Int)?
        var branch: (g: Int, d: Int, value: Int32, weight: Double)?
        /// Whether the master converged (its value bounds the node).
        var converged = false
    }

    /// A group's linear master, kept for the whole search: columns that break a node's decisions
    /// are priced out (their cost raised to `Self.barred`) rather than removed, so that every node
    /// starts from the last basis.
    private final class Master {
        let lp: RevisedSimplex
        /// Per master column: member and pool index, or (-1, -1) for the cover's own columns.
        var columnOf: [(g: Int, c: Int)]
        /// The column of each member's pool entry.
        var columnIndex: [[Int]]
        let capRow: [Int]
        let n: Int
        /// The cover value the slack columns leave out (each kinked position's value at its kink).
        let offset: Double
        /// Per position: the column of its slack under the kink (-1 without a kink).
        var underColumn: [Int]

        init(lp: RevisedSimplex, capRow: [Int], n: Int, k: Int, offset: Double) {
            self.lp = lp; self.capRow = capRow; self.n = n; self.offset = offset
            underColumn = Array(repeating: -1, count: n)
            columnOf = Array(repeating: (-1, -1), count: lp.firstStructural)
            columnIndex = Array(repeating: [], count: k)
        }

        func add(_ c: RevisedSimplex.Column, _ ref: (g: Int, c: Int)) {
            lp.add(c); columnOf.append(ref)
            if ref.g >= 0 { columnIndex[ref.g].append(lp.columnCount - 1) }
        }
    }

    /// The cost of a column that breaks a node's decisions (as high as an artificial's).
    static let barred = 1e7

    private func makeMaster(_ group: Group) -> Master {
        let members = group.members, k = members.count, n = group.positions.count
        // Rows: cover per position, one per member, a convexity row per position without a kink,
        // and shift-kind caps that can bind.
        var rhs: [Double] = []
        var offset = 0.0
        for i in 0..<n {
            if let kk = group.kink[i] { rhs.append(Double(kk.at)); offset += Double(group.coverCost[i * (k + 1) + kk.at]) } else { rhs.append(0) }
        }
        for _ in 0..<k { rhs.append(1) }
        var convexityRow = [Int](repeating: -1, count: n)
        for i in 0..<n where group.kink[i] == nil { convexityRow[i] = rhs.count; rhs.append(1) }
        var capRow = [Int](repeating: -1, count: k * K)
        for g in 0..<k {
            for kind in 0..<K where capOf[members[g] * K + kind] > 0 && capOf[members[g] * K + kind] < D {
                capRow[g * K + kind] = rhs.count; rhs.append(Double(capOf[members[g] * K + kind]))
            }
        }
        // Rows of a group's master are massively degenerate (most rows at a bound): a tiny fixed
        // perturbation of the right-hand side makes every pivot progress (measured on Instance11:
        // one root took 135,000 pivots, most of them stalled, without it).
        for i in 0..<rhs.count { rhs[i] += Self.perturbation * (1 + Double((i &* 7919) % 1000) / 1000) }
        let lp = RevisedSimplex(rhs: rhs, artificialCost: Self.barred)
        lp.stallTolerance = 0
        lp.barredCost = Self.barred
        let master = Master(lp: lp, capRow: capRow, n: n, k: k, offset: offset)
        for i in 0..<n {
            if let kk = group.kink[i] {
                master.add(.init(rows: [Int32(i)], values: [-1], cost: Double(kk.over)), (-1, -1))
                master.add(.init(rows: [Int32(i)], values: [1], cost: Double(kk.under)), (-1, -1))
                master.underColumn[i] = lp.columnCount - 1
            } else {
                for h in 0...k {
                    master.add(.init(rows: h == 0 ? [Int32(convexityRow[i])] : [Int32(i), Int32(convexityRow[i])],
                                     values: h == 0 ? [1] : [-Double(h), 1], cost: Double(group.coverCost[i * (k + 1) + h])), (-1, -1))
                }
            }
        }
        for x in capRow where x >= 0 { master.add(.init(rows: [Int32(x)], values: [1], cost: 0), (-1, -1)) }
        return master
    }

    private func column(_ g: Int, _ c: Column, _ group: Group, _ master: Master) -> RevisedSimplex.Column {
        var rows: [Int32] = [Int32(master.n + g)], values: [Double] = [1]
        for d in group.days where c.row[d] >= 0 { rows.append(Int32(group.coverRow[Int(c.row[d])])); values.append(1) }
        for kind in 0..<K where c.kinds[kind] > 0 && master.capRow[g * K + kind] >= 0 {
            rows.append(Int32(master.capRow[g * K + kind])); values.append(Double(c.kinds[kind]))
        }
        return .init(rows: rows, values: values, cost: Double(c.soft))
    }

    /// Column generation at one node, then: rows to keep (an integral master, or the rounding of
    /// a fractional one) and the cell to branch on; nil when the node is cut or has no rows.
    private func solveNode(_ node: [Decision], _ group: Group, _ master: Master, incumbent: Int,
                           pool: inout [[Column]], seen: inout [Set<[Int32]>]) -> NodeResult? {
        let members = group.members, k = members.count, n = group.positions.count
        let S = LagrangianBound.scale
        let lp = master.lp, capRow = master.capRow, offset = master.offset
        let pivotsBefore = lp.pivots
        defer { work += (lp.pivots - pivotsBefore) * lp.m }
        // Pool columns join the master once; the node's decisions only set their costs.
        for g in 0..<k {
            while master.columnIndex[g].count < pool[g].count {
                master.add(column(g, pool[g][master.columnIndex[g].count], group, master), (g, master.columnIndex[g].count))
            }
            for (ci, c) in pool[g].enumerated() {
                lp.setCost(master.columnIndex[g][ci], compatible(c.row, g, node) ? Double(c.soft) : Self.barred)
            }
        }
        // Positions decided: covered bars the slack under the kink; uncovered bans the members
        // from the position (above) and allows no headcount but 0 in the bound.
        var lowest = [Int](repeating: 0, count: n), highest = [Int](repeating: k, count: n)
        for i in 0..<n where master.underColumn[i] >= 0 { lp.setCost(master.underColumn[i], Double(group.kink[i]!.under)) }
        for x in node where x.g < 0 {
            let i = group.coverRow[Int(x.value)]
            if x.force { lowest[i] = 1; lp.setCost(master.underColumn[i], Self.barred) } else { highest[i] = 0 }
        }
        var bound = -Double.infinity
        nodeBound = bound
        var converged = false
        // Wentges smoothing: price at a mix of the duals that gave the best bound and the master's
        // own; when that finds no column the master's duals alone decide (a pure round).
        var center: [Double]? = nil
        var pure = false, solved = false
        for _ in 0..<roundLimit {
            if !solved {
                _ = lp.solve()
                solved = true
            }
            let y = lp.duals()
            var pi = y
            if let center, !pure { for i in 0..<pi.count { pi[i] = Self.smoothing * center[i] + (1 - Self.smoothing) * y[i] } }
            // Whether every member's cheapest relaxed row is a legal column and the prices are
            // the duals (else the master's value is no bound, only the Lagrangian one is).
            var exact = true
            for i in 0..<n {
                let (price, clamped) = LagrangianBound.price(pi[i])
                prices[group.positions[i]] = price
                if clamped { exact = false }
            }
            for g in 0..<k {
                for kind in 0..<K {
                    guard capRow[g * K + kind] >= 0 else { kindPrices[members[g] * K + kind] = 0; continue }
                    let (price, clamped) = LagrangianBound.price(-pi[capRow[g * K + kind]])
                    kindPrices[members[g] * K + kind] = max(0, price)
                    if clamped { exact = false }
                }
            }
            // The Lagrangian value at these prices bounds every integral completion of the node.
            var total = 0, added = 0
            for g in 0..<k {
                let p = members[g]
                // Only a row below the member's dual can price out: its reduced cost (in units of
                // 1/S) is its program value less the dual, give or take the rounding of the prices,
                // which the margin covers. The program prunes what cannot get below it.
                let dual = (pi[n + g] * Double(S)).rounded(.up)
                let threshold = dual.isFinite && abs(dual) < 1e15 ? Int(dual) + D + 2 : nil
                rb.threshold = threshold
                let row = rb.rebuild(p, hardWeight: LagrangianBound.missingHourWeight * S, coverageWeight: 0)
                work += rb.lastWork
                guard let row else {
                    // No row below the threshold: then it bounds the member's term from below.
                    guard rb.lastCutOff, let threshold else { return nil }
                    var capTerm = 0
                    for kind in 0..<K where capOf[p * K + kind] >= 0 { capTerm += kindPrices[p * K + kind] * capOf[p * K + kind] }
                    total += threshold - capTerm
                    continue
                }
                var cost = rb.lastTrueCost
                var used = [Int](repeating: 0, count: K)
                for d in 0..<D where row[d] >= 0 { used[Int(cp.demandKind[Int(row[d])])] += 1 }
                for kind in 0..<K where capOf[p * K + kind] >= 0 { cost += kindPrices[p * K + kind] * (used[kind] - capOf[p * K + kind]) }
                total += cost
                if seen[g].contains(row) { continue }
                guard compatible(row, g, node), let ci = addToPool(g, row, group, &pool, &seen) else { exact = false; continue }
                let col = column(g, pool[g][ci], group, master)
                var reduced = col.cost
                for (r, v) in zip(col.rows, col.values) { reduced -= y[Int(r)] * v }
                master.add(col, (g, ci))
                if reduced < -1e-7 { added += 1 }
            }
            for i in 0..<n {
                var cheapest = Int.max
                for h in lowest[i]...highest[i] { cheapest = min(cheapest, group.coverCost[i * (k + 1) + h] * S + prices[group.positions[i]] * h) }
                total += cheapest
            }
            if Double(total) / Double(S) > bound { bound = Double(total) / Double(S); center = pi; nodeBound = bound }
            // Integral objectives: a node whose bound rounds up to the best value known cannot beat it.
            if (bound - 1e-6).rounded(.up) >= Double(incumbent) { return nil }
            if added > 0 { solved = false; pure = false; continue }
            if pure || center == nil { converged = exact; break }
            // Mispriced: nothing new at the mix; the master is unchanged, so only the pure round is left.
            pure = true
        }
        _ = lp.solve()
        // An artificial left in a converged master: no rows meet the node's decisions.
        if converged && (0..<lp.columnCount).contains(where: { lp.cost($0) >= Self.barred && lp.value($0) > 1e-4 }) { return nil }
        if converged && (lp.objective + offset - 1e-3).rounded(.up) >= Double(incumbent) { return nil }
        // Each member's heaviest row (the whole solution when the master is integral), and the
        // most fractional cell.
        var heaviest = [Int](repeating: -1, count: k), weightOf = [Double](repeating: 0, count: k)
        let width = mostPerDay + 1
        var cellWeight = [Double](repeating: 0, count: k * D * width)
        for c in lp.firstStructural..<master.columnOf.count where master.columnOf[c].g >= 0 {
            let x = lp.value(c)
            if x <= 1e-5 || lp.cost(c) >= Self.barred { continue }
            let (g, ci) = master.columnOf[c]
            if x > weightOf[g] { weightOf[g] = x; heaviest[g] = ci }
            let row = pool[g][ci].row
            for d in 0..<D { cellWeight[(g * D + d) * width + (row[d] < 0 ? 0 : dayIndex[Int(row[d])] + 1)] += x }
        }
        var result = NodeResult()
        result.converged = converged
        if !heaviest.contains(-1) {
            let picked = (0..<k).map { pool[$0][heaviest[$0]] }
            if picked.allSatisfy(\.withinCaps) {
                let rows = picked.map(\.row)
                result.found = (rows, value(of: rows, group))
            }
        }
        var bestDistance = 2.0
        if branchesOnCover {
            // The most fractionally covered position at a kink of 1 (a hole the master fills in part).
            for i in 0..<n where group.kink[i]?.at == 1 {
                let j = group.positions[i], d = Int(cp.demandDay[j]), slot = dayIndex[j] + 1
                if slot > 63 || members.contains(where: { cp.pinnedCell[$0 * D + d] }) { continue }
                if node.contains(where: { $0.g < 0 && $0.value == Int32(j) }) { continue }
                var w = 0.0
                for g in 0..<k { w += cellWeight[(g * D + d) * width + slot] }
                if w < 1e-4 || w > 1 - 1e-4 || abs(w - 0.5) >= bestDistance { continue }
                bestDistance = abs(w - 0.5)
                result.branch = (-1, d, Int32(j), w)
            }
            if result.branch != nil { return result }
        }
        for g in 0..<k {
            for d in group.days where !cp.pinnedCell[members[g] * D + d] {
                let a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                for slot in 0...(b - a) where slot == 0 || slot - 1 < 63 {
                    let w = cellWeight[(g * D + d) * width + slot]
                    if w < 1e-4 || w > 1 - 1e-4 || abs(w - 0.5) >= bestDistance { continue }
                    bestDistance = abs(w - 0.5)
                    result.branch = (g, d, slot == 0 ? -1 : cp.dayDemands[a + slot - 1], w)
                }
            }
        }
        return result
    }
}
