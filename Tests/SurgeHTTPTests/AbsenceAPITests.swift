import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct AbsenceAPITests {
    @Test func createReadUpdateDeleteWithETagsAndAudit() async throws {
        try await withAPI { api in
            try await api.insertStaff("P0002", department: "A10", fte: 0.5)
            let created = try await api.request(.post, "/v1/staff/P0002/absences", as: .hr,
                                                json: #"{"category":"vacation","startsOn":"2026-04-01","endsOn":"2026-04-10"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let id = try #require(try created.json()["id"] as? Int)
            #expect(created.headers[.location] == "/v1/absences/\(id)")

            let list = try await api.request(.get, "/v1/staff/P0002/absences")
            #expect(list.items.count == 1)
            #expect(list.items.first?["category"] as? String == "vacation")

            let updated = try await api.request(.put, "/v1/absences/\(id)", json: #"{"category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-03"}"#,
                                                headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            let stale = try await api.request(.put, "/v1/absences/\(id)", json: #"{"category":"other","startsOn":"2026-04-01","endsOn":"2026-04-03"}"#,
                                              headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            let read = try await api.request(.get, "/v1/absences/\(id)")
            #expect(try read.json()["category"] as? String == "sick")
            #expect(read.headers[.eTag] == "\"2\"")

            let staleDelete = try await api.request(.delete, "/v1/absences/\(id)", headers: [.ifMatch: "\"1\""])
            #expect(staleDelete.status == .preconditionFailed)
            let deleted = try await api.request(.delete, "/v1/absences/\(id)", headers: [.ifMatch: "\"2\""])
            #expect(deleted.status == .noContent)
            #expect(try await api.request(.get, "/v1/absences/\(id)").status == .notFound)
            // create, update, delete: three audit rows; the refused stale writes none.
            #expect(try await api.auditCount("absence", key: String(id)) == 3)
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withAPI { api in
            let badCategory = try await api.request(.post, "/v1/staff/P0001/absences", json: #"{"category":"flu","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#)
            #expect(badCategory.status == .badRequest)
            #expect(badCategory.invalidParams == ["category"])
            let backwards = try await api.request(.post, "/v1/staff/P0001/absences", json: #"{"category":"sick","startsOn":"2026-04-05","endsOn":"2026-04-02"}"#)
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.invalidParams == ["endsOn"])
            let badDate = try await api.request(.post, "/v1/staff/P0001/absences", json: #"{"category":"sick","startsOn":"2026-02-30","endsOn":"2026-03-02"}"#)
            #expect(badDate.status == .badRequest)
            #expect(badDate.invalidParams == ["startsOn"])
            let nobody = try await api.request(.post, "/v1/staff/NOBODY/absences", json: #"{"category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#)
            #expect(nobody.status == .notFound)
            let otherPerson = try await api.request(.post, "/v1/staff/P0001/absences",
                                                    json: #"{"personnelNo":"P0009","category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#)
            #expect(otherPerson.status == .unprocessableContent)
            #expect(otherPerson.invalidParams == ["personnelNo"])
            #expect(try await api.request(.get, "/v1/absences/abc").status == .badRequest)
            let duplicate1 = try await api.request(.post, "/v1/staff/P0001/absences", json: #"{"category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#)
            let duplicate2 = try await api.request(.post, "/v1/staff/P0001/absences", json: #"{"category":"sick","startsOn":"2026-04-01","endsOn":"2026-04-02"}"#)
            #expect(duplicate1.status == .created)
            #expect(duplicate2.status == .conflict)
        }
    }

    @Test func roleMatrix() async throws {
        try await withAPI { api in
            try await api.insertStaff("P0003", department: "A20")
            let body = #"{"category":"training","startsOn":"2026-05-04","endsOn":"2026-05-05"}"#
            #expect(try await api.request(.post, "/v1/staff/P0001/absences", as: nil, json: body).status == .unauthorized)
            #expect(try await api.request(.post, "/v1/staff/P0001/absences", as: .staff, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/staff/P0001/absences", as: .departmentHead, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/staff/P0001/absences", as: .crisisStaff, json: body).status == .forbidden)
            let other = try await api.request(.post, "/v1/staff/P0003/absences", as: .admin, json: body)
            let otherId = try #require(try other.json()["id"] as? Int)
            // Staff see their own absences only; department heads their subtree (A10), not A20.
            #expect(try await api.request(.get, "/v1/staff/P0001/absences", as: .staff).status == .ok)
            #expect(try await api.request(.get, "/v1/staff/P0003/absences", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/absences/\(otherId)", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff/P0001/absences", as: .departmentHead).status == .ok)
            #expect(try await api.request(.get, "/v1/staff/P0003/absences", as: .departmentHead).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff/P0003/absences", as: .auditor).status == .ok)
            #expect(try await api.request(.delete, "/v1/absences/\(otherId)", as: .staff).status == .forbidden)
        }
    }

    @Test func availabilityIsReplacedAsAWhole() async throws {
        try await withAPI { api in
            let overlapping = try await api.request(.put, "/v1/staff/P0001/availability", as: .hr, json: """
                {"windows":[{"weekday":1,"startMinute":480,"endMinute":720},{"weekday":1,"startMinute":700,"endMinute":900}]}
                """)
            #expect(overlapping.status == .unprocessableContent)
            #expect(overlapping.invalidParams == ["windows"])
            let badDay = try await api.request(.put, "/v1/staff/P0001/availability", as: .hr, json: #"{"windows":[{"weekday":8,"startMinute":480,"endMinute":720}]}"#)
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.invalidParams == ["windows[0].weekday"])

            let first = try await api.request(.put, "/v1/staff/P0001/availability", as: .hr, json: """
                {"windows":[{"weekday":3,"startMinute":480,"endMinute":720},{"weekday":1,"startMinute":780,"endMinute":1440},{"weekday":1,"startMinute":480,"endMinute":720}]}
                """)
            #expect(first.status == .ok)
            let read = try await api.request(.get, "/v1/staff/P0001/availability", as: .staff)
            let windows = try read.json()["windows"] as? [[String: Int]] ?? []
            #expect(windows.map { $0["weekday"] ?? 0 } == [1, 1, 3])
            #expect(windows[safe: 1]?["endMinute"] == 1440)

            // Staff declare their own pattern; it replaces the old one entirely.
            let own = try await api.request(.put, "/v1/staff/P0001/availability", as: .staff, json: #"{"windows":[{"weekday":5,"startMinute":420,"endMinute":600}]}"#)
            #expect(own.status == .ok)
            let after = try await api.request(.get, "/v1/staff/P0001/availability")
            #expect((try after.json()["windows"] as? [[String: Int]] ?? []).count == 1)

            try await api.insertStaff("P0004", department: "A10")
            #expect(try await api.request(.put, "/v1/staff/P0004/availability", as: .staff, json: #"{"windows":[]}"#).status == .forbidden)
            #expect(try await api.request(.put, "/v1/staff/P0004/availability", as: .auditor, json: #"{"windows":[]}"#).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff/NOBODY/availability").status == .notFound)
            // Two accepted replacements, two audit rows; refused ones none.
            #expect(try await api.auditCount("availability", key: "P0001") == 2)
        }
    }
}

fileprivate extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
