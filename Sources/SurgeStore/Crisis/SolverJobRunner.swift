import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Runs solver jobs in-process, one at a time (the solver uses the cores), urgent jobs first.
/// Time comes in as parameters: `clock` for the search limit, `now` for the repair's "past is fixed".
public final class SolverJobRunner: Sendable {
    let db: Database
    let clock: @Sendable () -> Double
    let now: @Sendable () -> Date
    let threads: Int
    let queue = JobQueue()

    public init(db: Database, threads: Int = 1, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.db = db
        self.threads = threads
        self.clock = clock
        self.now = now
    }

    /// Queues a job and returns at once; the job's row shows its progress.
    public func enqueue(org: String, job: Int64, urgent: Bool) {
        Task { await queue.submit(JobQueue.Entry(org: org, job: job, urgent: urgent)) { entry in await self.run(org: entry.org, job: entry.job) } }
    }

    /// Runs one job to its end (the CLI and benchmarks wait for it); failures are stored on the job.
    public func run(org: String, job id: Int64) async {
        do {
            try await execute(org: org, job: id)
        } catch {
            let message = String(describing: StoreError.map(error))
            db.logger.warning("solver job failed", metadata: ["job": "\(id)", "error": "\(message)"])
            _ = try? await db.transaction { c in
                try await c.query("""
                    UPDATE solver_job SET status = 'failed', error = \(message), finished_at = now() WHERE org_id = \(org) AND job_id = \(id)
                    """, logger: db.logger)
            }
        }
    }

    func execute(org: String, job id: Int64) async throws {
        let (job, input) = try await db.read { c in try await AllocationRepository.loadJob(c, org: org, id: id, logger: db.logger) }
        guard job.status == "queued" else { return }
        _ = try await db.transaction { c in
            try await c.query("UPDATE solver_job SET status = 'running' WHERE org_id = \(org) AND job_id = \(id)", logger: db.logger)
        }
        let built = try await CrisisProblemBuilder(db: db).build(org: org, crisisId: job.crisisId, input: input)
        let progress = ProgressBox()
        let t0 = clock()
        var options = SolverOptions(seed: UInt64(bitPattern: job.seed), moveBudget: input.moveBudget, timeLimit: job.timeLimitSeconds, clock: clock,
                                    threads: threads, progress: { p in progress.set(p.best, fraction: p.elapsed.map { $0 / job.timeLimitSeconds } ?? 0) })
        options.adaptiveHardWeight = false
        let opts = options
        // Progress goes to the job row while the search runs on a thread of its own.
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                guard let (best, fraction) = progress.get() else { continue }
                _ = try? await db.transaction { c in
                    try await c.query("""
                        UPDATE solver_job SET progress = \(Float(min(0.99, max(0, fraction)))), best_score = \(best.description)
                        WHERE org_id = \(org) AND job_id = \(id) AND status = 'running'
                        """, logger: db.logger)
                }
            }
        }
        defer { reporter.cancel() }
        let now = self.now()
        let published = built.published + (try await cancelledAssignments(org: org, ids: input.cancelledAssignments))
        let problem = built.problem
        let solved: (plan: Plan, removed: Int?, added: Int?) = try await Self.offThread {
            if input.unavailable.isEmpty {
                return (try Solver.solve(problem, options: opts).plan, nil, nil)
            }
            let events = input.unavailable.map { ReplanEvent.unavailable(person: $0.personnelNo, from: $0.from, until: $0.until) }
            let r = try Replanner.repair(problem: problem, published: published, events: events, now: now, options: opts)
            return (r.plan, r.removed.count, r.added.count)
        }
        reporter.cancel()
        let plan = solved.plan
        let fixed = input.unavailable.isEmpty ? built.fixed : built.fixed.union(published)
        let newOnes = plan.assignments.filter { built.requested.contains($0.demand) && !fixed.contains($0) }
        let positions = ProposalExplainer(problem: problem, plan: plan).explain(newOnes)
        var breakRules: [String: Int] = [:]
        for b in plan.hardBreaks { breakRules[b.rule.description, default: 0] += b.units }
        let result = JobResult(
            score: plan.score.description, hardBreaks: plan.hardBreaks.reduce(0) { $0 + $1.units }, hardBreakRules: breakRules,
            positions: positions.count,
            unfilled: plan.unfilled.filter { built.requested.contains($0.demand) }.map {
                JobResult.Unfilled(demandId: Int64($0.demand.dropFirst()) ?? 0, assigned: $0.assigned, minimum: $0.minimum, target: $0.target, reasons: $0.reasonCounts)
            },
            candidates: problem.people.count, elapsedSeconds: clock() - t0, removed: solved.removed, added: solved.added,
            auditedHardBreaks: input.audit == true ? try PlanAuditor.audit(problem, assignments: plan.assignments).filter { $0.key.level == .hard }.values.reduce(0, +) : nil)
        try await db.transaction { c in
            for p in positions {
                try await c.query("""
                    INSERT INTO proposed_position (org_id, crisis_id, job_id, demand_id, personnel_no, status, why, alternatives)
                    VALUES (\(org), \(job.crisisId), \(id), \(p.demandId), \(p.personnelNo), 'proposed', \(try CrisisRepository.json(p.why))::jsonb,
                            \(try CrisisRepository.json(p.alternatives))::jsonb)
                    """, logger: db.logger)
            }
            try await c.query("""
                UPDATE solver_job SET status = 'done', progress = 1, best_score = \(plan.score.description), result = \(try CrisisRepository.json(result))::jsonb,
                    finished_at = now() WHERE org_id = \(org) AND job_id = \(id)
                """, logger: db.logger)
        }
    }

    func cancelledAssignments(org: String, ids: [Int64]) async throws -> [Assignment] {
        guard !ids.isEmpty else { return [] }
        return try await db.read { c in
            try await c.query("SELECT personnel_no, demand_id FROM assignment WHERE org_id = \(org) AND assignment_id = ANY(\(ids))", logger: db.logger)
                .collect().map { row in
                    let (p, d) = try row.decode((String, Int64).self)
                    return Assignment(person: p, demand: "d\(d)")
                }
        }
    }

    /// The solver is synchronous CPU work: run it on a thread outside the cooperative pool.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { cont in
            Thread.detachNewThread { cont.resume(with: Result { try work() }) }
        }
    }
}

/// Best score and progress from the solver's thread, read by the reporter task.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Score, Double)?
    func set(_ s: Score, fraction: Double) { lock.lock(); value = (s, fraction); lock.unlock() }
    func get() -> (Score, Double)? { lock.lock(); defer { lock.unlock() }; return value }
}

/// One job at a time; urgent jobs (repairs, urgent requests) overtake the others.
actor JobQueue {
    struct Entry: Sendable { var org: String; var job: Int64; var urgent: Bool }
    private var pending: [Entry] = []
    private var running = false
    private var work: (@Sendable (Entry) async -> Void)?

    func submit(_ e: Entry, run: @escaping @Sendable (Entry) async -> Void) async {
        work = run
        pending.append(e)
        guard !running else { return }
        running = true
        while let next = takeNext() {
            await work?(next)
        }
        running = false
    }

    private func takeNext() -> Entry? {
        guard !pending.isEmpty else { return nil }
        let i = pending.firstIndex(where: \.urgent) ?? 0
        return pending.remove(at: i)
    }
}
