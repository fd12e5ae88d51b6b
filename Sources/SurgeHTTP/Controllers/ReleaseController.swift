import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/release-requests`: department heads approve or refuse the release of their people;
/// expiry (a missed deadline) is processed for a given `now`.
struct ReleaseController {
    struct DecisionBody: Codable { var note: String? }
    struct ExpireBody: Codable { var now: String? }
    struct Decided: Encodable { var release: ReleaseRequestRecord; var resolveJob: SolverJobRecord? }
    struct Expired: Encodable { var jobs: [SolverJobRecord] }

    let services: CrisisServices
    let departments: DepartmentRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("", use: list)
        group.get(":releaseId", use: get)
        group.post(":releaseId/approve", use: approve)
        group.post(":releaseId/refuse", use: refuse)
        group.post("expire", use: expire)
    }

    static let deciders: Set<Role> = [.admin, .departmentHead]

    /// Department heads see the requests of their subtree; crisis staff and admins all.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers.union([.departmentHead]))
        var scope: Set<String>? = nil
        if caller.role == .departmentHead, let root = caller.departmentCode {
            scope = try await departments.subtree(org: caller.org, root: root)
        }
        let status = request.uri.queryParameters.get("status")
        return try JSONReply.make(["items": try await services.releases.list(org: caller.org, departments: scope, status: status)])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.readers.union([.departmentHead]))
        let r = try await services.releases.get(org: caller.org, id: try Params.id(context, "releaseId"))
        try await Access.requireDepartment(caller, r.department, departments: departments)
        return try JSONReply.make(r)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: true)
    }

    @Sendable func refuse(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: false)
    }

    func decide(_ request: Request, context: AppRequestContext, approve: Bool) async throws -> Response {
        let caller = try Access.require(context, Self.deciders)
        let id = try Params.id(context, "releaseId")
        let existing = try await services.releases.get(org: caller.org, id: id)
        try await Access.requireDepartment(caller, existing.department, departments: departments)
        let note = try await request.decodeOptionalJSON(as: DecisionBody.self)?.note
        let (record, job) = try await services.releases.decide(org: caller.org, id: id, approve: approve, note: note, actor: caller.actor, now: services.now())
        var jobRecord: SolverJobRecord? = nil
        if let job {
            services.runner.enqueue(org: caller.org, job: job, urgent: false)
            jobRecord = try await services.allocations.job(org: caller.org, id: job)
        }
        return try JSONReply.make(Decided(release: record, resolveJob: jobRecord))
    }

    /// Processes missed deadlines as of `now` (body, ISO 8601; default: the server clock).
    @Sendable func expire(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, CrisisAccess.writers)
        var now = services.now()
        if let raw = try await request.decodeOptionalJSON(as: ExpireBody.self)?.now {
            guard let d = Instant.parse(raw) else { throw ValidationFailure([FieldError("now", "'\(raw)' is not an ISO 8601 instant")]) }
            now = d
        }
        let jobs = try await services.releases.expire(org: caller.org, now: now, actor: caller.actor)
        var records: [SolverJobRecord] = []
        for j in jobs {
            services.runner.enqueue(org: caller.org, job: j, urgent: false)
            records.append(try await services.allocations.job(org: caller.org, id: j))
        }
        return try JSONReply.make(Expired(jobs: records))
    }
}
