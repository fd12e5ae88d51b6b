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
    /// Largest magnitude of a price: a master's duals blow up on nearly singular bases, and a
    /// price beyond this would overflow the Int sums of the pricing (a crash, seen on a
    /// whole-horizon group of Instance19). No real dual comes near it: costs stay below 1e7.
    static let priceLimit = 1_000_000_000_000

    /// `value` points as a price in units of 1/scale, rounded, and whether it had to be clamped
    /// to `priceLimit` (NaN counts as clamped, to 0): prices that were clamped still give a valid
    /// Lagrangian bound, but a pricing at them proves nothing about the master's columns.
    static func price(_ value: Double) -> (price: Int, clamped: Bool) {
        let x = (value * Double(scale)).rounded()
        if x.isNaN { return (0, true) }
        if x > Double(priceLimit) { return (priceLimit, true) }
        if x < -Double(priceLimit) { return (-priceLimit, true) }
        return (Int(x), false)
    }

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
        return compute(with: pricing, steps: steps, upperBound: upperBound, isCancelled: isCancelled)
    }

    /// The same steps on a given pricing (its prices are where they start, and where the steps
    /// leave them); `afterEach` sees every step's pass (its rows and value) before the next step.
    func compute(with pricing: CoverPricing, steps: Int, upperBound: Int, isCancelled: (() -> Bool)? = nil,
                 afterEach: ((Double) -> Void)? = nil) -> CoverBound? {
        let P = s.P, J = s.J, K = cp.kindCount
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
            afterEach?(value)
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
                prices[j] = min(pricing.highest[j], max(pricing.lowest[j], prices[j] + Self.price(t * direction[j]).price))
            }
            for x in 0..<(P * K) where pricing.capOf[x] >= 0 && kindDirection[x] != 0 {
                kindPrices[x] = min(Self.priceLimit, max(0, kindPrices[x] + Self.price(t * kindDirection[x]).price))
            }
        }
        return CoverBound(value: best, steps: made, bestStep: bestStep)
    }
}
