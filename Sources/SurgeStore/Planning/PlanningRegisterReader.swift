import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Reads the register into the scheduling core's model: who could be deployed in a crisis, with
/// the competences they hold (implications followed), their absences, availability and pool
/// membership, and how much each department may release.
public struct PlanningRegisterReader: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Snapshot: Sendable {
        public var people: [Person]
        public var quotas: [DepartmentReleaseQuota]
    }

    /// People of departments with release quota left plus every active pool member, for the
    /// days `from`...`until` (inclusive) in `timeZone`, all under `ruleProfile`.
    public func snapshot(org: String, level: CrisisLevel, from: LocalDate, until: LocalDate, timeZone: String,
                         ruleProfile: String) async throws -> Snapshot {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw ValidationFailure([FieldError("timeZone", "'\(timeZone)' is not an IANA time zone")])
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let logger = db.logger
        let quotas = try await ReleaseQuotaRepository(db: db).report(org: org, level: level, on: from).items.map(\.quota)
        return try await db.read { c in
            let releasing = Set(quotas.filter { $0.quotaPersons > 0 }.map(\.departmentCode))

            var pool: [String: PoolKind] = [:]
            for try await (pno, kind) in try await c.query("""
                SELECT DISTINCT ON (personnel_no) personnel_no, kind FROM pool_membership
                WHERE org_id = \(org) AND valid_from <= \(from.iso)::date AND (valid_until IS NULL OR valid_until >= \(from.iso)::date)
                ORDER BY personnel_no, valid_from DESC
                """, logger: logger).decode((String, String).self) {
                pool[pno] = PoolKind(rawValue: kind) ?? .designated
            }

            // Implications, followed transitively: holding X grants every code reachable from X.
            var implies: [String: [String]] = [:]
            var maxLevel: [String: Int] = [:]
            for try await (code, implied) in try await c.query("SELECT code, implied_code FROM competence_implication WHERE org_id = \(org)", logger: logger).decode((String, String).self) {
                implies[code, default: []].append(implied)
            }
            for try await (code, level) in try await c.query("SELECT code, max_level FROM competence WHERE org_id = \(org)", logger: logger).decode((String, Int16?).self) {
                maxLevel[code] = Int(level ?? 1)
            }

            var competences: [String: [SurgeCore.Competence]] = [:]
            for try await (pno, code, level, validFrom, validUntil) in try await c.query("""
                SELECT personnel_no, competence_code, level, valid_from::text, valid_until::text FROM staff_competence
                WHERE org_id = \(org) AND (valid_until IS NULL OR valid_until >= \(from.iso)::date) AND valid_from <= \(until.iso)::date
                """, logger: logger).decode((String, String, Int16, String, String?).self) {
                let start = LocalDate(parsing: validFrom).map { $0.start(in: calendar) }
                let end = validUntil.flatMap { LocalDate(parsing: $0) }.map { $0.adding(days: 1).start(in: calendar) }
                var seen: Set<String> = []
                var stack = [code]
                while let k = stack.popLast() {
                    guard seen.insert(k).inserted else { continue }
                    let lv = k == code ? Int(level) : min(Int(level), maxLevel[k] ?? 1)
                    competences[pno, default: []].append(SurgeCore.Competence(id: k, level: lv, validFrom: start, validUntil: end))
                    stack.append(contentsOf: implies[k] ?? [])
                }
            }

            var absences: [String: [TimeWindow]] = [:]
            for try await (pno, s, e) in try await c.query("""
                SELECT personnel_no, starts_on::text, ends_on::text FROM absence
                WHERE org_id = \(org) AND starts_on <= \(until.iso)::date AND ends_on >= \(from.iso)::date
                """, logger: logger).decode((String, String, String).self) {
                guard let sd = LocalDate(parsing: s), let ed = LocalDate(parsing: e) else { continue }
                absences[pno, default: []].append(TimeWindow(start: sd.start(in: calendar), end: ed.adding(days: 1).start(in: calendar)))
            }

            var weekly: [String: [(Int, Int, Int)]] = [:]
            for try await (pno, weekday, startMin, endMin) in try await c.query("""
                SELECT personnel_no, weekday, (extract(epoch FROM start_time) / 60)::int, (extract(epoch FROM end_time) / 60)::int
                FROM availability WHERE org_id = \(org)
                """, logger: logger).decode((String, Int16, Int, Int).self) {
                weekly[pno, default: []].append((Int(weekday), startMin, endMin))
            }

            var people: [Person] = []
            for try await (pno, first, last, dept, hours) in try await c.query("""
                SELECT personnel_no, first_name, last_name, department_code, contract_hours_week::float8
                FROM staff WHERE org_id = \(org) ORDER BY personnel_no
                """, logger: logger).decode((String, String, String, String, Double).self) {
                let kind = pool[pno] ?? PoolKind.none
                guard kind != .none || releasing.contains(dept) else { continue }
                var availability: [TimeWindow] = []
                if let pattern = weekly[pno] {
                    var day = from
                    while day <= until {
                        for (wd, s, e) in pattern where wd == day.isoWeekday {
                            let base = day.start(in: calendar)
                            availability.append(TimeWindow(start: base.addingTimeInterval(Double(s) * 60), end: base.addingTimeInterval(Double(e) * 60)))
                        }
                        day = day.adding(days: 1)
                    }
                }
                people.append(Person(id: pno, name: "\(first) \(last)", homeDepartment: dept, poolKind: kind,
                                     contractMinutesPerWeek: Int((hours * 60).rounded()), ruleProfile: ruleProfile,
                                     competences: competences[pno] ?? [], absences: absences[pno] ?? [], availability: availability))
            }
            return Snapshot(people: people, quotas: quotas)
        }
    }
}
