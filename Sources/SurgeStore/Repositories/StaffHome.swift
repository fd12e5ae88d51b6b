import Logging
import PostgresNIO

/// The home department of a staff member, for access checks and 404s on `/v1/staff/{personnelNo}/…`.
public enum StaffHome {
    static func department(_ c: PostgresConnection, org: String, personnelNo: String, lock: Bool = false, logger: Logger) async throws -> String? {
        let sql: PostgresQuery = lock
            ? "SELECT department_code FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo) FOR NO KEY UPDATE"
            : "SELECT department_code FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)"
        for try await code in try await c.query(sql, logger: logger).decode(String.self) { return code }
        return nil
    }

    /// The department of `personnelNo`; `StoreError.notFound` when there is no such person.
    public static func department(db: Database, org: String, personnelNo: String) async throws -> String {
        try await db.read { c in
            guard let d = try await department(c, org: org, personnelNo: personnelNo, logger: db.logger) else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            return d
        }
    }
}
