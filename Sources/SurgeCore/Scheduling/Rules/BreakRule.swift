/// Unpaid break deducted from a shift of at least `shiftMinutesAbove` (+1) minutes (§4 ArbZG:
/// 30 min above 6 h, 45 min above 9 h). The largest matching rule applies.
public struct BreakRule: Hashable, Sendable, Codable {
    public var shiftMinutesAbove: Int
    public var breakMinutes: Int

    public init(shiftMinutesAbove: Int, breakMinutes: Int) {
        self.shiftMinutesAbove = shiftMinutesAbove; self.breakMinutes = breakMinutes
    }

    /// Worked (paid) minutes of a shift of `length` minutes under `rules`.
    public static func workedMinutes(length: Int, rules: [BreakRule]) -> Int {
        var deduction = 0
        for r in rules where length > r.shiftMinutesAbove { deduction = max(deduction, r.breakMinutes) }
        return max(0, length - deduction)
    }
}
