import Foundation
import SurgeCore

/// Progress of a simulation on stderr: a bar with the simulated date and the time left when stderr
/// is a terminal, plain lines (every simulated week and at the end) when it is not.
final class SimulationProgressBar: @unchecked Sendable {
    private let label: String
    private let interactive = isatty(STDERR_FILENO) != 0
    private let started = Date()

    init(label: String) { self.label = label }

    func update(_ p: SimulationProgress) {
        let elapsed = Date().timeIntervalSince(started)
        let left = p.day > 0 ? elapsed / Double(p.day) * Double(p.days - p.day) : 0
        if interactive {
            let width = 30
            let done = p.days > 0 ? width * p.day / p.days : width
            let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
            let line = "\r\(label) [\(bar)] \(p.date.iso) day \(p.day)/\(p.days)  ETA \(Self.clock(left))  "
            FileHandle.standardError.write(Data(line.utf8))
            if p.day == p.days { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if p.day % 7 == 0 || p.day == p.days || p.day == 1 {
            FileHandle.standardError.write(Data("\(label): day \(p.day)/\(p.days) (\(p.date.iso)), \(String(format: "%.1f", elapsed)) s elapsed, about \(Self.clock(left)) left\n".utf8))
        }
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 60 ? "\(t / 60) min \(t % 60) s" : "\(t) s"
    }
}
