/// Summary of a set of values (hours, contract ratios): min, median, p90, max and Gini coefficient.
public struct Distribution: Codable, Sendable, Hashable {
    public var count: Int
    public var min: Double
    public var median: Double
    public var p90: Double
    public var max: Double
    /// 0 = everyone carries the same, 1 = one person carries everything.
    public var gini: Double

    public init(_ values: [Double]) {
        let v = values.sorted()
        count = v.count
        func quantile(_ q: Double) -> Double {
            guard !v.isEmpty else { return 0 }
            return v[Swift.min(v.count - 1, Int((Double(v.count - 1) * q).rounded()))]
        }
        min = Report.round(v.first ?? 0)
        median = Report.round(quantile(0.5))
        p90 = Report.round(quantile(0.9))
        max = Report.round(v.last ?? 0)
        let total = v.reduce(0, +)
        if v.count > 1 && total > 0 {
            var weighted = 0.0
            for (i, x) in v.enumerated() { weighted += Double(i + 1) * x }
            gini = Report.round(2 * weighted / (Double(v.count) * total) - Double(v.count + 1) / Double(v.count))
        } else {
            gini = 0
        }
    }
}

/// Rounding for every figure written: three decimals, so that output bytes do not depend on the
/// last bits of a sum's order.
enum Report {
    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
