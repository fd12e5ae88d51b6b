import ArgumentParser
import Configuration
import Foundation
import Logging
import PostgresNIO
import SurgeStore
import SystemPackage

/// Options every database command shares: where the configuration and the database are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (JSON); environment variables override it.")
    var config: String = "Config/surge.json"

    @Option(name: .long, help: "Data folder of the private PostgreSQL cluster used when no DATABASE_URL is set.")
    var dataDir: String?

    @Option(name: .long, help: "Organisation (municipality) to work on.")
    var org: String?

    @Flag(name: .long, help: "Log more.")
    var verbose = false

    /// Environment first, then the file, then built-in defaults (swift-configuration).
    func reader() async throws -> ConfigReader {
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider()]
        providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(config), allowMissing: true))
        return ConfigReader(providers: providers)
    }

    func logger(_ label: String = "surge") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = verbose ? .debug : .info
        return logger
    }

    func organisation(_ reader: ConfigReader) -> String {
        org ?? reader.string(forKey: "surge.org", default: "demo")
    }

    /// DATABASE_URL (env or `database.url` in the file), else the private cluster, started on demand.
    func databaseSettings(_ reader: ConfigReader, logger: Logger) async throws -> DatabaseSettings {
        if let url = reader.string(forKey: "database.url", isSecret: true), !url.isEmpty {
            return try DatabaseSettings(url: url)
        }
        let cluster = embeddedCluster(reader, logger: logger)
        try cluster.start()
        let settings = cluster.settings(database: "surge")
        try await Database.withRunningClient(settings.with(database: "postgres"), logger: logger) { client in
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = 'surge'", logger: logger).collect()
            if rows.isEmpty { try await client.query("CREATE DATABASE surge", logger: logger) }
        }
        return settings
    }

    func embeddedCluster(_ reader: ConfigReader, logger: Logger) -> EmbeddedCluster {
        let dir = dataDir ?? reader.string(forKey: "surge.data.dir", default: ".surge/postgres")
        return EmbeddedCluster(directory: dir, logger: logger)
    }

    /// Runs `body` with a migrated database (the common case for CLI commands).
    func withDatabase<T: Sendable>(migrate: Bool = true, _ body: @Sendable (Database, ConfigReader) async throws -> T) async throws -> T {
        let reader = try await reader()
        let logger = logger()
        let settings = try await databaseSettings(reader, logger: logger)
        return try await Database.withRunningClient(settings, logger: logger) { client in
            if migrate { try await Migrator.bundled().migrate(client: client, logger: logger) }
            return try await body(Database(client: client, logger: logger), reader)
        }
    }
}
