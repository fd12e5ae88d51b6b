import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import SurgeHTTP
import SurgeStore
import Testing

/// Collects what would be sent.
actor RecordingSender: NotificationSender {
    var kinds: [String] = []
    func send(_ notification: PendingNotification) async throws { kinds.append(notification.kind) }
}

/// The crisis staff's day through the HTTP API on a real database: declare, demand, request,
/// release, confirm, publish, the staff's view, a sick call and its repair, time records, reports.
@Suite struct CrisisDeploymentAPITests {
    @Test func declareToPublishToRepair() async throws {
        try await withAPI(now: crisisTestNow) { api in
            // Two pool members cannot cover three people a day: departments must release some.
            try await api.seedCrisisRegister(poolFrom: 9)
            let crisis = try await api.declareCrisis()

            // A change of level is a recorded decision; the quotas are recomputed for it.
            let level = try await api.request(.post, "/v1/crises/\(crisis)/decisions", as: .crisisStaff, json: """
                {"level":3,"legalBasis":"Beschluss Krisenstab 2026-12-01","startsOn":"2026-12-07","endsOn":"2026-12-20"}
                """)
            #expect(level.status == .created)
            #expect((try level.json()["quotas"] as? [String: Any])?["level"] as? Int == 3)
            let decisions = try await api.request(.get, "/v1/crises/\(crisis)/decisions", as: .auditor)
            #expect(decisions.items.map { $0["kind"] as? String } == ["declare", "level"])
            #expect(decisions.items.last?["legalBasis"] as? String == "Beschluss Krisenstab 2026-12-01")
            #expect((decisions.items.last?["decidedBy"] as? String)?.hasSuffix("crisis_staff") == true)
            #expect(try await api.scalar("SELECT crisis_level FROM organisation WHERE org_id = 'test'") == 3)

            let demandIds = try await api.addDayShifts(crisis)
            #expect(demandIds.count == 3)
            // CSV import of a late shift; importing it twice keeps one demand.
            let csv = "task;kind;start;end;minimum;target;maximum;requirements\nhotline;late;2026-12-07T15:00:00Z;2026-12-07T23:00:00Z;1;2;2;HOTLINE\n"
            #expect(try await api.postCSV("/v1/crises/\(crisis)/demands/import", csv, as: .crisisStaff).status == .created)
            #expect(try await api.postCSV("/v1/crises/\(crisis)/demands/import", csv, as: .crisisStaff).status == .created)
            #expect(try await api.scalar("SELECT count(*) FROM shift_demand") == 4)

            // The request: 202 with the job's URL; the same key and body give the same job.
            let body = #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-10T00:00:00Z","kinds":["day"],"seed":7,"timeLimitSeconds":0.2}"#
            let first = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff, json: body, headers: [HTTPField.Name("Idempotency-Key")!: "req-1"])
            #expect(first.status == .accepted)
            let job = try #require((try first.json()["job"] as? [String: Any])?["id"] as? Int)
            #expect(first.headers[.location] == "/v1/jobs/\(job)")
            let again = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff, json: body, headers: [HTTPField.Name("Idempotency-Key")!: "req-1"])
            #expect(again.status == .accepted)
            #expect((try again.json()["job"] as? [String: Any])?["id"] as? Int == job)
            #expect(try again.json()["replayed"] as? Bool == true)
            #expect(try await api.scalar("SELECT count(*) FROM allocation_request") == 1)

            let done = try await api.waitForJob(job)
            #expect(done["status"] as? String == "done")
            #expect(done["progress"] as? Double == 1)
            let result = try #require(done["result"] as? [String: Any])
            #expect(result["hardBreaks"] as? Int == 0)
            let proposed = try await api.positions(ofJob: job)
            // 3 days × target 3; nobody twice on one day; every position explained with alternatives.
            #expect(proposed.count == 9)
            var perDay: [String: Set<String>] = [:]
            for p in proposed {
                let day = String((p["start"] as? String ?? "").prefix(10))
                let person = p["personnelNo"] as? String ?? ""
                #expect(perDay[day, default: []].insert(person).inserted)
                let why = p["why"] as? [String: Any]
                #expect((why?["competences"] as? [String])?.contains("HOTLINE:1") == true)
                #expect((why?["summary"] as? String)?.isEmpty == false)
                #expect((p["alternatives"] as? [[String: Any]])?.count ?? 0 >= 1)
            }

            // Accepting asks the departments for the release of their (non-pool) people.
            let accepted = try await api.request(.post, "/v1/jobs/\(job)/accept", as: .crisisStaff, json: #"{"deadlineHours":48}"#)
            #expect(accepted.status == .ok)
            let pool = Set((9...10).map { String(format: "P%04d", $0) })
            for p in accepted.items {
                let isPool = pool.contains(p["personnelNo"] as? String ?? "")
                #expect((p["release"] == nil || p["release"] is NSNull) == isPool)
            }
            // The head of A10 sees only A10's requests; refuses one, approves the rest.
            let mine = try await api.request(.get, "/v1/release-requests?status=pending", as: .departmentHead)
            #expect(mine.status == .ok)
            #expect(mine.items.allSatisfy { $0["department"] as? String == "A10" })
            let a10 = mine.items.compactMap { $0["id"] as? Int }
            try #require(!a10.isEmpty)
            let refused = try await api.request(.post, "/v1/release-requests/\(a10[0])/refuse", as: .departmentHead, json: #"{"note":"Kassenabschluss"}"#)
            #expect(refused.status == .ok)
            let refusedPerson = (try refused.json()["release"] as? [String: Any])?["personnelNo"] as? String
            let resolveJob = try #require((try refused.json()["resolveJob"] as? [String: Any])?["id"] as? Int)
            #expect(try await api.request(.post, "/v1/release-requests/\(a10[0])/approve", as: .departmentHead).status == .conflict)
            for id in a10.dropFirst() {
                #expect(try await api.request(.post, "/v1/release-requests/\(id)/approve", as: .departmentHead).status == .ok)
            }
            // Other departments' requests are not the A10 head's to decide.
            let others = try await api.request(.get, "/v1/release-requests?status=pending", as: .crisisStaff).items.compactMap { $0["id"] as? Int }
            for id in others {
                #expect(try await api.request(.post, "/v1/release-requests/\(id)/approve", as: .departmentHead).status == .forbidden)
                #expect(try await api.request(.post, "/v1/release-requests/\(id)/approve", as: .admin).status == .ok)
            }
            // The refusal re-solved that shift without the refused person.
            #expect(try await api.waitForJob(resolveJob)["status"] as? String == "done")
            let replacement = try await api.positions(ofJob: resolveJob)
            #expect(replacement.count == 1)
            #expect(replacement.first?["personnelNo"] as? String != refusedPerson)

            // Confirm every accepted position; the refused one cannot be.
            var confirmed: [[String: Any]] = []
            for p in try await api.positions(ofJob: job) {
                let id = p["id"] as? Int ?? 0
                let r = try await api.request(.post, "/v1/positions/\(id)/confirm", as: .crisisStaff)
                if p["status"] as? String == "refused" {
                    #expect(r.status == .conflict)
                } else {
                    #expect(r.status == .created, "\(r.text)")
                    confirmed.append(try r.json())
                }
            }
            #expect(confirmed.count == 8)
            // Replacement: accept it (a pool member needs no release, others get one) and confirm with it approved.
            let rid = try #require(replacement.first?["id"] as? Int)
            let acceptedReplacement = try await api.request(.post, "/v1/positions/\(rid)/accept", as: .crisisStaff)
            #expect(acceptedReplacement.status == .ok)
            if let release = (try acceptedReplacement.json()["release"] as? [String: Any])?["id"] as? Int {
                #expect(try await api.request(.post, "/v1/positions/\(rid)/confirm", as: .crisisStaff).status == .conflict)
                #expect(try await api.request(.post, "/v1/release-requests/\(release)/approve", as: .admin).status == .ok)
            }
            #expect(try await api.request(.post, "/v1/positions/\(rid)/confirm", as: .crisisStaff).status == .created)

            // Publish: every confirmed assignment, one notification each.
            let published = try await api.request(.post, "/v1/crises/\(crisis)/publish", as: .crisisStaff)
            #expect(try published.json()["published"] as? Int == 9)
            #expect(try await api.scalar("SELECT count(*) FROM notification_outbox WHERE kind = 'new'") == 9)
            #expect(try await api.scalar("SELECT count(*) FROM assignment WHERE status = 'published'") == 9)
            // The outbox is drained by a pluggable sender; sent rows are not sent again.
            let sender = RecordingSender()
            let delivered = try await NotificationOutbox(db: api.repositories.db).deliver(org: "test", via: sender, now: crisisTestNow)
            #expect(delivered.sent == 9)
            #expect(await sender.kinds == Array(repeating: "new", count: 9))
            #expect(try await NotificationOutbox(db: api.repositories.db).deliver(org: "test", via: sender, now: crisisTestNow).sent == 0)

            // The staff's own view and calendar, for someone who works on 8 December.
            let worker = try #require(confirmed.first { ($0["start"] as? String)?.hasPrefix("2026-12-08") == true }?["personnelNo"] as? String)
            let secret = "staff-token-" + String(repeating: "y", count: 32)
            _ = try await api.repositories.tokens.create(org: "test", name: worker, role: .staff, departmentCode: nil, personnelNo: worker, secret: secret, actor: .system)
            let mineShifts = try await api.request(.get, "/v1/me/shifts", as: nil, token: secret)
            #expect(mineShifts.status == .ok)
            let expected = try await api.scalar("SELECT count(*) FROM assignment WHERE personnel_no = '\(worker)' AND status = 'published'")
            #expect(mineShifts.items.count == expected)
            #expect(mineShifts.items.allSatisfy { $0["personnelNo"] as? String == worker })
            #expect(try await api.request(.get, "/v1/me/shifts", as: .crisisStaff).status == .forbidden)
            let feed = try await api.request(.post, "/v1/me/calendar-feed", as: nil, token: secret)
            #expect(feed.status == .created)
            let url = try #require(try feed.json()["url"] as? String)
            let ics = try await api.request(.get, url, as: nil)
            #expect(ics.status == .ok)
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(ics.text.components(separatedBy: "BEGIN:VEVENT").count - 1 == expected)
            #expect(ics.text.contains("LOCATION:Rathaus\\, Raum 101"))
            #expect(try await api.request(.delete, "/v1/me/calendar-feed", as: nil, token: secret).status == .noContent)
            #expect(try await api.request(.get, url, as: nil).status == .notFound)

            // Time recording: recorded, then corrected.
            let assignment = try #require(confirmed.first?["id"] as? Int)
            let t1 = try await api.request(.put, "/v1/assignments/\(assignment)/time-record", as: .crisisStaff, json: #"{"workedMinutes":450}"#)
            #expect(try t1.json()["corrected"] as? Bool == false)
            let t2 = try await api.request(.put, "/v1/assignments/\(assignment)/time-record", as: .hr, json: #"{"workedMinutes":480,"note":"Übergabe"}"#)
            #expect(try t2.json()["corrected"] as? Bool == true)
            #expect(try await api.request(.put, "/v1/assignments/\(assignment)/time-record", as: .crisisStaff, json: #"{"workedMinutes":2000}"#).status == .unprocessableContent)

            // Sick call: the worker is out 8–10 December; their shifts are cancelled, people told, and a repair proposes replacements.
            let sick = try await api.request(.post, "/v1/crises/\(crisis)/sick-calls", as: .crisisStaff,
                                             json: #"{"personnelNo":"\#(worker)","from":"2026-12-08T00:00:00Z","until":"2026-12-10T00:00:00Z"}"#)
            #expect(sick.status == .accepted)
            let cancelled = try sick.json()["cancelled"] as? [Int] ?? []
            #expect(!cancelled.isEmpty)
            #expect(try await api.scalar("SELECT count(*) FROM notification_outbox WHERE kind = 'cancelled'") == cancelled.count)
            let repair = try #require((try sick.json()["repairJob"] as? [String: Any])?["id"] as? Int)
            let repaired = try await api.waitForJob(repair)
            #expect(repaired["status"] as? String == "done")
            let fixes = try await api.positions(ofJob: repair)
            #expect(fixes.count == cancelled.count)
            #expect(fixes.allSatisfy { $0["personnelNo"] as? String != worker })

            // Reports: coverage per task and day, departments against quota, load per person.
            let coverage = try await api.request(.get, "/v1/crises/\(crisis)/reports/coverage", as: .auditor)
            let day7 = coverage.items.first { $0["day"] as? String == "2026-12-07" && $0["task"] as? String == "hotline" }
            #expect(day7?["shifts"] as? Int == 2)
            #expect(day7?["minimum"] as? Int == 3)
            let csvReport = try await api.request(.get, "/v1/crises/\(crisis)/reports/coverage?format=csv", as: .auditor)
            #expect(csvReport.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csvReport.text.hasPrefix("task;day;shifts;minimum;target;assigned;shifts_below_minimum\r\n"))
            let departments = try await api.request(.get, "/v1/crises/\(crisis)/reports/departments?on=2026-12-07", as: .crisisStaff)
            #expect(departments.status == .ok)
            let seconded = departments.items.reduce(0) { $0 + ($1["secondedPersons"] as? Int ?? 0) }
            let nonPoolOn7 = try await api.scalar("""
                SELECT count(DISTINCT a.personnel_no) FROM assignment a JOIN staff s USING (org_id, personnel_no)
                WHERE a.status <> 'cancelled' AND lower(a.period) < '2026-12-08T00:00:00Z' AND s.department_code = 'A10'
                """)
            #expect(seconded == nonPoolOn7)
            let load = try await api.request(.get, "/v1/crises/\(crisis)/reports/load?at=2026-12-10T00:00:00Z", as: .crisisStaff)
            #expect(load.status == .ok)
            let recorded = load.items.first { $0["personnelNo"] as? String == confirmed.first?["personnelNo"] as? String }
            #expect((recorded?["minutesLast7Days"] as? Int ?? 0) >= 480)
        }
    }

    @Test func badInputChangesNothing() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister()
            let crisis = try await api.declareCrisis()
            _ = try await api.addDayShifts(crisis)
            let before = try await api.scalar("SELECT count(*) FROM shift_demand")
            func demand(_ fields: String) -> String {
                #"{"demands":[{"task":"hotline","kind":"day","start":"2026-12-11T07:00:00Z","end":"2026-12-11T15:00:00Z",\#(fields)}]}"#
            }
            let unknownTask = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff,
                                                    json: #"{"demands":[{"task":"nope","kind":"day","start":"2026-12-11T07:00:00Z","end":"2026-12-11T15:00:00Z","minimum":1,"target":1}]}"#)
            #expect(unknownTask.status == .notFound)
            let backwards = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff,
                                                  json: #"{"demands":[{"task":"hotline","kind":"day","start":"2026-12-11T15:00:00Z","end":"2026-12-11T07:00:00Z","minimum":1,"target":1}]}"#)
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.invalidParams == ["demands[0].end"])
            let minAboveMax = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff, json: demand(#""minimum":5,"target":5,"maximum":3"#))
            #expect(minAboveMax.status == .unprocessableContent)
            #expect(minAboveMax.invalidParams.contains("demands[0].maximum"))
            let unknownCompetence = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff,
                                                          json: demand(#""minimum":1,"target":1,"mixes":[{"competence":"KLINGONISCH"}]"#))
            #expect(unknownCompetence.status == .unprocessableContent)
            #expect(unknownCompetence.invalidParams == ["demands[0].mixes[0].competence"])
            let missingField = try await api.request(.post, "/v1/crises/\(crisis)/demands", as: .crisisStaff, json: demand(#""minimum":1"#))
            #expect(missingField.status == .badRequest)
            #expect(missingField.invalidParams == ["demands[0].target"])
            let badCSV = try await api.postCSV("/v1/crises/\(crisis)/demands/import",
                                               "task;kind;start;end;minimum;target\nhotline;day;2026-12-11T07:00:00Z;2026-12-11T15:00:00Z;x;1\n", as: .crisisStaff)
            #expect(badCSV.status == .unprocessableContent)
            #expect(badCSV.invalidParams == ["line 2.minimum"])
            #expect(try await api.request(.post, "/v1/crises/999/demands", as: .crisisStaff, json: demand(#""minimum":1,"target":1"#)).status == .notFound)
            #expect(try await api.scalar("SELECT count(*) FROM shift_demand") == before)

            // Requests: the key is required, reusing it with another body is refused, unknown tasks are 404.
            let path = "/v1/crises/\(crisis)/allocation-requests"
            let body = #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-08T00:00:00Z","timeLimitSeconds":0.1}"#
            #expect(try await api.request(.post, path, as: .crisisStaff, json: body).status == .badRequest)
            let ok = try await api.request(.post, path, as: .crisisStaff, json: body, headers: [HTTPField.Name("Idempotency-Key")!: "k"])
            #expect(ok.status == .accepted)
            let okJob = try #require((try ok.json()["job"] as? [String: Any])?["id"] as? Int)
            let reused = try await api.request(.post, path, as: .crisisStaff, json: body.replacingOccurrences(of: "0.1", with: "0.2"),
                                               headers: [HTTPField.Name("Idempotency-Key")!: "k"])
            #expect(reused.status == .unprocessableContent)
            #expect(reused.invalidParams == ["Idempotency-Key"])
            let unknown = try await api.request(.post, path, as: .crisisStaff, json: body.replacingOccurrences(of: "hotline", with: "nope"),
                                                headers: [HTTPField.Name("Idempotency-Key")!: "k2"])
            #expect(unknown.status == .notFound)
            let backwardsRequest = try await api.request(.post, path, as: .crisisStaff, json: #"{"task":"hotline","from":"2026-12-08T00:00:00Z","until":"2026-12-07T00:00:00Z"}"#,
                                                         headers: [HTTPField.Name("Idempotency-Key")!: "k3"])
            #expect(backwardsRequest.status == .unprocessableContent)
            #expect(backwardsRequest.invalidParams == ["until"])
            let noDemand = try await api.request(.post, path, as: .crisisStaff, json: #"{"task":"hotline","from":"2027-01-07T00:00:00Z","until":"2027-01-08T00:00:00Z"}"#,
                                                 headers: [HTTPField.Name("Idempotency-Key")!: "k4"])
            #expect(noDemand.status == .unprocessableContent)
            #expect(try await api.scalar("SELECT count(*) FROM allocation_request") == 1)
            #expect(try await api.scalar("SELECT count(*) FROM solver_job") == 1)

            // Declarations: a §15(2) exception needs its reference and expiry; unknown profiles are named.
            let authority = try await api.request(.post, "/v1/crises", as: .crisisStaff,
                                                  json: #"{"name":"X","startsOn":"2026-12-07","endsOn":"2026-12-20","level":1,"ruleProfile":"authority-15-2-example"}"#)
            #expect(authority.status == .unprocessableContent)
            #expect(Set(authority.invalidParams) == ["authorityReference", "authorityExpiresOn"])
            let unknownProfile = try await api.request(.post, "/v1/crises", as: .crisisStaff,
                                                       json: #"{"name":"X","startsOn":"2026-12-07","endsOn":"2026-12-20","level":1,"ruleProfile":"lax"}"#)
            #expect(unknownProfile.invalidParams == ["ruleProfile"])
            #expect(try await api.request(.post, "/v1/crises", as: .staff,
                                          json: #"{"name":"X","startsOn":"2026-12-07","endsOn":"2026-12-20","level":1,"ruleProfile":"normal"}"#).status == .forbidden)
            #expect(try await api.scalar("SELECT count(*) FROM crisis") == 1)
            #expect(try await api.scalar("SELECT count(*) FROM rule_decision") == 1)
            _ = try await api.waitForJob(okJob)
        }
    }

    @Test func missedDeadlineReSolvesWithoutThePerson() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 6, poolFrom: 99)
            let crisis = try await api.declareCrisis()
            _ = try await api.addDayShifts(crisis, minimum: 1, target: 1, maximum: 1)
            let r = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff,
                                          json: #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-08T00:00:00Z","timeLimitSeconds":0.1}"#,
                                          headers: [HTTPField.Name("Idempotency-Key")!: "d1"])
            let job = try #require((try r.json()["job"] as? [String: Any])?["id"] as? Int)
            _ = try await api.waitForJob(job)
            let p = try #require(try await api.positions(ofJob: job).first)
            let accepted = try await api.request(.post, "/v1/positions/\(p["id"] as? Int ?? 0)/accept?deadlineHours=2", as: .crisisStaff)
            #expect((try accepted.json()["release"] as? [String: Any])?["deadline"] as? String == "2026-12-01T10:00:00Z")
            // Before the deadline nothing expires; after it the request does and the shift is re-solved.
            let early = try await api.request(.post, "/v1/release-requests/expire", as: .crisisStaff, json: #"{"now":"2026-12-01T09:59:00Z"}"#)
            #expect((try early.json()["jobs"] as? [Any])?.count == 0)
            let late = try await api.request(.post, "/v1/release-requests/expire", as: .crisisStaff, json: #"{"now":"2026-12-01T10:00:00Z"}"#)
            let jobs = try late.json()["jobs"] as? [[String: Any]] ?? []
            #expect(jobs.count == 1)
            let resolve = try #require(jobs.first?["id"] as? Int)
            _ = try await api.waitForJob(resolve)
            let again = try await api.positions(ofJob: resolve)
            #expect(again.count == 1)
            #expect(again.first?["personnelNo"] as? String != p["personnelNo"] as? String)
            #expect(try await api.scalar("SELECT count(*) FROM release_request WHERE status = 'expired'") == 1)
            // Without release (and without override) no confirmation; with a recorded override it goes through.
            let pid = try #require(again.first?["id"] as? Int)
            _ = try await api.request(.post, "/v1/positions/\(pid)/accept", as: .crisisStaff)
            let blocked = try await api.request(.post, "/v1/positions/\(pid)/confirm", as: .crisisStaff)
            #expect(blocked.status == .conflict)
            #expect(try blocked.json()["detail"] as? String ?? "" != "")
            let forced = try await api.request(.post, "/v1/positions/\(pid)/confirm", as: .crisisStaff, json: #"{"override":"Leitung Krisenstab, mündlich 08:15"}"#)
            #expect(forced.status == .created)
            #expect((try forced.json()["quotaOverride"] as? String)?.contains("Leitung Krisenstab") == true)
            #expect(try await api.scalar("SELECT count(*) FROM rule_decision WHERE kind = 'quota_override'") == 1)
        }
    }

    @Test func absenceEnteredByHRFlagsAndRepairsShifts() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 5, poolFrom: 2)
            let crisis = try await api.declareCrisis()
            let demands = try await api.addDayShifts(crisis, minimum: 1, target: 1, maximum: 1)
            // P0002 confirmed on all three days.
            var assignments: [Int] = []
            for d in demands {
                let rows = try await api.repositories.db.client.query("""
                    INSERT INTO proposed_position (org_id, crisis_id, demand_id, personnel_no, status) VALUES ('test', \(crisis), \(d), 'P0002', 'accepted') RETURNING position_id
                    """, logger: api.repositories.db.logger).collect()
                let confirmed = try await api.request(.post, "/v1/positions/\(try rows[0].decode(Int64.self))/confirm", as: .crisisStaff)
                #expect(confirmed.status == .created)
                assignments.append(try #require(try confirmed.json()["id"] as? Int))
            }
            #expect(try await api.request(.post, "/v1/crises/\(crisis)/publish", as: .crisisStaff).status == .ok)
            // HR enters a vacation on 8 December: that shift is cancelled and flagged, the others stay.
            let absence = try await api.request(.post, "/v1/staff/P0002/absences", as: .hr, json: #"{"category":"vacation","startsOn":"2026-12-08","endsOn":"2026-12-08"}"#)
            #expect(absence.status == .created)
            let statuses = try await api.request(.get, "/v1/crises/\(crisis)/assignments?status=published,cancelled", as: .crisisStaff).items
            #expect(statuses.map { $0["status"] as? String } == ["published", "cancelled", "published"])
            #expect((statuses[1]["flag"] as? String)?.hasPrefix("absent") == true)
            #expect(try await api.scalar("SELECT count(*) FROM notification_outbox WHERE kind = 'cancelled'") == 1)
            let job = try await api.scalar("SELECT job_id FROM solver_job WHERE kind = 'repair'")
            // Extending the absence to 9 December hits that shift too (another repair job).
            let absenceId = try #require(try absence.json()["id"] as? Int)
            let extended = try await api.request(.put, "/v1/absences/\(absenceId)", as: .hr, json: #"{"category":"vacation","startsOn":"2026-12-08","endsOn":"2026-12-09"}"#)
            #expect(extended.status == .ok)
            #expect(try await api.scalar("SELECT count(*) FROM assignment WHERE status = 'cancelled'") == 2)
            #expect(try await api.scalar("SELECT count(*) FROM solver_job WHERE kind = 'repair'") == 2)
            let second = try await api.scalar("SELECT max(job_id) FROM solver_job WHERE kind = 'repair'")
            #expect(try await api.waitForJob(second)["status"] as? String == "done")
            #expect(try await api.waitForJob(job)["status"] as? String == "done")
            let fixes = try await api.positions(ofJob: job)
            #expect(fixes.count == 1)
            #expect(fixes.first?["personnelNo"] as? String != "P0002")
            #expect((fixes.first?["start"] as? String)?.hasPrefix("2026-12-08") == true)
        }
    }

    @Test func shiftPatternsExpandIntoDemand() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 3)
            let crisis = try await api.declareCrisis()
            // Around the clock, 3 × 8 h, over two days (Berlin): 06:00, 14:00 and 22:00 local.
            let aroundTheClock = try await api.request(.post, "/v1/crises/\(crisis)/tasks/hotline/pattern", as: .crisisStaff, json: """
                {"from":"2026-12-07","days":2,"shifts":[
                  {"kind":"early","startMinute":360,"lengthMinutes":480,"minimum":2,"target":3},
                  {"kind":"late","startMinute":840,"lengthMinutes":480,"minimum":2,"target":3},
                  {"kind":"night","startMinute":1320,"lengthMinutes":480,"minimum":1,"target":2,"mixes":[{"competence":"ERSTE_HILFE"}]}]}
                """)
            #expect(aroundTheClock.status == .created)
            let starts = aroundTheClock.items.compactMap { $0["start"] as? String }
            #expect(starts == ["2026-12-07T05:00:00Z", "2026-12-07T13:00:00Z", "2026-12-07T21:00:00Z",
                               "2026-12-08T05:00:00Z", "2026-12-08T13:00:00Z", "2026-12-08T21:00:00Z"])
            #expect(aroundTheClock.items.last?["end"] as? String == "2026-12-09T05:00:00Z")
            // Day-only on weekdays: 12 and 13 December 2026 are a weekend.
            let weekdays = try await api.request(.post, "/v1/crises/\(crisis)/tasks/hotline/pattern", as: .crisisStaff, json: """
                {"from":"2026-12-11","days":4,"shifts":[{"kind":"day","startMinute":480,"lengthMinutes":480,"minimum":1,"target":1,"weekdays":[1,2,3,4,5]}]}
                """)
            #expect(weekdays.items.compactMap { $0["start"] as? String } == ["2026-12-11T07:00:00Z", "2026-12-14T07:00:00Z"])
            let bad = try await api.request(.post, "/v1/crises/\(crisis)/tasks/hotline/pattern", as: .crisisStaff,
                                            json: #"{"from":"2026-12-07","days":1,"shifts":[{"kind":"day","startMinute":480,"lengthMinutes":0,"minimum":1,"target":1}]}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.invalidParams == ["shifts[0].lengthMinutes"])
            let unknown = try await api.request(.post, "/v1/crises/\(crisis)/tasks/nope/pattern", as: .crisisStaff,
                                                json: #"{"from":"2026-12-07","days":1,"shifts":[{"kind":"day","startMinute":480,"lengthMinutes":480,"minimum":1,"target":1}]}"#)
            #expect(unknown.status == .notFound)
            #expect(try await api.scalar("SELECT count(*) FROM shift_demand") == 8)
        }
    }

    @Test func authorityExceptionEndsAtItsExpiryAndJobsSurviveARestart() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 3, poolFrom: 2)
            let declared = try await api.request(.post, "/v1/crises", as: .crisisStaff, json: """
                {"name":"Aufnahme","startsOn":"2026-12-07","endsOn":"2026-12-20","level":2,"ruleProfile":"authority-15-2-example",
                 "authorityReference":"Bez.-Reg. Az. 55.1-2026-17","authorityExpiresOn":"2026-12-07"}
                """)
            #expect(declared.status == .created)
            let crisis = try #require(try declared.json()["id"] as? Int)
            #expect(try await api.request(.put, "/v1/crises/\(crisis)/tasks/hotline", as: .crisisStaff, json: #"{"name":"Hotline","priority":1}"#).status == .ok)
            let demands = try await api.addDayShifts(crisis)
            var results: [HTTPResponse.Status] = []
            for d in demands.prefix(2) {
                let rows = try await api.repositories.db.client.query("""
                    INSERT INTO proposed_position (org_id, crisis_id, demand_id, personnel_no, status) VALUES ('test', \(crisis), \(d), 'P0002', 'accepted') RETURNING position_id
                    """, logger: api.repositories.db.logger).collect()
                results.append(try await api.request(.post, "/v1/positions/\(try rows[0].decode(Int64.self))/confirm", as: .crisisStaff).status)
            }
            // 7 December is covered by the approval, 8 December is not.
            #expect(results == [.created, .conflict])

            // A job left running by a stopped server is queued again at start.
            try await api.exec("""
                INSERT INTO solver_job (org_id, crisis_id, kind, status, input, seed, time_limit_seconds) VALUES
                ('test', \(crisis), 'proposal', 'running', '{"demandIds":[],"competences":[],"excluded":{},"unavailable":[],"cancelledAssignments":[]}', 1, 1)
                """)
            let pending = try await AllocationRepository(db: api.repositories.db).recoverAfterRestart()
            #expect(pending.count == 1)
            #expect(try await api.scalar("SELECT count(*) FROM solver_job WHERE status = 'queued'") == 1)
        }
    }

    @Test func releaseQuotaHoldsUnlessOverridden() async throws {
        try await withAPI(now: crisisTestNow) { api in
            // A10: P0001–P0004 (4 FTE); its regular work needs 3 FTE at every level, so it can give one person.
            try await api.seedCrisisRegister(people: 4, poolFrom: 99)
            try await api.exec("""
                INSERT INTO regular_task (org_id, department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3)
                VALUES ('test', 'A10', 'BUERGERBUERO', 'Bürgerbüro', 'A', 3, 3, 3, 3)
                """)
            let crisis = try await api.declareCrisis()
            let demands = try await api.addDayShifts(crisis)
            var positions: [Int] = []
            for person in ["P0002", "P0003"] {
                let rows = try await api.repositories.db.client.query("""
                    INSERT INTO proposed_position (org_id, crisis_id, demand_id, personnel_no, status) VALUES ('test', \(crisis), \(demands[0]), \(person), 'accepted') RETURNING position_id
                    """, logger: api.repositories.db.logger).collect()
                let id = try rows[0].decode(Int64.self)
                try await api.exec("""
                    INSERT INTO release_request (org_id, position_id, department_code, personnel_no, deadline, status) VALUES ('test', \(id), 'A10', '\(person)', now(), 'approved')
                    """)
                positions.append(Int(id))
            }
            #expect(try await api.request(.post, "/v1/positions/\(positions[0])/confirm", as: .crisisStaff).status == .created)
            let second = try await api.request(.post, "/v1/positions/\(positions[1])/confirm", as: .crisisStaff)
            #expect(second.status == .conflict)
            #expect((try second.json()["detail"] as? String)?.contains("may release 1 people") == true)
            #expect(try await api.scalar("SELECT count(*) FROM rule_decision WHERE kind = 'quota_override'") == 0)
            let forced = try await api.request(.post, "/v1/positions/\(positions[1])/confirm", as: .crisisStaff, json: #"{"override":"Krisenstab 2026-12-01: Hotline vor Bürgerbüro"}"#)
            #expect(forced.status == .created)
            #expect(try await api.scalar("SELECT count(*) FROM rule_decision WHERE kind = 'quota_override'") == 1)
            let report = try await api.request(.get, "/v1/crises/\(crisis)/reports/departments?on=2026-12-07", as: .crisisStaff)
            let a10 = report.items.first { $0["department"] as? String == "A10" }
            #expect(a10?["secondedPersons"] as? Int == 2)
            #expect(a10?["overQuota"] as? Bool == true)
        }
    }

    @Test func changeAndPinAndTheNextSolveKeepsPinned() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 6, poolFrom: 5)
            let crisis = try await api.declareCrisis()
            _ = try await api.addDayShifts(crisis, minimum: 1, target: 2, maximum: 2)
            #expect(try await api.request(.get, "/v1/crises/\(crisis)", as: .hr).headers[.eTag] == "\"1\"")
            #expect(try await api.request(.get, "/v1/crises/\(crisis)/tasks", as: .auditor).items.first?["location"] as? String == "Rathaus, Raum 101")
            #expect(try await api.request(.get, "/v1/crises/\(crisis)/demands?task=hotline&from=2026-12-08T00:00:00Z", as: .crisisStaff).items.count == 2)
            let r = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff,
                                          json: #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-08T00:00:00Z","timeLimitSeconds":0.1}"#,
                                          headers: [HTTPField.Name("Idempotency-Key")!: "c1"])
            let job = try #require((try r.json()["job"] as? [String: Any])?["id"] as? Int)
            _ = try await api.waitForJob(job)
            let proposed = try await api.positions(ofJob: job)
            try #require(proposed.count == 2)
            let first = try #require(proposed[0]["id"] as? Int), second = try #require(proposed[1]["id"] as? Int)
            let taken = Set(proposed.compactMap { $0["personnelNo"] as? String })
            let other = try #require(["P0001", "P0002", "P0003", "P0004"].first { !taken.contains($0) })
            // Change: the crisis staff put someone else on the first position.
            let changed = try await api.request(.put, "/v1/positions/\(first)", as: .crisisStaff, json: #"{"personnelNo":"\#(other)"}"#)
            #expect(changed.status == .created)
            #expect(try changed.json()["personnelNo"] as? String == other)
            #expect(try changed.json()["status"] as? String == "accepted")
            #expect((try changed.json()["release"] as? [String: Any])?["department"] as? String == "A10")
            #expect(try await api.request(.get, "/v1/positions/\(first)", as: .crisisStaff).json()["status"] as? String == "replaced")
            #expect(try await api.request(.put, "/v1/positions/\(first)", as: .crisisStaff, json: #"{"personnelNo":"P0001"}"#).status == .conflict)
            let unknown = try await api.request(.put, "/v1/positions/\(second)", as: .crisisStaff, json: #"{"personnelNo":"NOBODY"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.invalidParams == ["personnelNo"])
            // Pin the second; a new request for the same shift keeps both and proposes nobody more (target 2).
            #expect(try await api.request(.post, "/v1/positions/\(second)/pin", as: .crisisStaff).json()["status"] as? String == "pinned")
            let again = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff,
                                              json: #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-08T00:00:00Z","timeLimitSeconds":0.1}"#,
                                              headers: [HTTPField.Name("Idempotency-Key")!: "c2"])
            let job2 = try #require((try again.json()["job"] as? [String: Any])?["id"] as? Int)
            #expect(try await api.waitForJob(job2)["status"] as? String == "done")
            #expect(try await api.positions(ofJob: job2).isEmpty)
            let release = try #require((try changed.json()["release"] as? [String: Any])?["id"] as? Int)
            #expect(try await api.request(.get, "/v1/release-requests/\(release)", as: .departmentHead).status == .ok)
        }
    }

    @Test func onlyPeopleHoldingTheRequiredCompetenceArePutOnOrConfirmedForAShift() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 6, poolFrom: 5)
            let crisis = try await api.declareCrisis()
            _ = try await api.addDayShifts(crisis, minimum: 1, target: 1, maximum: 2)
            let r = try await api.request(.post, "/v1/crises/\(crisis)/allocation-requests", as: .crisisStaff,
                                          json: #"{"task":"hotline","from":"2026-12-07T00:00:00Z","until":"2026-12-08T00:00:00Z","timeLimitSeconds":0.1}"#,
                                          headers: [HTTPField.Name("Idempotency-Key")!: "k1"])
            let job = try #require((try r.json()["job"] as? [String: Any])?["id"] as? Int)
            _ = try await api.waitForJob(job)
            let proposed = try await api.positions(ofJob: job)
            let first = try #require(proposed.first?["id"] as? Int)
            let taken = try #require(proposed.first?["personnelNo"] as? String)
            let other = try #require(["P0002", "P0003", "P0004"].first { $0 != taken })
            try await api.exec("DELETE FROM staff_competence WHERE personnel_no = '\(other)'")
            // Without HOTLINE the crisis staff cannot put them on the shift; nothing changes.
            let refused = try await api.request(.put, "/v1/positions/\(first)", as: .crisisStaff, json: #"{"personnelNo":"\#(other)"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.invalidParams == ["personnelNo"])
            #expect(refused.text.contains("HOTLINE"))
            #expect(try await api.request(.get, "/v1/positions/\(first)", as: .crisisStaff).json()["status"] as? String == "proposed")
            // A competence that implies HOTLINE qualifies them.
            try await api.exec("INSERT INTO competence (org_id, code, name, category) VALUES ('test', 'LEITSTELLE', 'Leitstelle', 'skill')")
            try await api.exec("INSERT INTO competence_implication (org_id, code, implied_code) VALUES ('test', 'LEITSTELLE', 'HOTLINE')")
            try await api.exec("INSERT INTO staff_competence (org_id, personnel_no, competence_code, level) VALUES ('test', '\(other)', 'LEITSTELLE', 1)")
            let changed = try await api.request(.put, "/v1/positions/\(first)", as: .crisisStaff, json: #"{"personnelNo":"\#(other)"}"#)
            #expect(changed.status == .created)
            let replacement = try #require(try changed.json()["id"] as? Int)
            // The holding lapses before the shift: the confirmation is refused and writes nothing.
            try await api.exec("UPDATE staff_competence SET valid_until = '2026-12-06' WHERE personnel_no = '\(other)'")
            let confirm = try await api.request(.post, "/v1/positions/\(replacement)/confirm", as: .crisisStaff)
            #expect(confirm.status == .conflict)
            #expect(confirm.text.contains("HOTLINE"))
            #expect(try await api.scalar("SELECT count(*) FROM assignment") == 0)
        }
    }

    @Test func planningTheWholeCrisisIsAuditedIndependently() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister()
            let crisis = try await api.declareCrisis()
            _ = try await api.addDayShifts(crisis)
            let bad = try await api.request(.post, "/v1/crises/\(crisis)/plan", as: .crisisStaff, json: #"{"from":"soon"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.invalidParams == ["from"])
            let started = try await api.request(.post, "/v1/crises/\(crisis)/plan", as: .crisisStaff, json: #"{"timeLimitSeconds":0.2,"seed":3}"#)
            #expect(started.status == .accepted)
            let job = try #require(try started.json()["id"] as? Int)
            let done = try await api.waitForJob(job)
            let result = try #require(done["result"] as? [String: Any])
            #expect(result["hardBreaks"] as? Int == 0)
            #expect(result["auditedHardBreaks"] as? Int == 0)
            #expect(try await api.positions(ofJob: job).count == 9)
        }
    }

    @Test func theExpiryServiceReSolvesMissedDeadlines() async throws {
        try await withAPI(now: crisisTestNow) { api in
            try await api.seedCrisisRegister(people: 4, poolFrom: 99)
            let crisis = try await api.declareCrisis()
            let demands = try await api.addDayShifts(crisis, minimum: 1, target: 1, maximum: 1)
            let rows = try await api.repositories.db.client.query("""
                INSERT INTO proposed_position (org_id, crisis_id, demand_id, personnel_no, status) VALUES ('test', \(crisis), \(demands[0]), 'P0002', 'accepted') RETURNING position_id
                """, logger: api.repositories.db.logger).collect()
            try await api.exec("""
                INSERT INTO release_request (org_id, position_id, department_code, personnel_no, deadline, status)
                VALUES ('test', \(try rows[0].decode(Int64.self)), 'A10', 'P0002', '2026-12-01T09:00:00Z', 'pending')
                """)
            // Before the deadline a round changes nothing; after it the request expires and a re-solve runs.
            let early = CrisisServices(db: api.repositories.db, now: { Instant.parse("2026-12-01T08:59:00Z")! })
            await ReleaseExpiryService(services: early, logger: api.repositories.db.logger).tick()
            #expect(try await api.scalar("SELECT count(*) FROM release_request WHERE status = 'pending'") == 1)
            let late = CrisisServices(db: api.repositories.db, now: { Instant.parse("2026-12-01T09:00:00Z")! })
            await ReleaseExpiryService(services: late, logger: api.repositories.db.logger).tick()
            #expect(try await api.scalar("SELECT count(*) FROM release_request WHERE status = 'expired'") == 1)
            let job = try await api.scalar("SELECT job_id FROM solver_job WHERE kind = 'resolve'")
            #expect(try await api.waitForJob(job)["status"] as? String == "done")
            #expect(try await api.positions(ofJob: job).first?["personnelNo"] as? String != "P0002")
        }
    }
}
