/// A lower bound on the soft objective of every legal plan (no hard break, no coverage shortfall
/// level): the Lagrangian relaxation of the cover. Each position's headcount is decoupled from the
/// people who fill it by a price per position; then every person independently takes their
/// cheapest row under those prices (the row program, `RowRebuilder`), and every position its
/// cheapest priced headcount. Any prices give a valid bound; subgradient steps raise it towards
/// the linear-programming bound of column generation.
///
/// Valid only where the row program relaxes each person's rules: it enforces a subset of them
/// exactly (successions, runs, days off, weekends when counted, maximum minutes) and prices the
/// minimum minutes, so its cheapest row costs at most the cheapest legal one. `compute` returns nil
/// where that does not hold: quotas, mixes or pins that rows cannot represent, row soft terms that
/// are not sums over cells (fairness, continuity), a demand with a minimum headcount, or minutes the
/// program counts in coarsened units.
public struct CoverBound: Sendable, Equatable {
    /// The best bound found (the objective of every legal plan is at least its ceiling).
    public let value: Double
    /// Subgradient steps made, and the step at which `value` was found.
    public let steps: Int, bestStep: Int
}

final class LagrangianBound {
    let s: IncrementalScore
    let cp: CompiledProblem
    /// Prices are integers in units of 1/scale of an objective point.
    static let scale = 1000
    /// Weight of a missing hour of minimum minutes in the relaxed rows (any weight ≥ 0 keeps the
    /// bound valid; a large one enforces the minimum).
    static let missingHourWeight = 1_000_000

    init(_ s: IncrementalScore) { self.s = s; cp = s.cp }

    /// Whether the relaxation is valid for this problem (see the type's note).
    var isValid: Bool {
        if !s.rowSoftIsCellLocal || !cp.mixNeed.isEmpty || !cp.unrepresentablePins.isEmpty { return false }
        if (0..<cp.departmentCount).contains(where: { cp.quotaPersons[$0] >= 0 || cp.quotaMinutes[$0] >= 0 }) { return false }
        return (0..<cp.demandCount).allSatisfy { cp.demandMin[$0] <= 0 }
    }

    /// The priced pass shared by the subgradient steps and the linear master (`CoverMaster`); nil
    /// where the relaxation is not valid.
    func pricing() -> CoverPricing? {
        guard isValid else { return nil }
        let rb = RowRebuilder(s)
        for p in 0..<s.P {
            let shape = rb.shape(p)
            if shape.unit != shape.exactUnit { return nil }
        }
        return CoverPricing(s, rebuilder: rb)
    }

    /// Up to `steps` deflected subgradient steps (Polyak steps aimed at `upperBound`, the objective
    /// of a known plan), stopping early when the bound's ceiling reaches `upperBound` or
    /// `isCancelled` says so.
    func compute(steps: Int, upperBound: Int, isCancelled: (() -> Bool)? = nil) -> CoverBound? {
        guard let pricing = pricing() else { return nil }
        let P = s.P, J = s.J, K = cp.kindCount, S = Self.scale
        let prices = pricing.prices, kindPrices = pricing.kindPrices
        var kindDirection = [Double](repeating: 0, count: P * K)
        var direction = [Double](repeating: 0, count: J)
        var best = -Double.infinity, bestStep = 0
        // Polyak's step factor, halved after 20 steps without a better bound; each direction keeps
        // half the last one. Measured on Curtois 5, 9 and 11 against factor 2 or 0.5, 50 or 100
        // steps, and no deflection: within 1 % of the best of them, or better.
        var mu = 1.0, stale = 0
        let staleLimit = 20, deflect = 0.5
        var made = 0
        for step in 0..<max(1, steps) {
            if isCancelled?() == true { break }
            made = step + 1
            guard let value = pricing.evaluate() else { return nil }
            if value > best + 1e-9 { best = value; bestStep = step + 1; stale = 0 } else {
                stale += 1
                if stale >= staleLimit { mu /= 2; stale = 0 }
            }
            if (best - 1e-6).rounded(.up) >= Double(upperBound) || mu < 1e-4 { break }
            // Polyak step towards the known plan's value; prices move by whole units of 1/scale.
            var dnorm = 0.0
            for j in 0..<J {
                direction[j] = Double(pricing.cheapestHeadcount[j] - pricing.worked[j]) + deflect * direction[j]
                dnorm += direction[j] * direction[j]
            }
            for x in 0..<(P * K) where pricing.capOf[x] >= 0 {
                // Projected: a price at zero cannot fall, so a cap with room adds nothing.
                let g = pricing.used[x] - pricing.capOf[x]
                kindDirection[x] = Double(kindPrices[x] == 0 && g < 0 ? 0 : g) + deflect * kindDirection[x]
                dnorm += kindDirection[x] * kindDirection[x]
            }
            if dnorm <= 0 { break }
            let t = mu * max(1, Double(upperBound) - value) / dnorm
            for j in 0..<J where direction[j] != 0 {
                prices[j] = min(pricing.highest[j], max(pricing.lowest[j], prices[j] + Int((t * direction[j] * Double(S)).rounded())))
            }
            for x in 0..<(P * K) where pricing.capOf[x] >= 0 && kindDirection[x] != 0 {
                kindPrices[x] = max(0, kindPrices[x] + Int((t * kindDirection[x] * Double(S)).rounded()))
            }
        }
        return CoverBound(value: best, steps: made, bestStep: bestStep)
    }
}

/// One Lagrangian pass: under a price per position (`prices`) and per person and shift kind for
/// the caps (`kindPrices`), every person's cheapest row from the row program and every position's
/// cheapest priced headcount; their sum is a lower bound on every legal plan's objective.
final class CoverPricing {
    let s: IncrementalScore
    let rb: RowRebuilder
    let P: Int, J: Int, K: Int
    /// Headcounts considered per position: 0...most.
    let most: Int
    /// Cover value of demand j at headcount h (j * (most + 1) + h), in objective points.
    let coverTable: [Int]
    /// Per person and kind (p * K + k), the shift-kind cap, or -1 where none applies.
    let capOf: [Int]
    /// The range each position's price is kept in (see `init`), in units of 1/scale.
    let lowest: [Int], highest: [Int]
    let prices: UnsafeMutablePointer<Int>
    let kindPrices: UnsafeMutablePointer<Int>
    /// Filled by `evaluate`: each person's row, positions worked, shifts per person and kind, and
    /// each position's cheapest priced headcount.
    private(set) var rows: [[Int32]]
    private(set) var worked: [Int]
    private(set) var used: [Int]
    private(set) var cheapestHeadcount: [Int]

    init(_ s: IncrementalScore, rebuilder rb: RowRebuilder) {
        self.s = s; self.rb = rb
        let cp = s.cp, S = LagrangianBound.scale
        P = s.P; J = s.J; K = cp.kindCount
        most = P
        var table = [Int](repeating: 0, count: J * (most + 1))
        for j in 0..<J { for h in 0...most { table[j * (most + 1) + h] = s.demandValue(j, headcount: Int32(h), hw: 0, cw: 0) } }
        coverTable = table
        // Prices stay between minus the value of one person over target and the value of one
        // person short of it (outside that range the cheapest headcount runs to an end and the
        // steps oscillate); they start halfway up.
        prices = .allocate(capacity: max(1, J))
        var lo = [Int](repeating: 0, count: J), hi = [Int](repeating: 0, count: J)
        for j in 0..<J {
            let t = min(most, max(0, Int(cp.demandTarget[j]))), row = j * (most + 1)
            hi[j] = t > 0 ? (table[row + t - 1] - table[row + t]) * S : 0
            lo[j] = t < most ? -(table[row + t + 1] - table[row + t]) * S : -hi[j]
            prices[j] = max(lo[j], hi[j] / 2)
        }
        lowest = lo; highest = hi
        // Shift-kind caps get multipliers of their own (per person and kind, never negative): the
        // program then prices each shift of a kind, and the bound credits the cap.
        kindPrices = .allocate(capacity: max(1, P * K))
        kindPrices.initialize(repeating: 0, count: max(1, P * K))
        var caps = [Int](repeating: -1, count: P * K)
        for p in 0..<P {
            let r = Int(cp.personProfile[p])
            if cp.hasKindCaps[r] { for k in 0..<K { caps[p * K + k] = Int(cp.kindCap[r * K + k]) } }
        }
        capOf = caps
        rows = Array(repeating: [], count: P)
        worked = Array(repeating: 0, count: J)
        used = Array(repeating: 0, count: P * K)
        cheapestHeadcount = Array(repeating: 0, count: J)
        rb.priceScale = S
    }

    deinit { prices.deallocate(); kindPrices.deallocate() }

    /// One pass at the current prices; returns the bound in objective points (nil if a row program
    /// fails).
    func evaluate() -> Double? {
        let cp = s.cp, S = LagrangianBound.scale
        rb.coverPrices = UnsafePointer(prices)
        rb.kindPrices = UnsafePointer(kindPrices)
        defer { rb.coverPrices = nil; rb.kindPrices = nil }
        for j in 0..<J { worked[j] = 0 }
        var total = 0
        for p in 0..<P {
            guard let row = rb.rebuild(p, hardWeight: LagrangianBound.missingHourWeight * S, coverageWeight: 0) else { return nil }
            rows[p] = row
            var cost = rb.lastTrueCost
            for k in 0..<K { used[p * K + k] = 0 }
            for d in 0..<s.D where row[d] >= 0 {
                worked[Int(row[d])] += 1
                used[p * K + Int(cp.demandKind[Int(row[d])])] += 1
            }
            // The row's Lagrangian value counts its kind prices, less each cap's credit.
            for k in 0..<K where capOf[p * K + k] >= 0 {
                cost += kindPrices[p * K + k] * (used[p * K + k] - capOf[p * K + k])
            }
            total += cost
        }
        for j in 0..<J {
            // The cheapest priced headcount of j: cover value plus price per person.
            var bestH = 0, bestV = Int.max
            for h in 0...most {
                let v = coverTable[j * (most + 1) + h] * S + prices[j] * h
                if v < bestV { bestV = v; bestH = h }
            }
            total += bestV
            cheapestHeadcount[j] = bestH
        }
        return Double(total) / Double(S)
    }
}
