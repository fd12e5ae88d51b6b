import Foundation
import SurgeCore
import Testing

/// The HTML report must render in a real browser with its charts: headless Chromium takes a
/// screenshot, and the picture must not be blank. Chromium missing is a failure (deploy/setup.sh
/// installs it), never a skip.
@Suite(.tags(.simulation)) struct SimulationHTMLRenderTests {
    static func executable(_ names: [String]) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/local/bin:/bin"
        for dir in path.split(separator: ":") {
            for n in names where FileManager.default.isExecutableFile(atPath: "\(dir)/\(n)") { return "\(dir)/\(n)" }
        }
        return nil
    }

    static func run(_ tool: String, _ args: [String], stdout: URL? = nil) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            p.standardOutput = FileHandle.nullDevice
        }
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Width, height and RGB bytes of a binary PPM (P6) as pngtopnm writes it.
    static func ppm(_ data: Data) throws -> (Int, Int, [UInt8]) {
        var fields: [String] = []
        var i = data.startIndex
        while fields.count < 4 && i < data.endIndex {
            while i < data.endIndex, data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09 { i += 1 }
            var token = ""
            while i < data.endIndex, !(data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09) { token.append(Character(UnicodeScalar(data[i]))); i += 1 }
            fields.append(token)
        }
        i += 1
        let w = try #require(Int(fields[1])), h = try #require(Int(fields[2]))
        #expect(fields[0] == "P6" && fields[3] == "255")
        return (w, h, Array(data[i...]))
    }

    @Test func reportRendersInHeadlessChromiumWithCharts() throws {
        let report = SimulationReport(run: try SimulationFixtures.run())
        let html = ReportDocuments.html(report)
        for id in ["coverage-chart", "load-chart", "drain-chart"] { #expect(html.contains("<svg id=\"\(id)\""), "chart \(id) missing") }
        #expect(!html.contains("<script"), "the report must work without scripts")
        #expect(!html.contains("src=\"http"), "the report must be self-contained")

        let chromium = try #require(Self.executable(["chromium", "chromium-browser", "google-chrome"]),
                                    "chromium is not installed (deploy/setup.sh installs Debian's chromium package)")
        let pngtopnm = try #require(Self.executable(["pngtopnm"]), "pngtopnm is not installed (deploy/setup.sh installs Debian's netpbm package)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("surge-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let shot = dir.appendingPathComponent("shot.png")
        let status = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(dir.path)/profile",
                                             "--screenshot=\(shot.path)", "--window-size=900,1400", page.absoluteString])
        #expect(status == 0)
        let ppmURL = dir.appendingPathComponent("shot.ppm")
        #expect(try Self.run(pngtopnm, [shot.path], stdout: ppmURL) == 0)
        let (w, h, rgb) = try Self.ppm(Data(contentsOf: ppmURL))
        #expect(w == 900 && h == 1400)
        #expect(rgb.count >= w * h * 3)
        // Not blank: many non-white pixels, real variance, and the chart colours present.
        var nonWhite = 0, coloured = 0
        var sum = 0.0, sumSq = 0.0
        for p in stride(from: 0, to: w * h * 3, by: 3) {
            let r = Int(rgb[p]), g = Int(rgb[p + 1]), b = Int(rgb[p + 2])
            let grey = Double(r + g + b) / 3
            sum += grey; sumSq += grey * grey
            if r < 240 || g < 240 || b < 240 { nonWhite += 1 }
            if abs(r - g) > 60 || abs(g - b) > 60 { coloured += 1 }
        }
        let n = Double(w * h)
        let variance = sumSq / n - (sum / n) * (sum / n)
        #expect(nonWhite > w * h / 50, "screenshot nearly blank: \(nonWhite) non-white pixels")
        #expect(variance > 100, "screenshot has no contrast: variance \(variance)")
        #expect(coloured > 500, "no chart colours in the screenshot: \(coloured) coloured pixels")
    }
}
