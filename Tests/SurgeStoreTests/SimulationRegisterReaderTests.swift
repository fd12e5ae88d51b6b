import Foundation
import Logging
import PostgresNIO
import SurgeCore
import SurgeStore
import SurgeTestSupport
import Testing

@Suite struct SimulationRegisterReaderTests {
    /// A scenario on the register in the database: departments keep their needs per level, staff
    /// of a department with no quota are never deployed, its volunteer is; hours add up.
    @Test func simulationRunsOnTheDatabaseRegister() async throws {
        try await TestDatabase.shared.withDatabase { db in
            let l = db.logger
            for sql: PostgresQuery in [
                "INSERT INTO organisation (org_id, name) VALUES ('o', 'O')",
                "INSERT INTO department (org_id, code, name, kind) VALUES ('o', 'RICH', 'Rich', 'amt'), ('o', 'POOR', 'Poor', 'amt')",
                """
                INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group) VALUES
                ('o', 'R1', 'A', 'A', 'RICH', 39, 1, 'employee'), ('o', 'R2', 'B', 'B', 'RICH', 39, 1, 'employee'),
                ('o', 'R3', 'C', 'C', 'RICH', 39, 1, 'employee'), ('o', 'R4', 'C', 'C', 'RICH', 39, 1, 'employee'),
                ('o', 'P1', 'D', 'D', 'POOR', 39, 1, 'employee'), ('o', 'P2', 'E', 'E', 'POOR', 39, 1, 'employee')
                """,
                // RICH needs 1 FTE at level 2 and 3 at level 3; POOR needs all it has.
                "INSERT INTO regular_task (org_id, department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3) VALUES ('o', 'RICH', 'T', 'T', 'A', 3, 3, 1, 3), ('o', 'POOR', 'T', 'T', 'A', 2, 2, 2, 2)",
                "INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, max_hours_week, consent_at) VALUES ('o', 'P2', 'volunteer', '2026-01-01', 20, '2026-01-01')",
            ] {
                try await db.client.query(sql, logger: l)
            }
            let scenario = SimulationScenario(
                name: "db", base: .database(organisation: "o"), startDay: LocalDate(year: 2026, month: 11, day: 23)!, days: 3, horizonDays: 2,
                moveBudget: 2000, level: 2, ruleProfiles: [ProfilePeriod(day: 0, profile: "normal")], absences: AbsenceModel(sicknessPerWeek: 0),
                tasks: [SimulatedTask(code: "hotline", name: "Hotline", priority: 1,
                                      shifts: [CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 1, target: 3)])])
            let register = try await SimulationRegisterReader(db: db).register(org: "o", scenario: scenario)
            #expect(Set(register.people.map(\.id)) == ["R1", "R2", "R3", "R4", "P2"])
            let rich = try #require(register.departments.first { $0.code == "RICH" })
            #expect(rich.staffCount == 4)
            #expect(rich.neededFTE[2] == 1)
            #expect(rich.neededFTE[3] == 1, "level 3 is never reached: it takes the needs of level 2")

            let run = try SimulationEngine(scenario: scenario, register: register, profiles: ["normal": .arbZGNormal(id: "normal")], seed: 1).run()
            let worked = run.days.flatMap(\.worked)
            #expect(!worked.isEmpty)
            #expect(!worked.contains { $0.person == "P1" }, "POOR has no quota: its staff outside the pool stay")
            // RICH may give 3 people a day (4 present, 1 FTE needed).
            for day in run.days {
                #expect(day.worked.filter { $0.person.hasPrefix("R") }.count <= 3)
                #expect(day.departments.first { $0.code == "RICH" }?.quotaPersons == 3)
            }
            let report = SimulationReport(run: run)
            #expect(report.summary.hoursWorked == Double(worked.count * 8))
        }
    }
}
