import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import SurgeCore
import SurgeHTTP
import SurgeStore

/// Helpers of the register tests (staff, competences, search, import).
extension APIFixture {
    /// Posts a CSV body (text/csv) as `role`.
    func postCSV(_ path: String, _ csv: String, as role: Role = .hr) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token(role))"
        headers[.contentType] = "text/csv"
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: csv))
    }

    /// A single integer from SQL, e.g. a count of rows.
    func scalar(_ sql: String) async throws -> Int {
        let rows = try await repositories.db.client.query(PostgresQuery(unsafeSQL: sql), logger: repositories.db.logger).collect()
        return Int(try rows.first?.decode(Int64.self) ?? -1)
    }

    /// Adds a person (admin) and checks it worked.
    func addStaff(_ pno: String, department: String = "A10", first: String = "Test", last: String = "Person") async throws {
        let r = try await request(.post, "/v1/staff", json: """
            {"personnelNo":"\(pno)","firstName":"\(first)","lastName":"\(last)","departmentCode":"\(department)","contractHoursWeek":39,"fte":1,"statusGroup":"employee"}
            """)
        guard r.status == .created else { throw FixtureError(description: "adding \(pno): \(r.status) \(r.text)") }
    }

    func addCompetence(_ json: String) async throws {
        let r = try await request(.post, "/v1/competences", json: json)
        guard r.status == .created else { throw FixtureError(description: "adding competence: \(r.status) \(r.text)") }
    }

    func hold(_ pno: String, _ code: String, _ json: String = "{}") async throws {
        let r = try await request(.put, "/v1/staff/\(pno)/competences/\(code)", json: json)
        guard r.status == .created else { throw FixtureError(description: "holding \(pno)/\(code): \(r.status) \(r.text)") }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

extension TestResponse {
    /// `items[].key` of a page, as strings.
    func itemValues(_ key: String) throws -> [String] {
        (try json()["items"] as? [[String: Any]] ?? []).compactMap { $0[key] as? String }
    }

    /// Names of `invalid-params` of a problem document.
    func invalidParamNames() throws -> [String] {
        (try json()["invalid-params"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
}
