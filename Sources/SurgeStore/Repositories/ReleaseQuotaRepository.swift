import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// One department's line of the quota report: its name beside the figures of `DepartmentReleaseQuota`.
public struct DepartmentQuota: Encodable, Sendable, Hashable {
    public var departmentName: String
    public var quota: DepartmentReleaseQuota

    public func encode(to encoder: any Encoder) throws {
        try quota.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(departmentName, forKey: .departmentName)
    }
    enum Key: String, CodingKey { case departmentName }
}

/// Release quotas of all departments at a level on a day.
public struct QuotaReport: Encodable, Sendable {
    public var level: Int
    public var on: LocalDate
    public var items: [DepartmentQuota]
}

/// Computes release quotas as documented on `DepartmentReleaseQuota`: the sums come from SQL, the formula from SurgeCore.
public struct ReleaseQuotaRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// `level` nil: the organisation's current crisis level.
    public func report(org: String, level: CrisisLevel?, on day: LocalDate) async throws -> QuotaReport {
        try await db.read { c in
            var current: Int16?
            for try await l in try await c.query("SELECT crisis_level FROM organisation WHERE org_id = \(org)", logger: db.logger).decode(Int16.self) {
                current = l
            }
            guard let current else { throw StoreError.notFound(entity: "organisation", key: org) }
            guard let lv = level ?? CrisisLevel(rawValue: Int(current)) else {
                throw StoreError.unavailable("organisation \(org) has crisis level \(current), outside 0...3")
            }
            let rows = try await c.query("""
                WITH present AS (
                    SELECT st.department_code, count(*) AS n, sum(st.fte) AS fte
                    FROM staff st
                    WHERE st.org_id = \(org) AND NOT EXISTS (
                        SELECT 1 FROM absence a
                        WHERE a.org_id = st.org_id AND a.personnel_no = st.personnel_no
                          AND daterange(a.starts_on, a.ends_on, '[]') @> \(day.iso)::date)
                    GROUP BY st.department_code
                ), needed AS (
                    SELECT department_code,
                           sum(CASE \(lv.rawValue)::int WHEN 0 THEN fte_level0 WHEN 1 THEN fte_level1 WHEN 2 THEN fte_level2 ELSE fte_level3 END) AS fte
                    FROM regular_task WHERE org_id = \(org) GROUP BY department_code
                ), used AS (
                    SELECT st.department_code, sum(se.fte) AS fte, count(DISTINCT se.personnel_no) AS n
                    FROM secondment se JOIN staff st ON st.org_id = se.org_id AND st.personnel_no = se.personnel_no
                    WHERE se.org_id = \(org) AND \(day.iso)::date BETWEEN se.starts_on AND se.ends_on
                    GROUP BY st.department_code
                )
                SELECT d.code, d.name, coalesce(p.n, 0)::int8, coalesce(p.fte, 0)::float8, coalesce(t.fte, 0)::float8,
                       coalesce(u.fte, 0)::float8, coalesce(u.n, 0)::int8
                FROM department d
                LEFT JOIN present p ON p.department_code = d.code
                LEFT JOIN needed t ON t.department_code = d.code
                LEFT JOIN used u ON u.department_code = d.code
                WHERE d.org_id = \(org)
                ORDER BY d.code
                """, logger: db.logger).collect()
            var items: [DepartmentQuota] = []
            for row in rows {
                let (code, name, n, staffFTE, needed, usedFTE, usedN) = try row.decode((String, String, Int64, Double, Double, Double, Int64).self)
                items.append(DepartmentQuota(departmentName: name, quota: DepartmentReleaseQuota(
                    departmentCode: code, level: lv, staffCount: Int(n), staffFTE: staffFTE, neededFTE: needed,
                    usedFTE: usedFTE, usedPersons: Int(usedN))))
            }
            return QuotaReport(level: lv.rawValue, on: day, items: items)
        }
    }
}
