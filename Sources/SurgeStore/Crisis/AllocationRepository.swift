import Crypto
import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// What a solver job works on (stored as JSON on the job).
public struct JobInput: Codable, Sendable {
    public var demandIds: [Int64]
    public var headcount: Int?
    public var competences: [String]
    public var priority: Int?
    /// People who must not be proposed again for a demand (refused or timed-out releases).
    public var excluded: [String: [String]]
    /// Repair: the person who dropped out and when.
    public var unavailable: [SickCall]
    /// Assignments a repair starts from that were cancelled by the sick call.
    public var cancelledAssignments: [Int64]
    public var moveBudget: Int?
    /// Re-check the plan with the independent auditor (the whole-crisis plan; too slow for a 1 s proposal).
    public var audit: Bool?

    public init(demandIds: [Int64], headcount: Int? = nil, competences: [String] = [], priority: Int? = nil, excluded: [String: [String]] = [:],
                unavailable: [SickCall] = [], cancelledAssignments: [Int64] = [], moveBudget: Int? = nil, audit: Bool? = nil) {
        self.demandIds = demandIds; self.headcount = headcount; self.competences = competences; self.priority = priority
        self.excluded = excluded; self.unavailable = unavailable; self.cancelledAssignments = cancelledAssignments; self.moveBudget = moveBudget
        self.audit = audit
    }
}

/// A person dropping out: unavailable in [from, until).
public struct SickCall: Codable, Sendable, Hashable {
    public var personnelNo: String
    public var from: Date
    public var until: Date
    public init(personnelNo: String, from: Date, until: Date) { self.personnelNo = personnelNo; self.from = from; self.until = until }
}

public struct SolverJobRecord: Codable, Sendable {
    public var id: Int64
    public var crisisId: Int64
    public var requestId: Int64?
    public var kind: String
    public var status: String
    public var urgent: Bool
    public var seed: Int64
    public var timeLimitSeconds: Double
    public var progress: Double
    public var bestScore: String?
    /// Summary of the result (score, hard breaks, unfilled positions); JSON text.
    public var result: JobResult?
    public var error: String?
}

/// The summary a finished job stores.
public struct JobResult: Codable, Sendable {
    public struct Unfilled: Codable, Sendable {
        public var demandId: Int64
        public var assigned: Int
        public var minimum: Int
        public var target: Int
        public var reasons: [String: Int]
    }
    public var score: String
    public var hardBreaks: Int
    public var hardBreakRules: [String: Int]
    public var positions: Int
    public var unfilled: [Unfilled]
    public var candidates: Int
    public var elapsedSeconds: Double?
    /// Repair: assignments removed and positions added against the published plan.
    public var removed: Int?
    public var added: Int?
    /// Hard units the independent `PlanAuditor` finds (when the job asked for the audit).
    public var auditedHardBreaks: Int?
}

/// Allocation requests (idempotent by key) and the solver jobs that answer them.
public struct AllocationRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Submitted: Sendable {
        public var requestId: Int64
        public var job: SolverJobRecord
        /// false: the same key and body were sent before; this is the earlier request.
        public var created: Bool
    }

    /// Stores the request and its job in one transaction. The same key with the same body returns
    /// the first request; the same key with another body is refused (422 naming the key).
    public func submit(org: String, crisis: Int64, _ input: AllocationRequestInput, idempotencyKey: String, actor: AuditActor) async throws -> Submitted {
        var v = Validator()
        v.require(!idempotencyKey.isEmpty && idempotencyKey.count <= 200, "Idempotency-Key", "is required (1 to 200 characters)")
        try v.check()
        let (from, until) = try input.validated()
        let body = try CrisisRepository.json(input)
        let hash = SHA256.hash(data: Data("\(crisis)\n\(body)".utf8)).map { String(format: "%02x", $0) }.joined()
        let result: (Int64, Int64, Bool) = try await db.transaction { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            let inserted = try await c.query("""
                INSERT INTO allocation_request (org_id, crisis_id, idempotency_key, request_hash, body, urgent, created_by)
                VALUES (\(org), \(crisis), \(idempotencyKey), \(hash), \(body)::jsonb, \(input.urgent ?? false), \(actor.name))
                ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING request_id
                """, logger: db.logger).collect()
            guard let row = inserted.first else {
                let existing = try await c.query("""
                    SELECT r.request_id, r.request_hash, j.job_id FROM allocation_request r
                    JOIN solver_job j ON j.org_id = r.org_id AND j.request_id = r.request_id
                    WHERE r.org_id = \(org) AND r.idempotency_key = \(idempotencyKey) ORDER BY j.job_id LIMIT 1
                    """, logger: db.logger).collect()
                guard let e = existing.first else { throw StoreError.conflict("Idempotency-Key '\(idempotencyKey)' is being used by a request in progress") }
                let (rid, h, jid) = try e.decode((Int64, String, Int64).self)
                guard h == hash else {
                    throw ValidationFailure([FieldError("Idempotency-Key", "'\(idempotencyKey)' was already used for a different request; use a new key")])
                }
                return (rid, jid, false)
            }
            let requestId = try row.decode(Int64.self)
            let tasks = try await c.query("SELECT 1 FROM crisis_task WHERE org_id = \(org) AND crisis_id = \(crisis) AND code = \(input.task)", logger: db.logger).collect()
            if tasks.isEmpty { throw StoreError.notFound(entity: "crisis task", key: input.task) }
            let codes = input.competences ?? []
            if !codes.isEmpty {
                let known = Set(try await c.query("SELECT code FROM competence WHERE org_id = \(org) AND code = ANY(\(codes))", logger: db.logger)
                    .collect().map { try $0.decode(String.self) })
                let errors = codes.enumerated().filter { !known.contains($0.element) }.map { FieldError("competences[\($0.offset)]", "unknown competence '\($0.element)'") }
                if !errors.isEmpty { throw ValidationFailure(errors) }
            }
            let demands = try await DemandRepository.select(c, org: org, crisis: crisis, task: input.task, from: from, until: until, logger: db.logger)
                .filter { d in input.kinds.map { $0.contains(d.kind) } ?? true }
            guard !demands.isEmpty else {
                throw ValidationFailure([FieldError("from", "task '\(input.task)' has no demand between \(input.from) and \(input.until)\(input.kinds.map { " of kinds \($0)" } ?? "")")])
            }
            let jobInput = JobInput(demandIds: demands.map(\.id), headcount: input.headcount, competences: codes, priority: input.priority)
            let jobId = try await Self.insertJob(c, org: org, crisis: crisis, request: requestId, kind: "proposal", input: jobInput,
                                                 seed: input.seed ?? 1, timeLimit: input.timeLimitSeconds ?? 0.3, urgent: input.urgent ?? false, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "allocation_request", key: String(requestId), change: input, logger: db.logger)
            return (requestId, jobId, true)
        }
        return Submitted(requestId: result.0, job: try await job(org: org, id: result.1), created: result.2)
    }

    /// A job over all demand of the crisis in [from, until) (the whole crisis when nil): the 28-day plan.
    public func planJob(org: String, crisis: Int64, from: Date? = nil, until: Date? = nil, seed: UInt64, timeLimit: Double, actor: AuditActor) async throws -> Int64 {
        var v = Validator()
        v.require(timeLimit > 0 && timeLimit <= 600, "timeLimit", "must be more than 0 and at most 600 seconds")
        try v.check()
        return try await db.transaction { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            let demands = try await DemandRepository.select(c, org: org, crisis: crisis, task: nil, from: from, until: until, logger: db.logger)
            guard !demands.isEmpty else { throw ValidationFailure([FieldError("crisis", "crisis \(crisis) has no demand in this period")]) }
            let job = try await Self.insertJob(c, org: org, crisis: crisis, request: nil, kind: "proposal", input: JobInput(demandIds: demands.map(\.id), audit: true),
                                               seed: seed, timeLimit: timeLimit, urgent: false, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "solver_job", key: String(job), change: ["demands": demands.count], logger: db.logger)
            return job
        }
    }

    /// After a restart: jobs that were running start again from the queue (a job writes its
    /// positions only when it finishes, so nothing half-done remains). Returns what to enqueue.
    /// Assumes one server process runs the jobs of a database.
    public func recoverAfterRestart() async throws -> [(org: String, job: Int64, urgent: Bool)] {
        try await db.transaction { c in
            try await c.query("UPDATE solver_job SET status = 'queued', progress = 0 WHERE status = 'running'", logger: db.logger)
            return try await c.query("SELECT org_id, job_id, urgent FROM solver_job WHERE status = 'queued' ORDER BY job_id", logger: db.logger)
                .collect().map { row in
                    let (org, job, urgent) = try row.decode((String, Int64, Bool).self)
                    return (org, job, urgent)
                }
        }
    }

    static func insertJob(_ c: PostgresConnection, org: String, crisis: Int64, request: Int64?, kind: String, input: JobInput, seed: UInt64,
                          timeLimit: Double, urgent: Bool, logger: Logger) async throws -> Int64 {
        let rows = try await c.query("""
            INSERT INTO solver_job (org_id, crisis_id, request_id, kind, status, input, seed, time_limit_seconds, urgent)
            VALUES (\(org), \(crisis), \(request), \(kind), 'queued', \(try CrisisRepository.json(input))::jsonb, \(Int64(bitPattern: seed)), \(timeLimit), \(urgent))
            RETURNING job_id
            """, logger: logger).collect()
        return try rows[0].decode(Int64.self)
    }

    public func job(org: String, id: Int64) async throws -> SolverJobRecord {
        try await db.read { c in try await Self.loadJob(c, org: org, id: id, logger: db.logger).record }
    }

    static func loadJob(_ c: PostgresConnection, org: String, id: Int64, logger: Logger) async throws -> (record: SolverJobRecord, input: JobInput) {
        let rows = try await c.query("""
            SELECT job_id, crisis_id, request_id, kind, status, urgent, seed, time_limit_seconds, progress::float8, best_score, result::text, error, input::text
            FROM solver_job WHERE org_id = \(org) AND job_id = \(id)
            """, logger: logger).collect()
        guard let row = rows.first else { throw StoreError.notFound(entity: "job", key: String(id)) }
        let (jid, cid, rid, kind, status, urgent, seed, limit, progress, best, result, error, input) =
            try row.decode((Int64, Int64, Int64?, String, String, Bool, Int64, Double, Double, String?, String?, String?, String).self)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let summary = try result.map { try decoder.decode(JobResult.self, from: Data($0.utf8)) }
        let record = SolverJobRecord(id: jid, crisisId: cid, requestId: rid, kind: kind, status: status, urgent: urgent, seed: seed, timeLimitSeconds: limit,
                                     progress: progress, bestScore: best, result: summary, error: error)
        return (record, try decoder.decode(JobInput.self, from: Data(input.utf8)))
    }
}
