import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// One row of the outbox: what must be told to whom.
public struct PendingNotification: Codable, Sendable {
    public var id: Int64
    public var personnelNo: String
    public var email: String?
    public var assignmentId: Int64?
    public var kind: String
    /// JSON text (task, kind, start, end, or the reason of a cancellation).
    public var payload: String
}

/// Delivers a notification (e-mail, push, SMS gateway…): the pluggable step after the outbox.
public protocol NotificationSender: Sendable {
    func send(_ notification: PendingNotification) async throws
}

/// A sender that only writes to the log: for the CLI and for installations without mail yet.
public struct LogNotificationSender: NotificationSender {
    let logger: Logger
    public init(logger: Logger) { self.logger = logger }
    public func send(_ n: PendingNotification) async throws {
        logger.info("notification", metadata: ["id": "\(n.id)", "person": "\(n.personnelNo)", "kind": "\(n.kind)", "payload": "\(n.payload)"])
    }
}

/// Drains the outbox: rows are locked while sent (SKIP LOCKED, so several senders share the
/// work) and marked sent in the same transaction; a failed send leaves the row for the next run.
public struct NotificationOutbox: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func deliver(org: String, limit: Int = 500, via sender: any NotificationSender, now: Date) async throws -> (sent: Int, failed: Int) {
        try await db.transaction { c in
            let rows = try await c.query("""
                SELECT n.notification_id, n.personnel_no, s.email, n.assignment_id, n.kind, n.payload::text FROM notification_outbox n
                LEFT JOIN staff s ON s.org_id = n.org_id AND s.personnel_no = n.personnel_no
                WHERE n.org_id = \(org) AND n.sent_at IS NULL ORDER BY n.notification_id LIMIT \(limit) FOR UPDATE OF n SKIP LOCKED
                """, logger: db.logger).collect()
            var sent: [Int64] = []
            var failed = 0
            for row in rows {
                let (id, pno, email, aid, kind, payload) = try row.decode((Int64, String, String?, Int64?, String, String).self)
                do {
                    try await sender.send(PendingNotification(id: id, personnelNo: pno, email: email, assignmentId: aid, kind: kind, payload: payload))
                    sent.append(id)
                } catch {
                    failed += 1
                }
            }
            if !sent.isEmpty {
                try await c.query("UPDATE notification_outbox SET sent_at = \(now) WHERE org_id = \(org) AND notification_id = ANY(\(sent))", logger: db.logger)
            }
            return (sent.count, failed)
        }
    }
}
