import Foundation
import Logging
import PostgresNIO
import SurgeCore

public struct ReleaseInfo: Codable, Sendable {
    public var id: Int64
    public var department: String
    public var deadline: String
    public var status: String
}

/// A proposed (or accepted, pinned, confirmed…) person on a shift, with the reasons.
public struct PositionRecord: Codable, Sendable {
    public var id: Int64
    public var crisisId: Int64
    public var jobId: Int64?
    public var demandId: Int64
    public var task: String
    public var kind: String
    public var start: String
    public var end: String
    public var personnelNo: String
    public var status: String
    public var why: PositionWhy?
    public var alternatives: [PositionAlternative]
    public var release: ReleaseInfo?
    public var version: Int
}

/// Accept, change and pin proposals; ask departments to release people.
public struct PositionRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT p.position_id, p.crisis_id, p.job_id, p.demand_id, d.task_code, d.kind, lower(d.period), upper(d.period), p.personnel_no, p.status,
               p.why::text, p.alternatives::text, p.version, r.release_id, r.department_code, r.deadline, r.status
        FROM proposed_position p JOIN shift_demand d ON d.org_id = p.org_id AND d.demand_id = p.demand_id
        LEFT JOIN release_request r ON r.org_id = p.org_id AND r.position_id = p.position_id
        """

    static func decode(_ row: PostgresRow) throws -> PositionRecord {
        let (id, crisis, job, demand, task, kind, s, e, pno, status, why, alts, version, rid, rdept, rdeadline, rstatus) =
            try row.decode((Int64, Int64, Int64?, Int64, String, String, Date, Date, String, String, String, String, Int32, Int64?, String?, Date?, String?).self)
        let dec = JSONDecoder()
        let release = rid.map { ReleaseInfo(id: $0, department: rdept ?? "", deadline: rdeadline.map(Instant.format) ?? "", status: rstatus ?? "") }
        return PositionRecord(id: id, crisisId: crisis, jobId: job, demandId: demand, task: task, kind: kind, start: Instant.format(s), end: Instant.format(e),
                              personnelNo: pno, status: status, why: try? dec.decode(PositionWhy.self, from: Data(why.utf8)),
                              alternatives: (try? dec.decode([PositionAlternative].self, from: Data(alts.utf8))) ?? [], release: release, version: Int(version))
    }

    public func positions(org: String, job: Int64) async throws -> [PositionRecord] {
        try await db.read { c in
            _ = try await AllocationRepository.loadJob(c, org: org, id: job, logger: db.logger)
            return try await c.query("\(unescaped: Self.select) WHERE p.org_id = \(org) AND p.job_id = \(job) ORDER BY lower(d.period), p.position_id",
                                     logger: db.logger).collect().map(Self.decode)
        }
    }

    public func position(org: String, id: Int64) async throws -> PositionRecord {
        try await db.read { c in try await Self.load(c, org: org, id: id, logger: db.logger) }
    }

    static func load(_ c: PostgresConnection, org: String, id: Int64, logger: Logger) async throws -> PositionRecord {
        let rows = try await c.query("\(unescaped: Self.select) WHERE p.org_id = \(org) AND p.position_id = \(id)", logger: logger).collect()
        guard let row = rows.first else { throw StoreError.notFound(entity: "position", key: String(id)) }
        return try decode(row)
    }

    /// Locks the position row; the status must be one of `allowed`.
    static func lock(_ c: PostgresConnection, org: String, id: Int64, allowed: Set<String>, action: String, logger: Logger) async throws -> PositionRecord {
        let rows = try await c.query("SELECT status FROM proposed_position WHERE org_id = \(org) AND position_id = \(id) FOR UPDATE", logger: logger).collect()
        guard let row = rows.first else { throw StoreError.notFound(entity: "position", key: String(id)) }
        let status = try row.decode(String.self)
        guard allowed.contains(status) else { throw StoreError.conflict("position \(id) is \(status); it cannot be \(action)") }
        return try await load(c, org: org, id: id, logger: logger)
    }

    /// Whether the person is in the reserve pool on the shift's day (no release needed then).
    static func isPoolMember(_ c: PostgresConnection, org: String, personnelNo: String, demand: Int64, logger: Logger) async throws -> Bool {
        let rows = try await c.query("""
            SELECT EXISTS (SELECT 1 FROM pool_membership pm, shift_demand d, crisis k
                WHERE d.org_id = \(org) AND d.demand_id = \(demand) AND k.org_id = d.org_id AND k.crisis_id = d.crisis_id
                  AND pm.org_id = d.org_id AND pm.personnel_no = \(personnelNo)
                  AND pm.valid_from <= (lower(d.period) AT TIME ZONE k.time_zone)::date
                  AND (pm.valid_until IS NULL OR pm.valid_until >= (lower(d.period) AT TIME ZONE k.time_zone)::date))
            """, logger: logger).collect()
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// A release request to the person's home department, unless they are a pool member.
    static func requestRelease(_ c: PostgresConnection, org: String, position: PositionRecord, deadline: Date, logger: Logger) async throws {
        guard position.release == nil else { return }
        if try await isPoolMember(c, org: org, personnelNo: position.personnelNo, demand: position.demandId, logger: logger) { return }
        try await c.query("""
            INSERT INTO release_request (org_id, position_id, department_code, personnel_no, deadline, status)
            SELECT \(org), \(position.id), department_code, personnel_no, \(deadline), 'pending' FROM staff WHERE org_id = \(org) AND personnel_no = \(position.personnelNo)
            ON CONFLICT (org_id, position_id) DO NOTHING
            """, logger: logger)
    }

    /// Accepts proposals (`pin`: and fixes them against later solves); people from departments get
    /// a release request with `deadline`.
    public func accept(org: String, ids: [Int64], pin: Bool, deadline: Date, actor: AuditActor) async throws -> [PositionRecord] {
        guard !ids.isEmpty else { throw ValidationFailure([FieldError("positions", "name at least one position")]) }
        return try await db.transaction { c in
            var out: [PositionRecord] = []
            for id in ids {
                let p = try await Self.lock(c, org: org, id: id, allowed: pin ? ["proposed", "accepted", "pinned"] : ["proposed", "accepted"],
                                            action: pin ? "pinned" : "accepted", logger: db.logger)
                try await c.query("""
                    UPDATE proposed_position SET status = \(pin ? "pinned" : "accepted"), version = version + 1 WHERE org_id = \(org) AND position_id = \(id)
                    """, logger: db.logger)
                try await Self.requestRelease(c, org: org, position: p, deadline: deadline, logger: db.logger)
                try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "position", key: String(id),
                                          change: ["status": pin ? "pinned" : "accepted"], logger: db.logger)
                out.append(try await Self.load(c, org: org, id: id, logger: db.logger))
            }
            return out
        }
    }

    /// Puts another person on the position: the old one is marked replaced, the new one accepted.
    public func change(org: String, id: Int64, personnelNo: String, deadline: Date, actor: AuditActor) async throws -> PositionRecord {
        try await db.transaction { c in
            let old = try await Self.lock(c, org: org, id: id, allowed: ["proposed", "accepted", "pinned", "refused"], action: "changed", logger: db.logger)
            let known = try await c.query("SELECT 1 FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)", logger: db.logger).collect()
            guard !known.isEmpty else { throw ValidationFailure([FieldError("personnelNo", "unknown personnel number '\(personnelNo)'")]) }
            let lacking = try await RequiredCompetenceCheck.missing(c, org: org, personnelNo: personnelNo, demand: old.demandId, logger: db.logger)
            if !lacking.isEmpty {
                throw ValidationFailure([FieldError("personnelNo", "'\(personnelNo)' does not hold the shift's required \(lacking.map(\.description).joined(separator: ", ")) on the day of the shift")])
            }
            try await c.query("UPDATE proposed_position SET status = 'replaced', version = version + 1 WHERE org_id = \(org) AND position_id = \(id)", logger: db.logger)
            let why = PositionWhy(competences: [], pool: "", department: "", minutesInPeriod: 0, shiftsInPeriod: 0, summary: "chosen by \(actor.name) instead of \(old.personnelNo)")
            let rows = try await c.query("""
                INSERT INTO proposed_position (org_id, crisis_id, job_id, demand_id, personnel_no, status, why)
                VALUES (\(org), \(old.crisisId), \(old.jobId), \(old.demandId), \(personnelNo), 'accepted', \(try CrisisRepository.json(why))::jsonb)
                RETURNING position_id
                """, logger: db.logger).collect()
            let newId = try rows[0].decode(Int64.self)
            let created = try await Self.load(c, org: org, id: newId, logger: db.logger)
            try await Self.requestRelease(c, org: org, position: created, deadline: deadline, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "position", key: String(id),
                                      change: ["replacedBy": String(newId), "personnelNo": personnelNo], logger: db.logger)
            return try await Self.load(c, org: org, id: newId, logger: db.logger)
        }
    }
}
