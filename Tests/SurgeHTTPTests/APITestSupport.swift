import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import SurgeCore
import SurgeHTTP
import SurgeStore
import SurgeTestSupport
import Testing

/// A test API on its own cloned database, with one token per role for organisation `test`.
struct APIFixture: Sendable {
    let repositories: Repositories
    let client: any TestClientProtocol
    let tokens: [Role: String]
    let org = "test"

    func token(_ role: Role) -> String { tokens[role]! }

    func request(_ method: HTTPRequest.Method, _ path: String, as role: Role? = .admin, token: String? = nil,
                 json: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let t = token ?? role.map({ self.token($0) }) { headers[.authorization] = "Bearer \(t)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers,
                                        body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }
}

/// Runs `body` against a fresh database and a router-level test client; `now` fixes the crisis
/// services' clock (confirmations, deadlines, sick calls).
func withAPI(now: Date? = nil, _ body: @escaping @Sendable (APIFixture) async throws -> Void) async throws {
    try await TestDatabase.shared.withDatabase { db in
        let repositories = Repositories(db: db)
        try await repositories.organisations.ensure(Organisation(id: "test", name: "Testhausen"), actor: .system)
        _ = try await repositories.departments.create(org: "test", Department(code: "D1", name: "Dezernat 1", kind: .dezernat), actor: .system)
        _ = try await repositories.departments.create(org: "test", Department(code: "A10", name: "Amt 10", kind: .amt, parentCode: "D1"), actor: .system)
        _ = try await repositories.departments.create(org: "test", Department(code: "A20", name: "Amt 20", kind: .amt, parentCode: "D1"), actor: .system)
        // The staff token's own record.
        try await db.client.query("""
            INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group)
            VALUES ('test', 'P0001', 'Erika', 'Muster', 'A10', 39, 1, 'employee')
            """, logger: db.logger)
        var tokens: [Role: String] = [:]
        for (i, role) in Role.allCases.enumerated() {
            let secret = "test-token-\(role.rawValue)-" + String(repeating: "x", count: 32) + "\(i)"
            tokens[role] = secret
            _ = try await repositories.tokens.create(org: "test", name: role.rawValue, role: role,
                                                     departmentCode: role == .departmentHead ? "A10" : nil,
                                                     personnelNo: role == .staff ? "P0001" : nil, secret: secret, actor: .system)

        }
        let clock: @Sendable () -> Date
        if let now { clock = { now } } else { clock = { Date() } }
        let crisis = CrisisServices(db: db, now: clock)
        let router = buildRouter(repositories: repositories, migrator: try Migrator.bundled(), crisis: crisis)
        let app = Application(router: router)
        let allTokens = tokens
        try await app.test(.router) { client in
            try await body(APIFixture(repositories: repositories, client: client, tokens: allTokens))
        }
    }
}
