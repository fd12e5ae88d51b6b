import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct StaffAPITests {
    static let erika2 = #"{"personnelNo":"P0002","firstName":"Max","lastName":"Muster","departmentCode":"A20","contractHoursWeek":19.5,"fte":0.5,"statusGroup":"civil_servant","email":"max@example.org"}"#

    @Test func createReadUpdateDeleteWithETagsAndAudit() async throws {
        try await withAPI { api in
            let created = try await api.request(.post, "/v1/staff", as: .hr, json: Self.erika2)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(created.headers[.location] == "/v1/staff/P0002")
            let read = try await api.request(.get, "/v1/staff/P0002")
            #expect(try read.json()["fte"] as? Double == 0.5)
            #expect(try read.json()["ruleProfile"] as? String == "normal")

            let changed = Self.erika2.replacingOccurrences(of: "19.5", with: "20")
            let updated = try await api.request(.put, "/v1/staff/P0002", json: changed, headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            let stale = try await api.request(.put, "/v1/staff/P0002", json: Self.erika2, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            #expect(try await api.request(.get, "/v1/staff/P0002").json()["contractHoursWeek"] as? Double == 20)

            let staleDelete = try await api.request(.delete, "/v1/staff/P0002", headers: [.ifMatch: "\"1\""])
            #expect(staleDelete.status == .preconditionFailed)
            let deleted = try await api.request(.delete, "/v1/staff/P0002", headers: [.ifMatch: "\"2\""])
            #expect(deleted.status == .noContent)
            #expect(try await api.request(.get, "/v1/staff/P0002").status == .notFound)

            let audit = try await api.request(.get, "/v1/audit?entity=staff&key=P0002", as: .auditor)
            #expect(try audit.itemValues("action") == ["create", "update", "delete"])
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withAPI { api in
            let tooMuch = try await api.request(.post, "/v1/staff", json: Self.erika2.replacingOccurrences(of: "0.5", with: "2"))
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.headers[.contentType] == "application/problem+json")
            #expect(try tooMuch.invalidParamNames() == ["fte"])

            let missing = try await api.request(.post, "/v1/staff", json: #"{"personnelNo":"P0003","firstName":"A"}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.invalidParamNames() == ["lastName"])

            let badStatus = try await api.request(.post, "/v1/staff", json: Self.erika2.replacingOccurrences(of: "civil_servant", with: "boss"))
            #expect(badStatus.status == .badRequest)
            #expect(try badStatus.invalidParamNames() == ["statusGroup"])

            let unknownDepartment = try await api.request(.post, "/v1/staff", json: Self.erika2.replacingOccurrences(of: "A20", with: "NOPE"))
            #expect(unknownDepartment.status == .unprocessableContent)
            #expect(try unknownDepartment.invalidParamNames() == ["departmentCode"])

            let duplicate = try await api.request(.post, "/v1/staff", json: Self.erika2.replacingOccurrences(of: "P0002", with: "P0001"))
            #expect(duplicate.status == .conflict)

            let renamed = try await api.request(.put, "/v1/staff/P0001", json: Self.erika2)
            #expect(renamed.status == .unprocessableContent)
            #expect(try renamed.invalidParamNames() == ["personnelNo"])
        }
    }

    @Test func roleMatrix() async throws {
        try await withAPI { api in
            try await api.addStaff("P0002", department: "A20")
            // Staff: own record only.
            #expect(try await api.request(.get, "/v1/staff/P0001", as: .staff).status == .ok)
            #expect(try await api.request(.get, "/v1/staff/P0002", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff/P0002/competences", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff", as: .staff).itemValues("personnelNo") == ["P0001"])
            // Department head of A10: not A20.
            #expect(try await api.request(.get, "/v1/staff/P0001", as: .departmentHead).status == .ok)
            #expect(try await api.request(.get, "/v1/staff/P0002", as: .departmentHead).status == .forbidden)
            #expect(try await api.request(.get, "/v1/staff", as: .departmentHead).itemValues("personnelNo") == ["P0001"])
            #expect(try await api.request(.get, "/v1/staff?department=A20", as: .departmentHead).status == .forbidden)
            // Writers: admin and hr only.
            let body = #"{"personnelNo":"P0009","firstName":"A","lastName":"B","departmentCode":"A10","contractHoursWeek":39,"fte":1,"statusGroup":"trainee"}"#
            for role in [Role.crisisStaff, .departmentHead, .staff, .auditor] {
                #expect(try await api.request(.post, "/v1/staff", as: role, json: body).status == .forbidden)
            }
            #expect(try await api.request(.delete, "/v1/staff/P0002", as: .staff).status == .forbidden)
            #expect(try await api.request(.post, "/v1/staff", as: .hr, json: body).status == .created)
            // No token.
            #expect(try await api.request(.get, "/v1/staff", as: nil).status == .unauthorized)
            #expect(try await api.request(.get, "/v1/staff/P0001", as: nil).status == .unauthorized)
        }
    }

    @Test func listFiltersByDepartmentSubtreeAndPaginates() async throws {
        try await withAPI { api in
            try await api.addStaff("P0002", department: "A20")
            try await api.addStaff("P0003", department: "A10")
            #expect(try await api.request(.get, "/v1/staff?department=A20").itemValues("personnelNo") == ["P0002"])
            #expect(try await api.request(.get, "/v1/staff?department=D1").itemValues("personnelNo") == ["P0001", "P0002", "P0003"])
            let first = try await api.request(.get, "/v1/staff?limit=2")
            #expect(try first.itemValues("personnelNo") == ["P0001", "P0002"])
            let cursor = try first.json()["nextCursor"] as? String
            #expect(cursor == "P0002")
            let second = try await api.request(.get, "/v1/staff?limit=2&cursor=\(cursor ?? "")")
            #expect(try second.itemValues("personnelNo") == ["P0003"])
            #expect(try second.json()["nextCursor"] == nil)
        }
    }
}
