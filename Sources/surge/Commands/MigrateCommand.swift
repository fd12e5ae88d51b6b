import ArgumentParser
import SurgeStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply the SQL migrations that are not applied yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let applied = try await global.withDatabase(migrate: false) { db, _ in
            try await Migrator.bundled().migrate(client: db.client, logger: db.logger)
        }
        print(applied.isEmpty ? "schema is current" : "applied: \(applied.map(String.init).joined(separator: ", "))")
    }
}
