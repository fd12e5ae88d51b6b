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
        let rows = try await db.read { c in
            try await c.query("""
                WITH RECURSIVE granting (code, cap) AS (
                    SELECT c.code, COALESCE(c.max_level, 1)::int FROM competence c WHERE c.org_id = \(org) AND c.code = \(query.competenceCode)
                    UNION
                    SELECT i.code, LEAST(g.cap, COALESCE(c.max_level, 1))::int
                    FROM competence_implication i
                    JOIN granting g ON i.implied_code = g.code
                    JOIN competence c ON c.org_id = i.org_id AND c.code = i.code
                    WHERE i.org_id = \(org)
                ),
                sub AS (
                    SELECT code FROM department WHERE org_id = \(org) AND code = \(root)
                    UNION SELECT d.code FROM department d JOIN sub ON d.parent_code = sub.code AND d.org_id = \(org)
                ),
                absent AS (
                    SELECT DISTINCT a.personnel_no FROM absence a
                    WHERE a.org_id = \(org) AND \(from)::date IS NOT NULL
                      AND daterange(a.starts_on, a.ends_on, '[]') && daterange(\(from)::date, \(until)::date, '[]')
                ),
                pooled AS (
                    SELECT DISTINCT p.personnel_no FROM pool_membership p
                    WHERE p.org_id = \(org) AND p.valid_from <= \(day)::date AND (p.valid_until IS NULL OR p.valid_until >= \(day)::date)
                ),
                held AS (
                    SELECT h.personnel_no, LEAST(h.level, g.cap) AS level, h.competence_code
                    FROM staff_competence h JOIN granting g ON h.competence_code = g.code
                    WHERE h.org_id = \(org) AND h.valid_from <= \(day)::date AND (h.valid_until IS NULL OR h.valid_until >= \(day)::date)
                      AND LEAST(h.level, g.cap) >= \(query.minLevel) AND h.personnel_no > \(after)
                ),
                best AS (
                    SELECT DISTINCT ON (personnel_no) personnel_no, level, competence_code FROM held
                    WHERE personnel_no NOT IN (SELECT personnel_no FROM absent)
                    ORDER BY personnel_no, level DESC, competence_code <> \(query.competenceCode), competence_code
                )
                SELECT b.personnel_no, s.first_name, s.last_name, s.department_code, b.level, b.competence_code,
                       b.personnel_no IN (SELECT personnel_no FROM pooled)
                FROM best b JOIN staff s ON s.org_id = \(org) AND s.personnel_no = b.personnel_no
                WHERE (NOT \(query.poolOnly) OR b.personnel_no IN (SELECT personnel_no FROM pooled))
                  AND (\(root)::text IS NULL OR s.department_code IN (SELECT code FROM sub))
                ORDER BY b.personnel_no
                LIMIT \(query.limit + 1)
                """, logger: db.logger).collect()
        }
        var items: [CompetenceMatch] = []
        items.reserveCapacity(rows.count)
        for row in rows {
            let (pno, first, last, dept, level, via, inPool) = try row.decode((String, String, String, String, Int32, String, Bool).self)
            items.append(CompetenceMatch.make(personnelNo: pno, firstName: first, lastName: last, departmentCode: dept,
                                         level: Int(level), viaCompetence: via, inPool: inPool))
        }
        let more = items.count > query.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.personnelNo : nil)
    }
}
