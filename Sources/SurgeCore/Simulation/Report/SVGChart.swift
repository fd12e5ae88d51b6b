import Foundation

/// Small inline SVG charts for the self-contained HTML report (no scripts, no external files).
enum SVGChart {
    static let palette = ["#c0392b", "#e67e22", "#2980b9", "#27ae60", "#8e44ad", "#7f8c8d"]

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Lines over days; values are shares 0…1 (drawn as percent).
    static func lines(id: String, title: String, labels: [String], series: [(name: String, values: [Double])], width: Double = 760, height: Double = 260) -> String {
        let left = 44.0, right = 150.0, top = 24.0, bottom = 36.0
        let w = width - left - right, h = height - top - bottom
        let n = max(1, labels.count - 1)
        var out = "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(esc(title))\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>"
        out += "<text x=\"\(f(left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(esc(title))</text>"
        for pct in stride(from: 0, through: 100, by: 25) {
            let y = top + h * (1 - Double(pct) / 100)
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + w))\" y2=\"\(f(y))\" stroke=\"#dddddd\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"10\" text-anchor=\"end\">\(pct) %</text>"
        }
        let step = max(1, labels.count / 8)
        for (i, l) in labels.enumerated() where i % step == 0 {
            let x = left + w * Double(i) / Double(n)
            out += "<text x=\"\(f(x))\" y=\"\(f(top + h + 16))\" font-size=\"10\" text-anchor=\"middle\">\(esc(l))</text>"
        }
        for (k, s) in series.enumerated() {
            let color = palette[k % palette.count]
            let pts = s.values.enumerated().map { i, v in "\(f(left + w * Double(i) / Double(n))),\(f(top + h * (1 - min(1, max(0, v)))))" }
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" points=\"\(pts.joined(separator: " "))\"/>"
            let ly = top + 14 + Double(k) * 18
            out += "<rect x=\"\(f(left + w + 12))\" y=\"\(f(ly - 9))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            out += "<text x=\"\(f(left + w + 30))\" y=\"\(f(ly))\" font-size=\"11\">\(esc(s.name))</text>"
        }
        return out + "</svg>"
    }

    /// Vertical bars with labels below (a histogram).
    static func bars(id: String, title: String, labels: [String], values: [Int], width: Double = 760, height: Double = 240) -> String {
        let left = 44.0, top = 24.0, bottom = 36.0
        let w = width - left - 20, h = height - top - bottom
        let peak = Double(max(1, values.max() ?? 1))
        let slot = w / Double(max(1, values.count))
        var out = "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(esc(title))\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>"
        out += "<text x=\"\(f(left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(esc(title))</text>"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top + h))\" x2=\"\(f(left + w))\" y2=\"\(f(top + h))\" stroke=\"#888888\"/>"
        for (i, v) in values.enumerated() {
            let bh = (h - 14) * Double(v) / peak
            let x = left + slot * Double(i) + slot * 0.1
            out += "<rect x=\"\(f(x))\" y=\"\(f(top + h - bh))\" width=\"\(f(slot * 0.8))\" height=\"\(f(bh))\" fill=\"#2980b9\"/>"
            out += "<text x=\"\(f(x + slot * 0.4))\" y=\"\(f(top + h - bh - 3))\" font-size=\"10\" text-anchor=\"middle\">\(v)</text>"
            out += "<text x=\"\(f(x + slot * 0.4))\" y=\"\(f(top + h + 14))\" font-size=\"10\" text-anchor=\"middle\">\(esc(labels[i]))</text>"
        }
        return out + "</svg>"
    }

    /// Horizontal bars (value) with a marker (limit) per row: FTE seconded against quota.
    static func drain(id: String, title: String, rows: [(label: String, value: Double, limit: Double, lost: Double)], width: Double = 760) -> String {
        let left = 150.0, top = 40.0, rowH = 18.0
        let height = top + rowH * Double(max(1, rows.count)) + 16
        let w = width - left - 60
        let peak = max(0.1, rows.map { max($0.value, $0.limit, $0.lost) }.max() ?? 1)
        var out = "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(esc(title))\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>"
        out += "<text x=\"10\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(esc(title))</text>"
        out += "<rect x=\"\(f(left))\" y=\"24\" width=\"12\" height=\"8\" fill=\"#e67e22\"/><text x=\"\(f(left + 16))\" y=\"32\" font-size=\"10\">FTE seconded (average per day)</text>"
        out += "<rect x=\"\(f(left + 190))\" y=\"24\" width=\"3\" height=\"10\" fill=\"#2c3e50\"/><text x=\"\(f(left + 198))\" y=\"32\" font-size=\"10\">release quota (FTE)</text>"
        out += "<rect x=\"\(f(left + 320))\" y=\"24\" width=\"12\" height=\"8\" fill=\"#c0392b\"/><text x=\"\(f(left + 336))\" y=\"32\" font-size=\"10\">regular work lost (FTE per day)</text>"
        for (i, row) in rows.enumerated() {
            let y = top + rowH * Double(i)
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 12))\" font-size=\"10\" text-anchor=\"end\">\(esc(row.label))</text>"
            out += "<rect x=\"\(f(left))\" y=\"\(f(y + 2))\" width=\"\(f(w * row.value / peak))\" height=\"\(f(rowH * 0.45))\" fill=\"#e67e22\"/>"
            out += "<rect x=\"\(f(left))\" y=\"\(f(y + 2 + rowH * 0.45))\" width=\"\(f(w * row.lost / peak))\" height=\"\(f(rowH * 0.35))\" fill=\"#c0392b\"/>"
            out += "<rect x=\"\(f(left + w * row.limit / peak))\" y=\"\(f(y))\" width=\"3\" height=\"\(f(rowH - 2))\" fill=\"#2c3e50\"/>"
            out += "<text x=\"\(f(left + w * max(row.value, row.limit) / peak + 8))\" y=\"\(f(y + 12))\" font-size=\"10\">\(f(row.value)) / \(f(row.limit))</text>"
        }
        return out + "</svg>"
    }
}
