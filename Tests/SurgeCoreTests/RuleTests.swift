import Foundation
import Testing
@testable import SurgeCore

/// Working-time rules on hand-made situations: DST, midnight, history, quotas, pins, explanations.
struct RuleTests {
    private func solve(_ t: TinyProblem, budget: Int = 2000) throws -> Plan {
        try Solver.solve(t.problem, options: SolverOptions(seed: 1, moveBudget: budget)).plan
    }

    @Test("night shift lasts 7 h in the March DST night and 9 h in the October one",
          arguments: [(Berlin.date(2026, 3, 23), 5, 420), (Berlin.date(2026, 10, 19), 5, 540), (Berlin.date(2026, 6, 1), 5, 480)])
    func dstNightLength(start: Date, day: Int, expectedMinutes: Int) throws {
        var t = TinyProblem()
        t.start = start
        t.person("ann")
        t.shift("night", day: day, from: 22, hours: 0, kind: "night")
        // End at 06:00 local next morning, whatever the real length.
        let next = Berlin.calendar.date(byAdding: .day, value: day + 1, to: start)!
        t.demands[0].end = Berlin.calendar.date(bySettingHour: 6, minute: 0, second: 0, of: next)!
        let plan = try solve(t)
        #expect(plan.assignments.count == 1)
        #expect(plan.load.first { $0.person == "ann" }?.workedMinutes == expectedMinutes)
    }

    @Test("calendar days follow the time zone: the March DST Sunday is one 23 h day")
    func dstDays() throws {
        var t = TinyProblem() // Monday 23 March 2026, 7 days, Sunday 29 March is the DST day
        t.person("ann")
        t.shift("sun", day: 6, from: 23, hours: 0.5)
        let cp = try CompiledProblem(t.problem)
        #expect(cp.dayCount == 7)
        #expect(cp.days[6] == CalendarDay(year: 2026, month: 3, day: 29))
        #expect(cp.demandDay[0] == 6)
        #expect(cp.daySunday[6] && cp.dayWeekend[5] == cp.dayWeekend[6] && cp.dayWeekend[4] == -1)
        #expect(cp.demandStart[0] == 6 * 24 * 60 + 23 * 60 - 60) // one hour lost before 23:00 that Sunday
    }

    @Test("rest is measured in real time across the DST change", arguments: [(690, true), (660, false)])
    func restAcrossDST(minRest: Int, broken: Bool) throws {
        var t = TinyProblem()
        t.profile.minRestMinutes = minRest
        t.person("ann")
        t.shift("sat", day: 5, from: 12, hours: 8)  // Sat 28 March 12:00-20:00 CET
        t.shift("sun", day: 6, from: 8, hours: 8)   // Sun 29 March 08:00 CEST: 11 h later, 12 h on the wall clock
        t.pinned = [Assignment(person: "ann", demand: "sat"), Assignment(person: "ann", demand: "sun")]
        let plan = try solve(t)
        #expect(plan.hardBreaks.contains { $0.rule == .minRest } == broken)
        #expect(try PlanAuditor.audit(t.problem, assignments: plan.assignments)[.minRest] == (broken ? 1 : nil))
    }

    @Test("a shift kind capped at 0 takes the person off that kind's candidates; a cap of 1 does not", arguments: [(0, false), (1, true)])
    func kindCappedAtZero(cap: Int, candidate: Bool) throws {
        var t = TinyProblem()
        t.profile.shiftKindCaps = [ShiftKindCap(kind: "night", maximum: cap)]
        t.person("ann")
        t.shift("night", day: 0, from: 22, hours: 8, kind: "night")
        t.shift("early", day: 2, from: 6, hours: 8, kind: "early")
        let cp = try CompiledProblem(t.problem)
        let night = try #require(cp.demandIndex["night"]), early = try #require(cp.demandIndex["early"])
        #expect(cp.eligible.get(night, 0) == candidate && cp.candidateCount(night) == (candidate ? 1 : 0))
        #expect(cp.eligible.get(early, 0) && cp.candidateCount(early) == 1)
        // Still qualified: a pinned night is a kind-cap break, not an eligibility break too.
        #expect(cp.qualified.get(night, 0))
        let plan = try solve(t)
        #expect(plan.assignments.map(\.demand).sorted() == (candidate ? ["early", "night"] : ["early"]))
        #expect(plan.hardBreaks.isEmpty)
        // The unfilled night says why ann could not take it.
        let reasons = plan.unfilled.first { $0.demand == "night" }?.reasonCounts
        #expect(reasons == (candidate ? nil : ["rule profile allows no shift of this kind": 1]))
    }

    @Test("a shift over midnight belongs to its start day and needs rest before the next one")
    func overMidnight() throws {
        var t = TinyProblem()
        t.profile.minRestMinutes = 660
        t.person("ann")
        t.shift("night", day: 0, from: 22, hours: 8, kind: "night")
        t.shift("early", day: 1, from: 6, hours: 8, kind: "early")
        t.shift("overlapping", day: 2, from: 5, hours: 8)
        t.shift("night2", day: 1, from: 22, hours: 8, kind: "night")
        let cp = try CompiledProblem(t.problem)
        #expect(cp.demandDay[0] == 0 && cp.demandDay[1] == 1)
        t.pinned = [Assignment(person: "ann", demand: "night"), Assignment(person: "ann", demand: "early")]
        #expect(try solve(t).hardBreaks.contains { $0.rule == .minRest })
        t.pinned = [Assignment(person: "ann", demand: "night2"), Assignment(person: "ann", demand: "overlapping")]
        #expect(try solve(t).hardBreaks.contains { $0.rule == .overlap })
    }

    @Test("work before the horizon counts for rest and consecutive days, and the explanation names the rule")
    func historyCounts() throws {
        var t = TinyProblem()
        t.profile.minRestMinutes = 660
        let evening = Berlin.date(2026, 3, 22, 15)
        t.person("ann", history: [WorkedShift(start: evening, end: evening.addingTimeInterval(8 * 3600))]) // until 23:00
        t.shift("early", day: 0, from: 6, hours: 8)
        var plan = try solve(t)
        #expect(plan.assignments.isEmpty)
        #expect(plan.unfilled.first?.candidates.first?.rule == .minRest)

        var u = TinyProblem()
        u.profile.maxConsecutiveWorkingDays = 5
        let history = (1...5).map { back -> WorkedShift in
            let s = Berlin.calendar.date(byAdding: .day, value: -back, to: Berlin.date(2026, 3, 23, 8))!
            return WorkedShift(start: s, end: s.addingTimeInterval(8 * 3600))
        }
        u.person("bob", history: history)
        u.shift("day0", day: 0, from: 8, hours: 8)
        u.shift("day1", day: 1, from: 8, hours: 8)
        plan = try solve(u)
        #expect(!plan.assignments.contains { $0.demand == "day0" })
        #expect(plan.unfilled.first { $0.demand == "day0" }?.candidates.first?.rule == .maxConsecutiveWorkingDays)
        #expect(plan.assignments.contains { $0.demand == "day1" })
    }

    @Test("release quota caps the persons a department gives per day; pool members do not count")
    func quota() throws {
        var t = TinyProblem()
        t.quotas = [ReleaseQuota(department: "A", maxPersonsPerDay: 1)]
        t.person("a1", pool: .none)
        t.person("a2", pool: .none)
        t.shift("s", day: 0, from: 8, hours: 8, min: 2, target: 2)
        var plan = try solve(t)
        #expect(plan.isLegal)
        #expect(plan.assignments.count == 1)
        #expect(plan.unfilled.first?.reasonCounts[RuleKind.releaseQuotaPersons.description] == 1)
        t.person("v", pool: .volunteer)
        plan = try solve(t)
        #expect(plan.isLegal && plan.assignments.count == 2)
        #expect(plan.assignments.contains { $0.person == "v" })
    }

    @Test("pinned assignments stay, even illegal ones, and their breaks are listed")
    func pinning() throws {
        var t = TinyProblem()
        t.person("ann", absences: [TimeWindow(start: Berlin.date(2026, 3, 23), end: Berlin.date(2026, 3, 24))])
        t.person("bob")
        t.shift("s", day: 0, from: 8, hours: 8, min: 1, target: 1, max: 1)
        t.pinned = [Assignment(person: "ann", demand: "s")]
        let plan = try solve(t)
        #expect(plan.assignments == [Assignment(person: "ann", demand: "s")])
        #expect(plan.hardBreaks.contains { $0.rule == .eligibility && $0.person == "ann" })
    }

    @Test("competences: requirement levels, expiry during the shift, and mixes")
    func competences() throws {
        var t = TinyProblem()
        t.person("novice", competences: [Competence(id: "first_aid", level: 1)])
        t.person("expiring", competences: [Competence(id: "first_aid", level: 2, validUntil: Berlin.date(2026, 3, 23, 12))])
        t.person("expert", competences: [Competence(id: "first_aid", level: 2)])
        t.person("arabic", competences: [Competence(id: "lang_ar")])
        t.person("other")
        t.shift("aid", day: 0, from: 8, hours: 8, requirements: [CompetenceRequirement(competence: "first_aid", minimumLevel: 2)])
        t.shift("mix", day: 1, from: 8, hours: 8, min: 1, target: 1, max: 1, mixes: [CompetenceMix(competence: "lang_ar", minimumCount: 1)])
        let plan = try solve(t)
        #expect(plan.assignments.contains(Assignment(person: "expert", demand: "aid")))
        #expect(plan.assignments.filter { $0.demand == "aid" }.count == 1)
        #expect(plan.assignments.filter { $0.demand == "mix" } == [Assignment(person: "arabic", demand: "mix")])
    }

    @Test("nobody competent: the position is unfilled and every person is counted as not eligible")
    func explanationNotEligible() throws {
        var t = TinyProblem()
        t.person("ann")
        t.person("bob")
        t.shift("doc", day: 0, from: 8, hours: 8, requirements: [CompetenceRequirement(competence: "medical")])
        let plan = try solve(t)
        let u = try #require(plan.unfilled.first)
        #expect(u.demand == "doc")
        #expect(u.reasonCounts["not eligible (competence, absence or availability)"] == 2)
        #expect(plan.score.coverage > 0)
    }

    @Test("nights follow §2 ArbZG: more than 2 hours between 23:00 and 06:00")
    func nightDefinition() throws {
        let rule = NightRule(maxNights: 1, windowDays: 7)
        let cal = Berlin.calendar
        #expect(NightShift.isNight(start: Berlin.date(2026, 6, 1, 22), end: Berlin.date(2026, 6, 2, 6), rule: rule, calendar: cal))
        #expect(!NightShift.isNight(start: Berlin.date(2026, 6, 1, 14), end: Berlin.date(2026, 6, 1, 22), rule: rule, calendar: cal))
        #expect(!NightShift.isNight(start: Berlin.date(2026, 6, 1, 4), end: Berlin.date(2026, 6, 1, 12), rule: rule, calendar: cal))
        #expect(NightShift.isNight(start: Berlin.date(2026, 6, 1, 3), end: Berlin.date(2026, 6, 1, 11), rule: rule, calendar: cal))
    }

    @Test("break deduction by shift length")
    func breaks() {
        let rules = [BreakRule(shiftMinutesAbove: 360, breakMinutes: 30), BreakRule(shiftMinutesAbove: 540, breakMinutes: 45)]
        #expect(BreakRule.workedMinutes(length: 360, rules: rules) == 360)
        #expect(BreakRule.workedMinutes(length: 480, rules: rules) == 450)
        #expect(BreakRule.workedMinutes(length: 600, rules: rules) == 555)
    }

    @Test("bad input is reported with the field at fault")
    func validation() {
        var t = TinyProblem()
        t.person("ann")
        t.people[0].ruleProfile = "missing"
        #expect(throws: ProblemError(field: "people[0].ruleProfile", "unknown rule profile \"missing\"")) { try CompiledProblem(t.problem) }
        var u = TinyProblem()
        u.shift("late", day: 9, from: 8, hours: 8)
        #expect(throws: ProblemError.self) { try CompiledProblem(u.problem) }
    }
}
