import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Departments of one organisation, as a tree (Dezernat > Amt > Abteilung).
public struct DepartmentRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func create(org: String, _ department: Department, actor: AuditActor) async throws -> Versioned<Department> {
        try department.validate()
        return try await db.transaction { c in
            try await c.query("""
                INSERT INTO department (org_id, code, name, kind, parent_code)
                VALUES (\(org), \(department.code), \(department.name), \(department.kind.rawValue), \(department.parentCode))
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "department", key: department.code, change: department, logger: db.logger)
            return Versioned(value: department, version: 1)
        }
    }

    public func get(org: String, code: String) async throws -> Versioned<Department> {
        try await db.read { c in
            guard let d = try await Self.fetch(c, org: org, code: code, logger: db.logger) else {
                throw StoreError.notFound(entity: "department", key: code)
            }
            return d
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, code: String, forUpdate: Bool = false, logger: Logger) async throws -> Versioned<Department>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT code, name, kind, parent_code, version FROM department WHERE org_id = \(org) AND code = \(code) FOR UPDATE"
            : "SELECT code, name, kind, parent_code, version FROM department WHERE org_id = \(org) AND code = \(code)"
        for try await row in try await c.query(sql, logger: logger) {
            return try decode(row)
        }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<Department> {
        let (code, name, kind, parent, version) = try row.decode((String, String, String, String?, Int32).self)
        return Versioned(value: Department(code: code, name: name, kind: Department.Kind(rawValue: kind) ?? .abteilung, parentCode: parent),
                         version: Int(version))
    }

    /// Lists departments ordered by code; `within` restricts to a subtree (a department head's view).
    public func list(org: String, within root: String? = nil, page: PageRequest) async throws -> Page<Versioned<Department>> {
        let after = page.cursor ?? ""
        let rows = try await db.read { c in
            try await c.query("""
                WITH RECURSIVE sub AS (
                    SELECT code FROM department WHERE org_id = \(org) AND (\(root)::text IS NULL OR code = \(root))
                    UNION SELECT d.code FROM department d JOIN sub ON d.parent_code = sub.code AND d.org_id = \(org)
                    WHERE \(root)::text IS NOT NULL
                )
                SELECT code, name, kind, parent_code, version FROM department
                WHERE org_id = \(org) AND code > \(after) AND code IN (SELECT code FROM sub)
                ORDER BY code LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.code : nil)
    }

    /// Codes of `root` and every department below it.
    public func subtree(org: String, root: String) async throws -> Set<String> {
        try await db.read { c in try await Self.subtree(c, org: org, root: root, logger: db.logger) }
    }

    static func subtree(_ c: PostgresConnection, org: String, root: String, logger: Logger) async throws -> Set<String> {
        var result: Set<String> = []
        for try await code in try await c.query("""
            WITH RECURSIVE sub AS (
                SELECT code FROM department WHERE org_id = \(org) AND code = \(root)
                UNION SELECT d.code FROM department d JOIN sub ON d.parent_code = sub.code AND d.org_id = \(org)
            ) SELECT code FROM sub
            """, logger: logger).decode(String.self) {
            result.insert(code)
        }
        return result
    }

    /// Replaces a department if `expectedVersion` (the If-Match ETag) is still current.
    public func update(org: String, code: String, _ department: Department, expectedVersion: Int?, actor: AuditActor) async throws -> Versioned<Department> {
        try department.validate()
        guard department.code == code else {
            throw ValidationFailure([FieldError("code", "cannot be changed (URL says '\(code)', body says '\(department.code)')")])
        }
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "department", key: code)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "department", key: code, current: old.version)
            }
            if let parent = department.parentCode {
                // A department cannot move below itself.
                let below = try await Self.subtree(c, org: org, root: code, logger: db.logger)
                if below.contains(parent) {
                    throw ValidationFailure([FieldError("parentCode", "'\(parent)' lies below '\(code)': that would make a cycle")])
                }
            }
            try await c.query("""
                UPDATE department SET name = \(department.name), kind = \(department.kind.rawValue), parent_code = \(department.parentCode), version = version + 1
                WHERE org_id = \(org) AND code = \(code)
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "department", key: code,
                                      change: ["old": old.value, "new": department], logger: db.logger)
            return Versioned(value: department, version: old.version + 1)
        }
    }

    public func delete(org: String, code: String, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "department", key: code)
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "department", key: code, current: old.version)
            }
            try await c.query("DELETE FROM department WHERE org_id = \(org) AND code = \(code)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "department", key: code, change: old.value, logger: db.logger)
        }
    }
}
