import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/me/...`: a staff member's own published shifts and their calendar feed; the feed itself
/// is served at `/calendar/{secret}` without a token (calendar apps cannot send one).
struct MyShiftsController {
    struct FeedReply: Encodable { var url: String }

    let services: CrisisServices

    func addRoutes(me: RouterGroup<AppRequestContext>, router: Router<AppRequestContext>) {
        me.get("shifts", use: shifts)
        me.post("calendar-feed", use: createFeed)
        me.delete("calendar-feed", use: revokeFeed)
        router.get("calendar/:secret", use: calendar)
    }

    @Sendable func shifts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        let items = try await services.assignments.list(org: caller.org, crisis: nil, personnelNo: pno, statuses: ["published"],
                                                        from: try request.instant("from"), until: try request.instant("until"))
        return try JSONReply.make(["items": items])
    }

    /// A new secret URL (shown once); earlier URLs stop working.
    @Sendable func createFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<4).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
        try await services.staffShifts.createFeed(org: caller.org, personnelNo: pno, secret: secret, now: services.now(), actor: caller.actor)
        return try JSONReply.make(FeedReply(url: "/calendar/\(secret)"), status: .created, location: "/calendar/\(secret)")
    }

    @Sendable func revokeFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        _ = try await services.staffShifts.revokeFeeds(org: caller.org, personnelNo: pno, now: services.now(), actor: caller.actor)
        return JSONReply.noContent()
    }

    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = try context.parameters.require("secret")
        guard secret.count == 64, let text = try await services.staffShifts.calendar(secret: secret, now: services.now()) else {
            throw Problem.notFound("no calendar at this address (revoked or never issued)")
        }
        return TextReply.make(text, contentType: "text/calendar; charset=utf-8")
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
