import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Writes a generated demo city into one organisation, all in ONE transaction, with bulk inserts
/// (UNNEST over array binds, in chunks), so that 50,000 staff take seconds.
public struct DemoSeeder: Sendable {
    /// What a seeding run wrote (and deleted first, with `replace`).
    public struct Summary: Sendable, Codable {
        public var org: String
        public var seed: UInt64
        public var today: LocalDate
        public var replaced: Bool
        public var counts: [String: Int]
    }

    let db: Database
    /// Rows per INSERT statement (keeps each bind message moderate).
    let chunkSize: Int

    public init(db: Database, chunkSize: Int = 10_000) {
        self.db = db
        self.chunkSize = max(1, chunkSize)
    }

    /// Refuses (`StoreError.conflict`) when the organisation already has departments, staff or competences,
    /// unless `replace`, which first deletes that organisation's register data in the same transaction
    /// (API tokens bound to its departments or staff go too; the organisation, other tokens and the audit log stay).
    public func seed(org: String, city: DemoCity, options: DemoCityOptions, replace: Bool, actor: AuditActor) async throws -> Summary {
        try options.validate()
        return try await db.transaction { c in
            let log = db.logger
            let existing = try await c.query("""
                SELECT (SELECT count(*) FROM department WHERE org_id = \(org)), (SELECT count(*) FROM staff WHERE org_id = \(org)),
                       (SELECT count(*) FROM competence WHERE org_id = \(org))
                """, logger: log).collect()
            guard let counts = existing.first else { throw StoreError.unavailable("counting the organisation's rows returned nothing") }
            let (departments, staff, competences) = try counts.decode((Int64, Int64, Int64).self)
            let hasData = departments + staff + competences > 0
            if hasData && !replace {
                throw StoreError.conflict("organisation '\(org)' already has data (\(departments) departments, \(staff) staff, \(competences) competences); use --replace to delete it and seed again")
            }
            if hasData { try await deleteRegister(c, org: org, logger: log) }

            try await c.query("""
                INSERT INTO organisation (org_id, name, crisis_level) VALUES (\(org), \(city.organisationName), \(Int16(city.crisisLevel.rawValue)))
                ON CONFLICT (org_id) DO UPDATE SET name = EXCLUDED.name, crisis_level = EXCLUDED.crisis_level, version = organisation.version + 1
                """, logger: log)
            try await insertDepartments(c, org: org, city.departments, logger: log)
            try await insertCompetences(c, org: org, city.competences, logger: log)
            try await insertStaff(c, org: org, city.staff, logger: log)
            try await insertHoldings(c, org: org, city.staffCompetences, logger: log)
            try await insertAbsences(c, org: org, city.absences, logger: log)
            try await insertAvailability(c, org: org, city.availability, logger: log)
            try await insertPool(c, org: org, city.pool, logger: log)
            try await insertTasks(c, org: org, city.tasks, logger: log)
            try await insertSecondments(c, org: org, city.secondments, logger: log)

            let summary = Summary(org: org, seed: options.seed, today: options.today, replaced: hasData, counts: city.counts)
            try await AuditLog.record(c, org: org, actor: actor, action: .import, entity: "demo_seed", key: org, change: summary, logger: log)
            return summary
        }
    }

    /// Deletes the organisation's register data, children first.
    func deleteRegister(_ c: PostgresConnection, org: String, logger: Logger) async throws {
        // Fresh statistics first: right after a bulk load the planner's stale row counts make the
        // per-row foreign-key cascades of `DELETE FROM staff` pick bad plans (50,000 staff: minutes
        // instead of seconds, see BENCHMARKS-register-b.md). ANALYZE is allowed in a transaction.
        try await c.query("ANALYZE staff, staff_competence, absence, availability, pool_membership, secondment, api_token, regular_task, department",
                          logger: logger)
        let statements: [PostgresQuery] = [
            "DELETE FROM secondment WHERE org_id = \(org)",
            "DELETE FROM availability WHERE org_id = \(org)",
            "DELETE FROM absence WHERE org_id = \(org)",
            "DELETE FROM pool_membership WHERE org_id = \(org)",
            "DELETE FROM staff_competence WHERE org_id = \(org)",
            "DELETE FROM regular_task WHERE org_id = \(org)",
            "DELETE FROM api_token WHERE org_id = \(org) AND (department_code IS NOT NULL OR personnel_no IS NOT NULL)",
            "DELETE FROM staff WHERE org_id = \(org)",
            "DELETE FROM competence_implication WHERE org_id = \(org)",
            "DELETE FROM competence WHERE org_id = \(org)",
            "DELETE FROM department WHERE org_id = \(org)",
        ]
        for s in statements { try await c.query(s, logger: logger) }
    }

    func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: chunkSize).map { items[$0..<min($0 + chunkSize, items.count)] }
    }

    func insertDepartments(_ c: PostgresConnection, org: String, _ items: [Department], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO department (org_id, code, name, kind, parent_code)
                SELECT \(org), u.code, u.name, u.kind, NULLIF(u.parent, '')
                FROM unnest(\(part.map(\.code))::text[], \(part.map(\.name))::text[], \(part.map(\.kind.rawValue))::text[],
                            \(part.map { $0.parentCode ?? "" })::text[]) AS u(code, name, kind, parent)
                """, logger: logger)
        }
    }

    func insertCompetences(_ c: PostgresConnection, org: String, _ items: [CompetenceDefinition], logger: Logger) async throws {
        try await c.query("""
            INSERT INTO competence (org_id, code, name, category, max_level, expires)
            SELECT \(org), u.code, u.name, u.category, NULLIF(u.max_level, 0), u.expires
            FROM unnest(\(items.map(\.code))::text[], \(items.map(\.name))::text[], \(items.map(\.category.rawValue))::text[],
                        \(items.map { Int16($0.maxLevel ?? 0) })::int2[], \(items.map(\.expires))::bool[]) AS u(code, name, category, max_level, expires)
            """, logger: logger)
        let pairs = items.flatMap { c in c.implies.map { (c.code, $0) } }
        if !pairs.isEmpty {
            try await c.query("""
                INSERT INTO competence_implication (org_id, code, implied_code)
                SELECT \(org), u.code, u.implied FROM unnest(\(pairs.map(\.0))::text[], \(pairs.map(\.1))::text[]) AS u(code, implied)
                """, logger: logger)
        }
    }

    func insertStaff(_ c: PostgresConnection, org: String, _ items: [StaffMember], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group, rule_profile, email, phone)
                SELECT \(org), u.pno, u.first, u.last, u.dept, u.hours::numeric, u.fte::numeric, u.status, u.profile, NULLIF(u.email, ''), NULLIF(u.phone, '')
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.firstName))::text[], \(part.map(\.lastName))::text[],
                            \(part.map(\.departmentCode))::text[], \(part.map(\.contractHoursWeek))::float8[], \(part.map(\.fte))::float8[],
                            \(part.map(\.statusGroup.rawValue))::text[], \(part.map(\.ruleProfile))::text[], \(part.map { $0.email ?? "" })::text[],
                            \(part.map { $0.phone ?? "" })::text[])
                     AS u(pno, first, last, dept, hours, fte, status, profile, email, phone)
                """, logger: logger)
        }
    }

    func insertHoldings(_ c: PostgresConnection, org: String, _ items: [StaffCompetence], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO staff_competence (org_id, personnel_no, competence_code, level, valid_from, valid_until, verified_by, verified_at)
                SELECT \(org), u.pno, u.code, u.level, COALESCE(NULLIF(u.vfrom, '')::date, DATE '1900-01-01'), NULLIF(u.vuntil, '')::date,
                       NULLIF(u.vby, ''), NULLIF(u.vat, '')::date
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.competenceCode))::text[], \(part.map { Int16($0.level) })::int2[],
                            \(part.map { $0.validFrom?.iso ?? "" })::text[], \(part.map { $0.validUntil?.iso ?? "" })::text[],
                            \(part.map { $0.verifiedBy ?? "" })::text[], \(part.map { $0.verifiedAt?.iso ?? "" })::text[])
                     AS u(pno, code, level, vfrom, vuntil, vby, vat)
                """, logger: logger)
        }
    }

    func insertAbsences(_ c: PostgresConnection, org: String, _ items: [Absence], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on)
                SELECT \(org), u.pno, u.category, u.s::date, u.e::date
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.category.rawValue))::text[], \(part.map(\.startsOn.iso))::text[],
                            \(part.map(\.endsOn.iso))::text[]) AS u(pno, category, s, e)
                """, logger: logger)
        }
    }

    func insertAvailability(_ c: PostgresConnection, org: String, _ items: [DemoCity.Availability], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO availability (org_id, personnel_no, weekday, start_time, end_time)
                SELECT \(org), u.pno, u.w, u.s::time, u.e::time
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map { Int16($0.window.weekday) })::int2[],
                            \(part.map { AvailabilityRepository.clock($0.window.startMinute) })::text[],
                            \(part.map { AvailabilityRepository.clock($0.window.endMinute) })::text[]) AS u(pno, w, s, e)
                """, logger: logger)
        }
    }

    func insertPool(_ c: PostgresConnection, org: String, _ items: [PoolMembership], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, valid_until, max_hours_week, released_by, consent_at, lending_org)
                SELECT \(org), u.pno, u.kind, u.vfrom::date, NULLIF(u.vuntil, '')::date, u.hours::numeric, NULLIF(u.rby, ''),
                       NULLIF(u.consent, '')::date, NULLIF(u.lending, '')
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.kind.rawValue))::text[], \(part.map(\.validFrom.iso))::text[],
                            \(part.map { $0.validUntil?.iso ?? "" })::text[], \(part.map(\.maxHoursWeek))::float8[],
                            \(part.map { $0.releasedBy ?? "" })::text[], \(part.map { $0.consentAt?.iso ?? "" })::text[],
                            \(part.map { $0.lendingOrg ?? "" })::text[]) AS u(pno, kind, vfrom, vuntil, hours, rby, consent, lending)
                """, logger: logger)
        }
    }

    func insertTasks(_ c: PostgresConnection, org: String, _ items: [RegularTask], logger: Logger) async throws {
        func level(_ t: RegularTask, _ l: Int) -> Double { l < t.fteByLevel.count ? t.fteByLevel[l] : 0 }
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO regular_task (org_id, department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3)
                SELECT \(org), u.dept, u.code, u.name, u.cls, u.f0::numeric, u.f1::numeric, u.f2::numeric, u.f3::numeric
                FROM unnest(\(part.map(\.departmentCode))::text[], \(part.map(\.code))::text[], \(part.map(\.name))::text[],
                            \(part.map(\.priorityClass.rawValue))::text[], \(part.map { level($0, 0) })::float8[], \(part.map { level($0, 1) })::float8[],
                            \(part.map { level($0, 2) })::float8[], \(part.map { level($0, 3) })::float8[]) AS u(dept, code, name, cls, f0, f1, f2, f3)
                """, logger: logger)
        }
    }

    func insertSecondments(_ c: PostgresConnection, org: String, _ items: [Secondment], logger: Logger) async throws {
        for part in chunks(items) {
            try await c.query("""
                INSERT INTO secondment (org_id, personnel_no, starts_on, ends_on, fte, note)
                SELECT \(org), u.pno, u.s::date, u.e::date, u.fte::numeric, NULLIF(u.note, '')
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.startsOn.iso))::text[], \(part.map(\.endsOn.iso))::text[],
                            \(part.map(\.fte))::float8[], \(part.map { $0.note ?? "" })::text[]) AS u(pno, s, e, fte, note)
                """, logger: logger)
        }
    }
}
