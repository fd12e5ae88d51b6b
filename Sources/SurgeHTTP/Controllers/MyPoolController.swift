import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/me/pool`: staff volunteer for the reserve pool themselves and withdraw again (DOMAIN.md:
/// staff "volunteer for the pool"). HR keeps every other kind of membership through `/v1/pool`.
struct MyPoolController {
    struct Offer: Decodable {
        var consent: Bool?
        var validFrom: LocalDate?
        var validUntil: LocalDate?
        var maxHoursWeek: Double?
    }

    let pool: PoolRepository
    /// Today in the organisation's time zone; a parameter so tests control the date.
    let today: @Sendable () -> LocalDate

    func addRoutes(to me: RouterGroup<AppRequestContext>) {
        me.get("pool", use: list)
        me.post("pool", use: volunteer)
        me.delete("pool/:id", use: withdraw)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        return try JSONReply.page(try await pool.list(org: caller.org, filter: .init(personnelNo: pno), page: try request.pageRequest()))
    }

    @Sendable func volunteer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        let offer = try await request.decodeJSON(as: Offer.self, context: context)
        var errors: [FieldError] = []
        if offer.consent != true { errors.append(FieldError("consent", "must be true: volunteering needs your recorded consent")) }
        if offer.maxHoursWeek == nil { errors.append(FieldError("maxHoursWeek", "is required: the hours a week you offer")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let today = today()
        let created = try await pool.volunteer(org: caller.org, personnelNo: pno, from: offer.validFrom ?? today, until: offer.validUntil,
                                               maxHoursWeek: offer.maxHoursWeek ?? 0, today: today, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/pool/\(created.value.id ?? 0)")
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, pno) = try Access.requireStaffMember(context)
        guard let id = Int64(try context.parameters.require("id")) else { throw Problem.badRequest("id", "must be a membership number") }
        guard let ended = try await pool.withdraw(org: caller.org, personnelNo: pno, id: id, today: today(), actor: caller.actor) else {
            return JSONReply.noContent()
        }
        return try JSONReply.versioned(ended)
    }
}
