import Foundation

/// Re-checks every hard rule of a plan from scratch, working on dates and the calendar directly.
/// It is written separately from the incremental scorer (no compiled arrays, no shared helpers
/// apart from `Eligibility` and `BreakRule.workedMinutes`) so that each can catch the other's
/// mistakes; the units per rule follow the definitions documented on `RuleKind`/`RuleProfile`.
/// Also useful to validate a hand-edited plan before publishing.
public enum PlanAuditor {
    /// Hard units per rule (rules without break are absent).
    public static func audit(_ problem: SchedulingProblem, assignments: [Assignment]) throws -> [RuleKind: Int] {
        guard let tz = TimeZone(identifier: problem.timeZone) else { throw ProblemError(field: "timeZone", "unknown time zone") }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        cal.firstWeekday = 2
        var units: [RuleKind: Int] = [:]
        func add(_ r: RuleKind, _ n: Int) { if n > 0 { units[r, default: 0] += n } }

        let demands = Dictionary(uniqueKeysWithValues: problem.demands.map { ($0.id, $0) })
        let profiles = Dictionary(uniqueKeysWithValues: problem.ruleProfiles.map { ($0.id, $0) })
        let day0 = cal.startOfDay(for: problem.horizonStart)
        func dayIndex(_ date: Date) -> Int { cal.dateComponents([.day], from: day0, to: cal.startOfDay(for: date)).day! }
        let dayCount = dayIndex(problem.horizonEnd.addingTimeInterval(-1)) + 1
        func mondayOf(_ date: Date) -> Date { cal.dateInterval(of: .weekOfYear, for: date)!.start }
        func minutes(_ a: Date, _ b: Date) -> Int { Int((b.timeIntervalSince(a) / 60).rounded()) }
        func ceilHours(_ m: Int) -> Int { (m + 59) / 60 }

        var byPerson: [String: [ShiftDemand]] = [:]
        var headcount: [String: Int] = [:]
        for a in assignments {
            guard let d = demands[a.demand] else { throw ProblemError(field: "assignment.demand", "unknown demand \(a.demand)") }
            byPerson[a.person, default: []].append(d)
            headcount[a.demand, default: 0] += 1
        }
        for d in problem.demands {
            if let m = d.headcount.maximum { add(.maxHeadcount, (headcount[d.id] ?? 0) - m) }
        }

        struct QuotaKey: Hashable { var department: String; var day: Int }
        var quotaPersons: [QuotaKey: Int] = [:], quotaMinutes: [QuotaKey: Int] = [:]
        let quotaFor = Dictionary(uniqueKeysWithValues: problem.releaseQuotas.map { ($0.department, $0) })

        for person in problem.people {
            guard let rules = profiles[person.ruleProfile] else { throw ProblemError(field: "ruleProfile", "unknown \(person.ruleProfile)") }
            let shifts = (byPerson[person.id] ?? []).sorted { $0.start < $1.start }
            func paid(_ s: Date, _ e: Date) -> Int { BreakRule.workedMinutes(length: minutes(s, e), rules: rules.breaks) }
            // Days worked in the horizon, and one shift per day.
            var shiftOnDay: [Int: ShiftDemand] = [:]
            for s in shifts {
                add(.eligibility, Eligibility.check(person: person, demand: s) == nil ? 0 : 1)
                let d = dayIndex(s.start)
                if shiftOnDay[d] != nil { add(.shiftsPerDay, 1) } else { shiftOnDay[d] = s }
                if !person.poolKind.isPoolMember, quotaFor[person.homeDepartment] != nil {
                    quotaPersons[QuotaKey(department: person.homeDepartment, day: d), default: 0] += 1
                    quotaMinutes[QuotaKey(department: person.homeDepartment, day: d), default: 0] += person.contractMinutesPerWeek
                }
            }
            let history = person.workedBeforeHorizon.filter { $0.start < problem.horizonStart }
            // Rest and overlap, from the end of the previous shift (work before the horizon included).
            var previousEnd: Date? = history.map(\.end).max()
            for s in shifts {
                if let e = previousEnd {
                    let gap = minutes(e, s.start)
                    if gap < 0 { add(.overlap, 1) } else if let r = rules.minRestMinutes, gap < r { add(.minRest, 1) }
                }
                previousEnd = s.end
                if let m = rules.maxDailyMinutes, paid(s.start, s.end) > m { add(.maxDailyMinutes, 1) }
            }
            // Weekly limit per Monday-based week; the first week includes work before the horizon.
            if let limit = rules.maxWeeklyMinutes {
                var perWeek: [Date: Int] = [:]
                let firstMonday = mondayOf(day0)
                for h in history where cal.startOfDay(for: h.start) >= firstMonday { perWeek[firstMonday, default: 0] += paid(h.start, h.end) }
                for s in shifts { perWeek[mondayOf(s.start), default: 0] += paid(s.start, s.end) }
                for (_, m) in perWeek { add(.maxWeeklyMinutes, m > limit ? ceilHours(m - limit) : 0) }
            }
            if let avg = rules.maxAverageWeeklyMinutes {
                let refStart = cal.date(byAdding: .day, value: -rules.referenceDays, to: problem.horizonEnd)!
                var m = 0
                for h in history where h.start >= refStart { m += paid(h.start, h.end) }
                for s in shifts where cal.startOfDay(for: s.start) >= cal.startOfDay(for: refStart) { m += paid(s.start, s.end) }
                let limit = avg * rules.referenceDays / 7
                add(.maxAverageWeeklyMinutes, m > limit ? ceilHours(m - limit) : 0)
            }
            // Runs of working days and days off, as day sets; history days are negative.
            var historyDays = Set<Int>()
            var historyKind: [Int: String] = [:]
            for h in history {
                let d = dayIndex(h.start)
                historyDays.insert(d)
                if let k = h.shiftKind { historyKind[d] = k }
            }
            func works(_ d: Int) -> Bool { d < 0 ? historyDays.contains(d) : shiftOnDay[d] != nil }
            let known = !history.isEmpty
            // The run just before the horizon is ended (or continued) by day 0: when day 0 ends it,
            // its minimum length counts; its maximum is history, not this plan's doing.
            if known && dayCount > 0 && works(-1) != works(0) {
                var begin = -1
                let w = works(-1)
                while works(begin - 1) == w && begin > -400 { begin -= 1 }
                let length = -begin
                if w, let mn = rules.minConsecutiveWorkingDays, length < mn { add(.minConsecutiveWorkingDays, mn - length) }
                if !w, begin > -400, let mn = rules.minConsecutiveDaysOff, length < mn { add(.minConsecutiveDaysOff, mn - length) }
            }
            var d = 0
            while d < dayCount {
                let w = works(d)
                var end = d
                while end + 1 < dayCount && works(end + 1) == w { end += 1 }
                // Extend the first run backwards into the history.
                var begin = d
                if d == 0 && known {
                    if w { while works(begin - 1) { begin -= 1 } } else {
                        while !works(begin - 1) && begin > -400 { begin -= 1 }
                    }
                }
                let length = end - begin + 1
                let leftKnown = d > 0 || known
                let rightKnown = end < dayCount - 1
                if w {
                    if let mx = rules.maxConsecutiveWorkingDays, length > mx { add(.maxConsecutiveWorkingDays, length - mx) }
                    if let mn = rules.minConsecutiveWorkingDays, leftKnown && rightKnown && length < mn { add(.minConsecutiveWorkingDays, mn - length) }
                } else if let mn = rules.minConsecutiveDaysOff, leftKnown && rightKnown && length < mn {
                    add(.minConsecutiveDaysOff, mn - length)
                }
                d = end + 1
            }
            // Forbidden successions on consecutive calendar days.
            let forbidden = Set(rules.forbiddenSuccessions.map { "\($0.first)>\($0.next)" })
            for day in 0..<dayCount {
                guard let today = shiftOnDay[day] else { continue }
                let yesterday = day == 0 ? historyKind[-1] : shiftOnDay[day - 1]?.kind
                if let y = yesterday, forbidden.contains("\(y)>\(today.kind)") { add(.forbiddenSuccession, 1) }
            }
            // Nights in a sliding window ending at each night.
            if let n = rules.nights {
                var nightDays: [Int] = []
                for h in history where NightShift.isNight(start: h.start, end: h.end, rule: n, calendar: cal) {
                    let hd = dayIndex(h.start)
                    if hd >= -(n.windowDays - 1) { nightDays.append(hd) }
                }
                for s in shifts where NightShift.isNight(start: s.start, end: s.end, rule: n, calendar: cal) {
                    let sd = dayIndex(s.start)
                    nightDays.append(sd)
                    if nightDays.filter({ $0 > sd - n.windowDays && $0 <= sd }).count > n.maxNights { add(.maxNights, 1) }
                }
            }
            // Weekends (Saturday + Sunday of the same week) and Sundays.
            var weekends = Set<Date>()
            var sundays = 0
            for s in shifts {
                let wd = cal.component(.weekday, from: s.start)
                if wd == 7 || wd == 1 { weekends.insert(mondayOf(s.start)) }
                if wd == 1 { sundays += 1 }
            }
            if let m = rules.maxWorkedWeekends { add(.maxWorkedWeekends, weekends.count - m) }
            if let m = rules.maxWorkedSundays { add(.maxWorkedSundays, sundays - m) }
            let total = shifts.reduce(0) { $0 + paid($1.start, $1.end) }
            if let m = rules.minTotalMinutes, total < m { add(.minTotalMinutes, ceilHours(m - total)) }
            if let m = rules.maxTotalMinutes, total > m { add(.maxTotalMinutes, ceilHours(total - m)) }
            for cap in rules.shiftKindCaps { add(.shiftKindCap, shifts.filter { $0.kind == cap.kind }.count - cap.maximum) }
        }
        for (key, n) in quotaPersons {
            let q = quotaFor[key.department]!
            if let m = q.maxPersonsPerDay { add(.releaseQuotaPersons, n - m) }
            if let f = q.maxFTEPerDay {
                let limit = Int((f * Double(problem.weights.fullTimeMinutesPerWeek)).rounded())
                let m = quotaMinutes[key]!
                let ft = max(1, problem.weights.fullTimeMinutesPerWeek)
                if m > limit { add(.releaseQuotaFTE, (m - limit + ft - 1) / ft) }
            }
        }
        return units
    }
}
