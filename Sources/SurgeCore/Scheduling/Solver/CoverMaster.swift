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
    /// Rows of the linear master (cover, people, positions, shift-kind caps that can bind).
    public let masterRows: Int
    /// People whose master solution is a single row.
    public let integralPeople: Int
}

/// Column generation over the cover: the linear-programming bound, which subgradient steps
/// (`LagrangianBound`) approach but on some problems never settle at.
///
/// The linear master chooses a convex combination of rows for every person and a headcount for
/// every position: rows `cover j`, `person p` (weights sum to 1) and `cap p,k` (shifts of kind k at
/// most the cap, with a slack). Where every position's value is linear on each side of its target
/// (`slackCover`), `cover j` reads rows' shifts on j plus a shortfall minus a surplus = the target;
/// otherwise headcounts are columns of their own (rows' shifts on j minus the headcount = 0, and a
/// row `position j` whose headcount weights sum to 1), which doubles the rows and on Instance13 kept
/// the master from converging in 318 s (the slack form: 61 s). Its duals price the row program
/// (`CoverPricing`), whose cheapest rows join the master; the Lagrangian value at those duals is a
/// valid bound in every round.
final class CoverMaster {
    let s: IncrementalScore
    let pricing: CoverPricing
    let lp: RevisedSimplex
    let P: Int, J: Int, K: Int
    /// Master row of each person and kind's cap (p * K + k), or -1 when the cap cannot bind.
    private var capRow: [Int]
    /// Per master column: its person (-1 for artificial, headcount and slack columns).
    private var columnPerson: [Int] = []
    /// Per master column: the person's row (empty for the other columns), and whether it keeps
    /// every shift-kind cap (`legalRounding` takes only those).
    private var columnRow: [[Int32]] = []
    private var columnKeepsCaps: [Bool] = []
    private var seen: [Set<[Int32]>]

    /// Whether the cover is held by slacks rather than headcount columns (see the type's note):
    /// two columns a position instead of one per headcount, and no `position j` rows.
    let slackCover: Bool
    /// Wentges smoothing: rows are priced at this share of the prices of the best bound so far
    /// plus the rest of the master's duals (0: the duals alone).
    var smoothing = 0.5
    /// The value of the cover at every target, which the slack form's objective leaves out.
    let coverOffset: Double

    /// `allowsSlackCover: false` keeps the headcount form everywhere (the tests compare both);
    /// `perturbed` raises the slack form's right-hand sides by at most 1e-6 a row (see below),
    /// for masters that start from many rows (`run`'s `warmSteps`).
    init?(_ s: IncrementalScore, allowsSlackCover: Bool = true, perturbed: Bool = false) {
        guard let pricing = LagrangianBound(s).pricing() else { return nil }
        self.s = s; self.pricing = pricing
        P = s.P; J = s.J; K = s.cp.kindCount
        let most = pricing.most
        let table = pricing.coverTable
        func target(_ j: Int) -> Int { min(most, max(0, Int(s.cp.demandTarget[j]))) }
        // Slopes below and above each target, when each side is linear and neither slope pays.
        func slopes(_ j: Int) -> (under: Int, over: Int)? {
            let t = target(j), row = j * (most + 1)
            let under = t > 0 ? table[row + t - 1] - table[row + t] : 0
            let over = t < most ? table[row + t + 1] - table[row + t] : 0
            if under < 0 || over < 0 { return nil }
            for h in 0..<t where table[row + h] - table[row + h + 1] != under { return nil }
            for h in t..<most where table[row + h + 1] - table[row + h] != over { return nil }
            return (under, over)
        }
        let slope = (0..<J).map(slopes)
        slackCover = allowsSlackCover && slope.allSatisfy { $0 != nil }
        coverOffset = slackCover ? (0..<J).reduce(0.0) { $0 + Double(table[$1 * (most + 1) + target($1)]) } : 0
        var capRow = [Int](repeating: -1, count: P * K)
        var rows = (slackCover ? 1 : 2) * J + P
        // A cap of 0 needs no row: the row program never uses the kind. One of D or more cannot bind.
        for x in 0..<(P * K) where pricing.capOf[x] > 0 && pricing.capOf[x] < s.D { capRow[x] = rows; rows += 1 }
        self.capRow = capRow
        var rhs = [Double](repeating: 0, count: rows)
        for p in 0..<P { rhs[J + p] = 1 }
        // With `perturbed`, the slack form's cover and caps are raised by a tiny amount, different
        // per row, so that the many bases of equal value (most positions at their target, many
        // caps full) do not stall the primal simplex: a master started from thousands of
        // subgradient rows made a million pivots a solve on Instance19 without it.
        let perturbed = perturbed && slackCover
        func perturbation(_ i: Int) -> Double { perturbed ? Double(1 + (i &* 7919) % 997) * 1e-9 : 0 }
        if slackCover {
            for j in 0..<J { rhs[j] = Double(target(j)) + perturbation(j) }
        } else {
            for j in 0..<J { rhs[J + P + j] = 1 }
        }
        for x in 0..<(P * K) where capRow[x] >= 0 { rhs[capRow[x]] = Double(pricing.capOf[x]) + perturbation(capRow[x]) }
        // Big M: above any row's or position's value, so artificials leave as soon as they can.
        lp = RevisedSimplex(rhs: rhs, artificialCost: 1e6)
        if perturbed { lp.stallTolerance = 0 }
        seen = Array(repeating: [], count: P)
        columnPerson = Array(repeating: -1, count: lp.firstStructural)
        columnRow = Array(repeating: [], count: lp.firstStructural)
        columnKeepsCaps = Array(repeating: false, count: lp.firstStructural)
        // The first basis: every row's artificial, but the cover's and caps' slacks where they are
        // feasible, so only the people's rows start infeasible.
        var start = Array(0..<rows)
        if slackCover {
            for j in 0..<J {
                let (under, over) = slope[j]!
                let u = addColumn(RevisedSimplex.Column(rows: [Int32(j)], values: [1], cost: Double(under)), person: -1)
                addColumn(RevisedSimplex.Column(rows: [Int32(j)], values: [-1], cost: Double(over)), person: -1)
                start[j] = u
            }
        } else {
            for j in 0..<J {
                for h in 0...most {
                    let cost = Double(table[j * (most + 1) + h])
                    if h == 0 {
                        addColumn(RevisedSimplex.Column(rows: [Int32(J + P + j)], values: [1], cost: cost), person: -1)
                    } else {
                        addColumn(RevisedSimplex.Column(rows: [Int32(j), Int32(J + P + j)], values: [-Double(h), 1], cost: cost), person: -1)
                    }
                }
            }
        }
        for x in 0..<(P * K) where capRow[x] >= 0 {
            start[capRow[x]] = addColumn(RevisedSimplex.Column(rows: [Int32(capRow[x])], values: [1], cost: 0), person: -1)
        }
        lp.setBasis(start)
    }

    @discardableResult
    private func addColumn(_ c: RevisedSimplex.Column, person: Int, row: [Int32] = [], keepsCaps: Bool = false) -> Int {
        columnPerson.append(person)
        columnRow.append(row)
        columnKeepsCaps.append(keepsCaps)
        return lp.add(c)
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
        for k in 0..<K where capRow[p * K + k] >= 0 { capExcess += max(0, kinds[k] - pricing.capOf[p * K + k]) }
        let value = row.withUnsafeBufferPointer { s.evaluator.evaluate(p, $0.baseAddress!) }
        if value.hard != capExcess { return false }
        seen[p].insert(row)
        for k in 0..<K where kinds[k] > 0 && capRow[p * K + k] >= 0 {
            rows.append(Int32(capRow[p * K + k])); values.append(Double(kinds[k]))
        }
        addColumn(RevisedSimplex.Column(rows: rows, values: values, cost: Double(value.soft)), person: p, row: row, keepsCaps: capExcess == 0)
        return true
    }

    /// Rounds of: solve the master, price every person's row at its duals (smoothed towards the
    /// best bound's prices, see `smoothing`), add the new rows. Stops when the bound meets the
    /// master's value, no new row has a negative reduced cost at the duals, or `isCancelled` says
    /// so.
    ///
    /// With `warmSteps` and `upperBound` (a known plan's value), subgradient steps aimed at it
    /// (`LagrangianBound`) come first: their rows join the master and their best prices are the
    /// first centre. On Instance13, 100 steps cut the rounds from 52 to 5 and the time from 60 to
    /// 15 s; on 15 and 19 they cost time (6.9 against 4.8 s, 45 against 32 s).
    func run(rounds: Int, warmSteps: Int = 0, upperBound: Int? = nil, isCancelled: (() -> Bool)? = nil) -> CoverMasterResult? {
        var best = -Double.infinity
        var made = 0, cancelled = false
        // Prices of the best bound so far (cover, then each person and kind's cap): the stability
        // centre the prices are smoothed towards.
        var center: [Double]? = nil
        var prices = [Double](repeating: 0, count: J + P * K)
        if warmSteps > 0, let upperBound {
            let scale = Double(LagrangianBound.scale)
            _ = LagrangianBound(s).compute(with: pricing, steps: warmSteps, upperBound: upperBound, isCancelled: isCancelled) { value in
                for p in 0..<self.P { self.addRow(p, self.pricing.rows[p]) }
                if value > best {
                    best = value
                    for j in 0..<self.J { prices[j] = Double(self.pricing.prices[j]) / scale }
                    for x in 0..<(self.P * self.K) { prices[self.J + x] = Double(self.pricing.kindPrices[x]) / scale }
                    center = prices
                }
            }
        }
        for _ in 0..<max(1, rounds) {
            if isCancelled?() == true { cancelled = true; break }
            made += 1
            _ = lp.solve()
            let y = lp.duals()
            var improving = 0
            for alpha in center == nil || smoothing == 0 ? [0.0] : [smoothing, 0] {
                for j in 0..<J { prices[j] = y[j] }
                for x in 0..<(P * K) { prices[J + x] = capRow[x] >= 0 ? max(0, -y[capRow[x]]) : 0 }
                if alpha > 0, let c = center { for i in prices.indices { prices[i] = alpha * c[i] + (1 - alpha) * prices[i] } }
                // Clamped prices still give a valid bound (any prices do).
                for j in 0..<J { pricing.prices[j] = LagrangianBound.price(prices[j]).price }
                for x in 0..<(P * K) { pricing.kindPrices[x] = LagrangianBound.price(prices[J + x]).price }
                guard let value = pricing.evaluate() else { return nil }
                // Only a master without artificials gives duals worth a bound; any prices give a
                // valid one, so the best is kept either way.
                if value > best { best = value; center = prices }
                for p in 0..<P where addRow(p, pricing.rows[p]) {
                    if lp.reducedCost(lp.columnCount - 1, y) < -1e-6 { improving += 1 }
                }
                // Smoothed prices that find no row to improve the master (a mispricing): price at
                // the master's own duals before concluding.
                if improving > 0 { break }
            }
            if improving == 0 || best >= lp.objective + coverOffset - 1e-6 { break }
        }
        // The rows of the last round join the master's value (not the bound) unless time is up.
        if !cancelled { _ = lp.solve() }
        return result(bound: best, rounds: made)
    }

    /// The master over the rows that keep every cap, rounded to a plan: the rows that break one are
    /// barred (for good: call this last) and the master solved again, then every person takes
    /// their heaviest row (ties: the cheaper). No plan while an artificial is still in the solution,
    /// or when that master's value is more than `slack` (a share) above `reference` (the master's
    /// value over all its rows): there the linear solution leans on rows no plan can take
    /// (Instance15: 4333 against 3816), and its rounding starts a search worse than a
    /// construction does. Returns the person-major grid and that master's value (nil with
    /// artificials in). (Rounding the master as it stands, without solving it again, saves 2-11 s
    /// on Instance13 but gave no better plans: 1381, 1388, 1378 against 1389, 1373, 1376.)
    func legalRounding(reference: Double, slack: Double) -> (grid: [Int32]?, value: Double?) {
        let barred = 1e9
        lp.barredCost = barred
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 && !columnKeepsCaps[c] { lp.setCost(c, barred) }
        _ = lp.solve()
        for c in 0..<lp.firstStructural where lp.value(c) > 1e-6 { return (nil, nil) }
        let value = lp.objective + coverOffset
        guard value <= reference + slack * abs(reference) else { return (nil, value) }
        var heaviest = [Int](repeating: -1, count: P)
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 && columnKeepsCaps[c] {
            let p = columnPerson[c], h = heaviest[p]
            if h < 0 || lp.value(c) > lp.value(h) + 1e-9 || (lp.value(c) > lp.value(h) - 1e-9 && lp.cost(c) < lp.cost(h)) { heaviest[p] = c }
        }
        var grid: [Int32] = []
        grid.reserveCapacity(P * s.D)
        for p in 0..<P {
            guard heaviest[p] >= 0 else { return (nil, value) }
            grid += columnRow[heaviest[p]]
        }
        return (grid, value)
    }

    private func result(bound: Double, rounds: Int) -> CoverMasterResult {
        var weight = [Double](repeating: 0, count: P)
        for c in lp.firstStructural..<columnPerson.count where columnPerson[c] >= 0 {
            weight[columnPerson[c]] = max(weight[columnPerson[c]], lp.value(c))
        }
        return CoverMasterResult(bound: bound, masterValue: lp.objective + coverOffset, rounds: rounds, columns: lp.columnCount - lp.firstStructural,
                                 pivots: lp.pivots, masterRows: lp.m, integralPeople: weight.filter { $0 > 1 - 1e-6 }.count)
    }
}
