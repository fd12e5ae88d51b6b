/// What an import of a CSV file reads: staff, their competences (holdings) or absences.
public enum ImportKind: String, Codable, Sendable, CaseIterable {
    case staff, competences, absences
}

/// A bad row of an import file: the line, the column (field) and what is wrong with it.
public struct CSVRowError: Error, Codable, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var problem: String

    public init(line: Int, field: String, problem: String) {
        self.line = line
        self.field = field
        self.problem = problem
    }

    public var description: String { "line \(line): \(field): \(problem)" }
}

/// The outcome of an import (or of a dry run): counts, or every bad row.
public struct ImportReport: Codable, Hashable, Sendable {
    public var kind: ImportKind
    public var dryRun: Bool
    /// Data rows read (the header not counted).
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var errors: [CSVRowError]

    public init(kind: ImportKind, dryRun: Bool, rows: Int, inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, errors: [CSVRowError] = []) {
        self.kind = kind
        self.dryRun = dryRun
        self.rows = rows
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.errors = errors
    }

    public var succeeded: Bool { errors.isEmpty }

    /// A short human summary, for the CLI.
    public var summary: String {
        if !errors.isEmpty {
            return "\(kind.rawValue): \(errors.count) bad row(s) in \(rows) row(s); nothing was imported"
        }
        return "\(kind.rawValue)\(dryRun ? " (dry run, nothing written)" : ""): \(rows) row(s): \(inserted) inserted, \(updated) updated, \(unchanged) unchanged"
    }
}

/// An import refused because rows are bad; nothing was written. Carries every bad row.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var report: ImportReport
    public init(report: ImportReport) { self.report = report }
    public var description: String { ([report.summary] + report.errors.map(\.description)).joined(separator: "\n") }
}
