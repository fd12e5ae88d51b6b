import Crypto
import Foundation
import Logging
import PostgresNIO

/// Applies `SQL/NNNN_name.sql` files in order, each in one transaction, recording a checksum.
/// An applied file that was edited afterwards is refused; concurrent migrators wait on an advisory lock.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
        public var checksum: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
            self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Arbitrary constant: the advisory lock all Surge migrators take.
    static let lockKey: Int64 = 0x5375_7267_654D_6967

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The migrations shipped with Surge: `SURGE_SQL_DIR` when set (an installed copy, see deploy/),
    /// else the `SQL/` folder of the source tree this binary was built from.
    public static func bundled() throws -> Migrator {
        if let dir = ProcessInfo.processInfo.environment["SURGE_SQL_DIR"], !dir.isEmpty {
            return try Migrator(directory: URL(fileURLWithPath: dir))
        }
        let source = URL(fileURLWithPath: #filePath)  // …/Sources/SurgeStore/Database/Migrator.swift
        let dir = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SQL")
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw StoreError.migration("SQL migrations not found at \(dir.path); set SURGE_SQL_DIR to the folder holding NNNN_name.sql files")
        }
        return try Migrator(directory: dir)
    }

    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        var list: [Migration] = []
        for file in files {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw StoreError.migration("\(file): migration files must be named NNNN_name.sql")
            }
            if list.contains(where: { $0.version == version }) {
                throw StoreError.migration("\(file): version \(version) is used twice")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            list.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        self.init(migrations: list)
    }

    /// Applies what is missing; returns the versions applied now.
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [Int] {
        do {
            return try await client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
                do {
                    let applied = try await migrateLocked(connection: connection, logger: logger)
                    try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                    return applied
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                    throw error
                }
            }
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Which shipped migrations are not applied yet (readiness: migrations current?).
    public func pending(client: PostgresClient, logger: Logger) async throws -> [Int] {
        let applied = try await appliedChecksums(client: client, logger: logger)
        return migrations.filter { applied[$0.version] == nil }.map(\.version)
    }

    func appliedChecksums(client: PostgresClient, logger: Logger) async throws -> [Int: String] {
        let exists = try await client.query("SELECT to_regclass('public.schema_migration') IS NOT NULL", logger: logger)
        for try await (present) in exists.decode(Bool.self) where !present { return [:] }
        var result: [Int: String] = [:]
        for try await (version, checksum) in try await client.query("SELECT version, checksum FROM schema_migration", logger: logger).decode((Int, String).self) {
            result[version] = checksum
        }
        return result
    }

    private func migrateLocked(connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        var applied: [Int: String] = [:]
        for try await (version, checksum) in try await connection.query("SELECT version, checksum FROM schema_migration", logger: logger).decode((Int, String).self) {
            applied[version] = checksum
        }
        for m in migrations {
            if let checksum = applied[m.version], checksum != m.checksum {
                throw StoreError.migration("SQL/\(String(format: "%04d", m.version))_\(m.name).sql was edited after it was applied (checksum \(checksum.prefix(12))… in the database, \(m.checksum.prefix(12))… on disk); add a new migration instead")
            }
        }
        var done: [Int] = []
        for m in migrations where applied[m.version] == nil {
            logger.info("applying migration", metadata: ["version": "\(m.version)", "name": "\(m.name)"])
            let statements = SQLScript.statements(in: m.sql)
            try await connection.withTransaction(logger: logger) { tx in
                for statement in statements {
                    try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await tx.query("INSERT INTO schema_migration (version, name, checksum) VALUES (\(m.version), \(m.name), \(m.checksum))", logger: logger)
            }
            done.append(m.version)
        }
        return done
    }
}
