import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// The weekly availability pattern of part-time staff, read and replaced as a whole.
public struct AvailabilityRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func get(org: String, personnelNo: String) async throws -> [AvailabilityWindow] {
        try await db.read { c in
            guard try await StaffHome.department(c, org: org, personnelNo: personnelNo, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            return try await Self.fetch(c, org: org, personnelNo: personnelNo, logger: db.logger)
        }
    }

    static func fetch(_ c: PostgresConnection, org: String, personnelNo: String, logger: Logger) async throws -> [AvailabilityWindow] {
        var result: [AvailabilityWindow] = []
        for try await (weekday, start, end) in try await c.query("""
            SELECT weekday, (extract(epoch FROM start_time) / 60)::int4, (extract(epoch FROM end_time) / 60)::int4
            FROM availability WHERE org_id = \(org) AND personnel_no = \(personnelNo)
            ORDER BY weekday, start_time
            """, logger: logger).decode((Int16, Int32, Int32).self) {
            result.append(AvailabilityWindow(weekday: Int(weekday), startMinute: Int(start), endMinute: Int(end)))
        }
        return result
    }

    /// Replaces the whole pattern in one transaction (an empty list clears it).
    public func replace(org: String, personnelNo: String, _ windows: [AvailabilityWindow], actor: AuditActor) async throws -> [AvailabilityWindow] {
        try AvailabilityWindow.validate(windows)
        let sorted = windows.sorted { ($0.weekday, $0.startMinute) < ($1.weekday, $1.startMinute) }
        return try await db.transaction { c in
            // Locks the person's row: two replacements of the same pattern run one after the other.
            guard try await StaffHome.department(c, org: org, personnelNo: personnelNo, lock: true, logger: db.logger) != nil else {
                throw StoreError.notFound(entity: "staff", key: personnelNo)
            }
            let old = try await Self.fetch(c, org: org, personnelNo: personnelNo, logger: db.logger)
            try await c.query("DELETE FROM availability WHERE org_id = \(org) AND personnel_no = \(personnelNo)", logger: db.logger)
            if !sorted.isEmpty {
                try await c.query("""
                    INSERT INTO availability (org_id, personnel_no, weekday, start_time, end_time)
                    SELECT \(org), \(personnelNo), w, s::time, e::time
                    FROM unnest(\(sorted.map { Int16($0.weekday) })::int2[], \(sorted.map { Self.clock($0.startMinute) })::text[],
                                \(sorted.map { Self.clock($0.endMinute) })::text[]) AS u(w, s, e)
                    """, logger: db.logger)
            }
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "availability", key: personnelNo,
                                      change: ["old": old, "new": sorted], logger: db.logger)
            return sorted
        }
    }

    /// Minutes after midnight as `HH:MM` (1440 is `24:00`, which PostgreSQL's `time` accepts).
    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
