import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Secondments of staff to crisis work: what uses a department's release quota.
public struct SecondmentRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = "se.secondment_id, se.personnel_no, se.starts_on::text, se.ends_on::text, se.fte::float8, se.note"

    /// Records a secondment; without `fte` the person's whole FTE is taken.
    public func create(org: String, personnelNo: String, startsOn: LocalDate, endsOn: LocalDate, fte: Double?, note: String?,
                       actor: AuditActor) async throws -> Secondment {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        try v.check()
        return try await db.transaction { c in
            var staffFTE: Double?
            for try await f in try await c.query("SELECT fte::float8 FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)",
                                                 logger: db.logger).decode(Double.self) {
                staffFTE = f
            }
            guard let staffFTE else {
                throw ValidationFailure([FieldError("personnelNo", "no staff member '\(personnelNo)' in this organisation")])
            }
            var s = Secondment(personnelNo: personnelNo, startsOn: startsOn, endsOn: endsOn, fte: fte ?? staffFTE, note: note)
            try s.validate()
            let rows = try await c.query("""
                INSERT INTO secondment (org_id, personnel_no, starts_on, ends_on, fte, note)
                VALUES (\(org), \(s.personnelNo), \(s.startsOn.iso)::date, \(s.endsOn.iso)::date, \(s.fte)::numeric, \(s.note))
                RETURNING secondment_id, fte::float8
                """, logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.unavailable("the new secondment got no id") }
            let (id, stored) = try row.decode((Int64, Double).self)
            s.id = id
            s.fte = stored
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "secondment", key: String(id), change: s, logger: db.logger)
            return s
        }
    }

    static func decode(_ row: PostgresRow) throws -> Secondment {
        let (id, pno, starts, ends, fte, note) = try row.decode((Int64, String, String, String, Double, String?).self)
        return Secondment(id: id, personnelNo: pno, startsOn: try DateColumn.decode(starts, "starts_on"),
                          endsOn: try DateColumn.decode(ends, "ends_on"), fte: fte, note: note)
    }

    /// Secondments by id; `activeOn` keeps those covering the day, `department` those of its staff.
    public func list(org: String, activeOn: LocalDate?, department: String?, page: PageRequest) async throws -> Page<Secondment> {
        let after = page.cursor.flatMap { Int64($0) } ?? 0
        let day = activeOn?.iso
        let rows = try await db.read { c in
            try await c.query("""
                SELECT \(unescaped: Self.columns) FROM secondment se
                JOIN staff st ON st.org_id = se.org_id AND st.personnel_no = se.personnel_no
                WHERE se.org_id = \(org) AND se.secondment_id > \(after)
                  AND (\(day)::date IS NULL OR \(day)::date BETWEEN se.starts_on AND se.ends_on)
                  AND (\(department)::text IS NULL OR st.department_code = \(department))
                ORDER BY se.secondment_id LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.id.map { String($0) } : nil)
    }

    public func get(org: String, id: Int64) async throws -> Secondment {
        let rows = try await db.read { c in
            try await c.query("SELECT \(unescaped: Self.columns) FROM secondment se WHERE se.org_id = \(org) AND se.secondment_id = \(id)",
                              logger: db.logger).collect()
        }
        guard let row = rows.first else { throw StoreError.notFound(entity: "secondment", key: String(id)) }
        return try Self.decode(row)
    }

    public func delete(org: String, id: Int64, actor: AuditActor) async throws {
        try await db.transaction { c in
            let rows = try await c.query("""
                DELETE FROM secondment se WHERE se.org_id = \(org) AND se.secondment_id = \(id)
                RETURNING \(unescaped: Self.columns)
                """, logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.notFound(entity: "secondment", key: String(id)) }
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "secondment", key: String(id),
                                      change: try Self.decode(row), logger: db.logger)
        }
    }
}
