import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Coverage of one task on one day.
public struct CoverageRow: Codable, Sendable {
    public var task: String
    public var day: String
    public var shifts: Int
    public var minimum: Int
    public var target: Int
    public var assigned: Int
    public var shiftsBelowMinimum: Int
}

/// FTE a department gives on a day against its release quota, and what it pauses.
public struct DepartmentSecondmentRow: Codable, Sendable {
    public var department: String
    public var secondedPersons: Int
    public var secondedFTE: Double
    public var quotaPersons: Int
    public var quotaFTE: Double
    public var overQuota: Bool
    /// Regular tasks that need no FTE at this crisis level although they do normally.
    public var pausedTasks: [String]
}

/// A report as rows; `csv` renders the same rows (`;`-separated, like every export).
public protocol CSVRows { static var csvHeader: [String] { get }; var csvFields: [String] { get } }

extension CoverageRow: CSVRows {
    public static let csvHeader = ["task", "day", "shifts", "minimum", "target", "assigned", "shifts_below_minimum"]
    public var csvFields: [String] { [task, day, String(shifts), String(minimum), String(target), String(assigned), String(shiftsBelowMinimum)] }
}

extension DepartmentSecondmentRow: CSVRows {
    public static let csvHeader = ["department", "seconded_persons", "seconded_fte", "quota_persons", "quota_fte", "over_quota", "paused_tasks"]
    public var csvFields: [String] {
        [department, String(secondedPersons), String(secondedFTE), String(quotaPersons), String(quotaFTE), overQuota ? "yes" : "no", pausedTasks.joined(separator: ",")]
    }
}

extension PersonLoadFigures: CSVRows {
    public static let csvHeader = ["personnel_no", "hours_7_days", "hours_28_days", "nights_28_days", "longest_run_days", "relaxed_rules", "close_to_limit"]
    public var csvFields: [String] {
        [personnelNo, String(format: "%.1f", Double(minutesLast7Days) / 60), String(format: "%.1f", Double(minutesLast28Days) / 60), String(nightsLast28Days),
         String(longestRunOfDays), relaxedRules.joined(separator: ","), closeToLimit.joined(separator: ",")]
    }
}

public enum ReportCSV {
    public static func render<R: CSVRows>(_ rows: [R]) -> String {
        CSVWriter.line(R.csvHeader) + rows.map { CSVWriter.line($0.csvFields) }.joined()
    }
}

/// Reports for the crisis staff, leadership and the staff council.
public struct CrisisReportRepository: Sendable {
    let db: Database
    let catalogue: RuleProfileCatalogue
    public init(db: Database, catalogue: RuleProfileCatalogue) { self.db = db; self.catalogue = catalogue }

    public func coverage(org: String, crisis: Int64) async throws -> [CoverageRow] {
        try await db.read { c in
            let k = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            return try await c.query("""
                SELECT d.task_code, ((lower(d.period) AT TIME ZONE \(k.timeZone))::date)::text AS day, count(*)::int8,
                       sum(d.headcount_min)::int8, sum(d.headcount_target)::int8, coalesce(sum(a.n), 0)::int8,
                       count(*) FILTER (WHERE coalesce(a.n, 0) < d.headcount_min)::int8
                FROM shift_demand d
                LEFT JOIN (SELECT demand_id, count(*) AS n FROM assignment WHERE org_id = \(org) AND crisis_id = \(crisis) AND status <> 'cancelled'
                           GROUP BY demand_id) a ON a.demand_id = d.demand_id
                WHERE d.org_id = \(org) AND d.crisis_id = \(crisis)
                GROUP BY 1, 2 ORDER BY 2, 1
                """, logger: db.logger).collect().map { row in
                let (task, day, shifts, mn, tg, assigned, below) = try row.decode((String, String, Int64, Int64, Int64, Int64, Int64).self)
                return CoverageRow(task: task, day: day, shifts: Int(shifts), minimum: Int(mn), target: Int(tg), assigned: Int(assigned), shiftsBelowMinimum: Int(below))
            }
        }
    }

    /// Per department on `day`: people and FTE seconded to the crisis (pool members excluded: they
    /// are released already) against the quota at the crisis level, and the paused regular tasks.
    public func departments(org: String, crisis: Int64, day: LocalDate) async throws -> [DepartmentSecondmentRow] {
        let k = try await CrisisRepository(db: db, catalogue: catalogue).get(org: org, id: crisis)
        let quotas = try await ReleaseQuotaRepository(db: db).report(org: org, level: CrisisLevel(rawValue: k.level), on: day)
        return try await db.read { c in
            var seconded: [String: (Int, Double)] = [:]
            for row in try await c.query("""
                SELECT s.department_code, count(*)::int8, coalesce(sum(s.fte), 0)::float8 FROM staff s
                WHERE s.org_id = \(org) AND s.personnel_no IN (
                    SELECT a.personnel_no FROM assignment a WHERE a.org_id = \(org) AND a.crisis_id = \(crisis) AND a.status <> 'cancelled'
                      AND (lower(a.period) AT TIME ZONE \(k.timeZone))::date = \(day.iso)::date)
                  AND NOT EXISTS (SELECT 1 FROM pool_membership pm WHERE pm.org_id = s.org_id AND pm.personnel_no = s.personnel_no
                      AND pm.valid_from <= \(day.iso)::date AND (pm.valid_until IS NULL OR pm.valid_until >= \(day.iso)::date))
                GROUP BY s.department_code
                """, logger: db.logger).collect() {
                let (d, n, fte) = try row.decode((String, Int64, Double).self)
                seconded[d] = (Int(n), fte)
            }
            var paused: [String: [String]] = [:]
            for row in try await c.query("""
                SELECT department_code, code FROM regular_task WHERE org_id = \(org) AND fte_level0 > 0
                  AND (CASE \(k.level)::int WHEN 0 THEN fte_level0 WHEN 1 THEN fte_level1 WHEN 2 THEN fte_level2 ELSE fte_level3 END) = 0
                ORDER BY code
                """, logger: db.logger).collect() {
                let (d, code) = try row.decode((String, String).self)
                paused[d, default: []].append(code)
            }
            return quotas.items.compactMap { q -> DepartmentSecondmentRow? in
                let s = seconded[q.quota.departmentCode]
                guard s != nil || paused[q.quota.departmentCode] != nil else { return nil }
                let persons = s?.0 ?? 0, fte = ((s?.1 ?? 0) * 1000).rounded() / 1000
                return DepartmentSecondmentRow(department: q.quota.departmentCode, secondedPersons: persons, secondedFTE: fte, quotaPersons: q.quota.quotaPersons,
                                               quotaFTE: q.quota.quotaFTE, overQuota: persons > q.quota.quotaPersons || fte > q.quota.quotaFTE + 1e-9,
                                               pausedTasks: paused[q.quota.departmentCode] ?? [])
            }
        }
    }

    /// Load per person deployed in the crisis, as of `at`.
    public func load(org: String, crisis: Int64, at: Date) async throws -> [PersonLoadFigures] {
        let k = try await CrisisRepository(db: db, catalogue: catalogue).get(org: org, id: crisis)
        let normal = catalogue.profiles["normal"] ?? RuleProfile.arbZGNormal(id: "normal")
        let shifts: [String: [LoadShift]] = try await db.read { c in
            var out: [String: [LoadShift]] = [:]
            for row in try await c.query("""
                SELECT a.personnel_no, a.assignment_id, d.kind, lower(a.period), upper(a.period), t.worked_minutes FROM assignment a
                JOIN shift_demand d ON d.org_id = a.org_id AND d.demand_id = a.demand_id
                LEFT JOIN time_record t ON t.org_id = a.org_id AND t.assignment_id = a.assignment_id
                WHERE a.org_id = \(org) AND a.status <> 'cancelled' AND a.period && tstzrange(\(at.addingTimeInterval(-28 * 86400)), \(at.addingTimeInterval(28 * 86400)), '[)')
                  AND a.personnel_no IN (SELECT personnel_no FROM assignment WHERE org_id = \(org) AND crisis_id = \(crisis) AND status <> 'cancelled')
                """, logger: db.logger).collect() {
                let (p, id, kind, s, e, worked) = try row.decode((String, Int64, String, Date, Date, Int32?).self)
                out[p, default: []].append(LoadShift(shift: HeldShift(id: "a\(id)", kind: kind, start: s, end: e), recordedMinutes: worked.map(Int.init)))
            }
            return out
        }
        return try shifts.keys.sorted().map { p in
            try PersonLoadFigures.compute(personnelNo: p, shifts: shifts[p]!, at: at, profile: k.rules, normal: normal, timeZone: k.timeZone)
        }
    }
}
