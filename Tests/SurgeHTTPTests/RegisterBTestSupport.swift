import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import SurgeCore
import SurgeStore

/// Helpers for the absence, pool, task and quota tests. Staff rows go in by SQL: the staff
/// repository is another slice's work.
extension APIFixture {
    func insertStaff(_ personnelNo: String, department: String, fte: Double = 1, hours: Double = 39) async throws {
        try await repositories.db.client.query("""
            INSERT INTO staff (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte, status_group)
            VALUES (\(org), \(personnelNo), 'Max', 'Test', \(department), \(hours)::numeric, \(fte)::numeric, 'employee')
            """, logger: repositories.db.logger)
    }

    /// Audit rows for an entity (and key), read straight from the table.
    func auditCount(_ entity: String, key: String? = nil) async throws -> Int {
        let rows = try await repositories.db.client.query("""
            SELECT count(*) FROM audit_log WHERE org_id = \(org) AND entity = \(entity) AND (\(key)::text IS NULL OR entity_key = \(key))
            """, logger: repositories.db.logger).collect()
        return Int(try rows.first?.decode(Int64.self) ?? -1)
    }
}

extension TestResponse {
    /// The field names a problem document blames.
    var invalidParams: [String] {
        let doc = (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
        return (doc["invalid-params"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    var items: [[String: Any]] {
        let doc = (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
        return doc["items"] as? [[String: Any]] ?? []
    }
}
