import Foundation
import Logging
import PostgresNIO
import SurgeCore
import SurgeStore
import SurgeTestSupport
import Testing

@Suite struct DemoSeedTests {
    static let today = LocalDate(year: 2026, month: 3, day: 16)!

    /// Row counts and checksums of a canonical dump of the seeded organisation.
    struct Fingerprint: Equatable, Sendable {
        var counts: [String: Int64]
        var staffChecksum: String
        var holdingsChecksum: String
        var poolChecksum: String
        var tasksChecksum: String
    }

    static func seed(_ db: Database, seed: UInt64, staff: Int = 2000, org: String = "demo", replace: Bool = false) async throws -> DemoSeeder.Summary {
        let options = DemoCityOptions(seed: seed, staffCount: staff, today: today)
        return try await DemoSeeder(db: db).seed(org: org, city: DemoCityGenerator(options: options).generate(), options: options,
                                                 replace: replace, actor: .system)
    }

    static func scalar(_ db: Database, _ query: PostgresQuery) async throws -> String {
        let rows = try await db.client.query(query, logger: db.logger).collect()
        guard let row = rows.first else { return "" }
        return try row.decode(String?.self) ?? ""
    }

    static func fingerprint(_ db: Database, org: String = "demo") async throws -> Fingerprint {
        var counts: [String: Int64] = [:]
        for table in ["department", "competence", "competence_implication", "staff", "staff_competence", "absence", "availability",
                      "pool_membership", "regular_task", "secondment"] {
            let rows = try await db.client.query("SELECT count(*) FROM \(unescaped: table) WHERE org_id = \(org)", logger: db.logger).collect()
            counts[table] = try rows.first?.decode(Int64.self) ?? -1
        }
        return Fingerprint(
            counts: counts,
            staffChecksum: try await scalar(db, """
                SELECT md5(string_agg(concat_ws('|', personnel_no, first_name, last_name, department_code, contract_hours_week, fte,
                                                status_group, rule_profile, email), E'\\n' ORDER BY personnel_no))
                FROM staff WHERE org_id = \(org)
                """),
            holdingsChecksum: try await scalar(db, """
                SELECT md5(string_agg(concat_ws('|', personnel_no, competence_code, level, valid_from, valid_until, verified_by, verified_at),
                                      E'\\n' ORDER BY personnel_no, competence_code))
                FROM staff_competence WHERE org_id = \(org)
                """),
            poolChecksum: try await scalar(db, """
                SELECT md5(string_agg(concat_ws('|', personnel_no, kind, valid_from, valid_until, max_hours_week, released_by, consent_at, lending_org),
                                      E'\\n' ORDER BY personnel_no, valid_from))
                FROM pool_membership WHERE org_id = \(org)
                """),
            tasksChecksum: try await scalar(db, """
                SELECT md5(string_agg(concat_ws('|', department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3),
                                      E'\\n' ORDER BY department_code, code))
                FROM regular_task WHERE org_id = \(org)
                """))
    }

    @Test func sameSeedGivesIdenticalDatabasesOtherSeedDiffers() async throws {
        let first = try await TestDatabase.shared.withDatabase { db in
            _ = try await Self.seed(db, seed: 7)
            return try await Self.fingerprint(db)
        }
        let second = try await TestDatabase.shared.withDatabase { db in
            _ = try await Self.seed(db, seed: 7)
            return try await Self.fingerprint(db)
        }
        let other = try await TestDatabase.shared.withDatabase { db in
            _ = try await Self.seed(db, seed: 8)
            return try await Self.fingerprint(db)
        }
        #expect(first == second)
        #expect(first.staffChecksum.count == 32)
        #expect(first.staffChecksum != other.staffChecksum)
        #expect(first.holdingsChecksum != other.holdingsChecksum)

        // Sizes of the default city.
        #expect(first.counts["staff"] == 2000)
        #expect(first.counts["department"] == 40)
        #expect((55...65).contains(first.counts["competence"] ?? 0))
        #expect((250...350).contains(first.counts["pool_membership"] ?? 0))
        #expect((first.counts["staff_competence"] ?? 0) > 5000)
        #expect((first.counts["absence"] ?? 0) > 200)
        #expect((first.counts["availability"] ?? 0) > 100)
        #expect((first.counts["competence_implication"] ?? 0) >= 5)
    }

    @Test func refusesAnOrganisationWithDataUnlessReplace() async throws {
        try await TestDatabase.shared.withDatabase { db in
            _ = try await Self.seed(db, seed: 1, staff: 300)
            let before = try await Self.fingerprint(db)
            let error = await #expect(throws: StoreError.self) { _ = try await Self.seed(db, seed: 2, staff: 300) }
            #expect(String(describing: error).contains("--replace"))
            #expect(try await Self.fingerprint(db) == before, "a refused seed changes nothing")

            // A department-head token on the old data goes with it; the organisation-wide one stays.
            try await db.client.query("""
                INSERT INTO api_token (org_id, name, role, department_code, token_hash) VALUES
                ('demo', 'head', 'department_head', 'A10', '\\x01'::bytea), ('demo', 'admin', 'admin', NULL, '\\x02'::bytea)
                """, logger: db.logger)
            let summary = try await Self.seed(db, seed: 2, staff: 300, replace: true)
            #expect(summary.replaced)
            let after = try await Self.fingerprint(db)
            #expect(after.counts["staff"] == 300)
            #expect(after.staffChecksum != before.staffChecksum)
            let tokens = try await Self.scalar(db, "SELECT string_agg(name, ',' ORDER BY name) FROM api_token WHERE org_id = 'demo'")
            #expect(tokens == "admin")
            // Each seeding wrote one audit entry in its transaction; the refused one none.
            let audits = try await Self.scalar(db, "SELECT count(*)::text FROM audit_log WHERE org_id = 'demo' AND action = 'import' AND entity = 'demo_seed'")
            #expect(audits == "2")
            // Another organisation is untouched by a replace of `demo`.
            _ = try await Self.seed(db, seed: 3, staff: 200, org: "other")
            _ = try await Self.seed(db, seed: 4, staff: 200, replace: true)
            #expect(try await Self.fingerprint(db, org: "other").counts["staff"] == 200)
        }
    }

    /// The quota report against an independent recomputation in Swift from the raw rows.
    @Test func quotasMatchAnIndependentRecomputation() async throws {
        try await TestDatabase.shared.withDatabase { db in
            _ = try await Self.seed(db, seed: 11)
            let day = Self.today
            for level in CrisisLevel.allCases {
                let report = try await ReleaseQuotaRepository(db: db).report(org: "demo", level: level, on: day)
                #expect(report.items.count == 40)
                let expected = try await Self.recompute(db, level: level.rawValue, on: day)
                for line in report.items {
                    let q = line.quota
                    guard let e = expected[q.departmentCode] else { Issue.record("no recomputation for \(q.departmentCode)"); continue }
                    #expect(q.staffCount == e.count, "\(q.departmentCode) staffCount")
                    #expect(abs(q.staffFTE - e.staffFTE) < 0.0006, "\(q.departmentCode) staffFTE \(q.staffFTE) vs \(e.staffFTE)")
                    #expect(abs(q.neededFTE - e.needed) < 0.0006, "\(q.departmentCode) neededFTE")
                    #expect(abs(q.quotaFTE - max(0, e.staffFTE - e.needed)) < 0.0006, "\(q.departmentCode) quotaFTE")
                    #expect(abs(q.usedFTE - e.used) < 0.0006, "\(q.departmentCode) usedFTE")
                    #expect(q.usedPersons == e.usedPersons, "\(q.departmentCode) usedPersons")
                    #expect(abs(q.leftFTE - (max(0, e.staffFTE - e.needed) - e.used)) < 0.0006, "\(q.departmentCode) leftFTE")
                    let persons = e.count > 0 ? Int((max(0, e.staffFTE - e.needed) / (e.staffFTE / Double(e.count)) + 1e-9).rounded(.down)) : 0
                    #expect(q.quotaPersons == persons, "\(q.departmentCode) quotaPersons")
                }
                if level == .two {
                    // The demo's crisis level: most departments can give something, a few essential ones almost nothing.
                    let regular = report.items.filter { $0.quota.departmentCode != "A11.3" }
                    let positive = regular.filter { $0.quota.quotaFTE > 0.05 * $0.quota.staffFTE }
                    let tight = regular.filter { $0.quota.quotaFTE <= 0.05 * $0.quota.staffFTE }
                    #expect(positive.count >= 28, "only \(positive.count) departments with a real quota")
                    #expect((2...10).contains(tight.count), "\(tight.count) tight departments")
                    #expect(regular.contains { $0.quota.usedFTE > 0 })
                }
            }
            // The organisation's level is the default.
            let current = try await ReleaseQuotaRepository(db: db).report(org: "demo", level: nil, on: day)
            #expect(current.level == 2)
        }
    }

    struct Expected { var count = 0; var staffFTE = 0.0; var needed = 0.0; var used = 0.0; var usedPersons = 0 }

    static func recompute(_ db: Database, level: Int, on day: LocalDate) async throws -> [String: Expected] {
        var result: [String: Expected] = [:]
        var home: [String: String] = [:]
        var absentOnDay: Set<String> = []
        for try await (pno, start, end) in try await db.client.query(
            "SELECT personnel_no, starts_on::text, ends_on::text FROM absence WHERE org_id = 'demo'", logger: db.logger).decode((String, String, String).self) {
            if let s = LocalDate(parsing: start), let e = LocalDate(parsing: end), s <= day, day <= e { absentOnDay.insert(pno) }
        }
        for try await code in try await db.client.query("SELECT code FROM department WHERE org_id = 'demo'", logger: db.logger).decode(String.self) {
            result[code] = Expected()
        }
        for try await (pno, dept, fte) in try await db.client.query(
            "SELECT personnel_no, department_code, fte::float8 FROM staff WHERE org_id = 'demo'", logger: db.logger).decode((String, String, Double).self) {
            home[pno] = dept
            guard !absentOnDay.contains(pno) else { continue }
            result[dept, default: Expected()].count += 1
            result[dept, default: Expected()].staffFTE += fte
        }
        for try await (dept, f0, f1, f2, f3) in try await db.client.query(
            "SELECT department_code, fte_level0::float8, fte_level1::float8, fte_level2::float8, fte_level3::float8 FROM regular_task WHERE org_id = 'demo'",
            logger: db.logger).decode((String, Double, Double, Double, Double).self) {
            result[dept, default: Expected()].needed += [f0, f1, f2, f3][level]
        }
        var usedPeople: [String: Set<String>] = [:]
        for try await (pno, start, end, fte) in try await db.client.query(
            "SELECT personnel_no, starts_on::text, ends_on::text, fte::float8 FROM secondment WHERE org_id = 'demo'", logger: db.logger)
            .decode((String, String, String, Double).self) {
            guard let s = LocalDate(parsing: start), let e = LocalDate(parsing: end), s <= day, day <= e, let dept = home[pno] else { continue }
            result[dept, default: Expected()].used += fte
            usedPeople[dept, default: []].insert(pno)
        }
        for (dept, people) in usedPeople { result[dept, default: Expected()].usedPersons = people.count }
        return result
    }
}
