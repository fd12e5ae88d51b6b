import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// The municipalities served by this installation.
public struct Organisation: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var timeZone: String
    public var crisisLevel: Int
    public init(id: String, name: String, timeZone: String = "Europe/Berlin", crisisLevel: Int = 0) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.crisisLevel = crisisLevel
    }
}

public struct OrganisationRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Creates the organisation if missing (used by seeding and `token create`); returns it.
    @discardableResult
    public func ensure(_ org: Organisation, actor: AuditActor) async throws -> Organisation {
        try await db.transaction { c in
            let rows = try await c.query("""
                INSERT INTO organisation (org_id, name, time_zone, crisis_level) VALUES (\(org.id), \(org.name), \(org.timeZone), \(Int16(org.crisisLevel)))
                ON CONFLICT (org_id) DO NOTHING RETURNING org_id
                """, logger: db.logger).collect()
            if !rows.isEmpty {
                try await AuditLog.record(c, org: org.id, actor: actor, action: .create, entity: "organisation", key: org.id, change: org, logger: db.logger)
            }
        }
        return try await get(org.id)
    }

    public func get(_ id: String) async throws -> Organisation {
        let rows = try await db.read { c in
            try await c.query("SELECT org_id, name, time_zone, crisis_level FROM organisation WHERE org_id = \(id)", logger: db.logger).collect()
        }
        guard let row = rows.first else { throw StoreError.notFound(entity: "organisation", key: id) }
        let (oid, name, tz, level) = try row.decode((String, String, String, Int16).self)
        return Organisation(id: oid, name: name, timeZone: tz, crisisLevel: Int(level))
    }

    public func setCrisisLevel(_ id: String, level: CrisisLevel, actor: AuditActor) async throws {
        try await db.transaction { c in
            let rows = try await c.query("UPDATE organisation SET crisis_level = \(Int16(level.rawValue)), version = version + 1 WHERE org_id = \(id) RETURNING org_id", logger: db.logger).collect()
            guard !rows.isEmpty else { throw StoreError.notFound(entity: "organisation", key: id) }
            try await AuditLog.record(c, org: id, actor: actor, action: .update, entity: "organisation", key: id, change: ["crisisLevel": level.rawValue], logger: db.logger)
        }
    }
}
