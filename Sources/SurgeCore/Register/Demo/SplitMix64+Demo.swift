/// Draws for the demo city on the core's seeded SplitMix64, so that a demo city is the same for the
/// same seed on every machine and Swift version. These helpers avoid the standard library's
/// `random(in:using:)`, whose algorithm is not promised to stay the same, and `uniformBelow` is
/// exact (full-width multiply) where the solver's `below` trades exactness for speed.
extension SplitMix64 {
    /// Uniform in 0..<n (n > 0); 0 for n ≤ 0.
    public mutating func uniformBelow(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in the closed range.
    public mutating func between(_ low: Int, _ high: Int) -> Int {
        high <= low ? low : low + uniformBelow(high - low + 1)
    }


    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[uniformBelow(items.count)] }

    /// Index chosen with probability proportional to its weight.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }
}
