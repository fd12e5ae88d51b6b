import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/quotas`: each department's release quota, used and left, at a crisis level on a day.
struct QuotaController {
    let quotas: ReleaseQuotaRepository
    let departments: DepartmentRepository
    /// Today's date where the caller gives none (the clock is read at the edge, not in the store).
    let today: @Sendable () -> LocalDate

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: report)
    }

    /// `?level=0..3` (default: the organisation's current level) and `?on=yyyy-mm-dd` (default: today).
    /// A department head sees their own subtree.
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerReaders)
        var report = try await quotas.report(org: caller.org, level: try Params.level(request), on: try Params.date(request, "on") ?? today())
        if caller.role == .departmentHead, let root = caller.departmentCode {
            let allowed = try await departments.subtree(org: caller.org, root: root)
            report.items = report.items.filter { allowed.contains($0.quota.departmentCode) }
        }
        return try JSONReply.make(report)
    }
}
