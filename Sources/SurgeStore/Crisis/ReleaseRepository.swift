import Foundation
import Logging
import PostgresNIO
import SurgeCore

public struct ReleaseRequestRecord: Codable, Sendable {
    public var id: Int64
    public var positionId: Int64
    public var crisisId: Int64
    public var department: String
    public var personnelNo: String
    public var task: String
    public var start: String
    public var end: String
    public var deadline: String
    public var status: String
    public var decidedBy: String?
}

/// Department heads approve or refuse the release of their people; a refusal or a missed
/// deadline sends the position back to the solver without that person.
public struct ReleaseRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT r.release_id, r.position_id, p.crisis_id, r.department_code, r.personnel_no, d.task_code, lower(d.period), upper(d.period),
               r.deadline, r.status, r.decided_by
        FROM release_request r
        JOIN proposed_position p ON p.org_id = r.org_id AND p.position_id = r.position_id
        JOIN shift_demand d ON d.org_id = p.org_id AND d.demand_id = p.demand_id
        """

    static func decode(_ row: PostgresRow) throws -> ReleaseRequestRecord {
        let (id, pos, crisis, dept, pno, task, s, e, deadline, status, by) =
            try row.decode((Int64, Int64, Int64, String, String, String, Date, Date, Date, String, String?).self)
        return ReleaseRequestRecord(id: id, positionId: pos, crisisId: crisis, department: dept, personnelNo: pno, task: task, start: Instant.format(s),
                                    end: Instant.format(e), deadline: Instant.format(deadline), status: status, decidedBy: by)
    }

    /// Release requests, optionally only those of `departments` and of one status.
    public func list(org: String, departments: Set<String>?, status: String?) async throws -> [ReleaseRequestRecord] {
        let depts = departments.map { Array($0) }
        return try await db.read { c in
            try await c.query("""
                \(unescaped: Self.select) WHERE r.org_id = \(org) AND (\(depts)::text[] IS NULL OR r.department_code = ANY(\(depts)))
                  AND (\(status)::text IS NULL OR r.status = \(status)) ORDER BY r.deadline, r.release_id
                """, logger: db.logger).collect().map(Self.decode)
        }
    }

    public func get(org: String, id: Int64) async throws -> ReleaseRequestRecord {
        try await db.read { c in
            let rows = try await c.query("\(unescaped: Self.select) WHERE r.org_id = \(org) AND r.release_id = \(id)", logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.notFound(entity: "release request", key: String(id)) }
            return try Self.decode(row)
        }
    }

    /// Approves or refuses a pending request. A refusal marks the position refused and queues a
    /// re-solve of its shift without this person; the job id is returned.
    public func decide(org: String, id: Int64, approve: Bool, note: String?, actor: AuditActor, now: Date) async throws -> (ReleaseRequestRecord, Int64?) {
        let job: Int64? = try await db.transaction { c in
            let rows = try await c.query("""
                SELECT r.status, r.position_id, r.personnel_no, p.demand_id, p.crisis_id FROM release_request r
                JOIN proposed_position p ON p.org_id = r.org_id AND p.position_id = r.position_id
                WHERE r.org_id = \(org) AND r.release_id = \(id) FOR UPDATE OF r
                """, logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.notFound(entity: "release request", key: String(id)) }
            let (status, position, pno, demand, crisis) = try row.decode((String, Int64, String, Int64, Int64).self)
            guard status == "pending" else { throw StoreError.conflict("release request \(id) is \(status) already") }
            try await c.query("""
                UPDATE release_request SET status = \(approve ? "approved" : "refused"), decided_by = \(actor.name), decided_at = \(now), note = \(note)
                WHERE org_id = \(org) AND release_id = \(id)
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "release_request", key: String(id),
                                      change: ["status": approve ? "approved" : "refused"], logger: db.logger)
            if approve { return nil }
            return try await Self.resolve(c, org: org, crisis: crisis, refused: [(position, pno, demand)], logger: db.logger)
        }
        return (try await get(org: org, id: id), job)
    }

    /// Marks pending requests whose deadline passed by `now` as expired and queues one re-solve
    /// per crisis; returns the jobs (org, job id).
    public func expire(org: String, now: Date, actor: AuditActor) async throws -> [Int64] {
        try await db.transaction { c in
            let rows = try await c.query("""
                UPDATE release_request r SET status = 'expired', decided_by = \(actor.name), decided_at = \(now)
                FROM proposed_position p
                WHERE r.org_id = \(org) AND r.status = 'pending' AND r.deadline <= \(now) AND p.org_id = r.org_id AND p.position_id = r.position_id
                RETURNING r.release_id, r.position_id, r.personnel_no, p.demand_id, p.crisis_id
                """, logger: db.logger).collect()
            var byCrisis: [Int64: [(Int64, String, Int64)]] = [:]
            for row in rows {
                let (rid, position, pno, demand, crisis) = try row.decode((Int64, Int64, String, Int64, Int64).self)
                byCrisis[crisis, default: []].append((position, pno, demand))
                try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "release_request", key: String(rid),
                                          change: ["status": "expired"], logger: db.logger)
            }
            var jobs: [Int64] = []
            for (crisis, refused) in byCrisis.sorted(by: { $0.key < $1.key }) {
                jobs.append(try await Self.resolve(c, org: org, crisis: crisis, refused: refused, logger: db.logger))
            }
            return jobs
        }
    }

    /// Organisations with pending requests whose deadline passed by `now`.
    public func organisationsWithDueRequests(now: Date) async throws -> [String] {
        try await db.read { c in
            try await c.query("SELECT DISTINCT org_id FROM release_request WHERE status = 'pending' AND deadline <= \(now) ORDER BY org_id", logger: db.logger)
                .collect().map { try $0.decode(String.self) }
        }
    }

    /// Refused positions go back to the solver: their shifts, without the refused people.
    static func resolve(_ c: PostgresConnection, org: String, crisis: Int64, refused: [(position: Int64, person: String, demand: Int64)], logger: Logger) async throws -> Int64 {
        var excluded: [String: [String]] = [:]
        for r in refused {
            try await c.query("UPDATE proposed_position SET status = 'refused', version = version + 1 WHERE org_id = \(org) AND position_id = \(r.position)", logger: logger)
            excluded[String(r.demand), default: []].append(r.person)
        }
        // Earlier refusals for the same shifts stay excluded.
        let demandIds = Array(Set(refused.map(\.demand))).sorted()
        for row in try await c.query("""
            SELECT p.demand_id, p.personnel_no FROM proposed_position p WHERE p.org_id = \(org) AND p.demand_id = ANY(\(demandIds)) AND p.status = 'refused'
            """, logger: logger).collect() {
            let (d, p) = try row.decode((Int64, String).self)
            if !(excluded[String(d)] ?? []).contains(p) { excluded[String(d), default: []].append(p) }
        }
        return try await AllocationRepository.insertJob(c, org: org, crisis: crisis, request: nil, kind: "resolve",
                                                        input: JobInput(demandIds: demandIds, excluded: excluded), seed: 1, timeLimit: 0.3, urgent: false, logger: logger)
    }
}
