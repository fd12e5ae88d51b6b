import Foundation
import Logging
import PostgresNIO
import SurgeStore

/// A real PostgreSQL for tests. The schema is migrated once per test process into a template
/// database; each test gets its own clone (`CREATE DATABASE … TEMPLATE …`), so tests run in
/// parallel without seeing each other.
///
/// `SURGE_TEST_DATABASE_URL` selects a server (loopback or a Unix socket only: tests create and
/// drop databases); otherwise a throwaway private cluster is started under /tmp. When no database
/// can be had the tests fail; they never skip.
public actor TestDatabase {
    public static let shared = TestDatabase()

    private var preparation: Task<(DatabaseSettings, PostgresClient), any Error>?
    private var counter = 0
    private let templateName = "surge_template_\(getpid())"
    public nonisolated let logger: Logger = {
        var l = Logger(label: "surge.test")
        l.logLevel = .error
        return l
    }()

    /// Starts the server and builds the template once, however many tests ask at the same time.
    private func prepare() async throws -> (DatabaseSettings, PostgresClient) {
        if let preparation { return try await preparation.value }
        let task = Task { try await Self.makeTemplate(templateName: templateName, logger: logger) }
        preparation = task
        return try await task.value
    }

    private static func makeTemplate(templateName: String, logger: Logger) async throws -> (DatabaseSettings, PostgresClient) {
        let settings: DatabaseSettings
        if let url = ProcessInfo.processInfo.environment["SURGE_TEST_DATABASE_URL"], !url.isEmpty {
            settings = try DatabaseSettings(url: url)
            guard settings.isLocal else {
                throw StoreError.invalidConfiguration("SURGE_TEST_DATABASE_URL must point at a loopback host or a Unix socket: tests drop databases")
            }
        } else {
            let dir = ProcessInfo.processInfo.environment["SURGE_TEST_CLUSTER_DIR"] ?? "/tmp/surge-test-cluster-\(getuid())"
            let cluster = EmbeddedCluster(directory: dir, throwaway: true, logger: logger)
            try cluster.start()
            settings = cluster.settings(database: "postgres")
        }
        let adminClient = PostgresClient(configuration: settings.with(database: "postgres").clientConfiguration(), backgroundLogger: logger)
        Task.detached { await adminClient.run() }
        try await Database.waitUntilServing(adminClient, logger: logger)
        try await adminClient.query("DROP DATABASE IF EXISTS \(unescaped: templateName) WITH (FORCE)", logger: logger)
        try await adminClient.query("CREATE DATABASE \(unescaped: templateName)", logger: logger)
        // Migrate the template with its own short-lived client, closed before anyone clones it.
        let migrator = try Migrator.bundled()
        _ = try await Database.withRunningClient(settings.with(database: templateName), logger: logger) { client in
            try await migrator.migrate(client: client, logger: logger)
        }
        return (settings, adminClient)
    }

    private func nextName() -> String {
        counter += 1
        return "surge_t_\(getpid())_\(counter)"
    }

    /// Runs `body` against a fresh, migrated database of its own, dropped afterwards.
    public func withDatabase<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        let (settings, admin) = try await prepare()
        let name = nextName()
        var attempt = 0
        while true {
            do {
                try await admin.query("CREATE DATABASE \(unescaped: name) TEMPLATE \(unescaped: templateName)", logger: logger)
                break
            } catch {
                // The template's migrating connection may still be closing.
                attempt += 1
                if attempt > 50 { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let logger = self.logger
        do {
            let result = try await Database.withRunningClient(settings.with(database: name), logger: logger) { client in
                try await body(Database(client: client, logger: logger))
            }
            _ = try? await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
            return result
        } catch {
            _ = try? await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
            throw error
        }
    }
}
