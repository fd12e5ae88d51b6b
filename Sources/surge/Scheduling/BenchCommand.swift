import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench …`: measurements of the scheduling core (Curtois benchmark, city scale, repair).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: the scheduling core (curtois, city, repair), the register (import, search), scenario simulation.",
        subcommands: [BenchCurtoisCommand.self, BenchCityCommand.self, BenchRepairCommand.self,
                      RegisterBenchCommand.Import.self, RegisterBenchCommand.Search.self,
                      CrisisBenchCommand.Proposal.self, CrisisBenchCommand.Plan28.self, CrisisBenchCommand.Confirm.self,
                      BenchSimulateCommand.self]
    )
}

/// Wall clock for the solver; the core itself has none.
let benchClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

/// CPU time of the calling thread: with `threads: 1` the search runs on it, so rates measured
/// with this clock do not depend on what else the machine is doing.
let threadCPUClock: @Sendable () -> Double = {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

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
