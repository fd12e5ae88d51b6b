import Foundation

/// A calendar date without time or zone (a day in the register: validity, absences, pool terms).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts ISO `yyyy-mm-dd` and German `dd.mm.yyyy`, as HR systems export them.
    public init?(parsing text: some StringProtocol) {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.contains("-") {
            let p = s.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 3, p[0].count == 4, (1...2).contains(p[1].count), (1...2).contains(p[2].count),
                  let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        } else if s.contains(".") {
            let p = s.split(separator: ".", omittingEmptySubsequences: false)
            guard p.count == 3, (1...2).contains(p[0].count), (1...2).contains(p[1].count), p[2].count == 4,
                  let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without Foundation calendars.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var isoWeekday: Int {
        let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var iso: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = LocalDate(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a date (yyyy-mm-dd or dd.mm.yyyy)")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension LocalDate {
    /// Local midnight that starts this day in `calendar`'s time zone (DST days last 23 or 25 hours).
    public func start(in calendar: Calendar) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }
}

extension LocalDate {
    /// The calendar day `instant` falls on in `calendar`'s time zone.
    public init(containing instant: Date, in calendar: Calendar) {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self = LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(daysSinceEpoch: 0)
    }

    /// The calendar day `instant` falls on in the time zone `identifier` (UTC if unknown).
    public init(containing instant: Date, timeZone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? .gmt
        self.init(containing: instant, in: calendar)
    }
}
