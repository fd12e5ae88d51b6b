import Foundation
import Testing
@testable import SurgeCore

extension Tag {
    @Tag static var slow: Self
}

/// Dates in Europe/Berlin, so tests read like the users' calendar.
enum Berlin {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Berlin")!
        c.firstWeekday = 2
        return c
    }()

    static func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }
}

/// A one-profile problem builder for rule tests.
struct TinyProblem {
    var start = Berlin.date(2026, 3, 23)
    var days = 7
    var profile = RuleProfile(id: "p")
    var people: [Person] = []
    var demands: [ShiftDemand] = []
    var quotas: [ReleaseQuota] = []
    var pinned: [Assignment] = []

    mutating func person(_ id: String, dept: String = "A", pool: PoolKind = .volunteer, competences: [Competence] = [],
                         history: [WorkedShift] = [], absences: [TimeWindow] = []) {
        people.append(Person(id: id, homeDepartment: dept, poolKind: pool, ruleProfile: "p", competences: competences,
                             absences: absences, workedBeforeHorizon: history))
    }

    /// A shift on day `day` from local `from` o'clock lasting `hours`.
    mutating func shift(_ id: String, day: Int, from: Int, hours: Double, kind: String = "s", min: Int = 1, target: Int = 1,
                        max: Int? = nil, requirements: [CompetenceRequirement] = [], mixes: [CompetenceMix] = [], priority: Int = 3) {
        let dayStart = Berlin.calendar.date(byAdding: .day, value: day, to: start)!
        let s = Berlin.calendar.date(bySettingHour: from, minute: 0, second: 0, of: dayStart)!
        demands.append(ShiftDemand(id: id, task: "t", kind: kind, start: s, end: s.addingTimeInterval(hours * 3600),
                                   requirements: requirements, mixes: mixes, headcount: Headcount(minimum: min, target: target, maximum: max),
                                   priority: priority))
    }

    var problem: SchedulingProblem {
        SchedulingProblem(horizonStart: start, horizonEnd: Berlin.calendar.date(byAdding: .day, value: days, to: start)!,
                          people: people, demands: demands, ruleProfiles: [profile], releaseQuotas: quotas, pinned: pinned)
    }
}

/// Random small problems exercising every rule; seeded, so a failing seed can be replayed.
enum RandomProblems {
    static func make(seed: UInt64, people: Int = 6, days: Int = 10) -> SchedulingProblem {
        var rng = SplitMix64(seed: seed)
        func chance(_ p: Int) -> Bool { rng.below(100) < p }
        let start = Berlin.date(2026, 3, 23) // a Monday; the horizon crosses the March DST change
        let cal = Berlin.calendar
        func at(_ day: Int, _ hour: Int) -> Date { cal.date(bySettingHour: hour, minute: 0, second: 0, of: cal.date(byAdding: .day, value: day, to: start)!)! }
        var profiles: [RuleProfile] = []
        for i in 0..<2 {
            var r = RuleProfile(id: "r\(i)")
            if chance(70) { r.maxDailyMinutes = [420, 480, 600][rng.below(3)] }
            if chance(70) { r.maxWeeklyMinutes = [1200, 1800, 2400][rng.below(3)] }
            if chance(50) { r.maxAverageWeeklyMinutes = [1200, 2000][rng.below(2)]; r.referenceDays = 7 + rng.below(20) }
            if chance(80) { r.minRestMinutes = [540, 660, 720][rng.below(3)] }
            if chance(60) { r.breaks = [BreakRule(shiftMinutesAbove: 360, breakMinutes: 30), BreakRule(shiftMinutesAbove: 540, breakMinutes: 45)] }
            if chance(70) { r.maxConsecutiveWorkingDays = 2 + rng.below(4) }
            if chance(50) { r.minConsecutiveWorkingDays = 2 + rng.below(2) }
            if chance(50) { r.minConsecutiveDaysOff = 1 + rng.below(3) }
            if chance(50) { r.nights = NightRule(maxNights: 1 + rng.below(3), windowDays: 3 + rng.below(5)) }
            if chance(50) { r.maxWorkedWeekends = rng.below(2) }
            if chance(50) { r.maxWorkedSundays = rng.below(2) }
            if chance(40) { r.minTotalMinutes = 480 * (1 + rng.below(4)) }
            if chance(50) { r.maxTotalMinutes = 480 * (2 + rng.below(5)) }
            if chance(50) { r.shiftKindCaps = [ShiftKindCap(kind: ["early", "late", "night"][rng.below(3)], maximum: rng.below(3))] }
            if chance(60) { r.forbiddenSuccessions = [ForbiddenSuccession(first: "night", next: "early"), ForbiddenSuccession(first: "late", next: "early")] }
            profiles.append(r)
        }
        var persons: [Person] = []
        for i in 0..<people {
            var comps: [Competence] = []
            if chance(60) { comps.append(Competence(id: "a", level: 1 + rng.below(2))) }
            if chance(40) { comps.append(Competence(id: "b", level: 1, validUntil: chance(30) ? at(rng.below(days), 12) : nil)) }
            var history: [WorkedShift] = []
            if chance(40) {
                for back in 1...(1 + rng.below(5)) where chance(80) {
                    let s = at(-back, [6, 14, 22][rng.below(3)])
                    history.append(WorkedShift(start: s, end: s.addingTimeInterval(8 * 3600), shiftKind: ["early", "late", "night"][rng.below(3)]))
                }
            }
            var absences: [TimeWindow] = []
            if chance(25) { let d = rng.below(days); absences.append(TimeWindow(start: at(d, 0), end: at(d + 1 + rng.below(2), 0))) }
            var availability: [TimeWindow] = []
            if chance(15) { availability.append(TimeWindow(start: at(rng.below(3), 0), end: at(days, 0))) }
            var wishes: [Wish] = []
            if chance(40) { wishes.append(Wish(day: CalendarDay(at(rng.below(days), 12), calendar: cal), shiftKind: chance(50) ? "night" : nil, wantsToWork: chance(50), weight: 1 + rng.below(3))) }
            persons.append(Person(id: "p\(i)", homeDepartment: ["A", "B"][rng.below(2)], poolKind: chance(50) ? .none : .volunteer,
                                  contractMinutesPerWeek: [1170, 2340][rng.below(2)], ruleProfile: "r\(rng.below(2))", competences: comps,
                                  absences: absences, availability: availability, workedBeforeHorizon: history, wishes: wishes))
        }
        var demands: [ShiftDemand] = []
        for d in 0..<days {
            for (kind, hour, hours) in [("early", 6, 8.0), ("late", 14, 8.5), ("night", 22, 8.0)] where chance(55) {
                let s = at(d, hour)
                // Night shifts end at 06:00 local: 7 or 9 real hours on DST nights.
                let e = kind == "night" ? at(d + 1, 6) : s.addingTimeInterval(hours * 3600)
                let mn = rng.below(2), tg = mn + rng.below(2)
                demands.append(ShiftDemand(id: "\(kind)\(d)", task: chance(50) ? "x" : "y", kind: kind, start: s, end: e,
                                           requirements: chance(30) ? [CompetenceRequirement(competence: "a", minimumLevel: 1 + rng.below(2))] : [],
                                           mixes: chance(30) ? [CompetenceMix(competence: "b", minimumCount: 1)] : [],
                                           headcount: Headcount(minimum: mn, target: tg, maximum: chance(50) ? tg + 1 : nil), priority: 1 + rng.below(5)))
            }
        }
        var pinned: [Assignment] = []
        if chance(40), let d = demands.randomElement(using: &rng), let p = persons.randomElement(using: &rng) {
            pinned.append(Assignment(person: p.id, demand: d.id))
        }
        let quotas = chance(60) ? [ReleaseQuota(department: "A", maxPersonsPerDay: 1 + rng.below(2), maxFTEPerDay: chance(50) ? 1.0 : nil)] : []
        return SchedulingProblem(horizonStart: start, horizonEnd: at(days, 0), people: persons, demands: demands,
                                 ruleProfiles: profiles, releaseQuotas: quotas, pinned: pinned,
                                 previousPlan: chance(30) ? demands.prefix(3).map { Assignment(person: persons[0].id, demand: $0.id) } : nil)
    }
}

/// Hard units per rule from a plan's breakdown, for comparison with the auditor.
func hardUnits(_ plan: Plan) -> [RuleKind: Int] {
    var u: [RuleKind: Int] = [:]
    for t in plan.breakdown where t.level == .hard { u[t.rule] = t.penalty }
    return u
}

/// After a search: the plan left in `s` is the best the search reported, it scores the same when
/// rescored from scratch, and the independent auditor counts the same hard breaks.
func expectSearchedPlanConsistent(_ s: IncrementalScore, best: Score, problem: SchedulingProblem, _ label: String) throws {
    let kept = s.score
    #expect(kept == best, "\(label): the plan left must be the best reported")
    s.recomputeAll()
    #expect(s.score == kept, "\(label): the plan must score the same rescored from scratch")
    let plan = PlanReport.build(s)
    let audited = try PlanAuditor.audit(problem, assignments: plan.assignments)
    #expect(plan.score.hard == audited.values.reduce(0, +), "\(label): the auditor must count the same hard breaks")
}

/// One thread's search as the solver runs it: a construction from the seed, then `LocalSearch`
/// under `options` (give it a move budget, so the run is reproducible).
func constructedSearch(_ cp: CompiledProblem, seed: Int, options: SolverOptions) -> (search: LocalSearch, score: IncrementalScore) {
    let s = IncrementalScore(cp)
    var rng = SplitMix64(seed: UInt64(seed))
    Construction().run(s, rng: &rng, options: options)
    let search = LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil)
    search.run()
    return (search, s)
}

/// Every cell of the plan held in `s`, row by row.
func planCells(_ s: IncrementalScore) -> [Int32] {
    Array(UnsafeBufferPointer(start: s.grid, count: s.P * s.D))
}
