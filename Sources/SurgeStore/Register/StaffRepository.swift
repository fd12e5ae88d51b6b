import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// The staff register of one organisation (personnel numbers are unique per organisation).
public struct StaffRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = "personnel_no, first_name, last_name, department_code, contract_hours_week::float8, fte::float8, status_group, rule_profile, email, phone, version"

    public func create(org: String, _ member: StaffMember, actor: AuditActor) async throws -> Versioned<StaffMember> {
        try member.validate()
        return try await db.transaction { c in
            try await c.query("""
                INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group, rule_profile, email, phone)
                VALUES (\(org), \(member.personnelNo), \(member.firstName), \(member.lastName), \(member.departmentCode), \(member.contractHoursWeek),
                        \(member.fte), \(member.statusGroup.rawValue), \(member.ruleProfile), \(member.email), \(member.phone))
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "staff", key: member.personnelNo, change: member, logger: db.logger)
            // Read back: numeric columns round (39.333 hours are stored as 39.33).
            guard let stored = try await Self.fetch(c, org: org, personnelNo: member.personnelNo, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: member.personnelNo)
            }
            return stored
        }
    }

    public func get(org: String, personnelNo: String) async throws -> Versioned<StaffMember> {
        try await db.read { c in
            guard let s = try await Self.fetch(c, org: org, personnelNo: personnelNo, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            return s
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, personnelNo: String, forUpdate: Bool = false, logger: Logger) async throws -> Versioned<StaffMember>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT \(unescaped: columns) FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo) FOR UPDATE"
            : "SELECT \(unescaped: columns) FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)"
        for try await row in try await c.query(sql, logger: logger) {
            return try decode(row)
        }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<StaffMember> {
        let (pno, first, last, dept, hours, fte, status, profile, email, phone, version) =
            try row.decode((String, String, String, String, Double, Double, String, String, String?, String?, Int32).self)
        let member = StaffMember(personnelNo: pno, firstName: first, lastName: last, departmentCode: dept, contractHoursWeek: hours, fte: fte,
                                 statusGroup: StaffMember.StatusGroup(rawValue: status) ?? .employee, ruleProfile: profile, email: email, phone: phone)
        return Versioned(value: member, version: Int(version))
    }

    /// Staff ordered by personnel number; `department` restricts to that department and everything below it.
    public func list(org: String, department root: String? = nil, page: PageRequest) async throws -> Page<Versioned<StaffMember>> {
        let after = page.cursor ?? ""
        let rows = try await db.read { c in
            try await c.query("""
                WITH RECURSIVE sub AS (
                    SELECT code FROM department WHERE org_id = \(org) AND code = \(root)
                    UNION SELECT d.code FROM department d JOIN sub ON d.parent_code = sub.code AND d.org_id = \(org)
                )
                SELECT \(unescaped: Self.columns) FROM staff
                WHERE org_id = \(org) AND personnel_no > \(after)
                  AND (\(root)::text IS NULL OR department_code IN (SELECT code FROM sub))
                ORDER BY personnel_no LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.personnelNo : nil)
    }

    /// Replaces a record if `expectedVersion` (the If-Match ETag) is still current.
    public func update(org: String, personnelNo: String, _ member: StaffMember, expectedVersion: Int?, actor: AuditActor) async throws -> Versioned<StaffMember> {
        try member.validate()
        guard member.personnelNo == personnelNo else {
            throw ValidationFailure([FieldError("personnelNo", "cannot be changed (URL says '\(personnelNo)', body says '\(member.personnelNo)')")])
        }
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, personnelNo: personnelNo, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "staff", key: personnelNo, current: old.version)
            }
            try await c.query("""
                UPDATE staff SET first_name = \(member.firstName), last_name = \(member.lastName), department_code = \(member.departmentCode),
                    contract_hours_week = \(member.contractHoursWeek), fte = \(member.fte), status_group = \(member.statusGroup.rawValue),
                    rule_profile = \(member.ruleProfile), email = \(member.email), phone = \(member.phone), version = version + 1
                WHERE org_id = \(org) AND personnel_no = \(personnelNo)
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "staff", key: personnelNo,
                                      change: ["old": old.value, "new": member], logger: db.logger)
            guard let stored = try await Self.fetch(c, org: org, personnelNo: personnelNo, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            return stored
        }
    }

    /// Deletes a person with their competences, absences and pool terms (ON DELETE CASCADE).
    public func delete(org: String, personnelNo: String, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, personnelNo: personnelNo, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "staff", key: personnelNo, current: old.version)
            }
            try await c.query("DELETE FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "staff", key: personnelNo, change: old.value, logger: db.logger)
        }
    }

    /// Which of `personnelNos` exist (for checking references in bulk).
    static func existing(_ c: PostgresConnection, org: String, _ personnelNos: [String], logger: Logger) async throws -> Set<String> {
        var result: Set<String> = []
        for try await pno in try await c.query("SELECT personnel_no FROM staff WHERE org_id = \(org) AND personnel_no = ANY(\(personnelNos)::text[])",
                                               logger: logger).decode(String.self) {
            result.insert(pno)
        }
        return result
    }
}
