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
