import Logging
import PostgresNIO

/// The competences a shift requires of everyone on it that a person does not hold on the shift's
/// day (crisis time zone), with implications followed and level caps applied as in the competence
/// search. Used where a person reaches a shift without the solver: a manual change, and the
/// confirmation, which must hold even when a holding lapsed after the proposal.
enum RequiredCompetenceCheck {
    struct Missing: Sendable, Equatable {
        var competence: String
        var minimumLevel: Int
        var description: String { minimumLevel > 1 ? "\(competence) (level ≥ \(minimumLevel))" : competence }
    }

    static func missing(_ c: PostgresConnection, org: String, personnelNo: String, demand: Int64, logger: Logger) async throws -> [Missing] {
        var result: [Missing] = []
        for try await (code, level) in try await c.query("""
            WITH RECURSIVE need AS (
                SELECT r->>'competence' AS code, COALESCE((r->>'minimumLevel')::int, 1) AS min_level
                FROM shift_demand d, jsonb_array_elements(d.requirements) r
                WHERE d.org_id = \(org) AND d.demand_id = \(demand)
            ), granting (need_code, code, cap) AS (
                SELECT n.code, c.code, COALESCE(c.max_level, 1)::int
                FROM need n JOIN competence c ON c.org_id = \(org) AND c.code = n.code
                UNION
                SELECT g.need_code, i.code, LEAST(g.cap, COALESCE(c.max_level, 1))::int
                FROM granting g
                JOIN competence_implication i ON i.org_id = \(org) AND i.implied_code = g.code
                JOIN competence c ON c.org_id = i.org_id AND c.code = i.code
            ), shift_day AS (
                SELECT (lower(d.period) AT TIME ZONE k.time_zone)::date AS on_day
                FROM shift_demand d JOIN crisis k ON k.org_id = d.org_id AND k.crisis_id = d.crisis_id
                WHERE d.org_id = \(org) AND d.demand_id = \(demand)
            )
            SELECT n.code, n.min_level::int8 FROM need n
            WHERE NOT EXISTS (
                SELECT 1 FROM granting g
                JOIN staff_competence h ON h.org_id = \(org) AND h.personnel_no = \(personnelNo) AND h.competence_code = g.code
                CROSS JOIN shift_day s
                WHERE g.need_code = n.code AND LEAST(h.level, g.cap) >= n.min_level
                  AND h.valid_from <= s.on_day AND (h.valid_until IS NULL OR h.valid_until >= s.on_day))
            ORDER BY n.code
            """, logger: logger).decode((String, Int64).self) {
            result.append(Missing(competence: code, minimumLevel: Int(level)))
        }
        return result
    }
}
