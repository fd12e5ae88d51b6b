import Foundation

/// Synthetic but realistic crisis problem of a city administration: departments with release
/// quotas, staff with competences (some expiring), part-timers, absences, pool members, work
/// before the horizon, wishes; crisis tasks around the clock (3 × 8 h) or day-only, with
/// competence requirements and mixes. Deterministic per seed (own SplitMix64).
public struct CityGenerator: Sendable {
    public var staff: Int
    public var tasks: Int
    public var days: Int
    public var seed: UInt64
    /// First day (a Monday, local midnight in Europe/Berlin); the default spans the March DST change.
    public var firstDay: CalendarDay

    public init(staff: Int, tasks: Int, days: Int, seed: UInt64, firstDay: CalendarDay = CalendarDay(year: 2026, month: 3, day: 16)) {
        self.staff = staff; self.tasks = tasks; self.days = days; self.seed = seed; self.firstDay = firstDay
    }

    static let departments = ["Ordnungsamt", "Sozialamt", "Gesundheitsamt", "Jugendamt", "Bürgeramt", "Kämmerei", "Personalamt",
                              "Bauamt", "Umweltamt", "Schulamt", "Kulturamt", "Stadtplanung", "IT-Amt", "Feuerwehr-Verwaltung",
                              "Ausländerbehörde", "Standesamt", "Sportamt", "Liegenschaften", "Rechtsamt", "Wirtschaftsförderung"]
    static let competences = ["first_aid", "lang_ar", "lang_uk", "lang_en", "lang_tr", "medical", "admin", "driving_b",
                              "it_support", "social_work", "lead", "logistics"]
    static let taskNames = ["Kontaktnachverfolgung", "Bürgertelefon", "Impfzentrum", "Erstaufnahme", "Krisenstab", "Notunterkunft",
                            "Essensausgabe", "Registrierung", "Logistiklager", "Teststelle", "Sandsackbefüllung", "Infopunkt"]

    public func generate() -> SchedulingProblem {
        var rng = SplitMix64(seed: seed ^ 0x5EED_C17E)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let start = firstDay.start(in: cal)
        func dayStart(_ d: Int) -> Date { cal.date(byAdding: .day, value: d, to: start)! }
        func at(_ d: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            cal.date(bySettingHour: hour, minute: minute, second: 0, of: dayStart(d))!
        }
        let end = dayStart(days)
        let departmentCount = max(1, min(Self.departments.count, staff / 150))
        let deptNames = (0..<departmentCount).map { Self.departments[$0] }

        // Competence frequencies: common ones first so that requirements stay satisfiable.
        let frequency: [String: Double] = ["first_aid": 0.45, "lang_en": 0.5, "admin": 0.6, "lang_ar": 0.08, "lang_uk": 0.08,
                                           "lang_tr": 0.07, "medical": 0.12, "driving_b": 0.55, "it_support": 0.1,
                                           "social_work": 0.12, "lead": 0.08, "logistics": 0.15]
        var people: [Person] = []
        people.reserveCapacity(staff)
        for i in 0..<staff {
            let dept = deptNames[rng.below(departmentCount)]
            let roll = rng.below(100)
            let pool: PoolKind = roll < 20 ? .volunteer : roll < 32 ? .designated : roll < 35 ? .trainee : roll < 37 ? .retiree : roll < 39 ? .lent : .none
            let partTime = rng.below(100) < 30
            let contract = partTime ? [1170, 1560, 1950][rng.below(3)] : (rng.below(100) < 80 ? 2340 : 2460)
            var comps: [Competence] = []
            for c in Self.competences where rng.unit() < frequency[c]! {
                let expiring = rng.below(100) < 3
                comps.append(Competence(id: c, level: 1 + rng.below(3), validUntil: expiring ? at(rng.below(max(1, days)), 0) : nil))
            }
            var absences: [TimeWindow] = []
            if rng.below(100) < 8 {
                let a = rng.below(max(1, days)), len = 2 + rng.below(6)
                absences.append(TimeWindow(start: dayStart(a), end: dayStart(min(days, a + len))))
            }
            var availability: [TimeWindow] = []
            if pool == .retiree || (pool == .volunteer && rng.below(100) < 10) {
                let from = rng.below(max(1, days / 2))
                availability.append(TimeWindow(start: dayStart(from), end: end))
            }
            var history: [WorkedShift] = []
            if rng.below(100) < 30 {
                for back in 1...(1 + rng.below(4)) {
                    let s = cal.date(byAdding: .hour, value: -24 * back + 14, to: start)!
                    history.append(WorkedShift(start: s, end: s.addingTimeInterval(8 * 3600), shiftKind: "late"))
                }
            }
            var wishes: [Wish] = []
            if rng.below(100) < 10 {
                for _ in 0..<(1 + rng.below(3)) {
                    let d = CalendarDay(dayStart(rng.below(max(1, days))), calendar: cal)
                    wishes.append(Wish(day: d, shiftKind: rng.below(2) == 0 ? "night" : nil, wantsToWork: false, weight: 1 + rng.below(3)))
                }
            }
            people.append(Person(id: "P\(i + 1)", homeDepartment: dept, poolKind: pool, contractMinutesPerWeek: contract,
                                 ruleProfile: rng.below(100) < 70 ? "arbzg-normal" : "arbzg-crisis", competences: comps,
                                 absences: absences, availability: availability, workedBeforeHorizon: history, wishes: wishes))
        }

        // Crisis tasks: about 60 % around the clock, the rest day-only on weekdays.
        var demands: [ShiftDemand] = []
        let requirementPool = ["first_aid", "admin", "lang_en", "driving_b", "medical", "social_work"]
        let mixPool = ["lang_ar", "lang_uk", "first_aid", "lead", "medical", "lang_tr"]
        for t in 0..<tasks {
            let name = "\(Self.taskNames[t % Self.taskNames.count]) \(t / Self.taskNames.count + 1)"
            let roundTheClock = rng.below(100) < 60
            var reqs: [CompetenceRequirement] = []
            if rng.below(100) < 60 { reqs.append(CompetenceRequirement(competence: requirementPool[rng.below(requirementPool.count)], minimumLevel: 1)) }
            var mixes: [CompetenceMix] = []
            if rng.below(100) < 40 {
                let m = mixPool[rng.below(mixPool.count)]
                if !reqs.contains(where: { $0.competence == m }) { mixes.append(CompetenceMix(competence: m, minimumCount: 1)) }
            }
            let minimum = 3 + rng.below(4)
            let target = minimum + 1 + rng.below(2)
            let priority = 1 + rng.below(5)
            let shifts: [(kind: String, start: Int, minutes: Int)] = roundTheClock
                ? [("early", 6 * 60, 480), ("late", 14 * 60, 480), ("night", 22 * 60, 480)]
                : [("day", 8 * 60, 510)]
            for d in 0..<days {
                let weekday = cal.component(.weekday, from: dayStart(d))
                if !roundTheClock && (weekday == 1 || weekday == 7) { continue }
                for s in shifts {
                    let st = at(d, s.start / 60, s.start % 60)
                    // Night shifts end at 06:00 local the next day: 7 or 9 real hours across DST changes.
                    let en = s.kind == "night" ? at(d + 1, 6) : st.addingTimeInterval(Double(s.minutes) * 60)
                    let nightLess = s.kind == "night" ? max(1, minimum - 1) : minimum
                    demands.append(ShiftDemand(id: "T\(t + 1)-D\(d)-\(s.kind)", task: name, kind: s.kind, start: st, end: en,
                                               requirements: reqs, mixes: mixes,
                                               headcount: Headcount(minimum: nightLess, target: max(nightLess, target - (s.kind == "night" ? 1 : 0)), maximum: target + 2),
                                               priority: priority))
                }
            }
        }
        var normal = RuleProfile.arbZGNormal()
        normal.forbiddenSuccessions = [ForbiddenSuccession(first: "night", next: "early"), ForbiddenSuccession(first: "night", next: "day"),
                                       ForbiddenSuccession(first: "late", next: "early")]
        normal.maxWorkedWeekends = max(1, days / 14)
        var crisis = RuleProfile.arbZGCrisis()
        crisis.forbiddenSuccessions = [ForbiddenSuccession(first: "night", next: "early"), ForbiddenSuccession(first: "night", next: "day")]
        let quotas = deptNames.map { dn -> ReleaseQuota in
            let members = people.filter { $0.homeDepartment == dn && !$0.poolKind.isPoolMember }.count
            return ReleaseQuota(department: dn, maxPersonsPerDay: max(1, members * 12 / 100), maxFTEPerDay: Double(max(1, members * 11 / 100)))
        }
        return SchedulingProblem(horizonStart: start, horizonEnd: end, timeZone: "Europe/Berlin", people: people, demands: demands,
                                 ruleProfiles: [normal, crisis], releaseQuotas: quotas)
    }
}
