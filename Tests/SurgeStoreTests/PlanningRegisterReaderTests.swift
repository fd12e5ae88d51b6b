import Foundation
import Logging
import PostgresNIO
import SurgeCore
import SurgeStore
import SurgeTestSupport
import Testing

@Suite struct PlanningRegisterReaderTests {
    /// A small register written by SQL, read back as the scheduling core sees it.
    @Test func snapshotFollowsImplicationsAbsencesPoolAndQuotas() async throws {
        try await TestDatabase.shared.withDatabase { db in
            let l = db.logger
            for sql: PostgresQuery in [
                "INSERT INTO organisation (org_id, name) VALUES ('o', 'O')",
                "INSERT INTO department (org_id, code, name, kind) VALUES ('o', 'RICH', 'Rich', 'amt'), ('o', 'POOR', 'Poor', 'amt')",
                """
                INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group) VALUES
                ('o', 'R1', 'A', 'A', 'RICH', 39, 1, 'employee'), ('o', 'R2', 'B', 'B', 'RICH', 39, 1, 'employee'),
                ('o', 'R3', 'C', 'C', 'RICH', 19.5, 0.5, 'employee'),
                ('o', 'P1', 'D', 'D', 'POOR', 39, 1, 'employee'), ('o', 'P2', 'E', 'E', 'POOR', 39, 1, 'employee')
                """,
                // RICH needs 1 FTE at level 2 (quota 1.5 FTE), POOR needs all it has (quota 0).
                "INSERT INTO regular_task (org_id, department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3) VALUES ('o', 'RICH', 'T', 'T', 'A', 2, 2, 1, 1), ('o', 'POOR', 'T', 'T', 'A', 2, 2, 2, 2)",
                "INSERT INTO competence (org_id, code, name, category, max_level, expires) VALUES ('o', 'C1', 'Führerschein C1', 'driving_licence', NULL, false), ('o', 'B', 'Führerschein B', 'driving_licence', NULL, false), ('o', 'AR', 'Arabisch', 'language', 6, false)",
                "INSERT INTO competence_implication (org_id, code, implied_code) VALUES ('o', 'C1', 'B')",
                "INSERT INTO staff_competence (org_id, personnel_no, competence_code, level) VALUES ('o', 'R1', 'C1', 1), ('o', 'R2', 'AR', 5), ('o', 'P2', 'AR', 3)",
                "INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on) VALUES ('o', 'R2', 'vacation', '2026-11-24', '2026-11-25')",
                "INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, max_hours_week, consent_at) VALUES ('o', 'P2', 'volunteer', '2026-01-01', 20, '2026-01-01')",
            ] {
                try await db.client.query(sql, logger: l)
            }
            let from = LocalDate(year: 2026, month: 11, day: 23)!
            let snap = try await PlanningRegisterReader(db: db).snapshot(org: "o", level: .two, from: from, until: from.adding(days: 6),
                                                                         timeZone: "Europe/Berlin", ruleProfile: "normal")
            let rich = try #require(snap.quotas.first { $0.departmentCode == "RICH" })
            #expect(abs(rich.quotaFTE - 1.5) < 1e-9)
            #expect(snap.quotas.first { $0.departmentCode == "POOR" }?.quotaFTE == 0)

            // POOR releases nobody, but its volunteer comes through the pool.
            #expect(Set(snap.people.map(\.id)) == ["R1", "R2", "R3", "P2"])
            let r1 = try #require(snap.people.first { $0.id == "R1" })
            #expect(Set(r1.competences.map(\.id)) == ["C1", "B"], "C1 implies B")
            let r2 = try #require(snap.people.first { $0.id == "R2" })
            #expect(r2.absences.count == 1)
            // Absence from local midnight of the 24th to local midnight after the 25th: 48 hours.
            #expect(r2.absences.first.map { Int($0.end.timeIntervalSince($0.start).rounded()) } == 48 * 3600)
            #expect(snap.people.first { $0.id == "P2" }?.poolKind == .volunteer)
            #expect(snap.people.first { $0.id == "R3" }?.contractMinutesPerWeek == 1170)
        }
    }
}
