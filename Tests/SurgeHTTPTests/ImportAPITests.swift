import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurgeCore
import Testing

@Suite struct ImportAPITests {
    static let staffCSV = "\u{FEFF}Personalnummer;Vorname;Nachname;Organisationseinheit;Wochenstunden;VZÄ;Statusgruppe;E-Mail\r\n"
        + "P0001;Erika;Muster;A10;39;1;Beschäftigte;\r\n"              // exists already: unchanged
        + "P0100;Anna;\"Lang; geb. Kurz\";A10;19,5;0,5;Beamte;anna@example.org\r\n"
        + "P0101;Ben;Bau;A20;41;1;civil_servant;\r\n"

    static let holdingsCSV = "personnel_no,competence,level,valid_from,valid_until,verified_by,verified_at\n"
        + "P0100,EN,4,01.01.2020,,Personalamt,2020-01-02\n"
        + "P0101,EH,,,31.12.2026,,\n"

    static let absencesCSV = "personnel_no;category;starts_on;ends_on\nP0100;Urlaub;01.06.2026;14.06.2026\nP0101;sick;2026-06-02;2026-06-03\nP0100;vacation;2026-06-01;2026-06-14\n"

    static func catalogue(_ api: APIFixture) async throws {
        try await api.addCompetence(#"{"code":"EN","name":"Englisch","category":"language","maxLevel":6}"#)
        try await api.addCompetence(#"{"code":"EH","name":"Erste Hilfe","category":"certificate","expires":true}"#)
    }

    @Test func importIsIdempotentAndAudited() async throws {
        try await withAPI { api in
            try await Self.catalogue(api)
            let first = try await api.postCSV("/v1/import/staff", Self.staffCSV)
            #expect(first.status == .ok)
            let report = try first.json()
            #expect(report["rows"] as? Int == 3)
            #expect(report["inserted"] as? Int == 2)
            #expect(report["updated"] as? Int == 0)
            #expect(report["unchanged"] as? Int == 1)
            #expect(try await api.scalar("SELECT count(*) FROM staff WHERE org_id = 'test'") == 3)
            let holdings = try await api.postCSV("/v1/import/competences", Self.holdingsCSV)
            #expect(try holdings.json()["inserted"] as? Int == 2)
            let absences = try await api.postCSV("/v1/import/absences", Self.absencesCSV)
            // The third row repeats the first (German and English spelling): one absence.
            #expect(try absences.json()["inserted"] as? Int == 2)
            #expect(try absences.json()["unchanged"] as? Int == 1)

            let auditRows = try await api.scalar("SELECT count(*) FROM audit_log")
            let versions = try await api.scalar("SELECT sum(version) FROM staff")
            for (kind, csv) in [("staff", Self.staffCSV), ("competences", Self.holdingsCSV), ("absences", Self.absencesCSV)] {
                let again = try await api.postCSV("/v1/import/\(kind)", csv)
                #expect(again.status == .ok)
                #expect(try again.json()["inserted"] as? Int == 0, "\(kind)")
                #expect(try again.json()["updated"] as? Int == 0, "\(kind)")
            }
            #expect(try await api.scalar("SELECT count(*) FROM audit_log") == auditRows)
            #expect(try await api.scalar("SELECT sum(version) FROM staff") == versions)
            #expect(try await api.scalar("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'staff'") == 1)

            // A changed row is updated, and only that one.
            let changed = Self.staffCSV.replacingOccurrences(of: "P0101;Ben;Bau;A20;41", with: "P0101;Ben;Bau;A20;40")
            let update = try await api.postCSV("/v1/import/staff", changed)
            #expect(try update.json()["updated"] as? Int == 1)
            #expect(try update.json()["unchanged"] as? Int == 2)
            #expect(try await api.request(.get, "/v1/staff/P0101").json()["contractHoursWeek"] as? Double == 40)
        }
    }

    @Test func oneBadRowWritesNothingAndEveryBadRowIsReported() async throws {
        try await withAPI { api in
            try await Self.catalogue(api)
            let bad = Self.staffCSV
                + "P0102;Cem;C;A10;39;viel;employee;\r\n"       // line 5
                + "P0103;Dora;D;NOPE;39;1;employee;\r\n"        // line 6
                + "P0104;Eva;E;A10;39;1;employee;\r\n"
            let r = try await api.postCSV("/v1/import/staff", bad)
            #expect(r.status == .unprocessableContent)
            #expect(r.headers[.contentType] == "application/problem+json")
            #expect(try r.invalidParamNames() == ["fte", "department"])
            let errors = (try r.json()["report"] as? [String: Any])?["errors"] as? [[String: Any]] ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [5, 6])
            #expect(errors.compactMap { $0["field"] as? String } == ["fte", "department"])
            #expect(try await api.scalar("SELECT count(*) FROM staff WHERE org_id = 'test'") == 1)
            #expect(try await api.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'") == 0)

            let orphan = try await api.postCSV("/v1/import/competences", Self.holdingsCSV)
            #expect(orphan.status == .unprocessableContent)
            #expect(try orphan.invalidParamNames() == ["personnel_no", "personnel_no"])

            let broken = try await api.postCSV("/v1/import/staff", "personnel_no;first_name\n\"P1;x\n")
            #expect(broken.status == .unprocessableContent)
            #expect(try broken.invalidParamNames() == ["file"])
        }
    }

    @Test func dryRunWritesNothing() async throws {
        try await withAPI { api in
            let dry = try await api.postCSV("/v1/import/staff?dryRun=true", Self.staffCSV)
            #expect(dry.status == .ok)
            #expect(try dry.json()["dryRun"] as? Bool == true)
            #expect(try dry.json()["inserted"] as? Int == 2)
            #expect(try await api.scalar("SELECT count(*) FROM staff WHERE org_id = 'test'") == 1)
            #expect(try await api.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'") == 0)
            let badDry = try await api.postCSV("/v1/import/staff?dryRun=true", Self.staffCSV + "P0102;Cem;C;A10;39;viel;employee;\r\n")
            #expect(badDry.status == .unprocessableContent)
        }
    }

    @Test func exportReadsBackUnchanged() async throws {
        try await withAPI { api in
            try await Self.catalogue(api)
            _ = try await api.postCSV("/v1/import/staff", Self.staffCSV)
            _ = try await api.postCSV("/v1/import/competences", Self.holdingsCSV)
            _ = try await api.postCSV("/v1/import/absences", Self.absencesCSV)
            for kind in ["staff", "competences", "absences"] {
                let export = try await api.request(.get, "/v1/export/\(kind)", as: .hr)
                #expect(export.status == .ok)
                #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
                let back = try await api.postCSV("/v1/import/\(kind)", export.text)
                #expect(back.status == .ok, "\(kind): \(back.text)")
                #expect(try back.json()["inserted"] as? Int == 0, "\(kind)")
                #expect(try back.json()["updated"] as? Int == 0, "\(kind)")
            }
            let staff = try await api.request(.get, "/v1/export/staff", as: .hr).text
            #expect(staff.hasPrefix("personnel_no;first_name;last_name;department;contract_hours;fte;status_group"))
            #expect(staff.contains("P0100;Anna;\"Lang; geb. Kurz\";A10;19.5;0.5;civil_servant;normal;anna@example.org;"))
        }
    }

    @Test func onlyAdminAndHRImportAndExport() async throws {
        try await withAPI { api in
            for role in [Role.crisisStaff, .departmentHead, .staff, .auditor] {
                #expect(try await api.postCSV("/v1/import/staff", Self.staffCSV, as: role).status == .forbidden)
                #expect(try await api.request(.get, "/v1/export/staff", as: role).status == .forbidden)
            }
            #expect(try await api.request(.get, "/v1/export/staff", as: nil).status == .unauthorized)
            let unknown = try await api.postCSV("/v1/import/pets", Self.staffCSV, as: .admin)
            #expect(unknown.status == .notFound)
            #expect(try unknown.invalidParamNames() == ["kind"])
        }
    }
}
