import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// The competence catalogue with its implies-relation (a C1 licence implies B).
public struct CompetenceRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT c.code, c.name, c.category, c.max_level, c.expires, c.version,
               COALESCE((SELECT array_agg(i.implied_code ORDER BY i.implied_code) FROM competence_implication i
                         WHERE i.org_id = c.org_id AND i.code = c.code), '{}'::text[])
        FROM competence c
        """

    public func create(org: String, _ competence: CompetenceDefinition, actor: AuditActor) async throws -> Versioned<CompetenceDefinition> {
        try competence.validate()
        return try await db.transaction { c in
            try await c.query("""
                INSERT INTO competence (org_id, code, name, category, max_level, expires)
                VALUES (\(org), \(competence.code), \(competence.name), \(competence.category.rawValue), \(competence.maxLevel.map { Int16(clamping: $0) }), \(competence.expires))
                """, logger: db.logger)
            try await Self.writeImplications(c, org: org, code: competence.code, implies: competence.implies, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "competence", key: competence.code, change: competence, logger: db.logger)
            return Versioned(value: Self.normalised(competence), version: 1)
        }
    }

    static func normalised(_ competence: CompetenceDefinition) -> CompetenceDefinition {
        var c = competence
        c.implies = Array(Set(c.implies)).sorted()
        return c
    }

    static func writeImplications(_ c: PostgresConnection, org: String, code: String, implies: [String], logger: Logger) async throws {
        try await c.query("DELETE FROM competence_implication WHERE org_id = \(org) AND code = \(code)", logger: logger)
        guard !implies.isEmpty else { return }
        let unique = Array(Set(implies)).sorted()
        var known: Set<String> = []
        for try await code in try await c.query("SELECT code FROM competence WHERE org_id = \(org) AND code = ANY(\(unique)::text[])",
                                                logger: logger).decode(String.self) {
            known.insert(code)
        }
        let missing = unique.filter { !known.contains($0) }
        if !missing.isEmpty {
            throw ValidationFailure(missing.map { FieldError("implies", "'\($0)' is not in the competence catalogue") })
        }
        try await c.query("""
            INSERT INTO competence_implication (org_id, code, implied_code)
            SELECT \(org), \(code), implied FROM unnest(\(unique)::text[]) AS implied
            """, logger: logger)
    }

    public func get(org: String, code: String) async throws -> Versioned<CompetenceDefinition> {
        try await db.read { c in
            guard let v = try await Self.fetch(c, org: org, code: code, logger: db.logger) else {
                throw StoreError.notFound(entity: "competence", key: code)
            }
            return v
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, code: String, forUpdate: Bool = false, logger: Logger) async throws -> Versioned<CompetenceDefinition>? {
        let sql: PostgresQuery = forUpdate
            ? "\(unescaped: select) WHERE c.org_id = \(org) AND c.code = \(code) FOR UPDATE OF c"
            : "\(unescaped: select) WHERE c.org_id = \(org) AND c.code = \(code)"
        for try await row in try await c.query(sql, logger: logger) {
            return try decode(row)
        }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<CompetenceDefinition> {
        let (code, name, category, maxLevel, expires, version, implies) =
            try row.decode((String, String, String, Int16?, Bool, Int32, [String]).self)
        let competence = CompetenceDefinition(code: code, name: name, category: CompetenceDefinition.Category(rawValue: category) ?? .skill,
                                    maxLevel: maxLevel.map(Int.init), expires: expires, implies: implies)
        return Versioned(value: competence, version: Int(version))
    }

    public func list(org: String, page: PageRequest) async throws -> Page<Versioned<CompetenceDefinition>> {
        let after = page.cursor ?? ""
        let rows = try await db.read { c in
            try await c.query("\(unescaped: Self.select) WHERE c.org_id = \(org) AND c.code > \(after) ORDER BY c.code LIMIT \(page.limit + 1)",
                              logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.code : nil)
    }

    /// The whole catalogue by code (small: tens to hundreds of entries).
    static func catalogue(_ c: PostgresConnection, org: String, logger: Logger) async throws -> [String: CompetenceDefinition] {
        var result: [String: CompetenceDefinition] = [:]
        for row in try await c.query("\(unescaped: select) WHERE c.org_id = \(org)", logger: logger).collect() {
            let v = try decode(row)
            result[v.value.code] = v.value
        }
        return result
    }

    public func update(org: String, code: String, _ competence: CompetenceDefinition, expectedVersion: Int?, actor: AuditActor) async throws -> Versioned<CompetenceDefinition> {
        try competence.validate()
        guard competence.code == code else {
            throw ValidationFailure([FieldError("code", "cannot be changed (URL says '\(code)', body says '\(competence.code)')")])
        }
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "competence", key: code)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "competence", key: code, current: old.version)
            }
            try await c.query("""
                UPDATE competence SET name = \(competence.name), category = \(competence.category.rawValue),
                    max_level = \(competence.maxLevel.map { Int16(clamping: $0) }), expires = \(competence.expires), version = version + 1
                WHERE org_id = \(org) AND code = \(code)
                """, logger: db.logger)
            try await Self.writeImplications(c, org: org, code: code, implies: competence.implies, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "competence", key: code,
                                      change: ["old": old.value, "new": competence], logger: db.logger)
            return Versioned(value: Self.normalised(competence), version: old.version + 1)
        }
    }

    /// Deletes a catalogue entry nobody holds (held ones answer 409: still in use).
    public func delete(org: String, code: String, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "competence", key: code)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "competence", key: code, current: old.version)
            }
            try await c.query("DELETE FROM competence WHERE org_id = \(org) AND code = \(code)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "competence", key: code, change: old.value, logger: db.logger)
        }
    }
}
