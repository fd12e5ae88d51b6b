import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct PoolAPITests {
    @Test func volunteersNeedConsentAndLentStaffTheirOrganisation() async throws {
        try await withAPI { api in
            let noConsent = try await api.request(.post, "/v1/pool", json: #"{"personnelNo":"P0001","kind":"volunteer","validFrom":"2026-03-01","maxHoursWeek":10}"#)
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.invalidParams == ["consentAt"])
            let noLender = try await api.request(.post, "/v1/pool", json: #"{"personnelNo":"P0001","kind":"lent","validFrom":"2026-03-01","maxHoursWeek":39}"#)
            #expect(noLender.status == .unprocessableContent)
            #expect(noLender.invalidParams == ["lendingOrg"])
            let tooMany = try await api.request(.post, "/v1/pool", json: #"{"personnelNo":"P0001","kind":"designated","validFrom":"2026-03-01","maxHoursWeek":70}"#)
            #expect(tooMany.invalidParams == ["maxHoursWeek"])
            let badKind = try await api.request(.post, "/v1/pool", json: #"{"personnelNo":"P0001","kind":"conscript","validFrom":"2026-03-01","maxHoursWeek":10}"#)
            #expect(badKind.status == .badRequest)
            #expect(badKind.invalidParams == ["kind"])
            let nobody = try await api.request(.post, "/v1/pool", json: #"{"personnelNo":"NOBODY","kind":"designated","validFrom":"2026-03-01","maxHoursWeek":10}"#)
            #expect(nobody.status == .unprocessableContent)
            #expect(nobody.invalidParams == ["personnelNo"])
            #expect(try await api.auditCount("pool_membership") == 0)
        }
    }

    @Test func staffVolunteerThemselvesWithConsentAndWithdraw() async throws {
        // The API's today is 1 December 2026 (Berlin).
        try await withAPI(now: Instant.parse("2026-12-01T08:00:00Z")!) { api in
            let noConsent = try await api.request(.post, "/v1/me/pool", as: .staff, json: #"{"consent":false,"maxHoursWeek":8}"#)
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.invalidParams == ["consent"])
            let past = try await api.request(.post, "/v1/me/pool", as: .staff, json: #"{"consent":true,"maxHoursWeek":8,"validFrom":"2026-11-30"}"#)
            #expect(past.invalidParams == ["validFrom"])
            #expect(try await api.request(.post, "/v1/me/pool", as: .hr, json: #"{"consent":true,"maxHoursWeek":8}"#).status == .forbidden)
            #expect(try await api.auditCount("pool_membership") == 0)

            let offered = try await api.request(.post, "/v1/me/pool", as: .staff, json: #"{"consent":true,"maxHoursWeek":8}"#)
            #expect(offered.status == .created)
            let doc = try offered.json()
            #expect(doc["personnelNo"] as? String == "P0001")
            #expect(doc["kind"] as? String == "volunteer")
            #expect(doc["consentAt"] as? String == "2026-12-01")
            #expect(doc["validFrom"] as? String == "2026-12-01")
            let id = try #require(doc["id"] as? Int)
            // HR sees the volunteer in the pool; a second offer for the same period is a conflict.
            #expect(try await api.request(.get, "/v1/pool?kind=volunteer&activeOn=2026-12-05", as: .hr).items.count == 1)
            #expect(try await api.request(.post, "/v1/me/pool", as: .staff, json: #"{"consent":true,"maxHoursWeek":4}"#).status == .conflict)
            #expect(try await api.request(.get, "/v1/me/pool", as: .staff).items.count == 1)

            // Staff cannot end what HR designated, nor see others' memberships.
            try await api.insertStaff("P0002", department: "A20")
            let designated = try await api.request(.post, "/v1/pool", as: .hr, json: #"{"personnelNo":"P0001","kind":"designated","validFrom":"2026-01-01","maxHoursWeek":20}"#)
            let designatedId = try #require(try designated.json()["id"] as? Int)
            #expect(try await api.request(.delete, "/v1/me/pool/\(designatedId)", as: .staff).status == .conflict)
            let others = try await api.request(.post, "/v1/pool", as: .hr, json: #"{"personnelNo":"P0002","kind":"volunteer","validFrom":"2026-01-01","maxHoursWeek":20,"consentAt":"2026-01-01"}"#)
            let othersId = try #require(try others.json()["id"] as? Int)
            #expect(try await api.request(.delete, "/v1/me/pool/\(othersId)", as: .staff).status == .notFound)

            // Withdrawing a membership that starts today removes it.
            #expect(try await api.request(.delete, "/v1/me/pool/\(id)", as: .staff).status == .noContent)
            #expect(try await api.request(.get, "/v1/pool/\(id)", as: .hr).status == .notFound)
            // Withdrawing a membership that started earlier ends it yesterday, and only once.
            let earlier = try await api.request(.post, "/v1/pool", as: .hr, json: #"{"personnelNo":"P0001","kind":"volunteer","validFrom":"2026-11-01","maxHoursWeek":6,"consentAt":"2026-10-30"}"#)
            let earlierId = try #require(try earlier.json()["id"] as? Int)
            let ended = try await api.request(.delete, "/v1/me/pool/\(earlierId)", as: .staff)
            #expect(ended.status == .ok)
            #expect(try ended.json()["validUntil"] as? String == "2026-11-30")
            #expect(try await api.request(.delete, "/v1/me/pool/\(earlierId)", as: .staff).status == .conflict)
            #expect(try await api.request(.get, "/v1/pool?kind=volunteer&activeOn=2026-12-01&personnelNo=P0001", as: .hr).items.isEmpty)
        }
    }

    @Test func crudWithFiltersETagsAndAudit() async throws {
        try await withAPI { api in
            try await api.insertStaff("P0002", department: "A20")
            let volunteer = try await api.request(.post, "/v1/pool", as: .hr, json: """
                {"personnelNo":"P0001","kind":"volunteer","validFrom":"2026-03-01","validUntil":"2026-06-30","maxHoursWeek":12.5,"consentAt":"2026-02-20"}
                """)
            #expect(volunteer.status == .created)
            let vid = try #require(try volunteer.json()["id"] as? Int)
            let lent = try await api.request(.post, "/v1/pool", json: """
                {"personnelNo":"P0002","kind":"lent","validFrom":"2026-01-01","maxHoursWeek":39,"lendingOrg":"Stadt Bonn","releasedBy":"Personalamt"}
                """)
            #expect(lent.status == .created)
            let duplicate = try await api.request(.post, "/v1/pool", json: """
                {"personnelNo":"P0002","kind":"designated","validFrom":"2026-01-01","maxHoursWeek":39}
                """)
            #expect(duplicate.status == .conflict)

            #expect(try await api.request(.get, "/v1/pool").items.count == 2)
            let volunteers = try await api.request(.get, "/v1/pool?kind=volunteer", as: .crisisStaff)
            #expect(volunteers.items.map { $0["personnelNo"] as? String } == ["P0001"])
            #expect(volunteers.items.first?["maxHoursWeek"] as? Double == 12.5)
            let julyActive = try await api.request(.get, "/v1/pool?activeOn=2026-07-15")
            #expect(julyActive.items.map { $0["personnelNo"] as? String } == ["P0002"])
            let februaryActive = try await api.request(.get, "/v1/pool?activeOn=2026-02-15")
            #expect(februaryActive.items.map { $0["personnelNo"] as? String } == ["P0002"])
            #expect(try await api.request(.get, "/v1/pool?activeOn=soon").invalidParams == ["activeOn"])
            #expect(try await api.request(.get, "/v1/pool?kind=nope").invalidParams == ["kind"])
            let paged = try await api.request(.get, "/v1/pool?limit=1")
            let cursor = try #require(try paged.json()["nextCursor"] as? String)
            #expect(try await api.request(.get, "/v1/pool?limit=1&cursor=\(cursor)").items.count == 1)

            let extend = #"{"personnelNo":"P0001","kind":"volunteer","validFrom":"2026-03-01","validUntil":"2026-12-31","maxHoursWeek":12.5,"consentAt":"2026-02-20"}"#
            let updated = try await api.request(.put, "/v1/pool/\(vid)", json: extend, headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            #expect(try await api.request(.put, "/v1/pool/\(vid)", json: extend, headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
            let moved = #"{"personnelNo":"P0002","kind":"volunteer","validFrom":"2026-03-01","maxHoursWeek":12.5,"consentAt":"2026-02-20"}"#
            #expect(try await api.request(.put, "/v1/pool/\(vid)", json: moved).invalidParams == ["personnelNo"])
            #expect(try await api.request(.delete, "/v1/pool/\(vid)", headers: [.ifMatch: "\"2\""]).status == .noContent)
            #expect(try await api.request(.get, "/v1/pool/\(vid)").status == .notFound)
            #expect(try await api.auditCount("pool_membership", key: String(vid)) == 3)
        }
    }

    @Test func roleMatrix() async throws {
        try await withAPI { api in
            let body = #"{"personnelNo":"P0001","kind":"volunteer","validFrom":"2026-03-01","maxHoursWeek":10,"consentAt":"2026-03-01"}"#
            #expect(try await api.request(.post, "/v1/pool", as: nil, json: body).status == .unauthorized)
            #expect(try await api.request(.get, "/v1/pool", as: nil).status == .unauthorized)
            #expect(try await api.request(.post, "/v1/pool", as: .staff, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/pool", as: .departmentHead, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/pool", as: .crisisStaff, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/pool", as: .auditor, json: body).status == .forbidden)
            let created = try await api.request(.post, "/v1/pool", as: .admin, json: body)
            let id = try #require(try created.json()["id"] as? Int)
            #expect(try await api.request(.put, "/v1/pool/\(id)", as: .staff, json: body).status == .forbidden)
            #expect(try await api.request(.delete, "/v1/pool/\(id)", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/pool", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/pool/\(id)", as: .auditor).status == .ok)
        }
    }
}
