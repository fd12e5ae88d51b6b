import Foundation
import Hummingbird
import SurgeCore

/// Query parameters of the register routes, read with errors naming the parameter (400).
enum RegisterQuery {
    static func string(_ request: Request, _ name: String) -> String? {
        guard let v = request.uri.queryParameters.get(name), !v.isEmpty else { return nil }
        return v
    }

    static func date(_ request: Request, _ name: String) throws -> LocalDate? {
        guard let raw = string(request, name) else { return nil }
        guard let d = LocalDate(parsing: raw) else { throw Problem.badRequest(name, "'\(raw)' is not a date (yyyy-mm-dd or dd.mm.yyyy)") }
        return d
    }

    static func int(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = string(request, name) else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            throw Problem.badRequest(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    static func bool(_ request: Request, _ name: String) throws -> Bool? {
        guard let raw = string(request, name) else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest(name, "must be true or false")
        }
    }

    /// "Today" at the HTTP edge: the calendar day in the organisations' zone (Europe/Berlin).
    static func today(now: Date = Date()) -> LocalDate { LocalDate(containing: now, timeZone: "Europe/Berlin") }
}
