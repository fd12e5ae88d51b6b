import Hummingbird
import SurgeCore
import SurgeStore

/// `PUT /v1/organisation/crisis-level`: declare the crisis level (admin, crisis staff; audited).
struct CrisisLevelController {
    struct Body: Codable { var level: Int }

    let organisations: OrganisationRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.put("crisis-level", use: put)
    }

    @Sendable func put(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, [.admin, .crisisStaff])
        let body = try await request.decodeJSON(as: Body.self, context: context)
        guard let level = CrisisLevel(rawValue: body.level) else {
            throw ValidationFailure([FieldError("level", "must be a crisis level from 0 to 3")])
        }
        try await organisations.setCrisisLevel(caller.org, level: level, actor: caller.actor)
        return try JSONReply.make(Body(level: level.rawValue))
    }
}
