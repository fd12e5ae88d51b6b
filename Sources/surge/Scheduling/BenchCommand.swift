import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench …`: measurements of the scheduling core (Curtois benchmark, city scale, repair).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the scheduling core.",
        subcommands: [BenchCurtoisCommand.self, BenchCityCommand.self, BenchRepairCommand.self]
    )
}

/// Wall clock for the solver; the core itself has none.
let benchClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

/// Peak resident set size of this process in bytes (Linux reports ru_maxrss in KiB, macOS in bytes).
func peakMemoryBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)
    #endif
}

func readTextFile(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("file not found: \(path)") }
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw ValidationError("cannot read \(path) as UTF-8 text")
    }
    return text
}

func formatSeconds(_ s: Double?) -> String { s.map { String(format: "%.2f", $0) } ?? "-" }
