import Foundation

/// A shift a person already holds or is about to take, as the rule check sees it.
public struct HeldShift: Hashable, Sendable, Codable {
    public var id: String
    public var kind: String
    public var start: Date
    public var end: Date
    public init(id: String, kind: String, start: Date, end: Date) {
        self.id = id; self.kind = kind; self.start = start; self.end = end
    }
}

/// Re-checks the rest and working-time rules for one person when one more shift is added, with
/// the same independent auditor the solver is tested against. Only rules the new shift can make
/// worse count (a rule already broken before does not block a shift that does not worsen it).
public enum ShiftRuleCheck {
    /// Rules that judge a single person's calendar (competences, headcount, quota are checked elsewhere).
    static let personRules: Set<RuleKind> = [.shiftsPerDay, .overlap, .minRest, .maxDailyMinutes, .maxWeeklyMinutes,
                                             .maxAverageWeeklyMinutes, .maxConsecutiveWorkingDays, .maxNights,
                                             .maxWorkedWeekends, .maxWorkedSundays, .maxTotalMinutes, .shiftKindCap, .forbiddenSuccession]

    /// Hard units per rule that adding `candidate` to `held` adds (empty: the shift is legal).
    public static func added(candidate: HeldShift, held: [HeldShift], profile: RuleProfile, timeZone: String,
                             contractMinutesPerWeek: Int = 2340) throws -> [RuleKind: Int] {
        let before = try units(held, profile: profile, timeZone: timeZone, contract: contractMinutesPerWeek)
        let after = try units(held + [candidate], profile: profile, timeZone: timeZone, contract: contractMinutesPerWeek)
        var worse: [RuleKind: Int] = [:]
        for (rule, n) in after where personRules.contains(rule) && n > (before[rule] ?? 0) { worse[rule] = n - (before[rule] ?? 0) }
        return worse
    }

    /// Hard units per rule of one person's shifts under `profile`.
    public static func units(_ shifts: [HeldShift], profile: RuleProfile, timeZone: String, contract: Int = 2340) throws -> [RuleKind: Int] {
        guard let first = shifts.map(\.start).min(), let last = shifts.map(\.end).max() else { return [:] }
        guard let tz = TimeZone(identifier: timeZone) else { throw ProblemError(field: "timeZone", "unknown time zone") }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let start = cal.startOfDay(for: first)
        let end = cal.date(byAdding: .day, value: 1, to: cal.startOfDay(for: last)) ?? last
        var p = profile
        p.id = "check"
        let person = Person(id: "p", homeDepartment: "-", contractMinutesPerWeek: contract, ruleProfile: "check")
        // Ids must be unique for the auditor; two shifts with one id would be one demand.
        let demands = shifts.enumerated().map { i, s in
            ShiftDemand(id: "\(i):\(s.id)", task: "t", kind: s.kind, start: s.start, end: s.end, headcount: Headcount(minimum: 0, target: 1))
        }
        let problem = SchedulingProblem(horizonStart: start, horizonEnd: end, timeZone: timeZone, people: [person], demands: demands, ruleProfiles: [p])
        return try PlanAuditor.audit(problem, assignments: demands.map { Assignment(person: "p", demand: $0.id) })
    }
}
