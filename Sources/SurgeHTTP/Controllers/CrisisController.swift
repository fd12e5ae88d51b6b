import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/crises`: declare a crisis, record rule decisions, tasks and demand, reports.
struct CrisisController {
    struct DemandsBody: Codable { var demands: [ShiftDemandInput] }
    /// A task as PUT takes it: the code comes from the URL.
    struct TaskBody: Codable { var code: String?; var name: String; var location: String?; var lead: String?; var priority: Int }
    struct DecisionReply: Encodable { var crisis: CrisisRecord; var quotas: QuotaReport }

    let services: CrisisServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("", use: declare)
        group.get("", use: list)
        group.get(":crisisId", use: get)
        group.post(":crisisId/decisions", use: decide)
        group.get(":crisisId/decisions", use: decisions)
        group.put(":crisisId/tasks/:code", use: putTask)
        group.get(":crisisId/tasks", use: tasks)
        group.post(":crisisId/tasks/:code/pattern", use: addPattern)
        group.post(":crisisId/demands", use: addDemands)
        group.get(":crisisId/demands", use: listDemands)
        group.post(":crisisId/demands/import", use: importDemands)
        group.get(":crisisId/reports/coverage", use: coverage)
        group.get(":crisisId/reports/departments", use: departments)
        group.get(":crisisId/reports/load", use: load)
    }

    @Sendable func declare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeJSON(as: CrisisDeclaration.self, context: context)
        let crisis = try await services.crises.declare(org: caller.org, body, actor: caller.actor, now: services.now())
        return try JSONReply.make(crisis, status: .created, version: crisis.version, location: "/v1/crises/\(crisis.id)")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        return try JSONReply.make(["items": try await services.crises.list(org: caller.org)])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let crisis = try await services.crises.get(org: caller.org, id: try Params.id(context, "crisisId"))
        return try JSONReply.make(crisis, version: crisis.version)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeJSON(as: RuleDecisionInput.self, context: context)
        let (crisis, quotas) = try await services.crises.decide(org: caller.org, crisis: try Params.id(context, "crisisId"), body, actor: caller.actor, now: services.now())
        return try JSONReply.make(DecisionReply(crisis: crisis, quotas: quotas), status: .created)
    }

    @Sendable func decisions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        return try JSONReply.make(["items": try await services.crises.decisions(org: caller.org, crisis: try Params.id(context, "crisisId"))])
    }

    @Sendable func putTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(as: TaskBody.self, context: context)
        if let other = body.code, other != code { throw ValidationFailure([FieldError("code", "the URL says '\(code)', the body says '\(other)'")]) }
        let task = CrisisTaskInput(code: code, name: body.name, location: body.location, lead: body.lead, priority: body.priority)
        return try JSONReply.make(try await services.demand.putTask(org: caller.org, crisis: try Params.id(context, "crisisId"), task, actor: caller.actor))
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        return try JSONReply.make(["items": try await services.demand.tasks(org: caller.org, crisis: try Params.id(context, "crisisId"))])
    }

    /// Expands a shift pattern over days into demand.
    @Sendable func addPattern(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeJSON(as: ShiftPatternInput.self, context: context)
        let saved = try await services.demand.addPattern(org: caller.org, crisis: try Params.id(context, "crisisId"), task: try context.parameters.require("code"),
                                                         body, actor: caller.actor)
        return try JSONReply.make(["items": saved], status: .created)
    }

    @Sendable func addDemands(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeJSON(as: DemandsBody.self, context: context)
        let saved = try await services.demand.addDemands(org: caller.org, crisis: try Params.id(context, "crisisId"), body.demands, actor: caller.actor)
        return try JSONReply.make(["items": saved], status: .created)
    }

    @Sendable func listDemands(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let items = try await services.demand.demands(org: caller.org, crisis: try Params.id(context, "crisisId"), task: request.uri.queryParameters.get("task"),
                                                      from: try request.instant("from"), until: try request.instant("until"))
        return try JSONReply.make(["items": items])
    }

    /// CSV body; errors name the line and column.
    @Sendable func importDemands(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let text = try await request.bodyText()
        let inputs = try DemandRepository.parseCSV(text)
        let lines = DemandRepository.csvLines(text)
        let saved = try await services.demand.addDemands(org: caller.org, crisis: try Params.id(context, "crisisId"), inputs,
                                                         fieldPrefix: { i in "line \(i < lines.count ? lines[i] : i + 2)" }, actor: caller.actor)
        return try JSONReply.make(["items": saved], status: .created)
    }

    @Sendable func coverage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let rows = try await services.reports.coverage(org: caller.org, crisis: try Params.id(context, "crisisId"))
        return request.wantsCSV ? TextReply.make(ReportCSV.render(rows), contentType: "text/csv; charset=utf-8") : try JSONReply.make(["items": rows])
    }

    @Sendable func departments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let id = try Params.id(context, "crisisId")
        var day = try Params.date(request, "on")
        if day == nil { day = try await services.crises.get(org: caller.org, id: id).startsOn }
        let rows = try await services.reports.departments(org: caller.org, crisis: id, day: day!)
        return request.wantsCSV ? TextReply.make(ReportCSV.render(rows), contentType: "text/csv; charset=utf-8") : try JSONReply.make(["items": rows])
    }

    @Sendable func load(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let rows = try await services.reports.load(org: caller.org, crisis: try Params.id(context, "crisisId"), at: try request.instant("at") ?? services.now())
        return request.wantsCSV ? TextReply.make(ReportCSV.render(rows), contentType: "text/csv; charset=utf-8") : try JSONReply.make(["items": rows])
    }
}
