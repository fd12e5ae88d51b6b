import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SurgeCore
import Testing

@Suite struct SearchAPITests {
    /// P0001 (A10) holds CE, which implies C1, which implies B. P0002 (A20) holds B and English C1 (5).
    /// P0003 (A10) held C1 until May; P0004 (A10) holds B only from July. P0005 (A20) is a paramedic (implies first aid).
    static func seed(_ api: APIFixture) async throws {
        try await api.addCompetence(#"{"code":"FS_B","name":"Klasse B","category":"driving_licence"}"#)
        try await api.addCompetence(#"{"code":"FS_C1","name":"Klasse C1","category":"driving_licence","implies":["FS_B"]}"#)
        try await api.addCompetence(#"{"code":"FS_CE","name":"Klasse CE","category":"driving_licence","implies":["FS_C1"]}"#)
        try await api.addCompetence(#"{"code":"EN","name":"Englisch","category":"language","maxLevel":6}"#)
        try await api.addCompetence(#"{"code":"EH","name":"Erste Hilfe","category":"certificate","expires":true}"#)
        try await api.addCompetence(#"{"code":"SAN","name":"Sanitäter","category":"certificate","maxLevel":3,"implies":["EH"]}"#)
        try await api.addStaff("P0002", department: "A20")
        try await api.addStaff("P0003", department: "A10")
        try await api.addStaff("P0004", department: "A10")
        try await api.addStaff("P0005", department: "A20")
        try await api.hold("P0001", "FS_CE")
        try await api.hold("P0002", "FS_B")
        try await api.hold("P0002", "EN", #"{"level":5}"#)
        try await api.hold("P0003", "EN", #"{"level":2}"#)
        try await api.hold("P0003", "FS_C1", #"{"validUntil":"2026-05-01"}"#)
        try await api.hold("P0004", "FS_B", #"{"validFrom":"2026-07-01"}"#)
        try await api.hold("P0005", "SAN", #"{"level":3,"validUntil":"2027-01-01"}"#)
    }

    static func people(_ api: APIFixture, _ query: String, as role: Role = .crisisStaff) async throws -> [String] {
        let r = try await api.request(.get, "/v1/search/competence?" + query, as: role)
        guard r.status == .ok else { throw FixtureError(description: "search \(query): \(r.status) \(r.text)") }
        return try r.itemValues("personnelNo")
    }

    @Test func implicationsAreFollowedTransitively() async throws {
        try await withAPI { api in
            try await Self.seed(api)
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01") == ["P0001", "P0002"])
            #expect(try await Self.people(api, "competence=FS_C1&validOn=2026-06-01") == ["P0001"])
            #expect(try await Self.people(api, "competence=FS_CE&validOn=2026-06-01") == ["P0001"])
            let r = try await api.request(.get, "/v1/search/competence?competence=FS_B&validOn=2026-06-01", as: .crisisStaff)
            let first = (try r.json()["items"] as? [[String: Any]])?.first
            #expect(first?["viaCompetence"] as? String == "FS_CE")
            #expect(first?["level"] as? Int == 1)
            // A paramedic has first aid; first aid has no levels, so the implied level is 1.
            #expect(try await Self.people(api, "competence=EH&validOn=2026-06-01") == ["P0005"])
            #expect(try await Self.people(api, "competence=EH&minLevel=2&validOn=2026-06-01") == [])
            #expect(try await Self.people(api, "competence=SAN&minLevel=3&validOn=2026-06-01") == ["P0005"])
        }
    }

    @Test func levelAndValidity() async throws {
        try await withAPI { api in
            try await Self.seed(api)
            #expect(try await Self.people(api, "competence=EN&minLevel=2&validOn=2026-06-01") == ["P0002", "P0003"])
            #expect(try await Self.people(api, "competence=EN&minLevel=3&validOn=2026-06-01") == ["P0002"])
            #expect(try await Self.people(api, "competence=EN&minLevel=6&validOn=2026-06-01") == [])
            // P0003's C1 was valid until May; P0004's B is valid from July.
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-04-30") == ["P0001", "P0002", "P0003"])
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-07-01") == ["P0001", "P0002", "P0004"])
        }
    }

    @Test func absenceAndPoolFilters() async throws {
        try await withAPI { api in
            try await Self.seed(api)
            let db = api.repositories.db
            try await db.client.query("""
                INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on) VALUES ('test', 'P0002', 'vacation', '2026-06-03', '2026-06-05')
                """, logger: db.logger)
            try await db.client.query("""
                INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, valid_until, max_hours_week)
                VALUES ('test', 'P0001', 'designated', '2026-01-01', '2026-12-31', 20), ('test', 'P0002', 'designated', '2025-01-01', '2025-12-31', 20)
                """, logger: db.logger)
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01&availableFrom=2026-06-01&availableUntil=2026-06-02") == ["P0001", "P0002"])
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01&availableFrom=2026-06-05&availableUntil=2026-06-10") == ["P0001"])
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01&availableFrom=02.06.2026&availableUntil=03.06.2026") == ["P0001"])
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01&poolOnly=true") == ["P0001"])
            #expect(try await Self.people(api, "competence=FS_B&validOn=2025-06-01&poolOnly=true") == ["P0002"])
            let r = try await api.request(.get, "/v1/search/competence?competence=FS_B&validOn=2026-06-01", as: .crisisStaff)
            #expect((try r.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["inPool"] as? Bool } == [true, false])
        }
    }

    @Test func rolesPagingAndBadParameters() async throws {
        try await withAPI { api in
            try await Self.seed(api)
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01", as: .departmentHead) == ["P0001"])
            #expect(try await api.request(.get, "/v1/search/competence?competence=FS_B", as: .staff).status == .forbidden)
            #expect(try await api.request(.get, "/v1/search/competence?competence=FS_B", as: nil).status == .unauthorized)

            let page = try await api.request(.get, "/v1/search/competence?competence=FS_B&validOn=2026-06-01&limit=1", as: .crisisStaff)
            #expect(try page.itemValues("personnelNo") == ["P0001"])
            #expect(try page.json()["nextCursor"] as? String == "P0001")
            #expect(try await Self.people(api, "competence=FS_B&validOn=2026-06-01&limit=1&cursor=P0001") == ["P0002"])

            let noCompetence = try await api.request(.get, "/v1/search/competence?minLevel=2", as: .crisisStaff)
            #expect(noCompetence.status == .badRequest)
            #expect(try noCompetence.invalidParamNames() == ["competence"])
            #expect(try await api.request(.get, "/v1/search/competence?competence=FS_B&minLevel=0").invalidParamNames() == ["minLevel"])
            #expect(try await api.request(.get, "/v1/search/competence?competence=FS_B&validOn=gestern").invalidParamNames() == ["validOn"])
            #expect(try await api.request(.get, "/v1/search/competence?competence=FS_B&poolOnly=vielleicht").invalidParamNames() == ["poolOnly"])
            let halfPeriod = try await api.request(.get, "/v1/search/competence?competence=FS_B&availableFrom=2026-06-01")
            #expect(halfPeriod.status == .unprocessableContent)
            #expect(try halfPeriod.invalidParamNames() == ["availableFrom"])
            #expect(try await Self.people(api, "competence=UNKNOWN&validOn=2026-06-01") == [])
        }
    }
}
