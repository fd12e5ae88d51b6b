import ArgumentParser
import Foundation
import SurgeCore

/// File helpers shared by the scheduling commands; errors name the file and the problem.
enum CommandIO {
    static func readProblem(_ path: String) throws -> SchedulingProblem {
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--input: file not found: \(path)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--input: cannot read \(path)") }
        do { return try Interchange.decodeProblem(data) } catch {
            throw ValidationError("\(path): \(error)")
        }
    }

    static func write(_ data: Data, to path: String?) throws {
        if let path {
            do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw ValidationError("--output: cannot write \(path): \(error.localizedDescription)") }
        } else {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    /// Whether stderr is a terminal (then progress updates in place).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    static func progressLine(_ text: String) {
        let line = stderrIsTerminal ? "\r\u{1B}[K" + text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
