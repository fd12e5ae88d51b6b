import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct QuotaAPITests {
    struct Report: Decodable {
        var level: Int
        var on: String
        var items: [DepartmentReleaseQuota]
        func line(_ code: String) -> DepartmentReleaseQuota? { items.first { $0.departmentCode == code } }
    }

    static func report(_ api: APIFixture, _ query: String, as role: Role = .crisisStaff) async throws -> Report {
        let r = try await api.request(.get, "/v1/quotas?\(query)", as: role)
        #expect(r.status == .ok, "\(r.text)")
        return try JSONDecoder().decode(Report.self, from: Data(buffer: r.body))
    }

    /// A10: P0001 (1.0 FTE) and P0002 (0.5, absent 1–10 April), one task needing 1.0/0.5/0.2/0.1.
    /// A20: P0003 (1.0) and P0004 (0.8), one task needing 2/1.5/1/0.5.
    static func setUp(_ api: APIFixture) async throws {
        try await api.insertStaff("P0002", department: "A10", fte: 0.5, hours: 19.5)
        try await api.insertStaff("P0003", department: "A20")
        try await api.insertStaff("P0004", department: "A20", fte: 0.8, hours: 31.2)
        #expect(try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Kern","priorityClass":"A","fteByLevel":[1,0.5,0.2,0.1]}"#).status == .created)
        #expect(try await api.request(.post, "/v1/departments/A20/tasks", json: #"{"code":"T1","name":"Kern","priorityClass":"A","fteByLevel":[2,1.5,1,0.5]}"#).status == .created)
        #expect(try await api.request(.post, "/v1/staff/P0002/absences", json: #"{"category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-10"}"#).status == .created)
    }

    @Test func absentStaffAreExcluded() async throws {
        try await withAPI { api in
            try await Self.setUp(api)
            let during = try await Self.report(api, "level=1&on=2026-04-05")
            #expect(during.level == 1)
            #expect(during.on == "2026-04-05")
            let a10 = try #require(during.line("A10"))
            #expect(a10.staffCount == 1)
            #expect(a10.staffFTE == 1.0)
            #expect(a10.neededFTE == 0.5)
            #expect(a10.quotaFTE == 0.5)
            #expect(a10.quotaPersons == 0)
            #expect(a10.leftFTE == 0.5)
            let a20 = try #require(during.line("A20"))
            #expect(a20.staffCount == 2)
            #expect(a20.staffFTE == 1.8)
            #expect(abs(a20.quotaFTE - 0.3) < 1e-9)
            // D1 has neither staff nor tasks.
            #expect(during.line("D1")?.quotaFTE == 0)

            // The absence ends on the 10th (inclusive); on the 11th P0002 counts again.
            let lastDay = try #require(try await Self.report(api, "level=1&on=2026-04-10").line("A10"))
            #expect(lastDay.staffCount == 1)
            let after = try #require(try await Self.report(api, "level=1&on=2026-04-11").line("A10"))
            #expect(after.staffCount == 2)
            #expect(after.staffFTE == 1.5)
            #expect(after.quotaFTE == 1.0)
            #expect(after.quotaPersons == 1)
        }
    }

    @Test func secondmentsAreUsedAndLeft() async throws {
        try await withAPI { api in
            try await Self.setUp(api)
            let s1 = try await api.request(.post, "/v1/secondments", as: .crisisStaff,
                                           json: #"{"personnelNo":"P0001","startsOn":"2026-04-01","endsOn":"2026-04-30","note":"Bürgertelefon"}"#)
            #expect(s1.status == .created)
            #expect(try JSONDecoder().decode(Secondment.self, from: Data(buffer: s1.body)).fte == 1.0)
            let s2 = try await api.request(.post, "/v1/secondments", as: .hr, json: #"{"personnelNo":"P0004","startsOn":"2026-05-01","endsOn":"2026-05-10","fte":0.5}"#)
            #expect(s2.status == .created)

            let q = try await Self.report(api, "level=1&on=2026-04-05")
            let a10 = try #require(q.line("A10"))
            #expect(a10.usedFTE == 1.0)
            #expect(a10.usedPersons == 1)
            #expect(a10.leftFTE == -0.5)
            // P0004's secondment starts later: nothing used in A20 yet; in May it is.
            #expect(q.line("A20")?.usedFTE == 0)
            let may = try #require(try await Self.report(api, "level=1&on=2026-05-10").line("A20"))
            #expect(may.usedFTE == 0.5)
            #expect(abs(may.leftFTE - (0.3 - 0.5)) < 1e-9)

            let active = try await api.request(.get, "/v1/secondments?activeOn=2026-04-05", as: .auditor)
            #expect(active.items.map { $0["personnelNo"] as? String } == ["P0001"])
            let inA20 = try await api.request(.get, "/v1/secondments?department=A20")
            #expect(inA20.items.map { $0["personnelNo"] as? String } == ["P0004"])
            #expect(try await api.request(.get, "/v1/secondments?department=A20", as: .departmentHead).status == .forbidden)
            #expect(try await api.request(.get, "/v1/secondments", as: .departmentHead).items.map { $0["personnelNo"] as? String } == ["P0001"])

            let id = try #require(try s1.json()["id"] as? Int)
            #expect(try await api.request(.delete, "/v1/secondments/\(id)", as: .staff).status == .forbidden)
            #expect(try await api.request(.delete, "/v1/secondments/\(id)", as: .crisisStaff).status == .noContent)
            #expect(try await api.request(.delete, "/v1/secondments/\(id)", as: .crisisStaff).status == .notFound)
            #expect(try await Self.report(api, "level=1&on=2026-04-05").line("A10")?.usedFTE == 0)
            #expect(try await api.auditCount("secondment") == 3)

            let unknown = try await api.request(.post, "/v1/secondments", json: #"{"personnelNo":"NOBODY","startsOn":"2026-04-01","endsOn":"2026-04-30"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.invalidParams == ["personnelNo"])
            let backwards = try await api.request(.post, "/v1/secondments", json: #"{"personnelNo":"P0001","startsOn":"2026-04-30","endsOn":"2026-04-01"}"#)
            #expect(backwards.invalidParams == ["endsOn"])
            let tooMuch = try await api.request(.post, "/v1/secondments", json: #"{"personnelNo":"P0001","startsOn":"2026-04-01","endsOn":"2026-04-02","fte":2}"#)
            #expect(tooMuch.invalidParams == ["fte"])
            #expect(try await api.request(.post, "/v1/secondments", as: .departmentHead,
                                          json: #"{"personnelNo":"P0001","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#).status == .forbidden)
        }
    }

    @Test func levelChangeRecomputesTheQuotas() async throws {
        try await withAPI { api in
            try await Self.setUp(api)
            let normal = try await Self.report(api, "on=2026-04-11")
            #expect(normal.level == 0)
            #expect(normal.line("A10")?.quotaFTE == 0.5)
            #expect(normal.line("A20")?.quotaFTE == 0)

            #expect(try await api.request(.put, "/v1/organisation/crisis-level", as: .staff, json: #"{"level":3}"#).status == .forbidden)
            #expect(try await api.request(.put, "/v1/organisation/crisis-level", as: .hr, json: #"{"level":3}"#).status == .forbidden)
            #expect(try await api.request(.put, "/v1/organisation/crisis-level", as: nil, json: #"{"level":3}"#).status == .unauthorized)
            let bad = try await api.request(.put, "/v1/organisation/crisis-level", as: .crisisStaff, json: #"{"level":4}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.invalidParams == ["level"])
            let set = try await api.request(.put, "/v1/organisation/crisis-level", as: .crisisStaff, json: #"{"level":3}"#)
            #expect(set.status == .ok)
            #expect(try await api.auditCount("organisation", key: "test") == 2)  // created by the fixture, then the level

            let crisis = try await Self.report(api, "on=2026-04-11")
            #expect(crisis.level == 3)
            #expect(crisis.line("A10")?.neededFTE == 0.1)
            #expect(crisis.line("A10")?.quotaFTE == 1.4)
            #expect(crisis.line("A20")?.quotaFTE == 1.3)
            #expect(crisis.line("A20")?.quotaPersons == 1)
            // An explicit level still wins.
            #expect(try await Self.report(api, "level=0&on=2026-04-11").level == 0)

            // Department heads see their subtree only.
            let head = try await Self.report(api, "on=2026-04-11", as: .departmentHead)
            #expect(head.items.map(\.departmentCode) == ["A10"])
            #expect(try await api.request(.get, "/v1/quotas?level=7").invalidParams == ["level"])
            #expect(try await api.request(.get, "/v1/quotas?on=yesterday").invalidParams == ["on"])
            #expect(try await api.request(.get, "/v1/quotas", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/quotas", as: nil).status == .unauthorized)
        }
    }
}
