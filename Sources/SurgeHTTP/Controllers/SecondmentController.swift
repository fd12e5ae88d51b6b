import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/secondments`: people released to crisis work, which use their department's quota.
struct SecondmentController {
    struct Body: Decodable {
        var personnelNo: String
        var startsOn: LocalDate
        var endsOn: LocalDate
        /// Defaults to the person's FTE.
        var fte: Double?
        var note: String?
    }

    let secondments: SecondmentRepository
    let departments: DepartmentRepository

    static let writers: Set<Role> = [.admin, .hr, .crisisStaff]

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.delete(":id", use: delete)
    }

    /// `?activeOn=` and `?department=`; a department head lists one department of their subtree (their own by default).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        var department = request.uri.queryParameters.get("department")
        if caller.role == .departmentHead {
            department = department ?? caller.departmentCode
            if let department { try await Access.requireDepartment(caller, department, departments: departments) }
        }
        return try JSONReply.make(try await secondments.list(org: caller.org, activeOn: try Params.date(request, "activeOn"),
                                                             department: department, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders.subtracting([.departmentHead]))
        return try JSONReply.make(try await secondments.get(org: caller.org, id: try Params.id(context)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.writers)
        let b = try await request.decodeJSON(as: Body.self, context: context)
        let created = try await secondments.create(org: caller.org, personnelNo: b.personnelNo, startsOn: b.startsOn, endsOn: b.endsOn,
                                                   fte: b.fte, note: b.note, actor: caller.actor)
        return try JSONReply.make(created, status: .created, location: "/v1/secondments/\(created.id ?? 0)")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.writers)
        try await secondments.delete(org: caller.org, id: try Params.id(context), actor: caller.actor)
        return JSONReply.noContent()
    }
}
