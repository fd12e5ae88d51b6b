import Foundation

/// A published shift as a calendar event.
public struct CalendarShift: Hashable, Sendable {
    public var uid: String
    public var summary: String
    public var location: String?
    public var start: Date
    public var end: Date
    public var sequence: Int
    public init(uid: String, summary: String, location: String?, start: Date, end: Date, sequence: Int) {
        self.uid = uid; self.summary = summary; self.location = location; self.start = start; self.end = end; self.sequence = sequence
    }
}

/// Writes an RFC 5545 calendar: CRLF line ends, lines folded at 75 octets, text escaped, times in UTC.
public enum ICalendar {
    public static func render(name: String, shifts: [CalendarShift], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Surge//Crisis deployment//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))"]
        for s in shifts {
            lines += ["BEGIN:VEVENT", "UID:\(s.uid)", "DTSTAMP:\(utc(stamp))", "DTSTART:\(utc(s.start))", "DTEND:\(utc(s.end))",
                      "SEQUENCE:\(s.sequence)", "SUMMARY:\(escape(s.summary))"]
            if let l = s.location, !l.isEmpty { lines.append("LOCATION:\(escape(l))") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        func two(_ v: Int?) -> String { let x = v ?? 0; return x < 10 ? "0\(x)" : "\(x)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out: [String] = []
        var current = ""
        var octets = 0
        for ch in line {
            let n = String(ch).utf8.count
            let limit = out.isEmpty ? 75 : 74  // continuation lines start with one space
            if octets + n > limit {
                out.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += n
        }
        out.append(current)
        return out.joined(separator: "\r\n ")
    }
}
