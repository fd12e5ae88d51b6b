import Foundation

/// Parser for the Curtois & Qu text format (CRLF or LF, `#` comments, SECTION_ blocks).
public enum CurtoisParser {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> CurtoisInstance {
        var section = ""
        var horizon: Int?
        var shifts: [CurtoisInstance.Shift] = []
        var employees: [CurtoisInstance.Employee] = []
        var daysOff: [String: [Int]] = [:]
        var on: [CurtoisInstance.Request] = [], off: [CurtoisInstance.Request] = []
        var cover: [CurtoisInstance.Cover] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (n, raw) in lines.enumerated() {
            let lineNo = n + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("SECTION_") { section = line; continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            func int(_ i: Int, _ what: String) throws -> Int {
                guard i < f.count, let v = Int(f[i]) else { throw ParseError(line: lineNo, message: "expected integer \(what) in \(section)") }
                return v
            }
            func str(_ i: Int, _ what: String) throws -> String {
                guard i < f.count, !f[i].isEmpty else { throw ParseError(line: lineNo, message: "missing \(what) in \(section)") }
                return f[i]
            }
            switch section {
            case "SECTION_HORIZON":
                horizon = try int(0, "horizon")
            case "SECTION_SHIFTS":
                let forb = f.count > 2 ? f[2].split(separator: "|").map(String.init) : []
                shifts.append(.init(id: try str(0, "shift id"), minutes: try int(1, "minutes"), forbiddenNext: forb))
            case "SECTION_STAFF":
                var maxShifts: [String: Int] = [:]
                for part in try str(1, "MaxShifts").split(separator: "|") {
                    let kv = part.split(separator: "=")
                    guard kv.count == 2, let v = Int(kv[1]) else { throw ParseError(line: lineNo, message: "bad MaxShifts entry \"\(part)\"") }
                    maxShifts[String(kv[0])] = v
                }
                employees.append(.init(id: try str(0, "employee id"), maxShifts: maxShifts, maxTotalMinutes: try int(2, "MaxTotalMinutes"),
                                       minTotalMinutes: try int(3, "MinTotalMinutes"), maxConsecutiveShifts: try int(4, "MaxConsecutiveShifts"),
                                       minConsecutiveShifts: try int(5, "MinConsecutiveShifts"), minConsecutiveDaysOff: try int(6, "MinConsecutiveDaysOff"),
                                       maxWeekends: try int(7, "MaxWeekends")))
            case "SECTION_DAYS_OFF":
                let e = try str(0, "employee id")
                for i in 1..<f.count where !f[i].isEmpty { daysOff[e, default: []].append(try int(i, "day")) }
            case "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
                let r = CurtoisInstance.Request(employee: try str(0, "employee id"), day: try int(1, "day"), shift: try str(2, "shift id"), weight: try int(3, "weight"))
                if section == "SECTION_SHIFT_ON_REQUESTS" { on.append(r) } else { off.append(r) }
            case "SECTION_COVER":
                cover.append(.init(day: try int(0, "day"), shift: try str(1, "shift id"), requirement: try int(2, "requirement"),
                                   weightUnder: try int(3, "weight under"), weightOver: try int(4, "weight over")))
            default:
                throw ParseError(line: lineNo, message: "data outside a known section: \"\(line)\"")
            }
        }
        guard let h = horizon, h > 0 else { throw ParseError(line: 0, message: "missing SECTION_HORIZON") }
        let shiftIds = Set(shifts.map(\.id)), empIds = Set(employees.map(\.id))
        for s in shifts { for x in s.forbiddenNext where !shiftIds.contains(x) { throw ParseError(line: 0, message: "unknown shift \(x) in SECTION_SHIFTS") } }
        for r in on + off where !empIds.contains(r.employee) || !shiftIds.contains(r.shift) || !(0..<h).contains(r.day) {
            throw ParseError(line: 0, message: "request refers to unknown employee/shift or day out of range: \(r.employee),\(r.day),\(r.shift)")
        }
        for c in cover where !shiftIds.contains(c.shift) || !(0..<h).contains(c.day) {
            throw ParseError(line: 0, message: "cover refers to unknown shift or day out of range: \(c.day),\(c.shift)")
        }
        for (e, ds) in daysOff where !empIds.contains(e) || ds.contains(where: { !(0..<h).contains($0) }) {
            throw ParseError(line: 0, message: "days off for unknown employee or day out of range: \(e)")
        }
        return CurtoisInstance(horizon: h, shifts: shifts, employees: employees, daysOff: daysOff, onRequests: on, offRequests: off, cover: cover)
    }
}
