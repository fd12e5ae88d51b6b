/// Writes a roster in the benchmark's exchange format: one tab-separated row per employee in
/// SECTION_STAFF order, one cell per day holding the shift id or nothing.
public enum CurtoisRosterWriter {
    public static func write(_ roster: [[String?]]) -> String {
        roster.map { row in row.map { $0 ?? "" }.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// Reads the same format back (tabs, empty cell = day off).
    public static func read(_ text: String, days: Int) -> [[String?]] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            var cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
            while cells.count < days { cells.append(nil) }
            return cells
        }
    }
}
