import Foundation

/// A CSV file as an HR system exports it, split into a header and records with their line numbers.
///
/// Accepts UTF-8 with or without a byte order mark, `;` or `,` (or tab) as separator (detected on
/// the header line), fields quoted with `"` (a doubled `""` inside is a quote, line breaks inside
/// quotes are part of the field), and LF or CRLF line ends. Blank lines are skipped.
public struct CSVTable: Sendable, Hashable {
    public var separator: Character
    public var header: [String]
    public var records: [CSVRecord]

    public init(separator: Character, header: [String], records: [CSVRecord]) {
        self.separator = separator
        self.header = header
        self.records = records
    }
}

/// One data record: its fields and the (1-based) line of the file it starts on.
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Why a file could not be read as CSV at all.
public struct CSVParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var problem: String
    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }
    public var description: String { "line \(line): \(problem)" }
}

public enum CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    public static func parse(_ text: String) throws(CSVParseError) -> CSVTable {
        try parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes input: [UInt8]) throws(CSVParseError) -> CSVTable {
        var start = 0
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { start = 3 }
        let separator = detectSeparator(input, from: start)
        var records: [CSVRecord] = []
        var header: [String]?
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var line = 1
        var recordLine = 1
        var i = start
        let n = input.count
        var fieldWasQuoted = false
        var fieldWasQuotedInRecord = false

        func finishField() throws(CSVParseError) {
            guard let s = String(validating: field, as: UTF8.self) else {
                throw CSVParseError(line: line, problem: "is not UTF-8 text (field \(fields.count + 1)); export the file as UTF-8")
            }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() {
            let blank = fields.count == 1 && fields[0].isEmpty && !fieldWasQuotedInRecord
            if !blank {
                if header == nil { header = fields } else { records.append(CSVRecord(line: recordLine, fields: fields)) }
            }
            fields.removeAll(keepingCapacity: true)
            fieldWasQuotedInRecord = false
        }

        while i < n {
            let b = input[i]
            if b == quote && field.isEmpty && !fieldWasQuoted {
                // A quoted field: up to the closing quote; "" is a literal quote.
                let openedOn = line
                fieldWasQuoted = true
                fieldWasQuotedInRecord = true
                i += 1
                var closed = false
                while i < n {
                    let c = input[i]
                    if c == quote {
                        if i + 1 < n && input[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                if !closed { throw CSVParseError(line: openedOn, problem: "a quoted field is never closed (missing \")") }
                continue
            }
            if b == separator {
                try finishField()
                i += 1
                continue
            }
            if b == lf || b == cr {
                try finishField()
                finishRecord()
                if b == cr && i + 1 < n && input[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
                continue
            }
            field.append(b)
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            try finishField()
            finishRecord()
        }
        guard let header else { throw CSVParseError(line: 1, problem: "the file is empty: expected a header line") }
        return CSVTable(separator: Character(Unicode.Scalar(separator)), header: header, records: records)
    }

    /// The separator is whichever of `;`, `,` and tab occurs most often outside quotes on the header line (`;` on a tie).
    static func detectSeparator(_ input: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: ","): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var i = start
        while i < input.count {
            let b = input[i]
            if b == quote { inQuotes.toggle() }
            else if !inQuotes && (b == lf || b == cr) { break }
            else if !inQuotes, let c = counts[b] { counts[b] = c + 1 }
            i += 1
        }
        let semicolons = counts[UInt8(ascii: ";")] ?? 0
        let commas = counts[UInt8(ascii: ",")] ?? 0
        let tabs = counts[UInt8(ascii: "\t")] ?? 0
        if tabs > semicolons && tabs > commas { return UInt8(ascii: "\t") }
        return commas > semicolons ? UInt8(ascii: ",") : UInt8(ascii: ";")
    }
}

/// Writes CSV the way the importer reads it back: `;`-separated, ISO dates, quoted only where needed.
public enum CSVWriter {
    public static func line(_ fields: [String], separator: Character = ";") -> String {
        fields.map { quoteIfNeeded($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    public static func quoteIfNeeded(_ field: String, separator: Character) -> String {
        let needs = field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first == " " || field.last == " "
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
