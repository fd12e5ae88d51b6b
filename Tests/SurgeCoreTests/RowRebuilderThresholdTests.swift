import Testing
@testable import SurgeCore

/// Pricing against a threshold (`RowRebuilder.threshold`, as group re-plans price columns): the
/// pruned program must find the cheapest row whenever one lies below the threshold, and report a
/// cut-off when none does. Checked against the same program without a threshold.
struct RowRebuilderThresholdTests {
    @Test("a threshold above the cheapest row keeps its value, one at it cuts off; minute multipliers of both signs are exercised")
    func thresholdKeepsTheOptimum() throws {
        var positive = 0, negative = 0, checked = 0
        for seed in 0..<24 {
            let (cp, s) = try RowRebuilderTests.randomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 900, days: 14)
            let P = cp.personCount, D = cp.dayCount, J = cp.demandCount, K = cp.kindCount
            var rng = SplitMix64(seed: UInt64(seed) &+ 17)
            let rb = RowRebuilder(s)
            rb.priceScale = 1000
            // Cover prices that make work pay (the minute cap binds), cost (the minimum binds), or mixed.
            let prices = UnsafeMutablePointer<Int>.allocate(capacity: J)
            let kindPrices = UnsafeMutablePointer<Int>.allocate(capacity: P * K)
            let forced = UnsafeMutablePointer<Int32>.allocate(capacity: P * D)
            let banned = UnsafeMutablePointer<UInt64>.allocate(capacity: P * D)
            defer { prices.deallocate(); kindPrices.deallocate(); forced.deallocate(); banned.deallocate() }
            for j in 0..<J {
                switch seed % 3 {
                case 0: prices[j] = rng.below(20_000)
                case 1: prices[j] = -rng.below(20_000)
                default: prices[j] = rng.below(20_000) - 10_000
                }
            }
            for i in 0..<(P * K) { kindPrices[i] = rng.below(2) == 0 ? 0 : rng.below(3000) }
            // Branching decisions on a few cells: a forced day off or shift, a banned shift.
            for c in 0..<(P * D) {
                forced[c] = -2; banned[c] = 0
                let d = c % D, a = Int(cp.dayDemandStart[d]), b = Int(cp.dayDemandStart[d + 1])
                switch rng.below(12) {
                case 0: forced[c] = -1
                case 1 where b > a: banned[c] = 1 << UInt64(rng.below(min(63, b - a)))
                default: break
                }
            }
            rb.coverPrices = UnsafePointer(prices); rb.kindPrices = UnsafePointer(kindPrices)
            rb.forced = UnsafePointer(forced); rb.banned = UnsafePointer(banned)
            // A minimum priced as group re-plans price it, or weakly (then the multiplier is capped).
            let hw = seed % 2 == 0 ? LagrangianBound.missingHourWeight * 1000 : 2000
            let window: Range<Int>? = seed % 4 == 3 ? 7..<14 : nil
            for p in 0..<P {
                rb.threshold = nil
                guard let row = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: 0) else { continue }
                let value = rb.lastValue
                rb.threshold = value + 1
                let pruned = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: 0)
                #expect(pruned != nil && rb.lastValue == value && !rb.lastCutOff,
                        "seed \(seed) person \(p): value \(value), pruned \(pruned == nil ? "none" : "\(rb.lastValue)")")
                #expect(pruned == row, "seed \(seed) person \(p): the pruned program picked another row")
                if rb.lastMinuteMultiplier > 0 { positive += 1 } else if rb.lastMinuteMultiplier < 0 { negative += 1 }
                rb.threshold = value
                let none = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: 0)
                #expect(none == nil && rb.lastCutOff, "seed \(seed) person \(p): a row at the threshold \(value) was returned")
                rb.threshold = value + 5_000_000
                _ = rb.rebuild(p, window: window, hardWeight: hw, coverageWeight: 0)
                #expect(rb.lastValue == value && !rb.lastCutOff, "seed \(seed) person \(p): a loose threshold changed the value")
                checked += 1
            }
        }
        #expect(checked > 60)
        #expect(positive > 0 && negative > 0, "multipliers: \(positive) above 0, \(negative) below")
    }
}
