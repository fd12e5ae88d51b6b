import Foundation

/// Night classification by local wall-clock time, as the law defines nights (23:00-06:00 local).
enum NightShift {
    static func isNight(start: Date, end: Date, rule: NightRule, calendar: Calendar) -> Bool {
        // Walk the local nights that can intersect the shift (the one before its start day and the
        // following ones) and sum the overlap in absolute minutes.
        var overlap = 0.0
        let startDay = calendar.startOfDay(for: start)
        for offset in -1...2 {
            guard let day = calendar.date(byAdding: .day, value: offset, to: startDay),
                  let nStart = calendar.date(bySettingHour: rule.nightStartHour, minute: 0, second: 0, of: day),
                  let next = calendar.date(byAdding: .day, value: rule.nightEndHour > rule.nightStartHour ? 0 : 1, to: day),
                  let nEnd = calendar.date(bySettingHour: rule.nightEndHour, minute: 0, second: 0, of: next) else { continue }
            let lo = max(nStart, start), hi = min(nEnd, end)
            if hi > lo { overlap += hi.timeIntervalSince(lo) }
            if day > end { break }
        }
        return Int(overlap / 60) >= rule.minimumNightMinutes
    }
}

/// Memoised night classification: shifts with the same local start time, length and UTC offsets
/// get the same answer, so thousands of demands cost a handful of calendar computations.
struct NightClassifier {
    private struct Key: Hashable { var startOfDay: Int; var length: Int; var offsetStart: Int; var offsetEnd: Int; var rule: NightRule }
    private var memo: [Key: Bool] = [:]
    let calendar: Calendar

    init(calendar: Calendar) { self.calendar = calendar }

    mutating func isNight(start: Date, end: Date, rule: NightRule) -> Bool {
        let tz = calendar.timeZone
        let o1 = tz.secondsFromGMT(for: start), o2 = tz.secondsFromGMT(for: end)
        let local = Int(start.timeIntervalSince1970.rounded()) + o1
        let key = Key(startOfDay: ((local % 86_400) + 86_400) % 86_400, length: Int(end.timeIntervalSince(start).rounded()),
                      offsetStart: o1, offsetEnd: o2, rule: rule)
        if let v = memo[key] { return v }
        let v = NightShift.isNight(start: start, end: end, rule: rule, calendar: calendar)
        memo[key] = v
        return v
    }
}
