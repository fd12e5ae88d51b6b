import Foundation

/// A column an import understands: its canonical name (what exports write and errors name) and
/// the header spellings HR systems use for it.
public struct CSVColumn: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    public var required: Bool

    public init(_ name: String, aliases: [String] = [], required: Bool = true) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }

    /// Header cells compared without case, spaces, `_`, `-` and `.`.
    static func normalise(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) })
    }
}

/// Maps a file's header to the columns of one import kind; reads and converts fields of a record.
public struct CSVLayout: Sendable {
    public let columns: [CSVColumn]
    /// Column name → index in the file's records.
    let index: [String: Int]

    /// Fails with line 1 errors naming every required column the header lacks.
    public init(columns: [CSVColumn], header: [String]) throws(ImportFailureRows) {
        self.columns = columns
        var index: [String: Int] = [:]
        let cells = header.map(CSVColumn.normalise)
        for column in columns {
            let names = Set(([column.name] + column.aliases).map(CSVColumn.normalise))
            if let i = cells.firstIndex(where: { names.contains($0) }) { index[column.name] = i }
        }
        let missing = columns.filter { $0.required && index[$0.name] == nil }
        if !missing.isEmpty {
            throw ImportFailureRows(missing.map {
                CSVRowError(line: 1, field: $0.name, problem: "column is missing from the header (expected a column named \($0.name))")
            })
        }
        self.index = index
    }

    /// A reader for one record that collects the record's problems.
    public func row(_ record: CSVRecord) -> CSVRow { CSVRow(layout: self, record: record) }
}

/// Row errors collected before anything is written.
public struct ImportFailureRows: Error, Sendable {
    public var errors: [CSVRowError]
    public init(_ errors: [CSVRowError]) { self.errors = errors }
}

/// Typed access to the fields of one record; every problem names the line and the column.
public struct CSVRow: Sendable {
    let layout: CSVLayout
    public let record: CSVRecord
    public private(set) var errors: [CSVRowError] = []

    init(layout: CSVLayout, record: CSVRecord) {
        self.layout = layout
        self.record = record
    }

    public var line: Int { record.line }

    public mutating func fail(_ field: String, _ problem: String) {
        errors.append(CSVRowError(line: record.line, field: field, problem: problem))
    }

    /// The trimmed text of a column; nil when the column is absent or the cell empty.
    public func optional(_ name: String) -> String? {
        guard let i = layout.index[name], i < record.fields.count else { return nil }
        let raw = record.fields[i]
        guard let first = raw.utf8.first, let last = raw.utf8.last else { return nil }
        // Fast path: most cells have no surrounding blanks (Foundation's trimming is slow on Linux).
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return raw }
        let v = raw.trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    public mutating func required(_ name: String) -> String {
        guard let v = optional(name) else {
            fail(name, "is required but empty")
            return ""
        }
        return v
    }

    /// A decimal number; accepts a decimal comma (`39,5`).
    public mutating func number(_ name: String, required: Bool = true) -> Double? {
        guard let raw = optional(name) else {
            if required { fail(name, "is required but empty") }
            return nil
        }
        guard let v = Double(raw.replacingOccurrences(of: ",", with: ".")), v.isFinite else {
            fail(name, "'\(raw)' is not a number")
            return nil
        }
        return v
    }

    public mutating func integer(_ name: String) -> Int? {
        guard let raw = optional(name) else { return nil }
        guard let v = Int(raw) else {
            fail(name, "'\(raw)' is not a whole number")
            return nil
        }
        return v
    }

    /// A date as `dd.mm.yyyy` or `yyyy-mm-dd`.
    public mutating func date(_ name: String, required: Bool = false) -> LocalDate? {
        guard let raw = optional(name) else {
            if required { fail(name, "is required but empty") }
            return nil
        }
        guard let d = Self.fastDate(raw) ?? LocalDate(parsing: raw) else {
            fail(name, "'\(raw)' is not a date (dd.mm.yyyy or yyyy-mm-dd)")
            return nil
        }
        return d
    }

    /// `dd.mm.yyyy` and `yyyy-mm-dd` without Foundation (imports read hundreds of thousands of dates);
    /// nil for anything else, which then goes the general way.
    static func fastDate(_ s: String) -> LocalDate? {
        var b: [UInt8] = []
        b.reserveCapacity(10)
        for c in s.utf8 {
            b.append(c)
            if b.count > 10 { return nil }
        }
        guard b.count == 10 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        if b[2] == UInt8(ascii: "."), b[5] == UInt8(ascii: "."), let d = digits(0..<2), let m = digits(3..<5), let y = digits(6..<10) {
            return LocalDate(year: y, month: m, day: d)
        }
        if b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) {
            return LocalDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// Adds a domain validation failure, renaming model fields to column names.
    public mutating func add(_ failure: ValidationFailure, columns: [String: String]) {
        for e in failure.errors { fail(columns[e.field] ?? e.field, e.problem) }
    }
}
