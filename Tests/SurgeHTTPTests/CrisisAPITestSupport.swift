import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import SurgeCore
import SurgeStore

/// The fixed "now" of the crisis tests: a week before the crisis starts.
let crisisTestNow = Instant.parse("2026-12-01T08:00:00Z")!

/// Helpers of the crisis deployment tests: a small register (10 people holding HOTLINE, four of
/// them in the reserve pool) and a declared crisis with a hotline task.
extension APIFixture {
    func exec(_ sql: String) async throws {
        try await repositories.db.client.query(PostgresQuery(unsafeSQL: sql), logger: repositories.db.logger)
    }

    /// P0001 up to `poolFrom - 1` in A10, the rest in A20 and in the pool; everyone holds HOTLINE.
    func seedCrisisRegister(people: Int = 10, poolFrom: Int = 7) async throws {
        try await exec("INSERT INTO competence (org_id, code, name, category) VALUES ('test', 'HOTLINE', 'Hotline', 'skill'), ('test', 'ERSTE_HILFE', 'Erste Hilfe', 'certificate')")
        for i in 2...people {
            let pno = String(format: "P%04d", i)
            try await insertStaff(pno, department: i < poolFrom ? "A10" : "A20")
            if i >= poolFrom {
                try await exec("INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, max_hours_week) VALUES ('test', '\(pno)', 'designated', '2026-01-01', 39)")
            }
        }
        try await exec("INSERT INTO staff_competence (org_id, personnel_no, competence_code, level) SELECT org_id, personnel_no, 'HOTLINE', 1 FROM staff WHERE org_id = 'test'")
    }

    /// Declares the test crisis (7–20 December 2026, level 2, §14 profile) with a hotline task; returns its id.
    func declareCrisis() async throws -> Int {
        let r = try await request(.post, "/v1/crises", as: .crisisStaff, json: """
            {"name":"Hochwasser Test","startsOn":"2026-12-07","endsOn":"2026-12-20","level":2,"ruleProfile":"emergency-14"}
            """)
        guard r.status == .created, let id = try r.json()["id"] as? Int else { throw FixtureError(description: "declare: \(r.status) \(r.text)") }
        let t = try await request(.put, "/v1/crises/\(id)/tasks/hotline", as: .crisisStaff,
                                  json: #"{"name":"Bürgertelefon","location":"Rathaus, Raum 101","lead":"Frau Weber","priority":1}"#)
        guard t.status == .ok else { throw FixtureError(description: "task: \(t.status) \(t.text)") }
        return id
    }

    /// Day shifts 08:00–16:00 Berlin time (07:00–15:00 UTC) on 7, 8 and 9 December.
    func addDayShifts(_ crisis: Int, minimum: Int = 2, target: Int = 3, maximum: Int = 4) async throws -> [Int] {
        let demands = (7...9).map { d in
            #"{"task":"hotline","kind":"day","start":"2026-12-0\#(d)T07:00:00Z","end":"2026-12-0\#(d)T15:00:00Z","minimum":\#(minimum),"target":\#(target),"maximum":\#(maximum),"requirements":[{"competence":"HOTLINE"}]}"#
        }
        let r = try await request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff, json: #"{"demands":[\#(demands.joined(separator: ","))]}"#)
        guard r.status == .created else { throw FixtureError(description: "demands: \(r.status) \(r.text)") }
        return r.items.compactMap { $0["id"] as? Int }
    }

    /// Polls the job until it is done or failed (at most 60 s).
    func waitForJob(_ id: Int) async throws -> [String: Any] {
        for _ in 0..<600 {
            let r = try await request(.get, "/v1/jobs/\(id)", as: .crisisStaff)
            let doc = try r.json()
            if let s = doc["status"] as? String, s == "done" || s == "failed" { return doc }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError(description: "job \(id) did not finish")
    }

    func positions(ofJob id: Int) async throws -> [[String: Any]] {
        try await request(.get, "/v1/jobs/\(id)/positions", as: .crisisStaff).items
    }
}
