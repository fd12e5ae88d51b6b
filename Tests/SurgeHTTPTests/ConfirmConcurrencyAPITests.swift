import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SurgeCore
import SurgeStore
import Testing

/// Many crisis staff confirming at once, competing for the same people: no overlap, no rest-rule
/// break, and every request either succeeds or gets a clear 409.
@Suite struct ConfirmConcurrencyAPITests {
    @Test func parallelConfirmationsNeverBreakARule() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 7, poolFrom: 2)
            let crisis = try await api.declareCrisis()
            // Overlapping and too-close shifts: D1 08–16, D2 12–20 (overlaps D1), D3 20–04 (rest after D1/D2 too short),
            // D4 next day 08–16 (rest after D3 too short). Berlin time; the profile wants 9 h rest.
            let shifts = [("day", "2026-12-07T07:00:00Z", "2026-12-07T15:00:00Z"), ("late", "2026-12-07T11:00:00Z", "2026-12-07T19:00:00Z"),
                          ("night", "2026-12-07T19:00:00Z", "2026-12-08T03:00:00Z"), ("day", "2026-12-08T07:00:00Z", "2026-12-08T15:00:00Z")]
            let body = shifts.map { #"{"task":"hotline","kind":"\#($0.0)","start":"\#($0.1)","end":"\#($0.2)","minimum":1,"target":3,"maximum":4}"# }
            let created = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff, json: #"{"demands":[\#(body.joined(separator: ","))]}"#)
            let demands = created.items.compactMap { $0["id"] as? Int }
            try #require(demands.count == 4)
            let people = (2...7).map { String(format: "P%04d", $0) }
            // Every person on every shift, and some twice on the same shift: 6 × 4 + 6 positions.
            var positions: [Int] = []
            for (i, p) in people.enumerated() {
                for d in demands + [demands[i % 4]] {
                    let rows = try await api.repositories.db.client.query("""
                        INSERT INTO proposed_position (org_id, crisis_id, demand_id, personnel_no, status)
                        VALUES ('test', \(crisis), \(d), \(p), 'accepted') RETURNING position_id
                        """, logger: api.repositories.db.logger).collect()
                    positions.append(Int(try rows[0].decode(Int64.self)))
                }
            }
            let results = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for id in positions.shuffled() {
                    group.addTask {
                        let r = try await api.request(.post, "/v1/positions/\(id)/confirm", as: .crisisStaff)
                        return (r.status, (try? r.json()["detail"] as? String) ?? "")
                    }
                }
                var out: [(HTTPResponse.Status, String)] = []
                for try await r in group { out.append(r) }
                return out
            }
            #expect(results.count == positions.count)
            for (status, detail) in results {
                #expect(status == .created || status == .conflict, "\(status): \(detail)")
                if status == .conflict { #expect(!detail.isEmpty) }
            }
            let successes = results.filter { $0.0 == .created }.count
            #expect(try await api.scalar("SELECT count(*) FROM assignment WHERE status <> 'cancelled'") == successes)

            // Independent re-check from the rows: per person sorted by start, no overlap and at least 9 h between shifts.
            let rows = try await api.repositories.db.client.query("""
                SELECT personnel_no, lower(period), upper(period), demand_id FROM assignment WHERE status <> 'cancelled' ORDER BY personnel_no, lower(period)
                """, logger: api.repositories.db.logger).collect()
            var byPerson: [String: [(Date, Date)]] = [:]
            var perDemand: [Int64: Int] = [:]
            for row in rows {
                let (p, s, e, d) = try row.decode((String, Date, Date, Int64).self)
                byPerson[p, default: []].append((s, e))
                perDemand[d, default: 0] += 1
            }
            for (person, list) in byPerson {
                for (a, b) in zip(list, list.dropFirst()) {
                    #expect(b.0 >= a.1, "\(person): overlapping shifts")
                    #expect(b.0.timeIntervalSince(a.1) >= 9 * 3600, "\(person): only \(b.0.timeIntervalSince(a.1) / 3600) h rest")
                }
            }
            #expect(perDemand.values.allSatisfy { $0 <= 4 })
            // Everyone could work something, so everyone got at least one shift; nobody got more than two.
            #expect(Set(byPerson.keys) == Set(people))
            #expect(byPerson.values.allSatisfy { $0.count <= 2 })
        }
    }

    /// The exclusion constraint is the last line: even a write that skips the confirmation checks
    /// cannot give one person two live shifts at once (cancelled ones do not count).
    @Test func theDatabaseRefusesOverlapsItself() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 3, poolFrom: 2)
            let crisis = try await api.declareCrisis()
            let demands = try await api.addDayShifts(crisis)
            let db = api.repositories.db
            func insert(_ status: String, _ start: String, _ end: String) async throws {
                _ = try await db.transaction { c in
                    try await c.query("""
                        INSERT INTO assignment (org_id, crisis_id, demand_id, personnel_no, period, status, confirmed_by, confirmed_at)
                        VALUES ('test', \(crisis), \(demands[0]), 'P0002', tstzrange(\(Instant.parse(start)!), \(Instant.parse(end)!), '[)'), \(status), 'test', now())
                        """, logger: db.logger)
                }
            }
            try await insert("confirmed", "2026-12-07T07:00:00Z", "2026-12-07T15:00:00Z")
            do {
                try await insert("published", "2026-12-07T14:00:00Z", "2026-12-07T20:00:00Z")
                Issue.record("an overlapping assignment was stored")
            } catch let error as StoreError {
                guard case .conflict(let message) = error else { Issue.record("expected a conflict, got \(error)"); return }
                #expect(message.contains("assignment_no_overlap"))
            }
            try await insert("cancelled", "2026-12-07T14:00:00Z", "2026-12-07T20:00:00Z")
            // Back to back is no overlap: periods are half-open.
            try await insert("confirmed", "2026-12-07T15:00:00Z", "2026-12-07T18:00:00Z")
            #expect(try await api.scalar("SELECT count(*) FROM assignment WHERE status <> 'cancelled'") == 2)
        }
    }
}
