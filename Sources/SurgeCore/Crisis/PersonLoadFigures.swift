import Foundation

/// A shift someone holds or worked, with the minutes recorded for it (nil: not recorded yet,
/// the planned paid minutes count).
public struct LoadShift: Hashable, Sendable {
    public var shift: HeldShift
    public var recordedMinutes: Int?
    public init(shift: HeldShift, recordedMinutes: Int?) { self.shift = shift; self.recordedMinutes = recordedMinutes }
}

/// One person's load at an instant: hours in the last 7 and 28 days, nights, the longest run of
/// working days, the rules of the normal profile their shifts needed relaxed, and the limits of
/// the profile in force they are close to (Belastungssteuerung).
public struct PersonLoadFigures: Codable, Sendable, Hashable {
    public var personnelNo: String
    public var minutesLast7Days: Int
    public var minutesLast28Days: Int
    public var nightsLast28Days: Int
    public var longestRunOfDays: Int
    public var relaxedRules: [String]
    public var closeToLimit: [String]

    /// `at`: the end of the 7- and 28-day windows. Near = at least 90 % of a limit, or one step below a count limit.
    public static func compute(personnelNo: String, shifts: [LoadShift], at: Date, profile: RuleProfile, normal: RuleProfile,
                               timeZone: String) throws -> PersonLoadFigures {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let since7 = at.addingTimeInterval(-7 * 86400), since28 = at.addingTimeInterval(-28 * 86400)
        func minutes(_ s: LoadShift) -> Int {
            s.recordedMinutes ?? BreakRule.workedMinutes(length: Int(s.shift.end.timeIntervalSince(s.shift.start) / 60), rules: profile.breaks)
        }
        let past = shifts.filter { $0.shift.start < at }
        let m7 = past.filter { $0.shift.start >= since7 }.reduce(0) { $0 + minutes($1) }
        let window = past.filter { $0.shift.start >= since28 }
        let m28 = window.reduce(0) { $0 + minutes($1) }
        let nightRule = profile.nights ?? normal.nights ?? NightRule(maxNights: 5, windowDays: 14)
        let nights = window.filter { NightShift.isNight(start: $0.shift.start, end: $0.shift.end, rule: nightRule, calendar: cal) }.count
        // Longest run of consecutive working days among all the shifts given.
        let days = Set(shifts.map { Int(cal.startOfDay(for: $0.shift.start).timeIntervalSince1970 / 86400 + 0.5) }).sorted()
        var longest = 0, run = 0, previous = Int.min
        for d in days {
            run = d == previous + 1 ? run + 1 : 1
            longest = max(longest, run)
            previous = d
        }
        let held = shifts.map(\.shift)
        let underNormal = try ShiftRuleCheck.units(held, profile: normal, timeZone: timeZone)
        let underProfile = try ShiftRuleCheck.units(held, profile: profile, timeZone: timeZone)
        let relaxed = underNormal.filter { ShiftRuleCheck.personRules.contains($0.key) && $0.value > (underProfile[$0.key] ?? 0) }
            .map(\.key.description).sorted()
        var close: [String] = []
        if let w = profile.maxWeeklyMinutes, m7 * 10 >= w * 9 { close.append("weekly hours \(m7 / 60) of \(w / 60)") }
        if let avg = profile.maxAverageWeeklyMinutes, m28 * 10 >= avg * 4 * 9 { close.append("28-day hours \(m28 / 60) of \(avg * 4 / 60)") }
        if let mx = profile.maxConsecutiveWorkingDays, longest >= mx - 1 { close.append("consecutive days \(longest) of \(mx)") }
        if let n = profile.nights, nights >= n.maxNights - 1 { close.append("nights \(nights) of \(n.maxNights) in \(n.windowDays) days") }
        return PersonLoadFigures(personnelNo: personnelNo, minutesLast7Days: m7, minutesLast28Days: m28, nightsLast28Days: nights,
                                 longestRunOfDays: longest, relaxedRules: relaxed, closeToLimit: close)
    }
}
