import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Turns a job (demands of a crisis) and the register into the core's `SchedulingProblem`. Shifts
/// people already hold (confirmed or published, any crisis) stay as pinned assignments so the
/// rules see them; shifts just before the horizon count as work before it.
struct CrisisProblemBuilder {
    let db: Database

    struct Built: Sendable {
        var problem: SchedulingProblem
        var crisis: CrisisRecord
        /// Demand ids ("d<id>") the job is asked to staff.
        var requested: Set<String>
        /// Assignments that were fixed before the job (not new positions).
        var fixed: Set<Assignment>
        /// Live assignments on the requested demands (the published plan a repair starts from).
        var published: [Assignment]
    }

    func build(org: String, crisisId: Int64, input: JobInput) async throws -> Built {
        let crisis = try await db.read { c in try await CrisisRepository.load(c, org: org, id: crisisId, logger: db.logger) }
        guard let zone = TimeZone(identifier: crisis.timeZone) else { throw StoreError.invalidConfiguration("crisis time zone \(crisis.timeZone)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let records = try await db.read { c in try await DemandRepository.load(c, org: org, ids: input.demandIds, logger: db.logger) }
        guard !records.isEmpty else { throw ValidationFailure([FieldError("demandIds", "the job names no existing demand")]) }
        var demands = records.map { r -> ShiftDemand in
            var d = r.shiftDemand()
            if let h = input.headcount {
                let target = min(h, d.headcount.maximum ?? h)
                d.headcount = Headcount(minimum: min(d.headcount.minimum, target), target: target, maximum: d.headcount.maximum)
            }
            d.requirements += input.competences.filter { c in !d.requirements.contains { $0.competence == c } }.map { CompetenceRequirement(competence: $0) }
            if let p = input.priority { d.priority = p }
            return d
        }
        let first = demands.map(\.start).min()!, last = demands.map(\.end).max()!
        let fromDay = Self.localDay(first, calendar), untilDay = Self.localDay(last.addingTimeInterval(-1), calendar)
        let horizonStart = fromDay.start(in: calendar)
        let horizonEnd = max(untilDay.adding(days: 1).start(in: calendar), last)
        guard let level = CrisisLevel(rawValue: crisis.level) else { throw StoreError.invalidConfiguration("crisis level \(crisis.level)") }
        let snapshot = try await PlanningRegisterReader(db: db).snapshot(org: org, level: level, from: fromDay, until: untilDay,
                                                                         timeZone: crisis.timeZone, ruleProfile: crisis.ruleProfile)
        var people = snapshot.people
        let index = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        let requested = Set(demands.map(\.id))

        // Shifts people already hold around the horizon, and positions already accepted on the requested demands.
        struct Held { var person: String; var demand: Int64; var start: Date; var end: Date; var kind: String; var live: Bool }
        let lookBack = horizonStart.addingTimeInterval(-14 * 86400)
        let held: [Held] = try await db.read { c in
            var out: [Held] = []
            for row in try await c.query("""
                SELECT a.personnel_no, a.demand_id, lower(a.period), upper(a.period), d.kind FROM assignment a
                JOIN shift_demand d ON d.org_id = a.org_id AND d.demand_id = a.demand_id
                WHERE a.org_id = \(org) AND a.status <> 'cancelled' AND a.period && tstzrange(\(lookBack), \(horizonEnd), '[)')
                """, logger: db.logger).collect() {
                let (p, d, s, e, k) = try row.decode((String, Int64, Date, Date, String).self)
                out.append(Held(person: p, demand: d, start: s, end: e, kind: k, live: true))
            }
            for row in try await c.query("""
                SELECT p.personnel_no, p.demand_id, lower(d.period), upper(d.period), d.kind FROM proposed_position p
                JOIN shift_demand d ON d.org_id = p.org_id AND d.demand_id = p.demand_id
                WHERE p.org_id = \(org) AND p.demand_id = ANY(\(input.demandIds)) AND p.status IN ('accepted', 'pinned')
                """, logger: db.logger).collect() {
                let (p, d, s, e, k) = try row.decode((String, Int64, Date, Date, String).self)
                out.append(Held(person: p, demand: d, start: s, end: e, kind: k, live: false))
            }
            return out
        }
        var pinned: [Assignment] = []
        var extraDemands: [String: ShiftDemand] = [:]
        var published: [Assignment] = []
        var seen = Set<Assignment>()
        for h in held {
            guard let pi = index[h.person] else { continue }
            let id = "d\(h.demand)"
            let a = Assignment(person: h.person, demand: id)
            guard seen.insert(a).inserted else { continue }
            if h.end <= horizonStart {
                people[pi].workedBeforeHorizon.append(WorkedShift(start: h.start, end: h.end, shiftKind: h.kind))
            } else if h.start >= horizonStart && h.end <= horizonEnd {
                if requested.contains(id) {
                    if h.live { published.append(a) }
                } else {
                    // Another task's shift: only there to block the person's time; it needs nobody else.
                    var d = extraDemands[id] ?? ShiftDemand(id: id, task: "held", kind: h.kind, start: h.start, end: h.end,
                                                            headcount: Headcount(minimum: 0, target: 0))
                    d.headcount.target += 1
                    extraDemands[id] = d
                }
                pinned.append(a)
            } else {
                people[pi].absences.append(TimeWindow(start: h.start, end: h.end))
            }
        }
        demands += extraDemands.values.sorted { $0.id < $1.id }
        // Refused and sick people stay out of the demands they refused or cannot work.
        let byId = Dictionary(uniqueKeysWithValues: demands.map { ($0.id, $0) })
        for (demand, persons) in input.excluded {
            guard let d = byId["d\(demand)"] else { continue }
            for p in persons { if let pi = index[p] { people[pi].absences.append(TimeWindow(start: d.start, end: d.end)) } }
        }
        for s in input.unavailable {
            if let pi = index[s.personnelNo] { people[pi].absences.append(TimeWindow(start: s.from, end: s.until)) }
        }
        var profile = crisis.rules
        profile.id = crisis.ruleProfile
        let problem = SchedulingProblem(
            horizonStart: horizonStart, horizonEnd: horizonEnd, timeZone: crisis.timeZone, people: people, demands: demands,
            ruleProfiles: [profile],
            releaseQuotas: snapshot.quotas.map { ReleaseQuota(department: $0.departmentCode, maxPersonsPerDay: $0.quotaPersons, maxFTEPerDay: max(0, $0.leftFTE)) },
            pinned: input.unavailable.isEmpty ? pinned : pinned.filter { !published.contains($0) })
        return Built(problem: problem, crisis: crisis, requested: requested, fixed: Set(pinned), published: published)
    }

    static func localDay(_ date: Date, _ calendar: Calendar) -> LocalDate { LocalDate(containing: date, in: calendar) }
}
