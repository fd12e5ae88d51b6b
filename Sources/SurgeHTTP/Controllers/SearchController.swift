import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/search/competence`: who has competence X at level ≥ L on day D, available in a period.
struct SearchController {
    let search: CompetenceSearch
    let departments: DepartmentRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("competence", use: competence)
    }

    /// `?competence=X&minLevel=L&validOn=D&availableFrom=D&availableUntil=D&poolOnly=true&limit=N&cursor=P&department=C`;
    /// `validOn` defaults to today (Europe/Berlin). Department heads see their subtree only.
    @Sendable func competence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        let query = CompetenceQuery(
            competenceCode: try request.requiredQuery("competence"),
            minLevel: try RegisterQuery.int(request, "minLevel", in: 1...9) ?? 1,
            validOn: try RegisterQuery.date(request, "validOn") ?? RegisterQuery.today(),
            availableFrom: try RegisterQuery.date(request, "availableFrom"),
            availableUntil: try RegisterQuery.date(request, "availableUntil"),
            poolOnly: try RegisterQuery.bool(request, "poolOnly") ?? false,
            limit: try RegisterQuery.int(request, "limit", in: 1...1000) ?? 100,
            afterPersonnelNo: RegisterQuery.string(request, "cursor"))
        let root = try await StaffAccess.listRoot(caller, requested: RegisterQuery.string(request, "department"), departments: departments)
        return try JSONReply.make(try await search.search(org: caller.org, query, department: root))
    }
}
