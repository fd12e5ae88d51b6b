import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct DepartmentAPITests {
    @Test func createReadUpdateWithETag() async throws {
        try await withAPI { api in
            let created = try await api.request(.post, "/v1/departments", json: #"{"code":"X1","name":"Abteilung X","kind":"abteilung","parentCode":"A10"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")

            let updated = try await api.request(.put, "/v1/departments/X1", json: #"{"code":"X1","name":"Abteilung X neu","kind":"abteilung","parentCode":"A10"}"#,
                                                headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")

            // Someone else changed it since version 1 was read.
            let stale = try await api.request(.put, "/v1/departments/X1", json: #"{"code":"X1","name":"Lost update","kind":"abteilung","parentCode":"A10"}"#,
                                              headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            let read = try await api.request(.get, "/v1/departments/X1")
            #expect(try read.json()["name"] as? String == "Abteilung X neu")
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withAPI { api in
            let missing = try await api.request(.post, "/v1/departments", json: #"{"code":"X2","name":"No kind"}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.text.contains("kind"))

            let unknownParent = try await api.request(.post, "/v1/departments", json: #"{"code":"X3","name":"Orphan","kind":"amt","parentCode":"NOPE"}"#)
            #expect(unknownParent.status == .unprocessableContent)
            #expect(unknownParent.text.contains("parentCode"))

            let duplicate = try await api.request(.post, "/v1/departments", json: #"{"code":"A10","name":"Again","kind":"amt"}"#)
            #expect(duplicate.status == .conflict)

            let cycle = try await api.request(.put, "/v1/departments/D1", json: #"{"code":"D1","name":"Dezernat 1","kind":"dezernat","parentCode":"A10"}"#)
            #expect(cycle.status == .unprocessableContent)
        }
    }

    @Test func departmentHeadSeesOwnSubtreeOnly() async throws {
        try await withAPI { api in
            let own = try await api.request(.get, "/v1/departments/A10", as: .departmentHead)
            #expect(own.status == .ok)
            let other = try await api.request(.get, "/v1/departments/A20", as: .departmentHead)
            #expect(other.status == .forbidden)
            let list = try await api.request(.get, "/v1/departments", as: .departmentHead)
            let codes = (try list.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes == ["A10"])
        }
    }

    @Test func missingOrWrongTokenIs401() async throws {
        try await withAPI { api in
            let none = try await api.request(.get, "/v1/departments", as: nil)
            #expect(none.status == .unauthorized)
            let wrong = try await api.request(.get, "/v1/departments", as: nil, token: "not-a-token")
            #expect(wrong.status == .unauthorized)
            let staffWrite = try await api.request(.post, "/v1/departments", as: .staff, json: #"{"code":"S1","name":"S","kind":"amt"}"#)
            #expect(staffWrite.status == .forbidden)
        }
    }

    @Test func mutationsAreAudited() async throws {
        try await withAPI { api in
            _ = try await api.request(.post, "/v1/departments", json: #"{"code":"AU1","name":"Audited","kind":"amt"}"#)
            let audit = try await api.request(.get, "/v1/audit?entity=department&key=AU1", as: .auditor)
            let items = try audit.json()["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["action"] as? String == "create")
            #expect(!(audit.text.contains("test-token")))
            let forbidden = try await api.request(.get, "/v1/audit", as: .hr)
            #expect(forbidden.status == .forbidden)
        }
    }
}
