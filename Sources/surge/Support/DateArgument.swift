import ArgumentParser
import Foundation
import SurgeCore

/// Dates on the command line: ISO or German format; "today" is read here, at the edge, and passed on.
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> LocalDate {
        guard let d = LocalDate(parsing: text) else {
            throw ValidationError("\(option) must be a date (yyyy-mm-dd or dd.mm.yyyy), not '\(text)'")
        }
        return d
    }

    static func parse(_ text: String?, option: String) throws -> LocalDate? {
        guard let text else { return nil }
        return try parse(text, option: option) as LocalDate
    }

    /// Today's date in Europe/Berlin.
    static func today() -> LocalDate { LocalDate(containing: Date(), timeZone: "Europe/Berlin") }

    /// A figure with two decimals for tables.
    static func fixed(_ v: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", v) }
}
