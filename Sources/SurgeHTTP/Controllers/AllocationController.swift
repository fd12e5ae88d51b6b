import Foundation
import HTTPTypes
import Hummingbird
import SurgeCore
import SurgeStore

/// Allocation requests, solver jobs and their proposals, confirmation and publishing, sick calls,
/// assignments and time records.
struct AllocationController {
    struct Accepted: Encodable { var requestId: Int64; var job: SolverJobRecord; var replayed: Bool }
    struct AcceptBody: Codable { var positions: [Int64]?; var pin: Bool?; var deadlineHours: Double? }
    struct ChangeBody: Codable { var personnelNo: String; var deadlineHours: Double? }
    struct ConfirmBody: Codable { var override: String? }
    struct PlanBody: Codable { var from: String?; var until: String?; var seed: UInt64?; var timeLimitSeconds: Double? }
    struct SickCallBody: Codable { var personnelNo: String; var from: String; var until: String }
    struct SickCallReply: Encodable { var cancelled: [Int64]; var flagged: [Int64]; var repairJob: SolverJobRecord? }

    let services: CrisisServices

    func addRoutes(crises: RouterGroup<AppRequestContext>, jobs: RouterGroup<AppRequestContext>, positions: RouterGroup<AppRequestContext>,
                   assignments: RouterGroup<AppRequestContext>) {
        crises.post(":crisisId/allocation-requests", use: submit)
        crises.post(":crisisId/plan", use: plan)
        crises.post(":crisisId/publish", use: publish)
        crises.post(":crisisId/sick-calls", use: sickCall)
        crises.get(":crisisId/assignments", use: listAssignments)
        jobs.get(":jobId", use: job)
        jobs.get(":jobId/positions", use: jobPositions)
        jobs.post(":jobId/accept", use: acceptJob)
        positions.get(":positionId", use: position)
        positions.put(":positionId", use: change)
        positions.post(":positionId/accept", use: acceptOne)
        positions.post(":positionId/pin", use: pinOne)
        positions.post(":positionId/confirm", use: confirm)
        assignments.put(":assignmentId/time-record", use: recordTime)
    }

    /// `202 Accepted` with the job's URL; the same Idempotency-Key and body answer with the same job.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        guard let key = request.headers[HTTPField.Name("Idempotency-Key")!], !key.isEmpty else {
            throw Problem.badRequest("Idempotency-Key", "header is required so that a retried request creates one allocation")
        }
        let body = try await request.decodeJSON(as: AllocationRequestInput.self, context: context)
        let submitted = try await services.allocations.submit(org: caller.org, crisis: try Params.id(context, "crisisId"), body, idempotencyKey: key, actor: caller.actor)
        if submitted.created { services.runner.enqueue(org: caller.org, job: submitted.job.id, urgent: submitted.job.urgent) }
        return try JSONReply.make(Accepted(requestId: submitted.requestId, job: submitted.job, replayed: !submitted.created), status: .accepted,
                                  location: "/v1/jobs/\(submitted.job.id)")
    }

    /// One job over all demand of the crisis (or of [from, until)): the whole plan, audited.
    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeOptionalJSON(as: PlanBody.self) ?? PlanBody()
        var v = Validator()
        let from = body.from.flatMap(Instant.parse), until = body.until.flatMap(Instant.parse)
        v.require(body.from == nil || from != nil, "from", "must be an ISO 8601 instant")
        v.require(body.until == nil || until != nil, "until", "must be an ISO 8601 instant")
        if let from, let until { v.require(until > from, "until", "must be after from") }
        try v.check()
        let id = try await services.allocations.planJob(org: caller.org, crisis: try Params.id(context, "crisisId"), from: from, until: until,
                                                        seed: body.seed ?? 1, timeLimit: body.timeLimitSeconds ?? 30, actor: caller.actor)
        services.runner.enqueue(org: caller.org, job: id, urgent: false)
        return try JSONReply.make(try await services.allocations.job(org: caller.org, id: id), status: .accepted, location: "/v1/jobs/\(id)")
    }

    @Sendable func job(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        return try JSONReply.make(try await services.allocations.job(org: caller.org, id: try Params.id(context, "jobId")))
    }

    @Sendable func jobPositions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        return try JSONReply.make(["items": try await services.positions.positions(org: caller.org, job: try Params.id(context, "jobId"))])
    }

    func deadline(_ hours: Double?) throws -> Date {
        let h = hours ?? 24
        guard h > 0 && h <= 24 * 14 else { throw ValidationFailure([FieldError("deadlineHours", "must be more than 0 and at most 336 (two weeks)")]) }
        return services.now().addingTimeInterval(h * 3600)
    }

    /// Accepts (or pins) all proposed positions of a job, or the listed ones.
    @Sendable func acceptJob(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let jobId = try Params.id(context, "jobId")
        let body = try await request.decodeJSON(as: AcceptBody.self, context: context)
        var ids = body.positions ?? []
        if body.positions == nil {
            ids = try await services.positions.positions(org: caller.org, job: jobId).filter { $0.status == "proposed" }.map(\.id)
        }
        let accepted = try await services.positions.accept(org: caller.org, ids: ids, pin: body.pin ?? false, deadline: try deadline(body.deadlineHours), actor: caller.actor)
        return try JSONReply.make(["items": accepted])
    }

    @Sendable func position(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let p = try await services.positions.position(org: caller.org, id: try Params.id(context, "positionId"))
        return try JSONReply.make(p, version: p.version)
    }

    @Sendable func acceptOne(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await acceptOrPin(request, context: context, pin: false)
    }

    @Sendable func pinOne(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await acceptOrPin(request, context: context, pin: true)
    }

    func acceptOrPin(_ request: Request, context: AppRequestContext, pin: Bool) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let id = try Params.id(context, "positionId")
        let hours = request.uri.queryParameters.get("deadlineHours").flatMap { Double(String($0)) }
        let accepted = try await services.positions.accept(org: caller.org, ids: [id], pin: pin, deadline: try deadline(hours), actor: caller.actor)
        return try JSONReply.make(accepted[0], version: accepted[0].version)
    }

    /// Puts another person on the position (the crisis staff's own choice).
    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let body = try await request.decodeJSON(as: ChangeBody.self, context: context)
        let p = try await services.positions.change(org: caller.org, id: try Params.id(context, "positionId"), personnelNo: body.personnelNo,
                                                    deadline: try deadline(body.deadlineHours), actor: caller.actor)
        return try JSONReply.make(p, status: .created, version: p.version, location: "/v1/positions/\(p.id)")
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let id = try Params.id(context, "positionId")
        let body = try await request.decodeOptionalJSON(as: ConfirmBody.self)
        let a = try await services.assignments.confirm(org: caller.org, position: id, override: body?.override, actor: caller.actor, now: services.now())
        return try JSONReply.make(a, status: .created, version: a.version, location: "/v1/crises/\(a.crisisId)/assignments")
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        let n = try await services.assignments.publish(org: caller.org, crisis: try Params.id(context, "crisisId"), actor: caller.actor, now: services.now())
        return try JSONReply.make(["published": n])
    }

    /// Records the absence, cancels the shifts it hits and starts an urgent repair job.
    @Sendable func sickCall(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, [.admin, .crisisStaff, .hr])
        let body = try await request.decodeJSON(as: SickCallBody.self, context: context)
        var v = Validator()
        v.code(body.personnelNo, "personnelNo")
        let from = Instant.parse(body.from), until = Instant.parse(body.until)
        v.require(from != nil, "from", "must be an ISO 8601 instant")
        v.require(until != nil, "until", "must be an ISO 8601 instant")
        try v.check()
        let r = try await services.assignments.sickCall(org: caller.org, crisis: try Params.id(context, "crisisId"), personnelNo: body.personnelNo,
                                                        from: from!, until: until!, actor: caller.actor, now: services.now())
        for j in r.repairJobs { services.runner.enqueue(org: caller.org, job: j, urgent: true) }
        var job: SolverJobRecord? = nil
        if let j = r.repairJob { job = try await services.allocations.job(org: caller.org, id: j) }
        return try JSONReply.make(SickCallReply(cancelled: r.cancelled, flagged: r.flagged, repairJob: job), status: .accepted,
                                  location: r.repairJob.map { "/v1/jobs/\($0)" })
    }

    @Sendable func listAssignments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers)
        let statuses = request.uri.queryParameters.get("status").map { $0.split(separator: ",").map(String.init) } ?? ["confirmed", "published"]
        let items = try await services.assignments.list(org: caller.org, crisis: try Params.id(context, "crisisId"),
                                                        personnelNo: request.uri.queryParameters.get("personnelNo"), statuses: statuses)
        return try JSONReply.make(["items": items])
    }

    @Sendable func recordTime(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.timeRecorders)
        let body = try await request.decodeJSON(as: TimeRecordInput.self, context: context)
        let r = try await services.staffShifts.recordTime(org: caller.org, assignment: try Params.id(context, "assignmentId"), body, actor: caller.actor, now: services.now())
        return try JSONReply.make(r)
    }
}
