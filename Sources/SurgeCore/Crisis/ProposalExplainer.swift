import Foundation

/// Why the solver put this person on this shift, in the users' terms.
public struct PositionWhy: Codable, Sendable, Hashable {
    /// Competences the person holds that the shift asks for ("SPR_AR:3").
    public var competences: [String]
    /// Reserve pool kind, or "none" for a department member who needs the department's release.
    public var pool: String
    public var department: String
    /// Minutes and shifts the person works in the planning period with this proposal.
    public var minutesInPeriod: Int
    public var shiftsInPeriod: Int
    public var summary: String

    public init(competences: [String], pool: String, department: String, minutesInPeriod: Int, shiftsInPeriod: Int, summary: String) {
        self.competences = competences; self.pool = pool; self.department = department
        self.minutesInPeriod = minutesInPeriod; self.shiftsInPeriod = shiftsInPeriod; self.summary = summary
    }
}

/// A next best choice for a position.
public struct PositionAlternative: Codable, Sendable, Hashable {
    public var personnelNo: String
    public var pool: String
    public var department: String
    public var competences: [String]
    public var minutesInPeriod: Int
}

public struct ExplainedPosition: Sendable, Hashable {
    public var demand: String
    public var personnelNo: String
    public var why: PositionWhy
    public var alternatives: [PositionAlternative]

    /// The database id behind a "d<id>" demand id.
    public var demandId: Int64 { Int64(demand.dropFirst()) ?? 0 }
}

/// Explains proposed assignments and lists the next best people for each: eligible, free that day
/// in the plan, pool members first (they weaken no department), then the least loaded.
public struct ProposalExplainer {
    let problem: SchedulingProblem
    let plan: Plan
    let people: [String: Person]
    let minutes: [String: PersonLoad]
    let busy: Set<String>
    let calendar: Calendar

    public init(problem: SchedulingProblem, plan: Plan) {
        self.problem = problem
        self.plan = plan
        people = Dictionary(problem.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        minutes = Dictionary(plan.load.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: problem.timeZone) ?? TimeZone(identifier: "UTC")!
        calendar = cal
        let demands = Dictionary(problem.demands.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var b = Set<String>()
        for a in plan.assignments { if let d = demands[a.demand] { b.insert("\(a.person)@\(Self.day(d.start, cal))") } }
        busy = b
    }

    static func day(_ d: Date, _ cal: Calendar) -> Int { Int(cal.startOfDay(for: d).timeIntervalSince1970 / 3600) }

    public func explain(_ assignments: [Assignment], alternatives count: Int = 3) -> [ExplainedPosition] {
        let demands = Dictionary(problem.demands.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var cache: [String: [Person]] = [:]
        return assignments.compactMap { a in
            guard let d = demands[a.demand], let p = people[a.person] else { return nil }
            let load = minutes[p.id]
            let held = relevant(p, d)
            let pool = p.poolKind.rawValue
            var summary = p.poolKind.isPoolMember ? "reserve pool (\(pool))" : "released from department \(p.homeDepartment)"
            if !held.isEmpty { summary += "; holds \(held.joined(separator: ", "))" }
            summary += "; " + String(format: "%.1f", Double(load?.workedMinutes ?? 0) / 60) + " h in the period"
            let why = PositionWhy(competences: held, pool: pool, department: p.homeDepartment, minutesInPeriod: load?.workedMinutes ?? 0,
                                  shiftsInPeriod: load?.shifts ?? 0, summary: summary)
            if cache[d.id] == nil { cache[d.id] = ranked(d) }
            let taken = Set(plan.assignments.filter { $0.demand == d.id }.map(\.person))
            let alts = (cache[d.id] ?? []).lazy.filter { !taken.contains($0.id) }.prefix(count).map { q in
                PositionAlternative(personnelNo: q.id, pool: q.poolKind.rawValue, department: q.homeDepartment, competences: relevant(q, d),
                                    minutesInPeriod: minutes[q.id]?.workedMinutes ?? 0)
            }
            return ExplainedPosition(demand: d.id, personnelNo: p.id, why: why, alternatives: Array(alts))
        }
    }

    /// Eligible people free that day, best first (at most 20 kept).
    func ranked(_ d: ShiftDemand) -> [Person] {
        let day = Self.day(d.start, calendar)
        let keyed = problem.people.compactMap { p -> (Person, Int, Int, Int)? in
            guard !busy.contains("\(p.id)@\(day)"), Eligibility.check(person: p, demand: d) == nil else { return nil }
            return (p, p.poolKind.isPoolMember ? 0 : 1, -relevant(p, d).count, minutes[p.id]?.workedMinutes ?? 0)
        }
        return Array(keyed.sorted { a, b in
            (a.1, a.2, a.3, a.0.id) < (b.1, b.2, b.3, b.0.id)
        }.prefix(20).map(\.0))
    }

    func relevant(_ p: Person, _ d: ShiftDemand) -> [String] {
        let wanted = Set(d.requirements.map(\.competence) + d.mixes.map(\.competence))
        return p.competences.filter { wanted.contains($0.id) }.map { "\($0.id):\($0.level)" }.sorted()
    }
}
