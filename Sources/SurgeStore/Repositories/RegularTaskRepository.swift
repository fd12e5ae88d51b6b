import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Each department's catalogue of regular tasks with priority class and FTE needed per crisis level.
public struct RegularTaskRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = "department_code, code, name, priority_class, fte_level0::float8, fte_level1::float8, fte_level2::float8, fte_level3::float8, version"

    /// The audit key of a task: department and task code.
    static func key(_ department: String, _ code: String) -> String { "\(department)/\(code)" }

    public func create(org: String, _ task: RegularTask, actor: AuditActor) async throws -> Versioned<RegularTask> {
        try task.validate()
        let f = task.fteByLevel
        return try await db.transaction { c in
            guard try await DepartmentRepository.fetch(c, org: org, code: task.departmentCode, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "department", key: task.departmentCode)
            }
            try await c.query("""
                INSERT INTO regular_task (org_id, department_code, code, name, priority_class, fte_level0, fte_level1, fte_level2, fte_level3)
                VALUES (\(org), \(task.departmentCode), \(task.code), \(task.name), \(task.priorityClass.rawValue),
                        \(f[0])::numeric, \(f[1])::numeric, \(f[2])::numeric, \(f[3])::numeric)
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "regular_task",
                                      key: Self.key(task.departmentCode, task.code), change: task, logger: db.logger)
            // numeric(7,2): what is stored is what the caller sees.
            guard let stored = try await Self.fetch(c, org: org, department: task.departmentCode, code: task.code, logger: db.logger) else {
                throw StoreError.notFound(entity: "regular_task", key: Self.key(task.departmentCode, task.code))
            }
            return stored
        }
    }

    public func get(org: String, department: String, code: String) async throws -> Versioned<RegularTask> {
        try await db.read { c in
            guard let t = try await Self.fetch(c, org: org, department: department, code: code, logger: db.logger) else {
                throw StoreError.notFound(entity: "regular_task", key: Self.key(department, code))
            }
            return t
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, department: String, code: String, forUpdate: Bool = false,
                      logger: Logger) async throws -> Versioned<RegularTask>? {
        let sql: PostgresQuery = forUpdate
            ? "SELECT \(unescaped: columns) FROM regular_task WHERE org_id = \(org) AND department_code = \(department) AND code = \(code) FOR UPDATE"
            : "SELECT \(unescaped: columns) FROM regular_task WHERE org_id = \(org) AND department_code = \(department) AND code = \(code)"
        for try await row in try await c.query(sql, logger: logger) { return try decode(row) }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> Versioned<RegularTask> {
        let (dept, code, name, cls, f0, f1, f2, f3, version) = try row.decode((String, String, String, String, Double, Double, Double, Double, Int32).self)
        guard let p = RegularTask.PriorityClass(rawValue: cls) else { throw StoreError.unavailable("unknown priority class '\(cls)'") }
        return Versioned(value: RegularTask(departmentCode: dept, code: code, name: name, priorityClass: p, fteByLevel: [f0, f1, f2, f3]),
                         version: Int(version))
    }

    /// A department's tasks ordered by code; 404 when the department does not exist.
    public func list(org: String, department: String, page: PageRequest) async throws -> Page<Versioned<RegularTask>> {
        let after = page.cursor ?? ""
        let rows = try await db.read { c in
            guard try await DepartmentRepository.fetch(c, org: org, code: department, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "department", key: department)
            }
            return try await c.query("""
                SELECT \(unescaped: Self.columns) FROM regular_task
                WHERE org_id = \(org) AND department_code = \(department) AND code > \(after)
                ORDER BY code LIMIT \(page.limit + 1)
                """, logger: db.logger).collect()
        }
        var items = try rows.map(Self.decode)
        let more = items.count > page.limit
        if more { items.removeLast() }
        return Page(items: items, nextCursor: more ? items.last?.value.code : nil)
    }

    /// Replaces a task if `expectedVersion` (If-Match) is still current; department and code come from the URL.
    public func update(org: String, department: String, code: String, _ task: RegularTask, expectedVersion: Int?,
                       actor: AuditActor) async throws -> Versioned<RegularTask> {
        try task.validate()
        var v = Validator()
        v.require(task.departmentCode == department, "departmentCode", "cannot be changed (URL says '\(department)', body says '\(task.departmentCode)')")
        v.require(task.code == code, "code", "cannot be changed (URL says '\(code)', body says '\(task.code)')")
        try v.check()
        let f = task.fteByLevel
        return try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, department: department, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "regular_task", key: Self.key(department, code))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "regular_task", key: Self.key(department, code), current: old.version)
            }
            try await c.query("""
                UPDATE regular_task SET name = \(task.name), priority_class = \(task.priorityClass.rawValue),
                    fte_level0 = \(f[0])::numeric, fte_level1 = \(f[1])::numeric, fte_level2 = \(f[2])::numeric, fte_level3 = \(f[3])::numeric,
                    version = version + 1
                WHERE org_id = \(org) AND department_code = \(department) AND code = \(code)
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "regular_task", key: Self.key(department, code),
                                      change: ["old": old.value, "new": task], logger: db.logger)
            guard let stored = try await Self.fetch(c, org: org, department: department, code: code, logger: db.logger) else {
                throw StoreError.notFound(entity: "regular_task", key: Self.key(department, code))
            }
            return stored
        }
    }

    public func delete(org: String, department: String, code: String, expectedVersion: Int?, actor: AuditActor) async throws {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, department: department, code: code, forUpdate: true, logger: db.logger) else {
                throw StoreError.notFound(entity: "regular_task", key: Self.key(department, code))
            }
            if let expectedVersion, expectedVersion != old.version {
                throw StoreError.versionMismatch(entity: "regular_task", key: Self.key(department, code), current: old.version)
            }
            try await c.query("DELETE FROM regular_task WHERE org_id = \(org) AND department_code = \(department) AND code = \(code)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "regular_task", key: Self.key(department, code),
                                      change: old.value, logger: db.logger)
        }
    }
}
