import Foundation
import Logging
import PostgresNIO
import SurgeCore

public struct AssignmentRecord: Codable, Sendable {
    public var id: Int64
    public var crisisId: Int64
    public var demandId: Int64
    public var positionId: Int64?
    public var personnelNo: String
    public var task: String
    public var taskName: String
    public var location: String?
    public var kind: String
    public var start: String
    public var end: String
    public var status: String
    public var flag: String?
    public var quotaOverride: String?
    public var version: Int
}

/// Confirming, publishing and cancelling assignments. Confirmation is where the law is enforced:
/// the person's row is locked, their rules re-checked with the core's auditor, and the database's
/// exclusion constraint refuses any overlap, so concurrent confirmations cannot break a rule together.
public struct AssignmentRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT a.assignment_id, a.crisis_id, a.demand_id, a.position_id, a.personnel_no, d.task_code, t.name, t.location, d.kind,
               lower(a.period), upper(a.period), a.status, a.flag, a.quota_override, a.version
        FROM assignment a JOIN shift_demand d ON d.org_id = a.org_id AND d.demand_id = a.demand_id
        JOIN crisis_task t ON t.org_id = d.org_id AND t.crisis_id = d.crisis_id AND t.code = d.task_code
        """

    static func decode(_ row: PostgresRow) throws -> AssignmentRecord {
        let (id, crisis, demand, position, pno, task, name, loc, kind, s, e, status, flag, q, version) =
            try row.decode((Int64, Int64, Int64, Int64?, String, String, String, String?, String, Date, Date, String, String?, String?, Int32).self)
        return AssignmentRecord(id: id, crisisId: crisis, demandId: demand, positionId: position, personnelNo: pno, task: task, taskName: name, location: loc,
                                kind: kind, start: Instant.format(s), end: Instant.format(e), status: status, flag: flag, quotaOverride: q, version: Int(version))
    }

    public func list(org: String, crisis: Int64?, personnelNo: String?, statuses: [String], from: Date? = nil, until: Date? = nil) async throws -> [AssignmentRecord] {
        try await db.read { c in
            try await c.query("""
                \(unescaped: Self.select) WHERE a.org_id = \(org) AND (\(crisis)::bigint IS NULL OR a.crisis_id = \(crisis))
                  AND (\(personnelNo)::text IS NULL OR a.personnel_no = \(personnelNo)) AND a.status = ANY(\(statuses))
                  AND (\(from)::timestamptz IS NULL OR upper(a.period) > \(from)) AND (\(until)::timestamptz IS NULL OR lower(a.period) < \(until))
                ORDER BY lower(a.period), a.assignment_id
                """, logger: db.logger).collect().map(Self.decode)
        }
    }

    /// Confirms an accepted or pinned position. Refused with a conflict (409) when the department
    /// has not released the person, the release quota is used up (both unless `override` gives a
    /// recorded reason), a working-time rule would break, or the person holds an overlapping shift.
    public func confirm(org: String, position id: Int64, override reason: String?, actor: AuditActor, now: Date) async throws -> AssignmentRecord {
        if let reason { var v = Validator(); v.text(reason, "override", maxLength: 500); try v.check() }
        let assignmentId: Int64 = try await db.transaction { c in
            let p = try await PositionRepository.lock(c, org: org, id: id, allowed: ["accepted", "pinned"], action: "confirmed", logger: db.logger)
            // Every confirmation for this person waits here: the checks below see all earlier ones.
            let staff = try await c.query("""
                SELECT department_code, contract_hours_week::float8 FROM staff WHERE org_id = \(org) AND personnel_no = \(p.personnelNo) FOR UPDATE
                """, logger: db.logger).collect()
            guard let staffRow = staff.first else { throw StoreError.notFound(entity: "staff", key: p.personnelNo) }
            let (department, hours) = try staffRow.decode((String, Double).self)
            let lacking = try await RequiredCompetenceCheck.missing(c, org: org, personnelNo: p.personnelNo, demand: p.demandId, logger: db.logger)
            if !lacking.isEmpty {
                throw StoreError.conflict("\(p.personnelNo) does not hold the shift's required \(lacking.map(\.description).joined(separator: ", ")) on the day of the shift")
            }
            let crisis = try await CrisisRepository.load(c, org: org, id: p.crisisId, logger: db.logger)
            guard let start = Instant.parse(p.start), let end = Instant.parse(p.end) else { throw StoreError.unavailable("position \(id) has no period") }
            // A §15(2) authority exception covers shifts up to its expiry only.
            if crisis.ruleProfile.hasPrefix("authority"), let expiry = crisis.authorityExpiresOn, CrisisProblemBuilder.localDay(start, Self.calendar(crisis.timeZone)) > expiry {
                throw StoreError.conflict("the authority exception \(crisis.authorityReference ?? "") of rule profile \(crisis.ruleProfile) expired on \(expiry.iso); record a new decision first")
            }
            var overrides: [String] = []
            let pool = try await PositionRepository.isPoolMember(c, org: org, personnelNo: p.personnelNo, demand: p.demandId, logger: db.logger)
            if !pool {
                let released = p.release?.status == "approved"
                if !released {
                    let state = p.release.map { "is \($0.status)" } ?? "was never requested"
                    guard reason != nil else { throw StoreError.conflict("the release of \(p.personnelNo) by department \(department) \(state); confirm with an override to proceed without it") }
                    overrides.append("release \(state)")
                }
                if let over = try await Self.quotaExceeded(c, org: org, department: department, personnelNo: p.personnelNo, crisis: crisis, start: start, logger: db.logger) {
                    guard reason != nil else { throw StoreError.conflict("\(over); confirm with an override to exceed the quota") }
                    overrides.append(over)
                }
            }
            // The shift's maximum headcount: confirmations of one shift queue on its row. The count is a
            // statement of its own, so that it sees what the confirmations before it committed.
            let cap = try await c.query("SELECT headcount_max FROM shift_demand WHERE org_id = \(org) AND demand_id = \(p.demandId) FOR UPDATE",
                                        logger: db.logger).collect()
            if let mx = try cap.first?.decode(Int32?.self) {
                let n = try await c.query("""
                    SELECT count(*) FROM assignment WHERE org_id = \(org) AND demand_id = \(p.demandId) AND status <> 'cancelled'
                    """, logger: db.logger).collect()[0].decode(Int64.self)
                if n >= Int64(mx) { throw StoreError.conflict("the shift is full: \(n) of at most \(mx) people confirmed") }
            }
            let absent = try await c.query("""
                SELECT 1 FROM absence WHERE org_id = \(org) AND personnel_no = \(p.personnelNo)
                  AND daterange(starts_on, ends_on, '[]') && daterange((\(start) AT TIME ZONE \(crisis.timeZone))::date, (\(end) AT TIME ZONE \(crisis.timeZone))::date, '[]')
                """, logger: db.logger).collect()
            if !absent.isEmpty { throw StoreError.conflict("\(p.personnelNo) is absent during the shift") }
            // Rest and working-time rules over the person's shifts five weeks either side.
            var held: [HeldShift] = []
            for row in try await c.query("""
                SELECT a.assignment_id, d.kind, lower(a.period), upper(a.period) FROM assignment a
                JOIN shift_demand d ON d.org_id = a.org_id AND d.demand_id = a.demand_id
                WHERE a.org_id = \(org) AND a.personnel_no = \(p.personnelNo) AND a.status <> 'cancelled'
                  AND a.period && tstzrange(\(start.addingTimeInterval(-35 * 86400)), \(end.addingTimeInterval(35 * 86400)), '[)')
                """, logger: db.logger).collect() {
                let (aid, kind, s, e) = try row.decode((Int64, String, Date, Date).self)
                held.append(HeldShift(id: "a\(aid)", kind: kind, start: s, end: e))
            }
            let broken = try ShiftRuleCheck.added(candidate: HeldShift(id: "new", kind: p.kind, start: start, end: end), held: held, profile: crisis.rules,
                                                  timeZone: crisis.timeZone, contractMinutesPerWeek: Int((hours * 60).rounded()))
            if !broken.isEmpty {
                let list = broken.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                throw StoreError.conflict("confirming \(p.personnelNo) on this shift would break \(list) under rule profile \(crisis.ruleProfile)")
            }
            let overrideText = overrides.isEmpty ? nil : "\(overrides.joined(separator: "; ")): \(reason ?? "")"
            let rows = try await c.query("""
                INSERT INTO assignment (org_id, crisis_id, demand_id, position_id, personnel_no, period, status, quota_override, confirmed_by, confirmed_at)
                VALUES (\(org), \(p.crisisId), \(p.demandId), \(p.id), \(p.personnelNo), tstzrange(\(start), \(end), '[)'), 'confirmed', \(overrideText), \(actor.name), \(now))
                RETURNING assignment_id
                """, logger: db.logger).collect()
            let aid = try rows[0].decode(Int64.self)
            try await c.query("UPDATE proposed_position SET status = 'confirmed', version = version + 1 WHERE org_id = \(org) AND position_id = \(id)", logger: db.logger)
            if let overrideText {
                let day = CrisisProblemBuilder.localDay(start, Self.calendar(crisis.timeZone))
                try await c.query("""
                    INSERT INTO rule_decision (org_id, crisis_id, decided_at, decided_by, kind, level, rule_profile_id, legal_basis, starts_on, ends_on, applies_to)
                    VALUES (\(org), \(p.crisisId), \(now), \(actor.name), 'quota_override', \(Int16(crisis.level)), \(crisis.ruleProfile), \(overrideText),
                            \(day.iso)::date, \(day.iso)::date, \([p.personnelNo]))
                    """, logger: db.logger)
            }
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "assignment", key: String(aid),
                                      change: ["position": String(id), "personnelNo": p.personnelNo, "override": overrideText ?? ""], logger: db.logger)
            return aid
        }
        return try await get(org: org, id: assignmentId)
    }

    public func get(org: String, id: Int64) async throws -> AssignmentRecord {
        try await db.read { c in
            let rows = try await c.query("\(unescaped: Self.select) WHERE a.org_id = \(org) AND a.assignment_id = \(id)", logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.notFound(entity: "assignment", key: String(id)) }
            return try Self.decode(row)
        }
    }

    static func calendar(_ zone: String) -> Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        return cal
    }

    /// The department's release quota on the shift's day (locked per department so concurrent
    /// confirmations count each other); a message when one more person would exceed it, in
    /// people (as the solver counts them) or in FTE left after secondments.
    static func quotaExceeded(_ c: PostgresConnection, org: String, department: String, personnelNo: String, crisis: CrisisRecord, start: Date,
                              logger: Logger) async throws -> String? {
        _ = try await c.query("SELECT 1 FROM department WHERE org_id = \(org) AND code = \(department) FOR UPDATE", logger: logger).collect()
        let day = CrisisProblemBuilder.localDay(start, calendar(crisis.timeZone))
        let rows = try await c.query("""
            WITH present AS (
                SELECT s.personnel_no, s.fte FROM staff s WHERE s.org_id = \(org) AND s.department_code = \(department)
                  AND NOT EXISTS (SELECT 1 FROM absence x WHERE x.org_id = s.org_id AND x.personnel_no = s.personnel_no AND \(day.iso)::date BETWEEN x.starts_on AND x.ends_on)
            ), deployed AS (
                SELECT DISTINCT s.personnel_no, s.fte FROM assignment a JOIN staff s ON s.org_id = a.org_id AND s.personnel_no = a.personnel_no
                WHERE a.org_id = \(org) AND s.department_code = \(department) AND a.status <> 'cancelled' AND a.personnel_no <> \(personnelNo)
                  AND (lower(a.period) AT TIME ZONE \(crisis.timeZone))::date = \(day.iso)::date
                  AND NOT EXISTS (SELECT 1 FROM pool_membership pm WHERE pm.org_id = a.org_id AND pm.personnel_no = a.personnel_no
                       AND pm.valid_from <= \(day.iso)::date AND (pm.valid_until IS NULL OR pm.valid_until >= \(day.iso)::date))
            )
            SELECT (SELECT count(*) FROM present), (SELECT coalesce(sum(fte), 0)::float8 FROM present),
              (SELECT coalesce(sum(CASE \(crisis.level)::int WHEN 0 THEN fte_level0 WHEN 1 THEN fte_level1 WHEN 2 THEN fte_level2 ELSE fte_level3 END), 0)::float8
                 FROM regular_task WHERE org_id = \(org) AND department_code = \(department)),
              (SELECT coalesce(sum(se.fte), 0)::float8 FROM secondment se JOIN staff s ON s.org_id = se.org_id AND s.personnel_no = se.personnel_no
                 WHERE se.org_id = \(org) AND s.department_code = \(department) AND \(day.iso)::date BETWEEN se.starts_on AND se.ends_on),
              (SELECT count(*) FROM deployed), (SELECT coalesce(sum(fte), 0)::float8 FROM deployed),
              (SELECT fte::float8 FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo))
            """, logger: logger).collect()
        let (n, fte, needed, seconded, deployed, deployedFTE, ownFTE) = try rows[0].decode((Int64, Double, Double, Double, Int64, Double, Double?).self)
        guard let level = CrisisLevel(rawValue: crisis.level) else { return nil }
        let quota = DepartmentReleaseQuota(departmentCode: department, level: level, staffCount: Int(n), staffFTE: fte, neededFTE: needed,
                                           usedFTE: seconded, usedPersons: 0)
        if Int(deployed) + 1 > quota.quotaPersons {
            return "department \(department) may release \(quota.quotaPersons) people on \(day.iso) at crisis level \(crisis.level) and already releases \(deployed)"
        }
        let wanted = deployedFTE + (ownFTE ?? 1)
        if wanted > max(0, quota.leftFTE) + 1e-9 {
            return "department \(department) has \(max(0, quota.leftFTE)) FTE left to release on \(day.iso) (after secondments) and would give \(wanted)"
        }
        return nil
    }

    /// Publishes every confirmed assignment of the crisis and queues a notification for each person.
    public func publish(org: String, crisis: Int64, actor: AuditActor, now: Date) async throws -> Int {
        try await db.transaction { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            let rows = try await c.query("""
                WITH pub AS (
                    UPDATE assignment SET status = 'published', published_at = \(now), version = version + 1
                    WHERE org_id = \(org) AND crisis_id = \(crisis) AND status = 'confirmed'
                    RETURNING org_id, assignment_id, personnel_no, demand_id, period)
                INSERT INTO notification_outbox (org_id, personnel_no, assignment_id, kind, payload, created_at)
                SELECT pub.org_id, pub.personnel_no, pub.assignment_id, 'new',
                       jsonb_build_object('task', d.task_code, 'kind', d.kind, 'start', lower(pub.period), 'end', upper(pub.period)), \(now)
                FROM pub JOIN shift_demand d ON d.org_id = pub.org_id AND d.demand_id = pub.demand_id
                RETURNING notification_id
                """, logger: db.logger).collect()
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "crisis", key: String(crisis), change: ["published": rows.count], logger: db.logger)
            return rows.count
        }
    }

    public struct SickCallResult: Codable, Sendable {
        public var cancelled: [Int64]
        public var flagged: [Int64]
        /// The repair job of the crisis the call was made in (if any shift of it was hit).
        public var repairJob: Int64?
        /// Repair jobs of every crisis hit (a person may serve in several).
        public var repairJobs: [Int64]
    }

    /// Someone calls in sick for [from, until): the absence is recorded (category sick) and
    /// `absenceEntered` does the rest, in one transaction.
    public func sickCall(org: String, crisis: Int64, personnelNo: String, from: Date, until: Date, actor: AuditActor, now: Date) async throws -> SickCallResult {
        guard until > from else { throw ValidationFailure([FieldError("until", "must be after from")]) }
        return try await db.transaction { c in
            let k = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            let known = try await c.query("SELECT 1 FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo)", logger: db.logger).collect()
            guard !known.isEmpty else { throw StoreError.notFound(entity: "staff", key: personnelNo) }
            let cal = Self.calendar(k.timeZone)
            let first = CrisisProblemBuilder.localDay(from, cal), last = CrisisProblemBuilder.localDay(until.addingTimeInterval(-1), cal)
            try await c.query("""
                INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on) VALUES (\(org), \(personnelNo), 'sick', \(first.iso)::date, \(last.iso)::date)
                ON CONFLICT DO NOTHING
                """, logger: db.logger)
            let r = try await Self.dropOut(c, org: org, personnelNo: personnelNo, from: from, until: until, now: now, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "sick_call", key: personnelNo,
                                      change: ["from": Instant.format(from), "until": Instant.format(until), "cancelled": r.result.cancelled.map(String.init).joined(separator: ",")],
                                      logger: db.logger)
            var result = r.result
            result.repairJob = r.jobsByCrisis[crisis]
            return result
        }
    }

    /// An absence was entered (HR, the register): the person's shifts in [from, until) that have
    /// not started are cancelled and flagged (people told), started ones flagged, and each crisis
    /// hit gets an urgent repair job proposing the smallest change.
    public func absenceEntered(org: String, personnelNo: String, from: Date, until: Date, now: Date) async throws -> SickCallResult {
        try await db.transaction { c in
            try await Self.dropOut(c, org: org, personnelNo: personnelNo, from: from, until: until, now: now, logger: db.logger).result
        }
    }

    struct DropOut { var result: SickCallResult; var jobsByCrisis: [Int64: Int64] }

    static func dropOut(_ c: PostgresConnection, org: String, personnelNo: String, from: Date, until: Date, now: Date, logger: Logger) async throws -> DropOut {
        let flag = "absent \(Instant.format(from)) to \(Instant.format(until))"
        let cancelledRows = try await c.query("""
            UPDATE assignment SET status = 'cancelled', flag = \(flag), version = version + 1
            WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND status <> 'cancelled'
              AND period && tstzrange(\(from), \(until), '[)') AND lower(period) >= \(now)
            RETURNING assignment_id, demand_id, crisis_id, published_at IS NOT NULL, position_id
            """, logger: logger).collect()
        let flaggedRows = try await c.query("""
            UPDATE assignment SET flag = \(flag), version = version + 1
            WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND status <> 'cancelled'
              AND period && tstzrange(\(from), \(until), '[)') AND lower(period) < \(now)
            RETURNING assignment_id
            """, logger: logger).collect()
        var cancelled: [Int64] = []
        var byCrisis: [Int64: (demands: Set<Int64>, assignments: [Int64])] = [:]
        for row in cancelledRows {
            let (aid, demand, crisis, published, position) = try row.decode((Int64, Int64, Int64, Bool, Int64?).self)
            cancelled.append(aid)
            byCrisis[crisis, default: ([], [])].demands.insert(demand)
            byCrisis[crisis, default: ([], [])].assignments.append(aid)
            if published {
                try await c.query("""
                    INSERT INTO notification_outbox (org_id, personnel_no, assignment_id, kind, payload, created_at)
                    VALUES (\(org), \(personnelNo), \(aid), 'cancelled', jsonb_build_object('reason', 'absence'), \(now))
                    """, logger: logger)
            }
            if let position {
                try await c.query("UPDATE proposed_position SET status = 'cancelled', version = version + 1 WHERE org_id = \(org) AND position_id = \(position)", logger: logger)
            }
        }
        var jobs: [Int64: Int64] = [:]
        for (crisis, hit) in byCrisis.sorted(by: { $0.key < $1.key }) {
            let input = JobInput(demandIds: hit.demands.sorted(), unavailable: [SickCall(personnelNo: personnelNo, from: from, until: until)],
                                 cancelledAssignments: hit.assignments)
            jobs[crisis] = try await AllocationRepository.insertJob(c, org: org, crisis: crisis, request: nil, kind: "repair", input: input, seed: 1,
                                                                    timeLimit: 0.5, urgent: true, logger: logger)
        }
        let result = SickCallResult(cancelled: cancelled, flagged: try flaggedRows.map { try $0.decode(Int64.self) }, repairJob: nil,
                                    repairJobs: jobs.keys.sorted().compactMap { jobs[$0] })
        return DropOut(result: result, jobsByCrisis: jobs)
    }
}
