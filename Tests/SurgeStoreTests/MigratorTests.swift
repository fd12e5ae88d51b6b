import Foundation
import Logging
import PostgresNIO
import SurgeStore
import SurgeTestSupport
import Testing

@Suite struct MigratorTests {
    @Test func splitterKeepsSemicolonsInsideQuotesAndComments() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'a;b');
            /* block; comment */
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            SELECT 'it''s; fine'
            """
        let statements = SQLScript.statements(in: sql)
        #expect(statements.count == 3)
        #expect(statements[0] == "CREATE TABLE a (x text DEFAULT 'a;b')")
        #expect(statements[1].contains("$$ SELECT 1; $$"))
        #expect(statements[2] == "SELECT 'it''s; fine'")
    }

    @Test func templateIsMigratedAndRerunAppliesNothing() async throws {
        try await TestDatabase.shared.withDatabase { db in
            let migrator = try Migrator.bundled()
            #expect(!migrator.migrations.isEmpty)
            let applied = try await migrator.migrate(client: db.client, logger: db.logger)
            #expect(applied.isEmpty)
            let pending = try await migrator.pending(client: db.client, logger: db.logger)
            #expect(pending.isEmpty)
        }
    }

    @Test func editedMigrationIsRefused() async throws {
        try await TestDatabase.shared.withDatabase { db in
            var edited = try Migrator.bundled().migrations
            edited[0] = Migrator.Migration(version: edited[0].version, name: edited[0].name, sql: edited[0].sql + "\n-- edited")
            let error = await #expect(throws: StoreError.self) {
                try await Migrator(migrations: edited).migrate(client: db.client, logger: db.logger)
            }
            #expect(String(describing: error).contains("was edited after it was applied"))
        }
    }

    @Test func concurrentMigratorsAreSerialised() async throws {
        try await TestDatabase.shared.withDatabase { db in
            // A fresh schema in the same database: both migrators race on it.
            let extra = Migrator.Migration(version: 9999, name: "probe", sql: "CREATE TABLE probe_once (x int)")
            let migrator = Migrator(migrations: try Migrator.bundled().migrations + [extra])
            async let a = migrator.migrate(client: db.client, logger: db.logger)
            async let b = migrator.migrate(client: db.client, logger: db.logger)
            let (ra, rb) = try await (a, b)
            #expect((ra + rb) == [9999])
        }
    }
}
