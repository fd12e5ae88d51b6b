/// A plain aligned table for terminal output.
struct TextTable {
    let header: [String]

    func render(_ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in c + String(repeating: " ", count: max(0, widths[i] - c.count)) }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }
}
