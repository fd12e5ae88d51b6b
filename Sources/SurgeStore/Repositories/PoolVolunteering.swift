import Logging
import PostgresNIO
import SurgeCore

/// Staff volunteering for the reserve pool themselves, and withdrawing again. Volunteering is the
/// consent, so it is recorded with the day it was given. One transaction each; the person's staff
/// row is locked so two offers sent at once cannot both pass the "already volunteers" check.
extension PoolRepository {
    public func volunteer(org: String, personnelNo: String, from: LocalDate, until: LocalDate?, maxHoursWeek: Double,
                          today: LocalDate, actor: AuditActor) async throws -> Versioned<PoolMembership> {
        var errors: [FieldError] = []
        if from < today { errors.append(FieldError("validFrom", "must not be in the past (today is \(today.iso))")) }
        let m = PoolMembership(personnelNo: personnelNo, kind: .volunteer, validFrom: from, validUntil: until,
                               maxHoursWeek: maxHoursWeek, consentAt: today)
        do { try m.validate() } catch { errors += error.errors }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return try await db.transaction { c in
            let staff = try await c.query("SELECT 1 FROM staff WHERE org_id = \(org) AND personnel_no = \(personnelNo) FOR UPDATE", logger: db.logger).collect()
            guard !staff.isEmpty else { throw StoreError.notFound(entity: "staff", key: personnelNo) }
            let open = try await c.query("""
                SELECT membership_id, valid_from::text FROM pool_membership
                WHERE org_id = \(org) AND personnel_no = \(personnelNo) AND kind = 'volunteer'
                  AND (valid_until IS NULL OR valid_until >= \(from.iso)::date)
                  AND (\(until?.iso)::date IS NULL OR valid_from <= \(until?.iso)::date)
                """, logger: db.logger).collect()
            if let row = open.first {
                let (id, since) = try row.decode((Int64, String).self)
                throw StoreError.conflict("\(personnelNo) already volunteers for the pool from \(since) (membership \(id)) in this period")
            }
            return try await Self.insert(c, org: org, m, actor: actor, logger: db.logger)
        }
    }

    /// Ends the person's own volunteer membership: from today on they are no longer in the pool (a
    /// membership that has not started yet is removed). Memberships HR designated are HR's to change.
    /// Returns nil when the membership was removed.
    public func withdraw(org: String, personnelNo: String, id: Int64, today: LocalDate, actor: AuditActor) async throws -> Versioned<PoolMembership>? {
        try await db.transaction { c in
            guard let old = try await Self.fetch(c, org: org, id: id, forUpdate: true, logger: db.logger), old.value.personnelNo == personnelNo else {
                throw StoreError.notFound(entity: "pool_membership", key: String(id))
            }
            guard old.value.kind == .volunteer else {
                throw StoreError.conflict("membership \(id) is of kind \(old.value.kind.rawValue); only HR can end it")
            }
            if old.value.validFrom >= today {
                try await c.query("DELETE FROM pool_membership WHERE org_id = \(org) AND membership_id = \(id)", logger: db.logger)
                try await AuditLog.record(c, org: org, actor: actor, action: .delete, entity: "pool_membership", key: String(id), change: old.value, logger: db.logger)
                return nil
            }
            let end = today.adding(days: -1)
            if let until = old.value.validUntil, until <= end { throw StoreError.conflict("membership \(id) ended on \(until.iso) already") }
            try await c.query("""
                UPDATE pool_membership SET valid_until = \(end.iso)::date, version = version + 1 WHERE org_id = \(org) AND membership_id = \(id)
                """, logger: db.logger)
            var new = old.value
            new.validUntil = end
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "pool_membership", key: String(id),
                                      change: ["old": old.value, "new": new], logger: db.logger)
            return Versioned(value: new, version: old.version + 1)
        }
    }
}
