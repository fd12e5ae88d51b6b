/// A linear program in equality form, min c·x subject to A x = b and x ≥ 0, solved by the revised
/// primal simplex with an explicit dense basis inverse. Columns are sparse and can be added
/// between solves (column generation): each solve starts from the last basis.
///
/// Every row starts with an artificial unit column of cost `artificialCost` (big M), so the first
/// basis is the identity and no phase one is needed; an artificial left basic at a positive value
/// after a solve means the program (with the columns it has) is infeasible.
final class RevisedSimplex {
    struct Column {
        var rows: [Int32]
        var values: [Double]
        var cost: Double
    }

    let m: Int
    let b: [Double]
    let artificialCost: Double
    /// Columns in compressed form (the pricing loop runs over them every pivot): column c holds
    /// entries colStart[c]..<colStart[c + 1] of entryRow and entryValue.
    private var colStart: [Int] = [0]
    private var entryRow: [Int32] = []
    private var entryValue: [Double] = []
    private var costs: [Double] = []
    /// Column index basic in each row, and each column's row in the basis (-1 when nonbasic).
    private var basis: [Int]
    private var basisRow: [Int] = []
    /// Column-major basis inverse: entry (i, k) at k * m + i, so that B⁻¹ a (a few columns of it)
    /// and the row updates of a pivot run over contiguous memory.
    private var inverse: [Double]
    private(set) var basicValue: [Double]
    private var pivotsSinceRefactor = 0
    private(set) var pivots = 0
    /// A pivot that lowers the objective by at most this share of it counts as a stall (Bland's
    /// rule after 50 in a row). Programs with a perturbed right-hand side make tiny real progress
    /// and set it to 0.
    var stallTolerance = 1e-9
    /// Columns that cost at least this never enter the basis (a column generation prices out the
    /// columns a branch forbids this way); artificials then only leave it.
    var barredCost = Double.infinity
    /// Pivots between two refactorizations (nil: 2000 or eight times the rows, whichever is more).
    /// Every 500 pivots, refactorizing took an eighth of a group re-plan's time on Instance9; the
    /// product updates stay accurate over a few thousand pivots (the tests compare both ways), and
    /// the group masters' bounds are Lagrangian ones, valid at any duals.
    var refactorInterval: Int?
    /// Where the next partial pricing scan starts (see `entering`).
    private var priceStart = 0
    /// Scratch: the rows where a pivot's column is nonzero.
    private let nonzero: UnsafeMutablePointer<Int>

    init(rhs: [Double], artificialCost: Double) {
        m = rhs.count
        b = rhs
        self.artificialCost = artificialCost
        basis = Array(0..<m)
        inverse = [Double](repeating: 0, count: m * m)
        nonzero = .allocate(capacity: max(1, m))
        basicValue = b.map { abs($0) }
        for i in 0..<m {
            inverse[i * m + i] = 1
            // The artificial of a negative right-hand side enters with -1 (the row is kept as given).
            add(Column(rows: [Int32(i)], values: [b[i] < 0 ? -1 : 1], cost: artificialCost))
            basisRow[i] = i
        }
        // Rows with a negative right-hand side: the inverse of a -1 unit column is -1.
        for i in 0..<m where b[i] < 0 { inverse[i * m + i] = -1 }
    }

    deinit { nonzero.deallocate() }

    /// Index of the first column that is not an artificial.
    var firstStructural: Int { m }

    var columnCount: Int { costs.count }

    func cost(_ c: Int) -> Double { costs[c] }

    @discardableResult
    func add(_ column: Column) -> Int {
        entryRow.append(contentsOf: column.rows)
        entryValue.append(contentsOf: column.values)
        colStart.append(entryRow.count)
        costs.append(column.cost)
        basisRow.append(-1)
        return costs.count - 1
    }

    /// Changes a column's cost; the next solve starts from the current basis.
    func setCost(_ c: Int, _ cost: Double) { costs[c] = cost }

    /// Value of column c in the current basic solution.
    func value(_ c: Int) -> Double { basisRow[c] >= 0 ? basicValue[basisRow[c]] : 0 }

    var objective: Double {
        var v = 0.0
        for i in 0..<m { v += costs[basis[i]] * basicValue[i] }
        return v
    }

    /// Dual values y = c_B B⁻¹ of the current basis.
    func duals() -> [Double] {
        var y = [Double](repeating: 0, count: m)
        let cB = basis.map { costs[$0] }
        inverse.withUnsafeBufferPointer { a in
            for k in 0..<m {
                var v = 0.0
                for i in 0..<m { v += cB[i] * a[k * m + i] }
                y[k] = v
            }
        }
        return y
    }

    func reducedCost(_ c: Int, _ y: [Double]) -> Double {
        var d = costs[c]
        for e in colStart[c]..<colStart[c + 1] { d -= y[Int(entryRow[e])] * entryValue[e] }
        return d
    }

    enum Outcome { case optimal, unbounded, pivotLimit }

    /// Pivots to optimality with the columns held (Dantzig's rule; Bland's while 50 pivots in a
    /// row have not lowered the objective, which cannot cycle).
    func solve(pivotLimit: Int = 1_000_000) -> Outcome {
        let m = self.m
        var w = [Double](repeating: 0, count: m)
        var y = duals()
        var lastObjective = objective, stalled = 0
        for _ in 0..<pivotLimit {
            let bland = stalled > 50
            let enter = entering(y, bland: bland)
            if enter < 0 { return .optimal }
            // w = B⁻¹ a_enter
            var dEnter = costs[enter]
            w.withUnsafeMutableBufferPointer { w in
                let w = w.baseAddress!
                w.update(repeating: 0, count: m)
                inverse.withUnsafeBufferPointer { a in
                    for e in colStart[enter]..<colStart[enter + 1] {
                        let k = Int(entryRow[e]), v = entryValue[e]
                        dEnter -= y[k] * v
                        let col = a.baseAddress! + k * m
                        for i in 0..<m { w[i] += col[i] * v }
                    }
                }
            }
            var leave = -1, ratio = Double.infinity
            for i in 0..<m where w[i] > 1e-9 {
                let t = max(0, basicValue[i]) / w[i]
                if t < ratio - 1e-12 || (abs(t - ratio) <= 1e-12 && (bland ? basis[i] < basis[leave] : w[i] > w[leave])) {
                    ratio = t; leave = i
                }
            }
            if leave < 0 { return .unbounded }
            pivot(leave: leave, enter: enter, w: w, step: ratio)
            if pivotsSinceRefactor >= refactorInterval ?? max(2000, 8 * m) {
                refactor()
                y = duals()
            } else {
                // y' = y + d_enter · (row `leave` of the new inverse): O(m) instead of c_B B⁻¹ anew.
                inverse.withUnsafeBufferPointer { a in
                    for k in 0..<m { y[k] += dEnter * a[k * m + leave] }
                }
            }
            let now = objective
            if now < lastObjective - stallTolerance * max(1, abs(lastObjective)) { lastObjective = now; stalled = 0 } else { stalled += 1 }
        }
        return .pivotLimit
    }

    /// The column to enter at duals y: the most negative reduced cost (Dantzig) in the first block
    /// of columns, scanned on from where the last pivot's scan stopped, that holds one (partial
    /// pricing: a full scan per pivot took a fifth of a group re-plan's time); or the first
    /// negative one from column 0 under Bland's rule. -1 when none prices out.
    private func entering(_ y: [Double], bland: Bool) -> Int {
        var enter = -1, best = -1e-7
        let n = costs.count, barred = barredCost
        let block = bland ? n : max(256, n / 8)
        var c = bland ? 0 : priceStart % max(1, n)
        colStart.withUnsafeBufferPointer { start in
            entryRow.withUnsafeBufferPointer { rows in
                entryValue.withUnsafeBufferPointer { values in
                    costs.withUnsafeBufferPointer { cost in
                        basisRow.withUnsafeBufferPointer { inBasis in
                            y.withUnsafeBufferPointer { y in
                                var scanned = 0
                                while scanned < n {
                                    if inBasis[c] < 0 && cost[c] < barred {
                                        var d = cost[c]
                                        for e in start[c]..<start[c + 1] { d -= y[Int(rows[e])] * values[e] }
                                        if bland { if d < -1e-7 { enter = c; return } } else if d < best { best = d; enter = c }
                                    }
                                    scanned += 1
                                    c += 1
                                    if c == n { c = 0 }
                                    if enter >= 0 && scanned % block == 0 { return }
                                }
                            }
                        }
                    }
                }
            }
        }
        priceStart = c
        return enter
    }

    private func pivot(leave r: Int, enter: Int, w: [Double], step: Double) {
        for i in 0..<m where i != r { basicValue[i] -= step * w[i] }
        basicValue[r] = step
        let inv = 1 / w[r], m = self.m
        w.withUnsafeBufferPointer { w in
            let w = w.baseAddress!
            // The rank-one update touches only the rows where w is nonzero, often a small share.
            var count = 0
            for i in 0..<m where w[i] != 0 && i != r { nonzero[count] = i; count += 1 }
            let sparse = 3 * count < m
            inverse.withUnsafeMutableBufferPointer { a in
                for k in 0..<m {
                    let col = a.baseAddress! + k * m
                    let f = col[r] * inv
                    if f == 0 { continue }
                    if sparse {
                        for x in 0..<count { let i = nonzero[x]; col[i] -= w[i] * f }
                    } else {
                        for i in 0..<m { col[i] -= w[i] * f }
                    }
                    col[r] = f
                }
            }
        }
        basisRow[basis[r]] = -1
        basis[r] = enter
        basisRow[enter] = r
        pivots += 1; pivotsSinceRefactor += 1
    }

    /// Recomputes the basis inverse and the basic values from scratch, which clears the rounding
    /// the product updates gather. A basic column with a single entry (a slack or an artificial)
    /// settles its row, so only the rows left and the other basic columns need elimination
    /// (Gauss–Jordan with partial pivoting): in a group master most of the basis is slacks, and
    /// the dense elimination of all of it took an eighth of a group re-plan's time.
    @discardableResult
    func refactor() -> Bool {
        pivotsSinceRefactor = 0
        let m = self.m
        // Per row: the basis position of the single-entry column that settles it (-1: none).
        var settledBy = [Int](repeating: -1, count: m)
        var structural: [Int] = []
        for i in 0..<m {
            let c = basis[i]
            if colStart[c + 1] - colStart[c] == 1 {
                let r = Int(entryRow[colStart[c]])
                if settledBy[r] < 0 && entryValue[colStart[c]] != 0 { settledBy[r] = i; continue }
            }
            structural.append(i)
        }
        let rest = (0..<m).filter { settledBy[$0] < 0 }
        // Two single-entry columns on one row: the basis is singular (keep the updated inverse).
        let n = structural.count
        if rest.count != n { return false }
        var restIndex = [Int](repeating: -1, count: m)
        for (t, r) in rest.enumerated() { restIndex[r] = t }
        // E: the rows left by the other basic columns (row-major, n × n), and its inverse.
        var a = [Double](repeating: 0, count: n * n)
        for (q, i) in structural.enumerated() {
            let c = basis[i]
            for e in colStart[c]..<colStart[c + 1] where restIndex[Int(entryRow[e])] >= 0 {
                a[restIndex[Int(entryRow[e])] * n + q] = entryValue[e]
            }
        }
        var inv = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inv[i * n + i] = 1 }
        let singular: Bool = a.withUnsafeMutableBufferPointer { a in
            inv.withUnsafeMutableBufferPointer { inv in
                for c in 0..<n {
                    var p = c
                    for i in c..<n where abs(a[i * n + c]) > abs(a[p * n + c]) { p = i }
                    if abs(a[p * n + c]) < 1e-12 { return true }
                    if p != c {
                        for k in 0..<n { a.swapAt(c * n + k, p * n + k); inv.swapAt(c * n + k, p * n + k) }
                    }
                    let f = 1 / a[c * n + c]
                    // Columns left of c are eliminated already (zero in row c).
                    for k in c..<n { a[c * n + k] *= f }
                    for k in 0..<n { inv[c * n + k] *= f }
                    for i in 0..<n where i != c {
                        let g = a[i * n + c]
                        if g == 0 { continue }
                        for k in c..<n { a[i * n + k] -= g * a[c * n + k] }
                        for k in 0..<n { inv[i * n + k] -= g * inv[c * n + k] }
                    }
                }
                return false
            }
        }
        // Singular by rounding: keep the updated inverse.
        if singular { return false }
        // B⁻¹ (column-major, entry (i, k) at k * m + i): the other columns' rows are E⁻¹ on the
        // rows left; a settled row r (its column's entry v) gives (e_r - Σ A[r, q] E⁻¹[q]) / v.
        inverse.withUnsafeMutableBufferPointer { inverse in
            inverse.update(repeating: 0)
            for (q, i) in structural.enumerated() {
                for t in 0..<n where inv[q * n + t] != 0 { inverse[rest[t] * m + i] = inv[q * n + t] }
            }
            for r in 0..<m where settledBy[r] >= 0 {
                let i = settledBy[r], c = basis[i]
                inverse[r * m + i] = 1 / entryValue[colStart[c]]
            }
            for (q, iq) in structural.enumerated() {
                let c = basis[iq]
                for e in colStart[c]..<colStart[c + 1] {
                    let r = Int(entryRow[e])
                    let i = settledBy[r]
                    if i < 0 { continue }
                    let f = entryValue[e] / entryValue[colStart[basis[i]]]
                    for t in 0..<n where inv[q * n + t] != 0 { inverse[rest[t] * m + i] -= f * inv[q * n + t] }
                }
            }
        }
        for i in 0..<m { basicValue[i] = 0 }
        for k in 0..<m where b[k] != 0 {
            for i in 0..<m { basicValue[i] += inverse[k * m + i] * b[k] }
        }
        return true
    }

    /// Starts from the basis `columns` (one per row, in row order) instead of the artificials,
    /// e.g. slacks that make a start feasible; false (and the basis unchanged) when it is singular
    /// or not primal feasible.
    @discardableResult
    func setBasis(_ columns: [Int]) -> Bool {
        precondition(columns.count == m)
        let saved = (basis, basisRow, inverse, basicValue)
        for i in 0..<m { basisRow[basis[i]] = -1 }
        for i in 0..<m { basis[i] = columns[i]; basisRow[columns[i]] = i }
        if refactor() && basicValue.allSatisfy({ $0 >= -1e-9 }) { return true }
        (basis, basisRow, inverse, basicValue) = saved
        return false
    }

    /// Whether an artificial column is basic at a positive value.
    var isInfeasible: Bool {
        (0..<m).contains { basis[$0] < firstStructural && basicValue[$0] > 1e-7 }
    }
}
