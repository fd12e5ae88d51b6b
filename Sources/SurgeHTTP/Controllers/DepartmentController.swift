import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/departments`: the department tree.
struct DepartmentController {
    let departments: DepartmentRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":code", use: get)
        group.put(":code", use: update)
        group.delete(":code", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        let root = caller.role == .departmentHead ? caller.departmentCode : nil
        return try JSONReply.page(try await departments.list(org: caller.org, within: root, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        let code = try context.parameters.require("code")
        try await Access.requireDepartment(caller, code, departments: departments)
        return try JSONReply.versioned(try await departments.get(org: caller.org, code: code))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let body = try await request.decodeJSON(as: Department.self, context: context)
        let created = try await departments.create(org: caller.org, body, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/departments/\(created.value.code)")
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(as: Department.self, context: context)
        return try JSONReply.versioned(try await departments.update(org: caller.org, code: code, body, expectedVersion: try request.ifMatchVersion(), actor: caller.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let code = try context.parameters.require("code")
        try await departments.delete(org: caller.org, code: code, expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }
}
