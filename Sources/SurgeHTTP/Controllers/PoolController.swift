import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/pool`: the reserve personnel pool. HR and admins maintain it; register readers see it.
struct PoolController {
    let pool: PoolRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        var filter = PoolRepository.Filter(activeOn: try Params.date(request, "activeOn"),
                                           personnelNo: request.uri.queryParameters.get("personnelNo"))
        if let raw = request.uri.queryParameters.get("kind"), !raw.isEmpty {
            guard let kind = PoolMembership.Kind(rawValue: String(raw)) else {
                throw Problem.badRequest("kind", "must be one of \(PoolMembership.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.kind = kind
        }
        return try JSONReply.page(try await pool.list(org: caller.org, filter: filter, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        return try JSONReply.versioned(try await pool.get(org: caller.org, id: try Params.id(context)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let body = try await request.decodeJSON(as: PoolMembership.self, context: context)
        let created = try await pool.create(org: caller.org, body, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/pool/\(created.value.id ?? 0)")
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let id = try Params.id(context)
        let body = try await request.decodeJSON(as: PoolMembership.self, context: context)
        return try JSONReply.versioned(try await pool.update(org: caller.org, id: id, body, expectedVersion: try request.ifMatchVersion(), actor: caller.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        try await pool.delete(org: caller.org, id: try Params.id(context), expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }
}
