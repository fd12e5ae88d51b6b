import SurgeCore

/// Dates travel to PostgreSQL as ISO text bound with `::date` and come back as `col::text`.
enum DateColumn {
    static func decode(_ text: String, _ column: String) throws -> LocalDate {
        guard let d = LocalDate(parsing: text) else {
            throw StoreError.unavailable("column \(column) holds '\(text)', not a date")
        }
        return d
    }

    static func decode(_ text: String?, _ column: String) throws -> LocalDate? {
        guard let text else { return nil }
        return try decode(text, column) as LocalDate
    }
}
