import Foundation
import Logging
import PostgresNIO
import SurgeCore

public struct CrisisTaskRecord: Codable, Sendable {
    public var code: String
    public var name: String
    public var location: String?
    public var lead: String?
    public var priority: Int
}

/// A stored shift demand: the core's `ShiftDemand` with its database id.
public struct ShiftDemandRecord: Codable, Sendable {
    public var id: Int64
    public var task: String
    public var kind: String
    public var start: String
    public var end: String
    public var minimum: Int
    public var target: Int
    public var maximum: Int?
    public var requirements: [CrisisShift.Need]
    public var mixes: [CrisisShift.Need]
    public var priority: Int

    /// The core's view; ids are "d<id>" so that assignments can be mapped back.
    public func shiftDemand() -> ShiftDemand {
        ShiftDemand(id: "d\(id)", task: task, kind: kind, start: Instant.parse(start) ?? Date(timeIntervalSince1970: 0),
                    end: Instant.parse(end) ?? Date(timeIntervalSince1970: 0),
                    requirements: requirements.map { CompetenceRequirement(competence: $0.competence, minimumLevel: $0.minimumLevel) },
                    mixes: mixes.map { CompetenceMix(competence: $0.competence, minimumLevel: $0.minimumLevel, minimumCount: $0.minimumCount) },
                    headcount: Headcount(minimum: minimum, target: target, maximum: maximum), priority: priority)
    }
}

/// Crisis tasks and the demand per shift, entered one by one or imported from CSV.
public struct DemandRepository: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func putTask(org: String, crisis: Int64, _ t: CrisisTaskInput, actor: AuditActor) async throws -> CrisisTaskRecord {
        try t.validate()
        try await db.transaction { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            try await c.query("""
                INSERT INTO crisis_task (org_id, crisis_id, code, name, location, lead, priority)
                VALUES (\(org), \(crisis), \(t.code), \(t.name), \(t.location), \(t.lead), \(Int16(t.priority)))
                ON CONFLICT (org_id, crisis_id, code) DO UPDATE SET name = excluded.name, location = excluded.location,
                    lead = excluded.lead, priority = excluded.priority
                """, logger: db.logger)
            try await AuditLog.record(c, org: org, actor: actor, action: .update, entity: "crisis_task", key: "\(crisis)/\(t.code)", change: t, logger: db.logger)
        }
        return CrisisTaskRecord(code: t.code, name: t.name, location: t.location, lead: t.lead, priority: t.priority)
    }

    public func tasks(org: String, crisis: Int64) async throws -> [CrisisTaskRecord] {
        try await db.read { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            return try await c.query("""
                SELECT code, name, location, lead, priority FROM crisis_task WHERE org_id = \(org) AND crisis_id = \(crisis) ORDER BY priority, code
                """, logger: db.logger).collect().map { row in
                let (code, name, loc, lead, prio) = try row.decode((String, String, String?, String?, Int16).self)
                return CrisisTaskRecord(code: code, name: name, location: loc, lead: lead, priority: Int(prio))
            }
        }
    }

    /// Adds (or, for the same task, kind and period, updates) demands; all or nothing. Unknown
    /// tasks are a 404, unknown competences a 422 naming the field.
    public func addDemands(org: String, crisis: Int64, _ inputs: [ShiftDemandInput], fieldPrefix: (Int) -> String = { "demands[\($0)]" },
                           actor: AuditActor) async throws -> [ShiftDemandRecord] {
        guard !inputs.isEmpty else { throw ValidationFailure([FieldError("demands", "must hold at least one demand")]) }
        var failures: [FieldError] = []
        var times: [(Date, Date)] = []
        for (i, d) in inputs.enumerated() {
            do { times.append(try d.validated(field: fieldPrefix(i))) } catch { failures += error.errors }
        }
        if !failures.isEmpty { throw ValidationFailure(failures) }
        let ids: [Int64] = try await db.transaction { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            var taskPriority: [String: Int] = [:]
            for row in try await c.query("SELECT code, priority FROM crisis_task WHERE org_id = \(org) AND crisis_id = \(crisis)", logger: db.logger).collect() {
                let (code, p) = try row.decode((String, Int16).self)
                taskPriority[code] = Int(p)
            }
            let codes = Array(Set(inputs.flatMap(\.competenceCodes)))
            let known = Set(try await c.query("SELECT code FROM competence WHERE org_id = \(org) AND code = ANY(\(codes))", logger: db.logger)
                .collect().map { try $0.decode(String.self) })
            var errors: [FieldError] = []
            for (i, d) in inputs.enumerated() {
                if taskPriority[d.task] == nil { throw StoreError.notFound(entity: "crisis task", key: d.task) }
                for (k, n) in (d.requirements ?? []).enumerated() where !known.contains(n.competence) {
                    errors.append(FieldError("\(fieldPrefix(i)).requirements[\(k)].competence", "unknown competence '\(n.competence)'"))
                }
                for (k, n) in (d.mixes ?? []).enumerated() where !known.contains(n.competence) {
                    errors.append(FieldError("\(fieldPrefix(i)).mixes[\(k)].competence", "unknown competence '\(n.competence)'"))
                }
            }
            if !errors.isEmpty { throw ValidationFailure(errors) }
            var ids: [Int64] = []
            for (i, d) in inputs.enumerated() {
                let (s, e) = times[i]
                let rows = try await c.query("""
                    INSERT INTO shift_demand (org_id, crisis_id, task_code, kind, period, headcount_min, headcount_target, headcount_max, requirements, mixes, priority)
                    VALUES (\(org), \(crisis), \(d.task), \(d.kind), tstzrange(\(s), \(e), '[)'), \(d.minimum), \(d.target), \(d.maximum),
                            \(try CrisisRepository.json(d.requirements ?? []))::jsonb, \(try CrisisRepository.json(d.mixes ?? []))::jsonb,
                            \(Int16(d.priority ?? taskPriority[d.task]!)))
                    ON CONFLICT (org_id, crisis_id, task_code, kind, period) DO UPDATE SET headcount_min = excluded.headcount_min,
                        headcount_target = excluded.headcount_target, headcount_max = excluded.headcount_max, requirements = excluded.requirements,
                        mixes = excluded.mixes, priority = excluded.priority
                    RETURNING demand_id
                    """, logger: db.logger).collect()
                ids.append(try rows[0].decode(Int64.self))
            }
            try await AuditLog.record(c, org: org, actor: actor, action: inputs.count > 1 ? .import : .create, entity: "shift_demand",
                                      key: String(crisis), change: ["demands": ids.map(String.init)], logger: db.logger)
            return ids
        }
        return try await db.read { c in try await Self.load(c, org: org, ids: ids, logger: db.logger) }
    }

    /// Lays a shift pattern of a task over days (in the crisis's time zone) and adds the demand.
    public func addPattern(org: String, crisis: Int64, task code: String, _ pattern: ShiftPatternInput, actor: AuditActor) async throws -> [ShiftDemandRecord] {
        let k = try await db.read { c in try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger) }
        guard let task = try await tasks(org: org, crisis: crisis).first(where: { $0.code == code }) else {
            throw StoreError.notFound(entity: "crisis task", key: code)
        }
        let inputs = try pattern.demands(task: CrisisTaskInput(code: task.code, name: task.name, priority: task.priority), timeZone: k.timeZone, ruleProfile: k.ruleProfile)
        guard !inputs.isEmpty else { throw ValidationFailure([FieldError("shifts", "the pattern yields no shift on these days (check weekdays)")]) }
        return try await addDemands(org: org, crisis: crisis, inputs, fieldPrefix: { "shift \($0)" }, actor: actor)
    }

    /// Demand of a crisis, optionally of one task and within [from, until).
    public func demands(org: String, crisis: Int64, task: String? = nil, from: Date? = nil, until: Date? = nil) async throws -> [ShiftDemandRecord] {
        try await db.read { c in
            _ = try await CrisisRepository.load(c, org: org, id: crisis, logger: db.logger)
            return try await Self.select(c, org: org, crisis: crisis, task: task, from: from, until: until, logger: db.logger)
        }
    }

    static let columns = """
        demand_id, task_code, kind, lower(period), upper(period), headcount_min, headcount_target, headcount_max, requirements::text, mixes::text, priority
        """

    static func select(_ c: PostgresConnection, org: String, crisis: Int64, task: String?, from: Date?, until: Date?, logger: Logger) async throws -> [ShiftDemandRecord] {
        let rows = try await c.query("""
            SELECT \(unescaped: columns) FROM shift_demand
            WHERE org_id = \(org) AND crisis_id = \(crisis) AND (\(task)::text IS NULL OR task_code = \(task))
              AND (\(from)::timestamptz IS NULL OR upper(period) > \(from)) AND (\(until)::timestamptz IS NULL OR lower(period) < \(until))
            ORDER BY lower(period), task_code, kind
            """, logger: logger).collect()
        return try rows.map(decode)
    }

    static func load(_ c: PostgresConnection, org: String, ids: [Int64], logger: Logger) async throws -> [ShiftDemandRecord] {
        let rows = try await c.query("""
            SELECT \(unescaped: columns) FROM shift_demand WHERE org_id = \(org) AND demand_id = ANY(\(ids)) ORDER BY lower(period), demand_id
            """, logger: logger).collect()
        return try rows.map(decode)
    }

    static func decode(_ row: PostgresRow) throws -> ShiftDemandRecord {
        let (id, task, kind, s, e, mn, tg, mx, req, mix, prio) =
            try row.decode((Int64, String, String, Date, Date, Int32, Int32, Int32?, String, String, Int16).self)
        let d = JSONDecoder()
        return ShiftDemandRecord(id: id, task: task, kind: kind, start: Instant.format(s), end: Instant.format(e), minimum: Int(mn), target: Int(tg),
                                 maximum: mx.map(Int.init), requirements: try d.decode([CrisisShift.Need].self, from: Data(req.utf8)),
                                 mixes: try d.decode([CrisisShift.Need].self, from: Data(mix.utf8)), priority: Int(prio))
    }

    /// CSV columns: task, kind, start, end, minimum, target, maximum, requirements, mixes, priority.
    /// Requirements and mixes are lists separated by `|`: `HOTLINE` or `SPR_EN:3` (level) or, for
    /// mixes, `SPR_EN:3:2` (level and count). Errors name the line and column.
    public static func parseCSV(_ text: String) throws -> [ShiftDemandInput] {
        let table: CSVTable
        do { table = try CSVParser.parse(text) } catch { throw ValidationFailure([FieldError("line \(error.line)", error.problem)]) }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func col(_ n: String) -> Int? { header.firstIndex(of: n) }
        var missing: [FieldError] = []
        for n in ["task", "kind", "start", "end", "minimum", "target"] where col(n) == nil { missing.append(FieldError("header", "column '\(n)' is missing")) }
        if !missing.isEmpty { throw ValidationFailure(missing) }
        var out: [ShiftDemandInput] = []
        var errors: [FieldError] = []
        for r in table.records {
            func field(_ n: String) -> String? {
                guard let i = col(n), i < r.fields.count else { return nil }
                let v = r.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func int(_ n: String) -> Int? {
                guard let v = field(n) else { return nil }
                guard let x = Int(v) else { errors.append(FieldError("line \(r.line).\(n)", "'\(v)' is not a whole number")); return nil }
                return x
            }
            func needs(_ n: String, mix: Bool) -> [CrisisShift.Need] {
                guard let v = field(n) else { return [] }
                return v.split(separator: "|").compactMap { part in
                    let bits = part.split(separator: ":").map { String($0).trimmingCharacters(in: .whitespaces) }
                    let level = bits.count > 1 ? Int(bits[1]) : 1
                    let count = bits.count > 2 ? Int(bits[2]) : 1
                    guard let level, let count, bits.count <= (mix ? 3 : 2) else {
                        errors.append(FieldError("line \(r.line).\(n)", "'\(part)' must be CODE, CODE:LEVEL\(mix ? " or CODE:LEVEL:COUNT" : "")"))
                        return nil
                    }
                    return CrisisShift.Need(competence: bits[0], minimumLevel: level, minimumCount: count)
                }
            }
            let minimum = int("minimum"), target = int("target")
            out.append(ShiftDemandInput(task: field("task") ?? "", kind: field("kind") ?? "", start: field("start") ?? "", end: field("end") ?? "",
                                        minimum: minimum ?? 0, target: target ?? 0, maximum: int("maximum"),
                                        requirements: needs("requirements", mix: false), mixes: needs("mixes", mix: true), priority: int("priority")))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        if out.isEmpty { throw ValidationFailure([FieldError("body", "the CSV holds no demand lines")]) }
        return out
    }

    /// Line numbers of the CSV records, for error names ("line 3").
    public static func csvLines(_ text: String) -> [Int] {
        (try? CSVParser.parse(text).records.map(\.line)) ?? []
    }
}
