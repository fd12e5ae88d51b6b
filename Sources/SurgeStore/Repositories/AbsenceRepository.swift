import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Absences of staff (vacation, sick, training, other: a category, never a diagnosis).
public struct AbsenceRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = "absence_id, personnel_no, category, starts_on::text, ends_on::text, version"

    public func create(org: String, _ absence: Absence, actor: AuditActor) async throws -> Versioned<Absence> {
        try absence.validate()
        return try await db.transaction { c in
            guard try await StaffHome.department(c, org: org, personnelNo: absence.personnelNo, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: absence.personnelNo)
            }
            let rows = try await c.query("""
                INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on)
                VALUES (\(org), \(absence.personnelNo), \(absence.category.rawValue), \(absence.startsOn.iso)::date, \(absence.endsOn.iso)::date)
                RETURNING absence_id
                """, logger: db.logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw StoreError.unavailable("the new absence got no id") }
            var created = absence
            created.id = id
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "absence", key: String(id), change: created, logger: db.logger)
            return Versioned(value: created, version: 1)
        }
    }

    public func get(org: String, id: Int64) async throws -> Versioned<Absence> {
        try await db.read { c in
            guard let a = try await Self.fetch(c, org: org, id: id, logger: db.logger) else {
                throw StoreError.notFound(entity: "absence", key: String(id))
            }
            return a
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Versioned<Absence>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT \(unescaped: columns) FROM absence WHERE org_id = \(org) AND absence_id = \(id) FOR UPDATE"
            : "SELECT \(unescaped: columns) FROM absence WHERE org_id = \(org) AND absence_id = \(id)"
        for try await row in try await c.query(sql, logger: logger) { return try decode(row) }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<Absence> {
        let (id, pno, category, starts, ends, version) = try row.decode((Int64, String, String, String, String, Int32).self)
        guard let cat = Absence.Category(rawValue: category) else { throw StoreError.unavailable("unknown absence category '\(category)'") }
        return Versioned(value: Absence(id: id, personnelNo: pno, category: cat, startsOn: try DateColumn.decode(starts, "starts_on"),
                                        endsOn: try DateColumn.decode(ends, "ends_on")),
                         version: Int(version))
    }

    /// A person's absences, oldest entry first (keyset on the id); 404 when the person does not exist.
    public func list(org: String, personnelNo: String, page: PageRequest) async throws -> Page<Versioned<Absence>> {
        let after = page.cursor.flatMap { Int64($0) } ?? 0
        let rows = try await db.read { c in
            guard try await StaffHome.department(c, org: org, personnelNo: personnelNo, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            return try await c.query("""
                SELECT \(unescaped: Self.columns) FROM absence
                WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND absence_id > \(after)
                ORDER BY absence_id LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.id.map { String($0) } : nil)
    }

    /// Replaces an absence if `expectedVersion` (If-Match) is still current; the person cannot change.
    public func update(org: String, id: Int64, _ absence: Absence, expectedVersion: Int?, actor: AuditActor) async throws -> Versioned<Absence> {
        try absence.validate()
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, id: id, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "absence", key: String(id))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "absence", key: String(id), current: old.version)
            }
            guard old.value.personnelNo == absence.personnelNo else {
                throw ValidationFailure([FieldError("personnelNo", "cannot be changed (the absence belongs to '\(old.value.personnelNo)')")])
            }
            try await c.query("""
                UPDATE absence SET category = \(absence.category.rawValue), starts_on = \(absence.startsOn.iso)::date,
                    ends_on = \(absence.endsOn.iso)::date, version = version + 1
                WHERE org_id = \(org) AND absence_id = \(id)
                """, logger: db.logger)
            var new = absence
            new.id = id
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "absence", key: String(id),
                                      change: ["old": old.value, "new": new], logger: db.logger)
            return Versioned(value: new, version: old.version + 1)
        }
    }

    public func delete(org: String, id: Int64, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, id: id, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "absence", key: String(id))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "absence", key: String(id), current: old.version)
            }
            try await c.query("DELETE FROM absence WHERE org_id = \(org) AND absence_id = \(id)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "absence", key: String(id), change: old.value, logger: db.logger)
        }
    }
}
