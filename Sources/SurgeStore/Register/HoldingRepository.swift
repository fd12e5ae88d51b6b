import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Who holds which competence, at which level, valid when, verified by whom (staff_competence).
public struct HoldingRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// The date the schema stores for "valid since always"; read back as nil.
    static let sinceAlways = "1900-01-01"

    static let columns = "personnel_no, competence_code, level, valid_from::text, valid_until::text, verified_by, verified_at::text, version"

    static func decode(_ row: PostgresRow) throws -> Versioned<StaffCompetence> {
        let (pno, code, level, from, until, by, at, version) =
            try row.decode((String, String, Int16, String, String?, String?, String?, Int32).self)
        let h = StaffCompetence(personnelNo: pno, competenceCode: code, level: Int(level),
                                validFrom: from == sinceAlways ? nil : LocalDate(parsing: from),
                                validUntil: until.flatMap { LocalDate(parsing: $0) }, verifiedBy: by,
                                verifiedAt: at.flatMap { LocalDate(parsing: $0) })
        return Versioned(value: h, version: Int(version))
    }

    /// A person's holdings by competence code; 404 when the person does not exist.
    public func list(org: String, personnelNo: String) async throws -> [Versioned<StaffCompetence>] {
        try await db.read { c in
            guard try await StaffRepository.fetch(c, org: org, personnelNo: personnelNo, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            let rows = try await c.query("""
                SELECT \(unescaped: Self.columns) FROM staff_competence
                WHERE org_id = \(org) AND personnel_no = \(personnelNo) ORDER BY competence_code
                """, logger: db.logger).collect()
            return try rows.map(Self.decode)
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, personnelNo: String, code: String, forUpdate: Bool, logger: Logger) async throws -> Versioned<StaffCompetence>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT \(unescaped: columns) FROM staff_competence WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND competence_code = \(code) FOR UPDATE"
            : "SELECT \(unescaped: columns) FROM staff_competence WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND competence_code = \(code)"
        for try await row in try await c.query(sql, logger: logger) { return try decode(row) }
        return nil
    }

    /// Creates or replaces a holding. With `expectedVersion` the holding must exist at that version.
    /// Returns the stored holding and whether it was created.
    public func put(org: String, _ holding: StaffCompetence, expectedVersion: Int?, actor: AuditActor) async throws -> (Versioned<StaffCompetence>, created: Bool) {
        try holding.validate(against: nil)
        return try await db.transaction { c in
            guard let competence = try await CompetenceRepository.fetch(c, org: org, code: holding.competenceCode, logger: db.logger) else {
                throw ValidationFailure([FieldError("competenceCode", "'\(holding.competenceCode)' is not in the competence catalogue")])
            }
            try holding.validate(against: competence.value)
            guard try await StaffRepository.fetch(c, org: org, personnelNo: holding.personnelNo, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: holding.personnelNo)
            }
            let key = "\(holding.personnelNo)/\(holding.competenceCode)"
            let old = try await Self.fetch(c, org: org, personnelNo: holding.personnelNo, code: holding.competenceCode, forUpdate: true, logger: db.logger)
            if let expectedVersion, expectedVersion != (old?.version ?? 0) {
                if let old { throw StoreError.versionMismatch(entity: "staff competence", key: key, current: old.version) }
                throw StoreError.notFound(entity: "staff competence", key: key)
            }
            try await c.query("""
                INSERT INTO staff_competence (org_id, personnel_no, competence_code, level, valid_from, valid_until, verified_by, verified_at)
                VALUES (\(org), \(holding.personnelNo), \(holding.competenceCode), \(Int16(clamping: holding.level)),
                        COALESCE(\(holding.validFrom?.iso)::date, \(Self.sinceAlways)::date), \(holding.validUntil?.iso)::date,
                        \(holding.verifiedBy), \(holding.verifiedAt?.iso)::date)
                ON CONFLICT (org_id, personnel_no, competence_code) DO UPDATE SET
                    level = EXCLUDED.level, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
                    verified_by = EXCLUDED.verified_by, verified_at = EXCLUDED.verified_at, version = staff_competence.version + 1
                """, logger: db.logger)
            if let old {
                try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "staff_competence", key: key,
                                          change: ["old": old.value, "new": holding], logger: db.logger)
            } else {
                try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "staff_competence", key: key, change: holding, logger: db.logger)
            }
            guard let stored = try await Self.fetch(c, org: org, personnelNo: holding.personnelNo, code: holding.competenceCode, forUpdate: false, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff competence", key: key)
            }
            return (stored, created: old == nil)
        }
    }

    public func delete(org: String, personnelNo: String, code: String, expectedVersion: Int?, actor: AuditActor) async throws {
        let key = "\(personnelNo)/\(code)"
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, personnelNo: personnelNo, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff competence", key: key)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "staff competence", key: key, current: old.version)
            }
            try await c.query("DELETE FROM staff_competence WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND competence_code = \(code)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "staff_competence", key: key, change: old.value, logger: db.logger)
        }
    }

    /// Holdings whose validity ends within `days` days after `today` (inclusive), soonest first;
    /// `department` restricts to that subtree. Already lapsed holdings are not listed.
    public func lapsing(org: String, today: LocalDate, days: Int, department root: String? = nil, limit: Int = 1000) async throws -> [LapsingHolding] {
        let rows = try await db.read { c in
            try await c.query("""
                WITH RECURSIVE sub AS (
                    SELECT code FROM department WHERE org_id = \(org) AND code = \(root)
                    UNION SELECT d.code FROM department d JOIN sub ON d.parent_code = sub.code AND d.org_id = \(org)
                )
                SELECT h.personnel_no, s.first_name, s.last_name, s.department_code, h.competence_code, c.name, h.level,
                       h.valid_until::text, (h.valid_until - \(today.iso)::date)
                FROM staff_competence h
                JOIN staff s ON s.org_id = h.org_id AND s.personnel_no = h.personnel_no
                JOIN competence c ON c.org_id = h.org_id AND c.code = h.competence_code
                WHERE h.org_id = \(org) AND h.valid_until IS NOT NULL
                  AND h.valid_until >= \(today.iso)::date AND h.valid_until <= \(today.iso)::date + \(days)::int
                  AND (\(root)::text IS NULL OR s.department_code IN (SELECT code FROM sub))
                ORDER BY h.valid_until, h.personnel_no, h.competence_code
                LIMIT \(limit)
                """, logger: db.logger).collect()
        }
        return try rows.map { row in
            let (pno, first, last, dept, code, name, level, until, left) =
                try row.decode((String, String, String, String, String, String, Int16, String, Int32).self)
            guard let date = LocalDate(parsing: until) else { throw StoreError.unavailable("unreadable date \(until)") }
            return LapsingHolding(personnelNo: pno, firstName: first, lastName: last, departmentCode: dept, competenceCode: code,
                                  competenceName: name, level: Int(level), validUntil: date, daysLeft: Int(left))
        }
    }
}
