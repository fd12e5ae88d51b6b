import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/audit`: the audit trail, for auditors and admins.
struct AuditController {
    let audit: AuditLog

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, [.auditor, .admin])
        let page = try await audit.list(org: caller.org, entity: request.uri.queryParameters.get("entity"),
                                        key: request.uri.queryParameters.get("key"), page: try request.pageRequest())
        return try JSONReply.page(page)
    }
}
