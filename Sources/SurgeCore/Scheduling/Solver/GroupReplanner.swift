import Foundation // DEBUG
/// Re-plans a small group of people's rows together with everyone else fixed: price-and-branch
/// over the group's cover, used as a large-neighbourhood move.
///
/// One row at a time (`RowRebuilder`) cannot trade a shift from one member to another when each
/// change alone costs more than it gains; the group needs a joint choice. Lagrangian prices on the
/// group's cover (subgradient steps from the marginal values at the current plan) decouple the
/// members: under each price vector every member's cheapest row comes from the row program, and
/// the rows collected over the rounds form each member's pool, starting with the current row.
/// Then one row per member is chosen exactly over the pools by branch and bound: a member's row is
/// valued by the exact row score, the cover by the exact demand penalty of the group's headcount
/// (convex in it), and the bound is the Lagrangian one (every remaining member at its cheapest
/// priced row, each demand at its cheapest priced headcount). Keeping everyone as they are is in
/// the pools, so a proposal is never worse in the model; quotas and mixes are left to the exact
/// score, which judges every proposal.
final class GroupReplanner {
    let s: IncrementalScore
    let cp: CompiledProblem
    let rb: RowRebuilder
    private let prices: UnsafeMutablePointer<Int>
    private var lambda: [Double]
    private var bestLambda: [Double]
    /// Headcount of each demand without the group (valid for the window's demands).
    private var baseCount: [Int32]
    private var groupCount: [Int]
    /// Per demand, the cheapest priced headcount minus the members' rows' headcount (the negated
    /// subgradient).
    private var excess: [Int]
    /// Per demand, the cover change of one member fewer and one more at the current headcount.
    private var marginLeft: [Int], marginRight: [Int]
    private var currentCount: [Int], freedCount: [Int]
    private var scratch: [Int32]
    /// Work of the last call (program steps and branch-and-bound steps), for scheduling.
    private(set) var lastWork = 0
    var statCalls = 0, statColumns = 0, statColumns2 = 0, statGap = 0.0, statRounds = 0 // DEBUG
    var lastNodes = 0, lastBestNode = 0, bestNodeHist = [Int](repeating: 0, count: 10) // DEBUG
    /// Most branch-and-bound nodes one call visits (the best selection so far is kept).
    var nodeLimit = 20_000
    var noise = 0
    var forcing = ProcessInfo.processInfo.environment["SURGE_FORCE"] != nil // DEBUG
    var checkBrute = ProcessInfo.processInfo.environment["SURGE_CHECK"] != nil, bruteChecks = 0, bruteMismatch = 0, bruteImprovable = 0 // DEBUG

    /// A candidate row of one member: its days in the window, the demands it works there, and its
    /// exact row value.
    private struct Column {
        var cells: [Int32]
        var demands: [Int]
        var value: Int
        var reduced = 0.0
    }

    init(_ s: IncrementalScore, rebuilder: RowRebuilder) {
        self.s = s; cp = s.cp; rb = rebuilder
        let J = max(1, cp.demandCount)
        prices = .allocate(capacity: J); prices.initialize(repeating: 0, count: J)
        lambda = Array(repeating: 0, count: J)
        bestLambda = lambda
        baseCount = Array(repeating: 0, count: J)
        groupCount = Array(repeating: 0, count: J)
        excess = Array(repeating: 0, count: J)
        marginLeft = excess; marginRight = excess; currentCount = excess; freedCount = excess
        scratch = Array(repeating: -1, count: max(1, s.D))
        if let x = ProcessInfo.processInfo.environment["SURGE_NOISE"], let n = Int(x) { noise = n } // DEBUG
        if let x = ProcessInfo.processInfo.environment["SURGE_NODES"], let n = Int(x) { nodeLimit = n } // DEBUG
    }

    deinit { prices.deallocate() }

    @inline(__always) private func rowValue(_ p: Int, _ row: UnsafePointer<Int32>, hw: Int) -> Int {
        let x = s.evaluator.evaluate(p, row)
        return x.weighted * hw + x.soft
    }

    /// The cheapest rows found for `people` (distinct, at least 2) over `window` (nil: whole rows),
    /// as (person, day, new cell) for the cells that change; empty when no selection found beats
    /// keeping everyone as they are. Values use hard weight hw and coverage weight cw.
    func propose(people: [Int], window: Range<Int>?, rounds: Int, sampledRounds: Int, rng: UnsafeMutablePointer<SplitMix64>, hw: Int, cw: Int) -> [(person: Int, day: Int, cell: Int32)] {
        lastWork = 0
        let m = people.count, D = s.D
        if m < 2 { return [] }
        let days = window.map { max(0, $0.lowerBound)..<min(D, $0.upperBound) } ?? 0..<D
        if days.isEmpty { return [] }
        let jLo = Int(cp.dayDemandStart[days.lowerBound]), jHi = Int(cp.dayDemandStart[days.upperBound])
        if jHi <= jLo { return [] }
        // The window's demands, in day order (dayDemands lists them per day).
        var demandsOfWindow = [Int]()
        demandsOfWindow.reserveCapacity(jHi - jLo)
        for i in jLo..<jHi { demandsOfWindow.append(Int(cp.dayDemands[i])) }
        for j in demandsOfWindow { baseCount[j] = s.headcount[j]; groupCount[j] = 0 }
        for p in people { for d in days { let c = s.cell(p, d); if c >= 0 { baseCount[Int(c)] -= 1; groupCount[Int(c)] += 1 } } }
        // Cover value of demand j with c group members on it.
        func cover(_ j: Int, _ c: Int) -> Int { s.demandValue(j, headcount: baseCount[j] + Int32(c), hw: hw, cw: cw) }
        var pools = [[Column]](repeating: [], count: m)
        var upper = 0
        for (i, p) in people.enumerated() {
            for d in 0..<D { scratch[d] = s.cell(p, d) }
            let v = scratch.withUnsafeBufferPointer { rowValue(p, $0.baseAddress!, hw: hw) }
            let cells = Array(scratch[days])
            pools[i].append(Column(cells: cells, demands: cells.compactMap { $0 >= 0 ? Int($0) : nil }, value: v))
            upper += v
        }
        // Prices start at the marginal value of the current headcount (midway between one fewer
        // and one more), so each member's current row is nearly the cheapest at the start.
        for j in demandsOfWindow {
            let c = groupCount[j], f = cover(j, c)
            upper += f
            let right = cover(j, c + 1) - f
            let left = c > 0 ? f - cover(j, c - 1) : right
            lambda[j] = Double(left + right) / 2
            marginLeft[j] = left; marginRight[j] = right; currentCount[j] = c
        }
        var bestBound = -Double.infinity
        var mu = 1.0, stale = 0
        defer { rb.coverPrices = nil }
        for _ in 0..<max(1, rounds) {
            for j in demandsOfWindow { prices[j] = Int(lambda[j].rounded()); groupCount[j] = 0 }
            rb.coverPrices = prices
            var bound = 0.0
            for (i, p) in people.enumerated() {
                guard let row = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: cw) else { return [] }
                lastWork += rb.lastWork
                let v = row.withUnsafeBufferPointer { rowValue(p, $0.baseAddress!, hw: hw) }
                let cells = Array(row[days])
                var reduced = Double(v)
                for c in cells where c >= 0 { reduced += lambda[Int(c)]; groupCount[Int(c)] += 1 }
                bound += reduced
                if !pools[i].contains(where: { $0.cells == cells }) {
                    pools[i].append(Column(cells: cells, demands: cells.compactMap { $0 >= 0 ? Int($0) : nil }, value: v))
                }
            }
            // Each demand's cheapest priced headcount, and the subgradient.
            var norm = 0.0
            for j in demandsOfWindow {
                var bestC = 0, bestV = Double(cover(j, 0))
                for c in 1...m {
                    let v = Double(cover(j, c)) - lambda[j] * Double(c)
                    if v < bestV { bestV = v; bestC = c }
                }
                bound += bestV
                excess[j] = bestC - groupCount[j]
                norm += Double(excess[j] * excess[j])
            }
            if bound > bestBound { bestBound = bound; stale = 0; for j in demandsOfWindow { bestLambda[j] = lambda[j] } } else {
                stale += 1
                if stale >= 2 { mu /= 2; stale = 0 }
            }
            statRounds += 1 // DEBUG
            if norm == 0 { break }
            let theta = mu * max(1, Double(upper) - bound) / norm
            for j in demandsOfWindow { lambda[j] -= theta * Double(excess[j]) }
        }
        statCalls += 1; statColumns += pools.reduce(0) { $0 + $1.count }; statGap += Double(upper) - bestBound // DEBUG
        // Sampled rounds: every member prices each demand at a random point between its two
        // margins (any such price keeps the current headcount optimal for that demand), which
        // offers rows the subgradient's prices tie away.
        for _ in 0..<sampledRounds {
            // A random half of the group counts as freed: the others price each demand at what
            // joining it costs with the freed members' shifts open.
            for j in demandsOfWindow { freedCount[j] = 0 }
            var freed = [Bool](repeating: false, count: m)
            for (i, p) in people.enumerated() where rng.pointee.below(2) == 0 {
                freed[i] = true
                for d in days { let c = s.cell(p, d); if c >= 0 { freedCount[Int(c)] += 1 } }
            }
            for (i, p) in people.enumerated() {
                for j in demandsOfWindow {
                    var c = currentCount[j] - freedCount[j]
                    let own = s.cell(p, Int(cp.demandDay[j])) == Int32(j)
                    if own && !freed[i] { c -= 1 }
                    prices[j] = cover(j, c + 1) - cover(j, c) + (noise > 0 ? rng.pointee.below(2 * noise + 1) - noise : 0)
                }
                // Forced deviation: one random day of the window gets a different cell (another
                // shift, or the day off), and the program re-plans the rest around it.
                if forcing {
                    let fd = days.lowerBound + rng.pointee.below(days.count)
                    let a = Int(cp.dayDemandStart[fd]), b = Int(cp.dayDemandStart[fd + 1])
                    let cur = s.cell(p, fd)
                    let pick = rng.pointee.below(b - a + 1)
                    if pick == b - a || Int32(cp.dayDemands[a + pick]) == cur {
                        if cur >= 0 { for x in a..<b { prices[Int(cp.dayDemands[x])] += 1_000_000 } }
                    } else {
                        prices[Int(cp.dayDemands[a + pick])] -= 1_000_000
                    }
                }
                rb.coverPrices = prices
                guard let row = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: cw) else { return [] }
                lastWork += rb.lastWork
                let cells = Array(row[days])
                if pools[i].contains(where: { $0.cells == cells }) { continue }
                let v = row.withUnsafeBufferPointer { rowValue(p, $0.baseAddress!, hw: hw) }
                pools[i].append(Column(cells: cells, demands: cells.compactMap { $0 >= 0 ? Int($0) : nil }, value: v))
            }
        }
        statColumns2 += pools.reduce(0) { $0 + $1.count } // DEBUG
        if pools.allSatisfy({ $0.count == 1 }) { return [] }
        return select(people: people, pools: &pools, days: days, demands: demandsOfWindow, upper: upper, cover: cover)
    }

    /// One column per member at least model cost, by depth-first branch and bound; the current
    /// columns (index 0) are the incumbent.
    private func select(people: [Int], pools: inout [[Column]], days: Range<Int>, demands: [Int], upper: Int,
                        cover: (Int, Int) -> Int) -> [(person: Int, day: Int, cell: Int32)] {
        let m = people.count
        // Demands any column works, as dense indices with their cover table and price.
        var index = [Int: Int]()
        var used = [Int]()
        for pool in pools { for col in pool { for j in col.demands where index[j] == nil { index[j] = used.count; used.append(j) } } }
        let T = used.count
        var table = [Int](repeating: 0, count: T * (m + 1))
        var price = [Double](repeating: 0, count: T)
        for (t, j) in used.enumerated() {
            price[t] = bestLambda[j]
            for c in 0...m { table[t * (m + 1) + c] = cover(j, c) }
        }
        // Cover of the demands no column works is the same in every selection.
        var constant = 0
        for j in demands where index[j] == nil { constant += cover(j, 0) }
        // Columns as dense demand lists, sorted by reduced cost; members with more choice go first.
        var dense = [[[Int]]](repeating: [], count: m)
        var minReduced = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for c in pools[i].indices {
                var r = Double(pools[i][c].value)
                for j in pools[i][c].demands { r += price[index[j]!] }
                pools[i][c].reduced = r
            }
        }
        let order = (0..<m).sorted { pools[$0].count > pools[$1].count }
        var sortedCols = [[Int]](repeating: [], count: m)
        for i in 0..<m {
            sortedCols[i] = pools[i].indices.sorted { pools[i][$0].reduced < pools[i][$1].reduced }
            dense[i] = pools[i].map { col in col.demands.map { index[$0]! } }
            minReduced[i] = pools[i].map(\.reduced).min() ?? 0
        }
        var suffix = [Double](repeating: 0, count: m + 1)
        for k in stride(from: m - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + minReduced[order[k]] }
        var count = [Int](repeating: 0, count: T)
        var choice = [Int](repeating: 0, count: m)
        var bestChoice = [Int](repeating: 0, count: m)
        var best = upper - constant   // the current selection's value over the used demands
        var improved = false
        var nodes = 0
        // Lagrangian bound of the remaining cover: each demand at its cheapest priced headcount
        // among the ones the remaining members can add.
        func coverBound(_ rem: Int) -> Double {
            var b = 0.0
            for t in 0..<T {
                let a = count[t], base = t * (m + 1)
                var lo = Double(table[base + a])
                if rem > 0 {
                    for x in 1...min(rem, m - a) {
                        let v = Double(table[base + a + x]) - price[t] * Double(x)
                        if v < lo { lo = v }
                    }
                }
                b += lo
            }
            return b
        }
        func dfs(_ k: Int, _ partial: Int) {
            if nodes >= nodeLimit { return }
            nodes += 1
            if k == m {
                var v = partial
                for t in 0..<T { v += table[t * (m + 1) + count[t]] }
                if v < best { best = v; bestChoice = choice; improved = true; lastBestNode = nodes }
                return
            }
            if Double(partial) + coverBound(m - k) + suffix[k] >= Double(best) - 1e-9 { return }
            let i = order[k]
            for c in sortedCols[i] {
                for t in dense[i][c] { count[t] += 1 }
                choice[i] = c
                dfs(k + 1, partial + pools[i][c].value)
                for t in dense[i][c] { count[t] -= 1 }
            }
        }
        dfs(0, 0)
        if checkBrute { // DEBUG
            var total = 1
            for i in 0..<m { total *= pools[i].count; if total > 200_000 { break } }
            if total <= 200_000 && nodes < nodeLimit {
                var bruteBest = upper - constant
                var idx = [Int](repeating: 0, count: m)
                for _ in 0..<total {
                    for t in 0..<T { count[t] = 0 }
                    var v = 0
                    for i in 0..<m { v += pools[i][idx[i]].value; for t in dense[i][idx[i]] { count[t] += 1 } }
                    for t in 0..<T { v += table[t * (m + 1) + count[t]] }
                    bruteBest = min(bruteBest, v)
                    var k = 0
                    while k < m { idx[k] += 1; if idx[k] < pools[k].count { break }; idx[k] = 0; k += 1 }
                }
                for t in 0..<T { count[t] = 0 }
                bruteChecks += 1
                if bruteBest != best { bruteMismatch += 1 }
                if bruteBest < upper - constant { bruteImprovable += 1 }
            }
        }
        lastWork += nodes * (T + 16)
        lastNodes = nodes // DEBUG
        if improved { bestNodeHist[min(9, Int(log2(Double(max(1, lastBestNode)))) / 2)] += 1 } // DEBUG
        if !improved { return [] }
        var changes: [(person: Int, day: Int, cell: Int32)] = []
        for (i, p) in people.enumerated() where bestChoice[i] != 0 {
            let cells = pools[i][bestChoice[i]].cells
            for (x, d) in days.enumerated() where cells[x] != s.cell(p, d) { changes.append((p, d, cells[x])) }
        }
        return changes
    }
}
