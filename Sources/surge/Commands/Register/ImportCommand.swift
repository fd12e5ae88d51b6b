import ArgumentParser
import Foundation
import SurgeCore
import SurgeStore

/// `surge import staff|competences|absences FILE [--dry-run]`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an HR-system CSV file (staff, competences held, absences): all or nothing, idempotent. See docs/csv.md.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What the file holds: staff, competences or absences.") var kind: String
    @Argument(help: "The CSV file (; or , separated, UTF-8 with or without BOM).") var file: String
    @Flag(name: .long, help: "Check the file and report what would change; write nothing.") var dryRun = false

    func validate() throws {
        guard ImportKind(rawValue: kind) != nil else { throw ValidationError("kind must be staff, competences or absences, not '\(kind)'") }
    }

    func run() async throws {
        guard let kind = ImportKind(rawValue: kind) else { throw ExitCode.validationFailure }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let (file, dryRun) = (file, dryRun)
        do {
            let report = try await global.withDatabase { db, reader in
                try await RegisterImport(db: db).run(org: global.organisation(reader), kind: kind, csv: bytes, dryRun: dryRun,
                                                     source: "cli:\(URL(fileURLWithPath: file).lastPathComponent)", actor: .cli)
            }
            print(report.summary)
        } catch let failure as ImportFailure {
            var stderr = StandardError()
            print(failure.report.summary, to: &stderr)
            for e in failure.report.errors { print("  \(file):\(e.line): \(e.field): \(e.problem)", to: &stderr) }
            throw ExitCode.failure
        }
    }
}

/// `surge export staff|competences|absences [--output FILE]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export the register as CSV (the format `surge import` reads).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "staff, competences or absences") var kind: String
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        guard ImportKind(rawValue: kind) != nil else { throw ValidationError("kind must be staff, competences or absences, not '\(kind)'") }
    }

    func run() async throws {
        guard let kind = ImportKind(rawValue: kind) else { throw ExitCode.validationFailure }
        let csv = try await global.withDatabase { db, reader in
            try await RegisterExport(db: db).csv(org: global.organisation(reader), kind: kind)
        }
        if let output {
            do {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw ValidationError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            print(csv, terminator: "")
        }
    }
}

/// Standard error as a TextOutputStream, for error listings.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
