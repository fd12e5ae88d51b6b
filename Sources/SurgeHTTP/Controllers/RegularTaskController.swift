import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/departments/{code}/tasks`: a department's regular task catalogue. Department heads maintain
/// their own subtree's tasks; admins and HR any department's.
struct RegularTaskController {
    /// A task as the API takes it: department (and on PUT the code) come from the URL.
    struct TaskBody: Decodable {
        var departmentCode: String?
        var code: String?
        var name: String
        var priorityClass: RegularTask.PriorityClass
        var fteByLevel: [Double]
    }

    let tasks: RegularTaskRepository
    let departments: DepartmentRepository

    static let writers: Set<Role> = Access.registerWriters.union([.departmentHead])

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":code/tasks", use: list)
        group.post(":code/tasks", use: create)
        group.get(":code/tasks/:taskCode", use: get)
        group.put(":code/tasks/:taskCode", use: update)
        group.delete(":code/tasks/:taskCode", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        let dept = try context.parameters.require("code")
        try await Access.requireDepartment(caller, dept, departments: departments)
        return try JSONReply.page(try await tasks.list(org: caller.org, department: dept, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        let dept = try context.parameters.require("code")
        try await Access.requireDepartment(caller, dept, departments: departments)
        return try JSONReply.versioned(try await tasks.get(org: caller.org, department: dept, code: try context.parameters.require("taskCode")))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.writers)
        let dept = try context.parameters.require("code")
        try await Access.requireDepartment(caller, dept, departments: departments)
        let body = try await request.decodeJSON(as: TaskBody.self, context: context)
        guard let code = body.code else { throw Problem.badRequest("code", "is required") }
        let task = try Self.task(body, department: dept, code: code)
        let created = try await tasks.create(org: caller.org, task, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/departments/\(dept)/tasks/\(code)")
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.writers)
        let dept = try context.parameters.require("code")
        let code = try context.parameters.require("taskCode")
        try await Access.requireDepartment(caller, dept, departments: departments)
        let body = try await request.decodeJSON(as: TaskBody.self, context: context)
        let task = try Self.task(body, department: dept, code: body.code ?? code)
        return try JSONReply.versioned(try await tasks.update(org: caller.org, department: dept, code: code, task,
                                                              expectedVersion: try request.ifMatchVersion(), actor: caller.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.writers)
        let dept = try context.parameters.require("code")
        try await Access.requireDepartment(caller, dept, departments: departments)
        try await tasks.delete(org: caller.org, department: dept, code: try context.parameters.require("taskCode"),
                               expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }

    static func task(_ body: TaskBody, department: String, code: String) throws -> RegularTask {
        if let other = body.departmentCode, other != department {
            throw ValidationFailure([FieldError("departmentCode", "the URL says '\(department)', the body says '\(other)'")])
        }
        return RegularTask(departmentCode: department, code: code, name: body.name, priorityClass: body.priorityClass, fteByLevel: body.fteByLevel)
    }
}
