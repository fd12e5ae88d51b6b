import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/competences`: the competence catalogue and the list of holdings lapsing soon.
struct CompetenceController {
    let competences: CompetenceRepository
    let holdings: HoldingRepository
    let departments: DepartmentRepository

    /// Everyone with a token may read the catalogue (staff too: it names what they may hold).
    static let catalogueReaders: Set<Role> = Set(Role.allCases)
    static let lapsingReaders: Set<Role> = [.admin, .hr, .crisisStaff, .departmentHead, .auditor]

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get("lapsing", use: lapsing)
        group.get(":code", use: get)
        group.put(":code", use: update)
        group.delete(":code", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.catalogueReaders)
        return try JSONReply.page(try await competences.list(org: caller.org, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.catalogueReaders)
        return try JSONReply.versioned(try await competences.get(org: caller.org, code: try context.parameters.require("code")))
    }

    /// A catalogue entry as clients send it: `maxLevel`, `expires` and `implies` may be left out.
    struct CompetenceBody: Decodable, Sendable {
        var code: String
        var name: String
        var category: CompetenceDefinition.Category
        var maxLevel: Int?
        var expires: Bool?
        var implies: [String]?
        var competence: CompetenceDefinition {
            CompetenceDefinition(code: code, name: name, category: category, maxLevel: maxLevel, expires: expires ?? false, implies: implies ?? [])
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let body = try await request.decodeJSON(as: CompetenceBody.self, context: context).competence
        let created = try await competences.create(org: caller.org, body, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/competences/\(created.value.code)")
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(as: CompetenceBody.self, context: context).competence
        return try JSONReply.versioned(try await competences.update(org: caller.org, code: code, body, expectedVersion: try request.ifMatchVersion(), actor: caller.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        try await competences.delete(org: caller.org, code: try context.parameters.require("code"), expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }

    struct LapsingList: Encodable, Sendable {
        var today: LocalDate
        var days: Int
        var items: [LapsingHolding]
    }

    /// `?days=N` (default 30) from `?today=D` (default: today in Europe/Berlin); department heads see their subtree.
    @Sendable func lapsing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.lapsingReaders)
        let days = try RegisterQuery.int(request, "days", in: 0...3660) ?? 30
        let today = try RegisterQuery.date(request, "today") ?? RegisterQuery.today()
        let limit = try RegisterQuery.int(request, "limit", in: 1...10_000) ?? 1000
        let root = try await StaffAccess.listRoot(caller, requested: RegisterQuery.string(request, "department"), departments: departments)
        let items = try await holdings.lapsing(org: caller.org, today: today, days: days, department: root, limit: limit)
        return try JSONReply.make(LapsingList(today: today, days: days, items: items))
    }
}
