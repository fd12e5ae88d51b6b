import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// "Who has competence X (implied ones included) at level ≥ L on day D, not absent in period P,
/// optionally only pool members": the query allocation builds on.
///
/// Implications are followed transitively backwards from X: every competence whose holding
/// grants X. The level a holding grants is the holder's level capped at the `max_level` of every
/// competence on the way (a competence without levels caps at 1).
///
/// Two statements on one connection: the granting codes with their caps (tiny), then the page.
/// The page walks holdings in personnel-number order (index `staff_competence_person`, SQL/0002)
/// and stops at the page size, so a common competence costs no more than a rare one; absences and
/// pool membership are hashed sets probed per holding (see BENCHMARKS-register-a.md).
public struct CompetenceSearch: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// One page of matches ordered by personnel number (the cursor is `afterPersonnelNo`).
    /// `department` restricts the result to that department's subtree (a department head's view).
    public func search(org: String, _ query: CompetenceQuery, department root: String? = nil) async throws -> Page<CompetenceMatch> {
        try query.validate()
        let after = query.afterPersonnelNo ?? ""
        let from = query.availableFrom?.iso
        let until = query.availableUntil?.iso
        let day = query.validOn.iso
        let rows = try await db.read { c -> [PostgresRow] in
            // Codes whose holding grants the searched one, with the level cap of the best path.
            var codes: [String] = []
            var caps: [Int] = []
            for try await (code, cap) in try await c.query("""
                WITH RECURSIVE granting (code, cap) AS (
                    SELECT c.code, COALESCE(c.max_level, 1)::int FROM competence c WHERE c.org_id = \(org) AND c.code = \(query.competenceCode)
                    UNION
                    SELECT i.code, LEAST(g.cap, COALESCE(c.max_level, 1))::int
                    FROM competence_implication i
                    JOIN granting g ON i.implied_code = g.code
                    JOIN competence c ON c.org_id = i.org_id AND c.code = i.code
                    WHERE i.org_id = \(org)
                )
                SELECT code, max(cap)::int8 FROM granting GROUP BY code ORDER BY code
                """, logger: db.logger).decode((String, Int64).self) where cap >= Int64(query.minLevel) {
                codes.append(code)
                caps.append(Int(cap))
            }
            guard !codes.isEmpty else { return [] }
            var departments: [String]?
            if let root { departments = Array(try await DepartmentRepository.subtree(c, org: org, root: root, logger: db.logger)) }
            return try await c.query("""
                SELECT b.personnel_no, s.first_name, s.last_name, s.department_code, b.level,
                       (SELECT h2.competence_code FROM staff_competence h2
                        WHERE h2.org_id = \(org) AND h2.personnel_no = b.personnel_no AND h2.competence_code = ANY(\(codes)::text[])
                          AND h2.valid_from <= \(day)::date AND (h2.valid_until IS NULL OR h2.valid_until >= \(day)::date)
                          AND LEAST(h2.level, (\(caps)::int8[])[array_position(\(codes)::text[], h2.competence_code)]) = b.level
                        ORDER BY h2.competence_code <> \(query.competenceCode), h2.competence_code LIMIT 1),
                       b.personnel_no IN (SELECT p.personnel_no FROM pool_membership p WHERE p.org_id = \(org)
                                          AND p.valid_from <= \(day)::date AND (p.valid_until IS NULL OR p.valid_until >= \(day)::date))
                FROM (
                    SELECT h.personnel_no, max(LEAST(h.level, (\(caps)::int8[])[array_position(\(codes)::text[], h.competence_code)])) AS level
                    FROM staff_competence h
                    WHERE h.org_id = \(org) AND h.competence_code = ANY(\(codes)::text[]) AND h.level >= \(query.minLevel)
                      AND h.valid_from <= \(day)::date AND (h.valid_until IS NULL OR h.valid_until >= \(day)::date)
                      AND h.personnel_no > \(after)
                      AND h.personnel_no NOT IN (
                          SELECT a.personnel_no FROM absence a
                          WHERE a.org_id = \(org) AND \(from)::date IS NOT NULL
                            AND a.ends_on >= \(from)::date AND a.starts_on <= \(until)::date)
                      AND (NOT \(query.poolOnly) OR h.personnel_no IN (
                          SELECT p.personnel_no FROM pool_membership p WHERE p.org_id = \(org)
                            AND p.valid_from <= \(day)::date AND (p.valid_until IS NULL OR p.valid_until >= \(day)::date)))
                      AND (\(departments)::text[] IS NULL OR h.personnel_no IN (
                          SELECT s2.personnel_no FROM staff s2 WHERE s2.org_id = \(org) AND s2.department_code = ANY(\(departments)::text[])))
                    GROUP BY h.personnel_no
                    ORDER BY h.personnel_no
                    LIMIT \(query.limit + 1)
                ) b
                JOIN staff s ON s.org_id = \(org) AND s.personnel_no = b.personnel_no
                ORDER BY b.personnel_no
                """, logger: db.logger).collect()
        }
        var items: [CompetenceMatch] = []
        items.reserveCapacity(rows.count)
        for row in rows {
            let (pno, first, last, dept, level, via, inPool) = try row.decode((String, String, String, String, Int64, String?, Bool).self)
            items.append(CompetenceMatch.make(personnelNo: pno, firstName: first, lastName: last, departmentCode: dept,
                                              level: Int(level), viaCompetence: via ?? query.competenceCode, inPool: inPool))
        }
        let more = items.count > query.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.personnelNo : nil)
    }
}
