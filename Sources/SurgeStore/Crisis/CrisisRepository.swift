import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// A declared crisis with the rule profile in force (values as adjusted for the organisation).
public struct CrisisRecord: Codable, Sendable {
    public var id: Int64
    public var name: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var level: Int
    public var ruleProfile: String
    public var legalBasis: String
    public var authorityReference: String?
    public var authorityExpiresOn: LocalDate?
    public var timeZone: String
    public var rules: RuleProfile
    public var version: Int
}

/// A recorded decision on level or rule profile.
public struct RuleDecision: Codable, Sendable {
    public var id: Int64
    public var decidedAt: String
    public var decidedBy: String
    public var kind: String
    public var level: Int
    public var ruleProfile: String
    public var legalBasis: String
    public var reference: String?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var appliesTo: [String]
}

/// Declares crises and records every change of level and rule profile as a decision.
public struct CrisisRepository: Sendable {
    let db: Database
    let catalogue: RuleProfileCatalogue
    public init(db: Database, catalogue: RuleProfileCatalogue) { self.db = db; self.catalogue = catalogue }

    /// Declares the crisis, records the decision and sets the organisation's crisis level (the
    /// release quotas follow the level) in one transaction.
    public func declare(org: String, _ d: CrisisDeclaration, actor: AuditActor, now: Date) async throws -> CrisisRecord {
        try d.validate()
        var rules = try catalogue.profile(d.ruleProfile)
        if let a = d.adjustments { rules = try a.apply(to: rules) }
        let basis = d.legalBasis ?? rules.legalBasis ?? d.ruleProfile
        let rulesJSON = try Self.json(rules)
        let id: Int64 = try await db.transaction { c in
            let tz = try await c.query("SELECT time_zone FROM organisation WHERE org_id = \(org)", logger: db.logger).collect()
            guard let orgZone = try tz.first?.decode(String.self) else { throw StoreError.notFound(entity: "organisation", key: org) }
            let zone = d.timeZone ?? orgZone
            let rows = try await c.query("""
                INSERT INTO crisis (org_id, name, starts_on, ends_on, level, rule_profile_id, rule_profile, legal_basis, authority_reference, authority_expires_on, time_zone)
                VALUES (\(org), \(d.name), \(d.startsOn.iso)::date, \(d.endsOn.iso)::date, \(Int16(d.level)), \(d.ruleProfile), \(rulesJSON)::jsonb,
                        \(basis), \(d.authorityReference), \(d.authorityExpiresOn?.iso)::date, \(zone))
                RETURNING crisis_id
                """, logger: db.logger).collect()
            let id = try rows[0].decode(Int64.self)
            try await c.query("""
                INSERT INTO rule_decision (org_id, crisis_id, decided_at, decided_by, kind, level, rule_profile_id, legal_basis, reference, starts_on, ends_on)
                VALUES (\(org), \(id), \(now), \(actor.name), 'declare', \(Int16(d.level)), \(d.ruleProfile), \(basis), \(d.authorityReference),
                        \(d.startsOn.iso)::date, \(d.endsOn.iso)::date)
                """, logger: db.logger)
            try await c.query("UPDATE organisation SET crisis_level = \(Int16(d.level)), version = version + 1 WHERE org_id = \(org)", logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .create, entity: "crisis", key: String(id), change: d, logger: db.logger)
            return id
        }
        return try await get(org: org, id: id)
    }

    public func get(org: String, id: Int64) async throws -> CrisisRecord {
        try await db.read { c in try await Self.load(c, org: org, id: id, logger: db.logger) }
    }

    public func list(org: String) async throws -> [CrisisRecord] {
        let ids = try await db.read { c in
            try await c.query("SELECT crisis_id FROM crisis WHERE org_id = \(org) ORDER BY crisis_id", logger: db.logger).collect().map { try $0.decode(Int64.self) }
        }
        var out: [CrisisRecord] = []
        for id in ids { out.append(try await get(org: org, id: id)) }
        return out
    }

    static func load(_ c: PostgresConnection, org: String, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> CrisisRecord {
        let rows = try await c.query("""
            SELECT crisis_id, name, starts_on::text, ends_on::text, level, rule_profile_id, rule_profile::text, legal_basis,
                   authority_reference, authority_expires_on::text, time_zone, version
            FROM crisis WHERE org_id = \(org) AND crisis_id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """, logger: logger).collect()
        guard let row = rows.first else { throw StoreError.notFound(entity: "crisis", key: String(id)) }
        let (cid, name, s, e, level, pid, rules, basis, ref, expires, tz, version) =
            try row.decode((Int64, String, String, String, Int16, String, String, String, String?, String?, String, Int32).self)
        let profile = try JSONDecoder().decode(RuleProfile.self, from: Data(rules.utf8))
        return CrisisRecord(id: cid, name: name, startsOn: try DateColumn.decode(s, "starts_on"), endsOn: try DateColumn.decode(e, "ends_on"),
                            level: Int(level), ruleProfile: pid, legalBasis: basis, authorityReference: ref,
                            authorityExpiresOn: try DateColumn.decode(expires, "authority_expires_on"), timeZone: tz, rules: profile, version: Int(version))
    }

    /// Changes level and/or profile: the decision is recorded, the organisation's level (and with
    /// it every release quota) follows. Returns the crisis and the recomputed quotas.
    public func decide(org: String, crisis id: Int64, _ input: RuleDecisionInput, actor: AuditActor, now: Date) async throws -> (CrisisRecord, QuotaReport) {
        try input.validate()
        var newRules: RuleProfile? = nil
        if let p = input.ruleProfile { newRules = try catalogue.profile(p) }
        let adjusted = newRules
        try await db.transaction { c in
            let crisis = try await Self.load(c, org: org, id: id, forUpdate: true, logger: db.logger)
            if let people = input.appliesTo, !people.isEmpty {
                let known = try await c.query("SELECT personnel_no FROM staff WHERE org_id = \(org) AND personnel_no = ANY(\(people))", logger: db.logger)
                    .collect().map { try $0.decode(String.self) }
                if let missing = people.first(where: { !known.contains($0) }) {
                    throw ValidationFailure([FieldError("appliesTo", "unknown personnel number '\(missing)'")])
                }
            }
            let level = input.level ?? crisis.level
            let profileId = input.ruleProfile ?? crisis.ruleProfile
            var rules = adjusted ?? crisis.rules
            if let a = input.adjustments { rules = try a.apply(to: rules) }
            let kind = input.ruleProfile != nil || input.adjustments != nil ? "profile" : "level"
            try await c.query("""
                UPDATE crisis SET level = \(Int16(level)), rule_profile_id = \(profileId), rule_profile = \(try Self.json(rules))::jsonb,
                    legal_basis = \(input.legalBasis), authority_reference = coalesce(\(input.reference), authority_reference),
                    authority_expires_on = coalesce(\(input.authorityExpiresOn?.iso)::date, authority_expires_on), version = version + 1
                WHERE org_id = \(org) AND crisis_id = \(id)
                """, logger: db.logger)
            try await c.query("""
                INSERT INTO rule_decision (org_id, crisis_id, decided_at, decided_by, kind, level, rule_profile_id, legal_basis, reference, starts_on, ends_on, applies_to)
                VALUES (\(org), \(id), \(now), \(actor.name), \(kind), \(Int16(level)), \(profileId), \(input.legalBasis), \(input.reference),
                        \(input.startsOn.iso)::date, \(input.endsOn.iso)::date, \(input.appliesTo ?? []))
                """, logger: db.logger)
            if input.level != nil {
                try await c.query("UPDATE organisation SET crisis_level = \(Int16(level)), version = version + 1 WHERE org_id = \(org)", logger: db.logger)
            }
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "crisis", key: String(id), change: input, logger: db.logger)
        }
        let crisis = try await get(org: org, id: id)
        let quotas = try await ReleaseQuotaRepository(db: db).report(org: org, level: CrisisLevel(rawValue: crisis.level), on: input.startsOn)
        return (crisis, quotas)
    }

    public func decisions(org: String, crisis id: Int64) async throws -> [RuleDecision] {
        _ = try await get(org: org, id: id)
        return try await db.read { c in
            let rows = try await c.query("""
                SELECT decision_id, to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), decided_by, kind, level, rule_profile_id,
                       legal_basis, reference, starts_on::text, ends_on::text, applies_to
                FROM rule_decision WHERE org_id = \(org) AND crisis_id = \(id) ORDER BY decision_id
                """, logger: db.logger).collect()
            return try rows.map { row in
                let (did, at, by, kind, level, pid, basis, ref, s, e, applies) =
                    try row.decode((Int64, String, String, String, Int16, String, String, String?, String, String, [String]).self)
                return RuleDecision(id: did, decidedAt: at, decidedBy: by, kind: kind, level: Int(level), ruleProfile: pid, legalBasis: basis,
                                    reference: ref, startsOn: try DateColumn.decode(s, "starts_on"), endsOn: try DateColumn.decode(e, "ends_on"), appliesTo: applies)
            }
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
