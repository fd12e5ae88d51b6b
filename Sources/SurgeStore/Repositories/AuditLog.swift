import Foundation
import Logging
import PostgresNIO

/// Writes and reads the audit trail. Writes happen inside the caller's transaction, so a change
/// and its audit row commit together or not at all.
public struct AuditLog: Sendable {
    public enum Action: String, Sendable, Codable { case create, update, delete, `import` }

    public struct Entry: Sendable, Codable {
        public var id: Int64
        public var at: String
        public var actor: String
        public var action: String
        public var entity: String
        public var entityKey: String
        /// The change as JSON text (what was written, or the old and new values).
        public var change: String
    }

    let db: Database
    public init(db: Database) { self.db = db }

    public static func record<Change: Encodable>(_ connection: PostgresConnection, org: String, actor: AuditActor, action: Action,
                                                 entity: String, key: String, change: Change, logger: Logger) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(change), as: UTF8.self)
        try await connection.query("""
            INSERT INTO audit_log (org_id, actor, action, entity, entity_key, change)
            VALUES (\(org), \(actor.name), \(action.rawValue), \(entity), \(key), \(json)::jsonb)
            """, logger: logger)
    }

    public func list(org: String, entity: String?, key: String?, page: PageRequest) async throws -> Page<Entry> {
        let after = page.cursor.flatMap { Int64($0) } ?? 0
        let rows = try await db.read { c in
            try await c.query("""
                SELECT audit_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), actor, action, entity, entity_key, change::text
                FROM audit_log
                WHERE org_id = \(org) AND audit_id > \(after)
                  AND (\(entity)::text IS NULL OR entity = \(entity)) AND (\(key)::text IS NULL OR entity_key = \(key))
                ORDER BY audit_id LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items: [Entry] = []
        for row in rows {
            let (id, at, actor, action, ent, k, change) = try row.decode((Int64, String, String, String, String, String, String).self)
            items.append(Entry(id: id, at: at, actor: actor, action: action, entity: ent, entityKey: k, change: change))
        }
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last.map { String($0.id) } : nil)
    }
}
