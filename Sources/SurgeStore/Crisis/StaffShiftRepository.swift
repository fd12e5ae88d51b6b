import Crypto
import Foundation
import Logging
import PostgresNIO
import SurgeCore

public struct TimeRecordInput: Codable, Sendable {
    public var workedMinutes: Int
    public var note: String?
    public init(workedMinutes: Int, note: String? = nil) { self.workedMinutes = workedMinutes; self.note = note }
}

public struct TimeRecordEntry: Codable, Sendable {
    public var id: Int64
    public var assignmentId: Int64?
    public var personnelNo: String
    public var start: String
    public var end: String
    public var workedMinutes: Int
    public var corrected: Bool
    public var note: String?
    public var recordedBy: String
}

/// The staff's own view (shifts, calendar feed) and the recording of hours worked.
public struct StaffShiftRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// A new secret calendar URL for the person; earlier ones stop working. Only the hash is stored.
    public func createFeed(org: String, personnelNo: String, secret: String, now: Date, actor: AuditActor) async throws {
        try await db.transaction { c in
            try await c.query("UPDATE calendar_feed SET revoked_at = \(now) WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND revoked_at IS NULL", logger: db.logger)
            try await c.query("""
                INSERT INTO calendar_feed (org_id, personnel_no, secret_hash, created_at) VALUES (\(org), \(personnelNo), \(ByteBuffer(bytes: Self.hash(secret))), \(now))
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "calendar_feed", key: personnelNo, change: ["created": true], logger: db.logger)
        }
    }

    /// Revokes the person's feeds; returns how many were live.
    public func revokeFeeds(org: String, personnelNo: String, now: Date, actor: AuditActor) async throws -> Int {
        try await db.transaction { c in
            let rows = try await c.query("""
                UPDATE calendar_feed SET revoked_at = \(now) WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND revoked_at IS NULL RETURNING feed_id
                """, logger: db.logger).collect()
            try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "calendar_feed", key: personnelNo, change: ["revoked": rows.count], logger: db.logger)
            return rows.count
        }
    }

    /// The calendar of the feed's owner (published shifts), or nil for an unknown or revoked secret.
    public func calendar(secret: String, now: Date) async throws -> String? {
        try await db.read { c in
            let rows = try await c.query("""
                SELECT f.org_id, f.personnel_no, s.first_name || ' ' || s.last_name FROM calendar_feed f
                JOIN staff s ON s.org_id = f.org_id AND s.personnel_no = f.personnel_no
                WHERE f.secret_hash = \(ByteBuffer(bytes: Self.hash(secret))) AND f.revoked_at IS NULL
                """, logger: db.logger).collect()
            guard let row = rows.first else { return nil }
            let (org, pno, name) = try row.decode((String, String, String).self)
            let shifts = try await c.query("""
                SELECT a.assignment_id, a.version, t.name, t.location, lower(a.period), upper(a.period) FROM assignment a
                JOIN shift_demand d ON d.org_id = a.org_id AND d.demand_id = a.demand_id
                JOIN crisis_task t ON t.org_id = d.org_id AND t.crisis_id = d.crisis_id AND t.code = d.task_code
                WHERE a.org_id = \(org) AND a.personnel_no = \(pno) AND a.status = 'published'
                ORDER BY lower(a.period)
                """, logger: db.logger).collect().map { r -> CalendarShift in
                let (id, version, task, loc, s, e) = try r.decode((Int64, Int32, String, String?, Date, Date).self)
                return CalendarShift(uid: "assignment-\(id)@\(org).surge", summary: task, location: loc, start: s, end: e, sequence: Int(version))
            }
            return ICalendar.render(name: "Surge: \(name)", shifts: shifts, stamp: now)
        }
    }

    static func hash(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Data(secret.utf8))) }

    /// Records (or corrects) the minutes worked on a confirmed or published shift.
    public func recordTime(org: String, assignment id: Int64, _ input: TimeRecordInput, actor: AuditActor, now: Date) async throws -> TimeRecordEntry {
        var v = Validator()
        v.require((0...1440).contains(input.workedMinutes), "workedMinutes", "must be 0 to 1440")
        if let n = input.note { v.require(n.count <= 500, "note", "must be at most 500 characters") }
        try v.check()
        return try await db.transaction { c in
            let rows = try await c.query("""
                SELECT status FROM assignment WHERE org_id = \(org) AND assignment_id = \(id) FOR UPDATE
                """, logger: db.logger).collect()
            guard let row = rows.first else { throw StoreError.notFound(entity: "assignment", key: String(id)) }
            let status = try row.decode(String.self)
            guard status != "cancelled" else { throw StoreError.conflict("assignment \(id) was cancelled; no time can be recorded on it") }
            let saved = try await c.query("""
                INSERT INTO time_record (org_id, assignment_id, personnel_no, shift_period, worked_minutes, corrected, note, recorded_by, recorded_at)
                SELECT org_id, assignment_id, personnel_no, period, \(input.workedMinutes), false, \(input.note), \(actor.name), \(now)
                FROM assignment WHERE org_id = \(org) AND assignment_id = \(id)
                ON CONFLICT (org_id, assignment_id) DO UPDATE SET worked_minutes = excluded.worked_minutes, corrected = true, note = excluded.note,
                    recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                RETURNING record_id, assignment_id, personnel_no, lower(shift_period), upper(shift_period), worked_minutes, corrected, note, recorded_by
                """, logger: db.logger).collect()
            let (rid, aid, pno, s, e, minutes, corrected, note, by) = try saved[0].decode((Int64, Int64?, String, Date, Date, Int32, Bool, String?, String).self)
            try await AuditLog.record(c, org: org, actor: actor, action: corrected ? .update : .create, entity: "time_record", key: String(rid),
                                      change: ["workedMinutes": input.workedMinutes], logger: db.logger)
            return TimeRecordEntry(id: rid, assignmentId: aid, personnelNo: pno, start: Instant.format(s), end: Instant.format(e), workedMinutes: Int(minutes),
                                   corrected: corrected, note: note, recordedBy: by)
        }
    }
}
