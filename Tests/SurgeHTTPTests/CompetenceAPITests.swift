import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct CompetenceAPITests {
    @Test func catalogueWithImplications() async throws {
        try await withAPI { api in
            try await api.addCompetence(#"{"code":"FS_B","name":"Führerschein B","category":"driving_licence"}"#)
            let c1 = try await api.request(.post, "/v1/competences", as: .hr, json: #"{"code":"FS_C1","name":"Führerschein C1","category":"driving_licence","implies":["FS_B"]}"#)
            #expect(c1.status == .created)
            let read = try await api.request(.get, "/v1/competences/FS_C1", as: .staff)
            #expect(read.status == .ok)
            #expect(try read.json()["implies"] as? [String] == ["FS_B"])
            #expect(try read.json()["expires"] as? Bool == false)

            let unknownImplied = try await api.request(.post, "/v1/competences", json: #"{"code":"FS_C","name":"C","category":"driving_licence","implies":["NOPE"]}"#)
            #expect(unknownImplied.status == .unprocessableContent)
            #expect(try unknownImplied.invalidParamNames() == ["implies"])
            let badCategory = try await api.request(.post, "/v1/competences", json: #"{"code":"X","name":"X","category":"magic"}"#)
            #expect(badCategory.status == .badRequest)
            #expect(try badCategory.invalidParamNames() == ["category"])
            #expect(try await api.request(.post, "/v1/competences", as: .crisisStaff, json: #"{"code":"Y","name":"Y","category":"skill"}"#).status == .forbidden)

            let stale = try await api.request(.put, "/v1/competences/FS_C1", json: #"{"code":"FS_C1","name":"C1","category":"driving_licence"}"#,
                                              headers: [.ifMatch: "\"7\""])
            #expect(stale.status == .preconditionFailed)
            let updated = try await api.request(.put, "/v1/competences/FS_C1", json: #"{"code":"FS_C1","name":"C1","category":"driving_licence"}"#,
                                                headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(try updated.json()["implies"] as? [String] == [])

            // Held competences cannot be removed.
            try await api.hold("P0001", "FS_B")
            #expect(try await api.request(.delete, "/v1/competences/FS_B").status == .conflict)
            #expect(try await api.request(.get, "/v1/competences").itemValues("code") == ["FS_B", "FS_C1"])
        }
    }

    @Test func holdingsWithLevelsValidityAndETags() async throws {
        try await withAPI { api in
            try await api.addCompetence(#"{"code":"EN","name":"Englisch","category":"language","maxLevel":6}"#)
            try await api.addCompetence(#"{"code":"EH","name":"Erste Hilfe","category":"certificate","expires":true}"#)
            let created = try await api.request(.put, "/v1/staff/P0001/competences/EN", as: .hr,
                                                json: #"{"level":4,"validFrom":"01.01.2020","verifiedBy":"Personalamt","verifiedAt":"2020-01-02"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(try created.json()["validFrom"] as? String == "2020-01-01")

            let tooHigh = try await api.request(.put, "/v1/staff/P0001/competences/EN", json: #"{"level":7}"#)
            #expect(tooHigh.status == .unprocessableContent)
            #expect(try tooHigh.invalidParamNames() == ["level"])
            let noExpiry = try await api.request(.put, "/v1/staff/P0001/competences/EH", json: #"{}"#)
            #expect(noExpiry.status == .unprocessableContent)
            #expect(try noExpiry.invalidParamNames() == ["validUntil"])
            let badDate = try await api.request(.put, "/v1/staff/P0001/competences/EH", json: #"{"validUntil":"30.02.2027"}"#)
            #expect(badDate.status == .badRequest)
            #expect(try badDate.invalidParamNames() == ["validUntil"])
            #expect(try await api.request(.put, "/v1/staff/P0001/competences/NOPE", json: "{}").status == .unprocessableContent)
            #expect(try await api.request(.put, "/v1/staff/P9999/competences/EN", json: "{}").status == .notFound)

            let updated = try await api.request(.put, "/v1/staff/P0001/competences/EN", json: #"{"level":5}"#, headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            let stale = try await api.request(.put, "/v1/staff/P0001/competences/EN", json: #"{"level":6}"#, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)

            let own = try await api.request(.get, "/v1/staff/P0001/competences", as: .staff)
            #expect(own.status == .ok)
            let items = try own.json()["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["level"] as? Int == 5)
            #expect(try await api.request(.put, "/v1/staff/P0001/competences/EN", as: .staff, json: #"{"level":6}"#).status == .forbidden)

            #expect(try await api.request(.delete, "/v1/staff/P0001/competences/EN", headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
            #expect(try await api.request(.delete, "/v1/staff/P0001/competences/EN", headers: [.ifMatch: "\"2\""]).status == .noContent)
            #expect(try await api.request(.delete, "/v1/staff/P0001/competences/EN").status == .notFound)

            let audit = try await api.request(.get, "/v1/audit?entity=staff_competence&key=P0001/EN", as: .auditor)
            #expect(try audit.itemValues("action") == ["create", "update", "delete"])
        }
    }

    @Test func lapsingList() async throws {
        try await withAPI { api in
            try await api.addCompetence(#"{"code":"EH","name":"Erste Hilfe","category":"certificate","expires":true}"#)
            try await api.addStaff("P0002", department: "A20")
            try await api.addStaff("P0003", department: "A10")
            try await api.hold("P0001", "EH", #"{"validUntil":"2026-06-10"}"#)   // 9 days after the reference day
            try await api.hold("P0002", "EH", #"{"validUntil":"2026-06-30"}"#)   // 29 days
            try await api.hold("P0003", "EH", #"{"validUntil":"2026-05-31"}"#)   // lapsed already
            let soon = try await api.request(.get, "/v1/competences/lapsing?days=30&today=2026-06-01", as: .crisisStaff)
            #expect(soon.status == .ok)
            #expect(try soon.itemValues("personnelNo") == ["P0001", "P0002"])
            let first = (try soon.json()["items"] as? [[String: Any]])?.first
            #expect(first?["daysLeft"] as? Int == 9)
            #expect(first?["competenceName"] as? String == "Erste Hilfe")
            #expect(try await api.request(.get, "/v1/competences/lapsing?days=10&today=01.06.2026").itemValues("personnelNo") == ["P0001"])
            #expect(try await api.request(.get, "/v1/competences/lapsing?days=30&today=2026-06-01", as: .departmentHead).itemValues("personnelNo") == ["P0001"])
            #expect(try await api.request(.get, "/v1/competences/lapsing", as: .staff).status == .forbidden)
            let bad = try await api.request(.get, "/v1/competences/lapsing?days=-1")
            #expect(bad.status == .badRequest)
            #expect(try bad.invalidParamNames() == ["days"])
            #expect(try await api.request(.get, "/v1/competences/lapsing?today=tomorrow").invalidParamNames() == ["today"])
        }
    }
}
