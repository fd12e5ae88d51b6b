import Crypto
import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Who is calling: the identity behind an API token.
public struct Caller: Sendable, Hashable {
    public var org: String
    public var tokenId: Int64
    public var name: String
    public var role: Role
    /// For department heads: the root of the subtree they may see.
    public var departmentCode: String?
    /// For staff: their own record.
    public var personnelNo: String?

    public init(org: String, tokenId: Int64, name: String, role: Role, departmentCode: String? = nil, personnelNo: String? = nil) {
        self.org = org
        self.tokenId = tokenId
        self.name = name
        self.role = role
        self.departmentCode = departmentCode
        self.personnelNo = personnelNo
    }

    public var actor: AuditActor { AuditActor("token:\(tokenId):\(name)") }
}

/// API tokens: stored only as SHA-256 hashes; the token itself is shown once, at creation.
public struct TokenRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public static func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }

    /// Creates a token; `secret` is the random token text (callers pass it in, so tests are reproducible).
    public func create(org: String, name: String, role: Role, departmentCode: String?, personnelNo: String?,
                       secret: String, actor: AuditActor) async throws -> Caller {
        var v = Validator()
        v.text(name, "name", maxLength: 100)
        v.require(secret.count >= 32, "token", "must be at least 32 characters")
        if role == .departmentHead { v.require(departmentCode != nil, "department", "is required for the department_head role") }
        if role == .staff { v.require(personnelNo != nil, "personnelNo", "is required for the staff role") }
        try v.check()
        let digest = Self.hash(secret)
        return try await db.transaction { c in
            let rows = try await c.query("""
                INSERT INTO api_token (org_id, name, role, department_code, personnel_no, token_hash)
                VALUES (\(org), \(name), \(role.rawValue), \(departmentCode), \(personnelNo), \(ByteBuffer(bytes: digest)))
                RETURNING token_id
                """, logger: db.logger).collect()
            let id = try rows[0].decode(Int64.self)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "api_token", key: String(id),
                                      change: ["name": name, "role": role.rawValue, "department": departmentCode ?? "", "personnelNo": personnelNo ?? ""],
                                      logger: db.logger)
            return Caller(org: org, tokenId: id, name: name, role: role, departmentCode: departmentCode, personnelNo: personnelNo)
        }
    }

    /// The caller a token belongs to, or nil for an unknown or revoked token.
    public func authenticate(_ token: String) async throws -> Caller? {
        let digest = Self.hash(token)
        let rows = try await db.read { c in
            try await c.query("""
                SELECT org_id, token_id, name, role, department_code, personnel_no FROM api_token
                WHERE token_hash = \(ByteBuffer(bytes: digest)) AND revoked_at IS NULL
                """, logger: db.logger).collect()
        }
        guard let row = rows.first else { return nil }
        let (org, id, name, role, dept, pno) = try row.decode((String, Int64, String, String, String?, String?).self)
        guard let r = Role(rawValue: role) else { return nil }
        return Caller(org: org, tokenId: id, name: name, role: r, departmentCode: dept, personnelNo: pno)
    }

    public func revoke(org: String, tokenId: Int64, actor: AuditActor) async throws {
        try await db.transaction { c in
            let rows = try await c.query("UPDATE api_token SET revoked_at = now() WHERE org_id = \(org) AND token_id = \(tokenId) AND revoked_at IS NULL RETURNING token_id", logger: db.logger).collect()
            guard !rows.isEmpty else { throw StoreError.notFound(entity: "api_token", key: String(tokenId)) }
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "api_token", key: String(tokenId), change: ["revoked": true], logger: db.logger)
        }
    }
}
