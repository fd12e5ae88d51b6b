import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Memberships of the reserve personnel pool (stadtinterne Personalreserve).
public struct PoolRepository: Sendable {
    /// List filters: kind, and "active on a day" (validFrom ≤ day ≤ validUntil, open-ended when no validUntil).
    public struct Filter: Sendable {
        public var kind: PoolMembership.Kind?
        public var activeOn: LocalDate?
        public var personnelNo: String?
        public init(kind: PoolMembership.Kind? = nil, activeOn: LocalDate? = nil, personnelNo: String? = nil) {
            self.kind = kind
            self.activeOn = activeOn
            self.personnelNo = personnelNo
        }
    }

    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = """
        membership_id, personnel_no, kind, valid_from::text, valid_until::text, max_hours_week::float8, released_by,
        consent_at::text, lending_org, version
        """

    public func create(org: String, _ m: PoolMembership, actor: AuditActor) async throws -> Versioned<PoolMembership> {
        try m.validate()
        return try await db.transaction { c in try await Self.insert(c, org: org, m, actor: actor, logger: db.logger) }
    }

    /// Inserts a validated membership and audits it, inside the caller's transaction.
    static func insert(_ c: PostgresConnection, org: String, _ m: PoolMembership, actor: AuditActor, logger: Logger) async throws -> Versioned<PoolMembership> {
        let rows = try await c.query("""
            INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, valid_until, max_hours_week, released_by, consent_at, lending_org)
            VALUES (\(org), \(m.personnelNo), \(m.kind.rawValue), \(m.validFrom.iso)::date, \(m.validUntil?.iso)::date,
                    \(m.maxHoursWeek)::numeric, \(m.releasedBy), \(m.consentAt?.iso)::date, \(m.lendingOrg))
            RETURNING membership_id
            """, logger: logger).collect()
        guard let id = try rows.first?.decode(Int64.self) else { throw StoreError.unavailable("the new pool membership got no id") }
        var created = m
        created.id = id
        try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "pool_membership", key: String(id), change: created, logger: logger)
        return Versioned(value: created, version: 1)
    }

    public func get(org: String, id: Int64) async throws -> Versioned<PoolMembership> {
        try await db.read { c in
            guard let m = try await Self.fetch(c, org: org, id: id, logger: db.logger) else {
                throw StoreError.notFound(entity: "pool_membership", key: String(id))
            }
            return m
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Versioned<PoolMembership>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT \(unescaped: columns) FROM pool_membership WHERE org_id = \(org) AND membership_id = \(id) FOR UPDATE"
            : "SELECT \(unescaped: columns) FROM pool_membership WHERE org_id = \(org) AND membership_id = \(id)"
        for try await row in try await c.query(sql, logger: logger) { return try decode(row) }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<PoolMembership> {
        let (id, pno, kind, from, until, hours, releasedBy, consent, lending, version) =
            try row.decode((Int64, String, String, String, String?, Double, String?, String?, String?, Int32).self)
        guard let k = PoolMembership.Kind(rawValue: kind) else { throw StoreError.unavailable("unknown pool kind '\(kind)'") }
        let m = PoolMembership(id: id, personnelNo: pno, kind: k, validFrom: try DateColumn.decode(from, "valid_from"),
                               validUntil: try DateColumn.decode(until, "valid_until"), maxHoursWeek: hours, releasedBy: releasedBy,
                               consentAt: try DateColumn.decode(consent, "consent_at"), lendingOrg: lending)
        return Versioned(value: m, version: Int(version))
    }

    public func list(org: String, filter: Filter, page: PageRequest) async throws -> Page<Versioned<PoolMembership>> {
        let after = page.cursor.flatMap { Int64($0) } ?? 0
        let kind = filter.kind?.rawValue
        let day = filter.activeOn?.iso
        let pno = filter.personnelNo
        let rows = try await db.read { c in
            try await c.query("""
                SELECT \(unescaped: Self.columns) FROM pool_membership
                WHERE org_id = \(org) AND membership_id > \(after)
                  AND (\(kind)::text IS NULL OR kind = \(kind))
                  AND (\(pno)::text IS NULL OR personnel_no = \(pno))
                  AND (\(day)::date IS NULL OR (valid_from <= \(day)::date AND (valid_until IS NULL OR valid_until >= \(day)::date)))
                ORDER BY membership_id LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.id.map { String($0) } : nil)
    }

    /// Replaces a membership if `expectedVersion` (If-Match) is still current; the person cannot change.
    public func update(org: String, id: Int64, _ m: PoolMembership, expectedVersion: Int?, actor: AuditActor) async throws -> Versioned<PoolMembership> {
        try m.validate()
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, id: id, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "pool_membership", key: String(id))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "pool_membership", key: String(id), current: old.version)
            }
            guard old.value.personnelNo == m.personnelNo else {
                throw ValidationFailure([FieldError("personnelNo", "cannot be changed (the membership belongs to '\(old.value.personnelNo)')")])
            }
            try await c.query("""
                UPDATE pool_membership SET kind = \(m.kind.rawValue), valid_from = \(m.validFrom.iso)::date, valid_until = \(m.validUntil?.iso)::date,
                    max_hours_week = \(m.maxHoursWeek)::numeric, released_by = \(m.releasedBy), consent_at = \(m.consentAt?.iso)::date,
                    lending_org = \(m.lendingOrg), version = version + 1
                WHERE org_id = \(org) AND membership_id = \(id)
                """, logger: db.logger)
            var new = m
            new.id = id
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "pool_membership", key: String(id),
                                      change: ["old": old.value, "new": new], logger: db.logger)
            return Versioned(value: new, version: old.version + 1)
        }
    }

    public func delete(org: String, id: Int64, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, id: id, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "pool_membership", key: String(id))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "pool_membership", key: String(id), current: old.version)
            }
            try await c.query("DELETE FROM pool_membership WHERE org_id = \(org) AND membership_id = \(id)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "pool_membership", key: String(id), change: old.value, logger: db.logger)
        }
    }
}
