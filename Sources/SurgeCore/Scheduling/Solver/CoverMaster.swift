import Foundation // DEBUG
/// What column generation over the cover found (see `CoverMaster`).
public struct CoverMasterResult: Sendable {
    /// The best Lagrangian bound met (every legal plan scores at least its ceiling).
    public let bound: Double
    /// The linear master's value over the columns it holds (the bound's target; equal to the
    /// linear-programming bound when the pricing found no more columns).
    public let masterValue: Double
    public let rounds: Int
    public let columns: Int
    public let pivots: Int
    /// People whose master solution is a single row.
    public let integralPeople: Int
    /// Person-major grid: each person's row of greatest weight in the master solution.
    public let roundedGrid: [Int32]
    /// The dived plan (person-major grid) and its score, when asked for.
    public internal(set) var dive: (grid: [Int32], score: Score)?
}

/// Column generation over the cover, for a lower bound that settles where subgradient steps
/// oscillate, and for rows whose mix is close to an optimal plan.
///
/// The linear master chooses a convex combination of rows for every person and of headcounts for
/// every position: rows `cover j` (rows' shifts on j minus the headcount = 0), `person p` (weights
/// sum to 1), `position j` (headcount weights sum to 1) and `cap p,k` (shifts of kind k at most the
/// cap, with a slack). Its duals price the row program (`CoverPricing`), whose cheapest rows join
/// the master; the Lagrangian value at those duals is a valid bound in every round.
let debugMaster = ProcessInfo.processInfo.environment["SURGE_DEBUG"] != nil // DEBUG
final class CoverMaster {
    let s: IncrementalScore
    let pricing: CoverPricing
    let lp: RevisedSimplex
    let P: Int, J: Int, K: Int
    /// Master row of each person and kind's cap (p * K + k), or -1 when the cap cannot bind.
    private var capRow: [Int]
    /// Per master column: its person (-1 for headcount and slack columns) and its cells.
    private var columnPerson: [Int] = []
    private var columnCells: [[Int32]] = []
    private var seen: [Set<[Int32]>]
    /// Master columns of each person's rows, and whether each keeps to the person's caps.
    private var personColumns: [[Int]]
    private var withinCaps: [Bool] = []

    init?(_ s: IncrementalScore) {
        guard let pricing = LagrangianBound(s).pricing() else { return nil }
        self.s = s; self.pricing = pricing
        P = s.P; J = s.J; K = s.cp.kindCount
        var capRow = [Int](repeating: -1, count: P * K)
        var rows = 2 * J + P
        for x in 0..<(P * K) where pricing.capOf[x] >= 0 && pricing.capOf[x] < s.D { capRow[x] = rows; rows += 1 }
        self.capRow = capRow
        var rhs = [Double](repeating: 0, count: rows)
        for p in 0..<P { rhs[J + p] = 1 }
        for j in 0..<J { rhs[J + P + j] = 1 }
        for x in 0..<(P * K) where capRow[x] >= 0 { rhs[capRow[x]] = Double(pricing.capOf[x]) }
        // Big M: above any row's or position's value, so artificials leave as soon as they can.
        lp = RevisedSimplex(rhs: rhs, artificialCost: 1e6, perturbation: 1e-6)
        seen = Array(repeating: [], count: P)
        personColumns = Array(repeating: [], count: P)
        for _ in 0..<lp.firstStructural { columnPerson.append(-1); columnCells.append([]); withinCaps.append(true) }
        let most = pricing.most
        for j in 0..<J {
            for h in 0...most {
                let cost = Double(pricing.coverTable[j * (most + 1) + h])
                if h == 0 {
                    addColumn(RevisedSimplex.Column(rows: [Int32(J + P + j)], values: [1], cost: cost), person: -1, cells: [])
                } else {
                    addColumn(RevisedSimplex.Column(rows: [Int32(j), Int32(J + P + j)], values: [-Double(h), 1], cost: cost), person: -1, cells: [])
                }
            }
        }
        for x in 0..<(P * K) where capRow[x] >= 0 {
            addColumn(RevisedSimplex.Column(rows: [Int32(capRow[x])], values: [1], cost: 0), person: -1, cells: [])
        }
    }

    private func addColumn(_ c: RevisedSimplex.Column, person: Int, cells: [Int32], withinCaps: Bool = true) {
        let index = lp.add(c)
        columnPerson.append(person)
        columnCells.append(cells)
        self.withinCaps.append(withinCaps)
        if person >= 0 { personColumns[person].append(index) }
    }

    /// Adds p's row as a column unless the master has it or it breaks a rule the master does not
    /// hold (any hard break of the row but its shift-kind caps, which are master rows); returns
    /// whether it was added.
    @discardableResult
    func addRow(_ p: Int, _ row: [Int32]) -> Bool {
        if seen[p].contains(row) { return false }
        var kinds = [Int](repeating: 0, count: K)
        var rows: [Int32] = [Int32(J + p)], values: [Double] = [1]
        for d in 0..<s.D where row[d] >= 0 {
            rows.append(row[d]); values.append(1)
            kinds[Int(s.cp.demandKind[Int(row[d])])] += 1
        }
        var capExcess = 0
        for k in 0..<K where pricing.capOf[p * K + k] >= 0 { capExcess += max(0, kinds[k] - pricing.capOf[p * K + k]) }
        let value = row.withUnsafeBufferPointer { s.evaluator.evaluate(p, $0.baseAddress!) }
        if value.hard != capExcess { return false }
        seen[p].insert(row)
        for k in 0..<K where kinds[k] > 0 && capRow[p * K + k] >= 0 {
            rows.append(Int32(capRow[p * K + k])); values.append(Double(kinds[k]))
        }
        addColumn(RevisedSimplex.Column(rows: rows, values: values, cost: diving && capExcess > 0 ? lp.artificialCost : Double(value.soft)),
                  person: p, cells: row, withinCaps: capExcess == 0)
        if diving && capExcess > 0 { lp.bar(lp.columns.count - 1) }
        return true
    }

    /// Rounds of: solve the master, price every person's row at its duals, add the rows that
    /// improve it. Stops when the bound meets the master's value, nothing new prices out, or
    /// `isCancelled` says so.
    func run(rounds: Int, isCancelled: (() -> Bool)? = nil) -> CoverMasterResult? {
        let S = Double(LagrangianBound.scale)
        var best = -Double.infinity
        var made = 0
        for _ in 0..<max(1, rounds) {
            if isCancelled?() == true { break }
            made += 1
            _ = lp.solve()
            let y = lp.duals()
            for j in 0..<J { pricing.prices[j] = Int((y[j] * S).rounded()) }
            for x in 0..<(P * K) { pricing.kindPrices[x] = capRow[x] >= 0 ? max(0, Int((-y[capRow[x]] * S).rounded())) : 0 }
            guard let value = pricing.evaluate() else { return nil }
            // Only a master without artificials gives duals worth a bound; any prices give a
            // valid one, so the best is kept either way.
            best = max(best, value)
            var added = 0
            for p in 0..<P where addRow(p, pricing.rows[p]) { added += 1 }
            if added == 0 || best >= lp.objective - 1e-6 { break }
        }
        _ = lp.solve()
        return result(bound: best, rounds: made)
    }

    /// While diving, rows over a cap cost big M: a plan must keep to the caps.
    private var diving = false

    /// A plan from the master by diving on cells: the fractional cell (person, day, shift or day
    /// off) of greatest weight in the master solution is forced, the rows that disagree leave, the
    /// master is re-solved and the people re-priced (rows holding the forced cells) for up to
    /// `roundsPerFix` rounds; until the master is integral. Returns the person-major grid of each
    /// person's heaviest row.
    func dive(roundsPerFix: Int, isCancelled: (() -> Bool)? = nil) -> [Int32] {
        let S = Double(LagrangianBound.scale), D = s.D
        diving = true
        let forced = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, P * D))
        forced.initialize(repeating: -2, count: max(1, P * D))
        defer { diving = false; pricing.rb.forced = nil; forced.deallocate() }
        func drop(_ c: Int) { lp.setCost(c, lp.artificialCost); lp.bar(c) }
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 && !withinCaps[c] { drop(c) }
        var weight = [Double](repeating: 0, count: D * (J + 1))
        // The last fix and the rows it dropped (undone when no plan holds it), and the cells that
        // failed so.
        var last: (p: Int, d: Int, dropped: [(column: Int, cost: Double)])?
        var tabu = Set<Int>()
        while true {
            _ = lp.solve()
            if isCancelled?() == true { break }
            for _ in 0..<roundsPerFix {
                let y = lp.duals()
                for j in 0..<J { pricing.prices[j] = Int((y[j] * S).rounded()) }
                for x in 0..<(P * K) { pricing.kindPrices[x] = capRow[x] >= 0 ? max(0, Int((-y[capRow[x]] * S).rounded())) : 0 }
                pricing.rb.forced = UnsafePointer(forced)
                guard pricing.evaluate() != nil else { break }
                var added = 0
                for p in 0..<P where addRow(p, pricing.rows[p]) { added += 1 }
                if added == 0 { break }
                _ = lp.solve()
            }
            if debugMaster { print("after pricing: value \(lp.objective) infeasible \(lp.isInfeasible)") } // DEBUG
            if lp.isInfeasible {
                // The last fix leaves someone without a legal row: undo it, and do not try it again.
                guard let undo = last else { break }
                forced[undo.p * D + undo.d] = -2
                for (c, cost) in undo.dropped { lp.setCost(c, cost); lp.bar(c, false) }
                last = nil
                _ = lp.solve()
                if lp.isInfeasible { break }
            }
            // The fractional cell of greatest weight.
            var best = (p: -1, d: -1, cell: Int32(-2), weight: 0.0)
            for p in 0..<P {
                for i in 0..<weight.count { weight[i] = 0 }
                for c in personColumns[p] {
                    let v = lp.value(c)
                    if v < 1e-9 { continue }
                    let cells = columnCells[c]
                    for d in 0..<D { weight[d * (J + 1) + Int(cells[d]) + 1] += v }
                }
                for d in 0..<D where forced[p * D + d] == -2 {
                    for x in 0..<(J + 1) {
                        let v = weight[d * (J + 1) + x]
                        if v > max(best.weight, 1e-3) && v < 1 - 1e-3 && !tabu.contains((p * D + d) * (J + 1) + x) { best = (p, d, Int32(x - 1), v) }
                    }
                }
            }
            if best.p < 0 { break }   // integral
            tabu.insert((best.p * D + best.d) * (J + 1) + Int(best.cell) + 1)
            forced[best.p * D + best.d] = best.cell
            var dropped: [(column: Int, cost: Double)] = []
            for c in personColumns[best.p] where columnCells[c][best.d] != best.cell && lp.columns[c].cost < lp.artificialCost {
                dropped.append((c, lp.columns[c].cost))
                drop(c)
            }
            last = (best.p, best.d, dropped)
            if debugMaster { print("dive: fix p\(best.p) d\(best.d) cell \(best.cell) weight \(best.weight) master \(lp.objective) pivots \(lp.pivots) columns \(lp.columns.count)") } // DEBUG
        }
        var grid = [Int32](repeating: -1, count: P * D)
        for p in 0..<P {
            var heaviest = -1, most = -1.0
            for c in personColumns[p] where withinCaps[c] && lp.value(c) > most { most = lp.value(c); heaviest = c }
            if heaviest >= 0 { for d in 0..<D { grid[p * D + d] = columnCells[heaviest][d] } }
        }
        return grid
    }

    func diveColumns(roundsPerFix: Int, isCancelled: (() -> Bool)? = nil) -> [Int32] { // DEBUG experiment
        let S = Double(LagrangianBound.scale)
        diving = true
        defer { diving = false }
        func drop(_ c: Int) { lp.setCost(c, lp.artificialCost); lp.bar(c) }
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 && !withinCaps[c] { drop(c) }
        var fixed = [Int](repeating: -1, count: P)
        var free = P
        while free > 0 {
            _ = lp.solve()
            for _ in 0..<roundsPerFix {
                let y = lp.duals()
                for j in 0..<J { pricing.prices[j] = Int((y[j] * S).rounded()) }
                for x in 0..<(P * K) { pricing.kindPrices[x] = capRow[x] >= 0 ? max(0, Int((-y[capRow[x]] * S).rounded())) : 0 }
                guard pricing.evaluate() != nil else { break }
                var added = 0
                for p in 0..<P where fixed[p] < 0 && addRow(p, pricing.rows[p]) { added += 1 }
                if added == 0 { break }
                _ = lp.solve()
            }
            var heaviest = [Int](repeating: -1, count: P), weight = [Double](repeating: -1, count: P)
            for p in 0..<P where fixed[p] < 0 {
                for c in personColumns[p] where withinCaps[c] && lp.value(c) > weight[p] { weight[p] = lp.value(c); heaviest[p] = c }
            }
            var chosen = (0..<P).filter { fixed[$0] < 0 && heaviest[$0] >= 0 && weight[$0] > 1 - 1e-3 }
            if chosen.isEmpty, let p = (0..<P).filter({ fixed[$0] < 0 && heaviest[$0] >= 0 }).max(by: { weight[$0] < weight[$1] }) { chosen = [p] }
            if chosen.isEmpty { break }
            for p in chosen {
                fixed[p] = heaviest[p]; free -= 1
                for c in personColumns[p] where c != heaviest[p] { drop(c) }
            }
            if debugMaster { print("cdive: free \(free) value \(lp.objective)") }
        }
        var grid = [Int32](repeating: -1, count: P * s.D)
        for p in 0..<P where fixed[p] >= 0 { for d in 0..<s.D { grid[p * s.D + d] = columnCells[fixed[p]][d] } }
        return grid
    }

    private func result(bound: Double, rounds: Int) -> CoverMasterResult {
        var weight = [Double](repeating: -1, count: P)
        var grid = [Int32](repeating: -1, count: P * s.D)
        var integral = 0
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 {
            let p = columnPerson[c], v = lp.value(c)
            if v > weight[p] {
                weight[p] = v
                for d in 0..<s.D { grid[p * s.D + d] = columnCells[c][d] }
            }
        }
        for p in 0..<P where weight[p] > 1 - 1e-6 { integral += 1 }
        return CoverMasterResult(bound: bound, masterValue: lp.objective, rounds: rounds, columns: lp.columns.count - lp.firstStructural,
                                 pivots: lp.pivots, integralPeople: integral, roundedGrid: grid)
    }
}
