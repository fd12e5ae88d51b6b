import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct RegularTaskAPITests {
    @Test func fteByLevelMustHaveFourValues() async throws {
        try await withAPI { api in
            let three = try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Bescheide","priorityClass":"A","fteByLevel":[1,1,1]}"#)
            #expect(three.status == .unprocessableContent)
            #expect(three.invalidParams == ["fteByLevel"])
            let missing = try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Bescheide","priorityClass":"A"}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.invalidParams == ["fteByLevel"])
            let negative = try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Bescheide","priorityClass":"A","fteByLevel":[1,1,-1,1]}"#)
            #expect(negative.invalidParams == ["fteByLevel[2]"])
            let badClass = try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Bescheide","priorityClass":"D","fteByLevel":[1,1,1,1]}"#)
            #expect(badClass.status == .badRequest)
            #expect(badClass.invalidParams == ["priorityClass"])
            let noDepartment = try await api.request(.post, "/v1/departments/NOPE/tasks", json: #"{"code":"T1","name":"Bescheide","priorityClass":"A","fteByLevel":[1,1,1,1]}"#)
            #expect(noDepartment.status == .notFound)
            #expect(try await api.auditCount("regular_task") == 0)
        }
    }

    @Test func departmentHeadsMaintainTheirOwnSubtree() async throws {
        try await withAPI { api in
            let body = #"{"code":"T1","name":"Pflichtaufgaben","priorityClass":"A","fteByLevel":[2,2,1.5,1.25]}"#
            let own = try await api.request(.post, "/v1/departments/A10/tasks", as: .departmentHead, json: body)
            #expect(own.status == .created)
            #expect(own.headers[.location] == "/v1/departments/A10/tasks/T1")
            #expect(try JSONDecoder().decode(RegularTask.self, from: Data(buffer: own.body)).fteByLevel == [2, 2, 1.5, 1.25])
            #expect(try await api.request(.post, "/v1/departments/A20/tasks", as: .departmentHead, json: body).status == .forbidden)
            #expect(try await api.request(.get, "/v1/departments/A20/tasks", as: .departmentHead).status == .forbidden)
            #expect(try await api.request(.post, "/v1/departments/A20/tasks", as: .hr, json: body).status == .created)
            #expect(try await api.request(.post, "/v1/departments/A20/tasks", as: .staff, json: body).status == .forbidden)
            #expect(try await api.request(.post, "/v1/departments/A20/tasks", as: .crisisStaff, json: body).status == .forbidden)
            #expect(try await api.request(.get, "/v1/departments/A20/tasks", as: nil).status == .unauthorized)
            #expect(try await api.request(.put, "/v1/departments/A20/tasks/T1", as: .departmentHead, json: body).status == .forbidden)
            #expect(try await api.request(.delete, "/v1/departments/A20/tasks/T1", as: .departmentHead).status == .forbidden)
            #expect(try await api.request(.post, "/v1/departments/A10/tasks", as: .departmentHead, json: body).status == .conflict)
        }
    }

    @Test func updateWithIfMatchAndAudit() async throws {
        try await withAPI { api in
            _ = try await api.request(.post, "/v1/departments/A10/tasks", json: #"{"code":"T1","name":"Beratung","priorityClass":"B","fteByLevel":[3,2,1,0.5]}"#)
            let reduced = #"{"name":"Beratung (reduziert)","priorityClass":"B","fteByLevel":[3,1.5,0.75,0]}"#
            let updated = try await api.request(.put, "/v1/departments/A10/tasks/T1", as: .departmentHead, json: reduced, headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            #expect(try await api.request(.put, "/v1/departments/A10/tasks/T1", json: reduced, headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
            let renamed = #"{"code":"T2","name":"x","priorityClass":"B","fteByLevel":[1,1,1,1]}"#
            #expect(try await api.request(.put, "/v1/departments/A10/tasks/T1", json: renamed).invalidParams == ["code"])
            let list = try await api.request(.get, "/v1/departments/A10/tasks", as: .departmentHead)
            #expect(list.items.first?["name"] as? String == "Beratung (reduziert)")
            #expect(list.items.first?["departmentCode"] as? String == "A10")
            #expect(try await api.request(.delete, "/v1/departments/A10/tasks/T1", headers: [.ifMatch: "\"2\""]).status == .noContent)
            #expect(try await api.request(.get, "/v1/departments/A10/tasks/T1").status == .notFound)
            #expect(try await api.auditCount("regular_task", key: "A10/T1") == 3)
        }
    }
}
