import Foundation

extension SimulationReport {
    public init(run: SimulationRun) {
        let s = run.scenario
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: s.timeZone) ?? TimeZone(identifier: "UTC")!
        let r = Report.round
        scenario = s.name
        seed = run.seed
        startDay = s.startDay.iso
        days = run.days.count
        staff = run.departments.reduce(0) { $0 + $1.staffCount }

        // Coverage per day, priority and task.
        var daily: [DayFigures] = []
        var byTaskDay: [TaskFigures] = []
        var weekly: [String: TaskFigures] = [:]
        var firstBelowMinimum: String?
        var firstLost: String?
        for (d, day) in run.days.enumerated() {
            var prio: [Int: (Int, Int)] = [:]
            var tasks: [String: TaskFigures] = [:]
            let week = "week \(d / 7 + 1)"
            for sh in day.shifts {
                let filled = min(sh.assigned, sh.target)
                prio[sh.priority, default: (0, 0)].0 += sh.target
                prio[sh.priority, default: (0, 0)].1 += filled
                let hours = Double(sh.minutes * sh.assigned) / 60
                for (key, period) in [(sh.task, day.day.iso), ("\(week)|\(sh.task)", week)] {
                    var t = (period == week ? weekly[key] : tasks[key])
                        ?? TaskFigures(period: period, task: sh.task, priority: sh.priority, shifts: 0, shiftsBelowMinimum: 0, shiftsMissingCompetence: 0,
                                       needed: 0, filled: 0, coverage: 0, hours: 0)
                    t.shifts += 1
                    if sh.assigned < sh.minimum { t.shiftsBelowMinimum += 1 }
                    if sh.mixShortfall > 0 { t.shiftsMissingCompetence += 1 }
                    t.needed += sh.target
                    t.filled += filled
                    t.hours += hours
                    if period == week { weekly[key] = t } else { tasks[key] = t }
                }
            }
            let needed = day.shifts.reduce(0) { $0 + $1.target }
            let filled = day.shifts.reduce(0) { $0 + min($1.assigned, $1.target) }
            let below = day.shifts.filter { $0.assigned < $0.minimum }.count
            if below > 0 && firstBelowMinimum == nil { firstBelowMinimum = day.day.iso }
            let lost = day.departments.reduce(0.0) { $0 + Self.lostFTE($1) }
            if lost > 0 && firstLost == nil { firstLost = day.day.iso }
            daily.append(DayFigures(
                day: day.day.iso, level: day.level, profile: day.profile, shifts: day.shifts.count, shiftsBelowMinimum: below,
                shiftsMissingCompetence: day.shifts.filter { $0.mixShortfall > 0 }.count,
                needed: needed, filled: filled, coverage: Self.share(filled, needed),
                byPriority: prio.keys.sorted().map { PriorityCoverage(priority: $0, needed: prio[$0]!.0, filled: prio[$0]!.1, coverage: Self.share(prio[$0]!.1, prio[$0]!.0)) },
                peopleDeployed: Set(day.worked.map(\.person)).count, hoursWorked: r(Double(day.worked.reduce(0) { $0 + $1.minutes }) / 60),
                candidates: day.candidates, reservesActive: day.reservesActive, absentSick: day.absentSick, newSick: day.newSick,
                newSickDeployed: day.newSickDeployed, extraDemandEvents: day.extraDemandEvents, repairChanges: day.repairChanges,
                hardBreaks: day.hardBreaks, secondedFTE: r(day.departments.reduce(0) { $0 + $1.secondedFTE }), regularWorkLostFTE: r(lost)))
            byTaskDay += tasks.values.sorted { ($0.priority, $0.task) < ($1.priority, $1.task) }.map { Self.finish($0) }
        }
        self.daily = daily
        dailyByTask = byTaskDay
        weeklyByTask = weekly.values.sorted { ($0.period.count, $0.period, $0.priority, $0.task) < ($1.period.count, $1.period, $1.priority, $1.task) }.map { Self.finish($0) }

        // Load per person over the run.
        var minutes: [String: Int] = [:]
        var shiftsOf: [String: [WorkedShiftRecord]] = [:]
        for day in run.days { for w in day.worked { minutes[w.person, default: 0] += w.minutes; shiftsOf[w.person, default: []].append(w) } }
        let deployed = minutes.keys.sorted()
        let weeks = Double(run.days.count) / 7
        let ratios = deployed.map { id -> Double in
            let contract = Double(run.people[id]?.contractMinutesPerWeek ?? 2340) * weeks
            return contract > 0 ? Double(minutes[id]!) / contract : 0
        }
        let edges = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
        let histogram = edges.indices.map { k -> Band in
            let lo = edges[k], hi = k + 1 < edges.count ? edges[k + 1] : nil
            return Band(from: lo, to: hi, people: ratios.filter { x in x >= lo && (hi.map { x < $0 } ?? true) }.count)
        }
        load = LoadFigures(peopleDeployed: deployed.count, hours: Distribution(deployed.map { Double(minutes[$0]!) / 60 }),
                           contractRatio: Distribution(ratios), ratioHistogram: histogram)

        // Staff-care thresholds and relaxed rules, from each person's worked shifts.
        let baseline = run.profiles[s.baselineProfile] ?? RuleProfile.arbZGNormal(id: s.baselineProfile)
        let nightRule = baseline.nights ?? NightRule(maxNights: 5, windowDays: 14)
        var nightMemo: [String: Bool] = [:]
        let weekendStarts = run.days.indices.filter { run.days[$0].day.isoWeekday == 6 && $0 + 1 < run.days.count }
        var t = ThresholdFigures(limits: s.loadThresholds, aboveAverageWeeklyHours: 0, aboveConsecutiveDays: 0, aboveNights: 0,
                                 belowFreeWeekends: 0, weekendsInRun: weekendStarts.count)
        var relaxed = RelaxedRules(baseline: baseline, calendar: calendar)
        let first = s.startDay.daysSinceEpoch
        for id in deployed {
            let list = shiftsOf[id]!.sorted { $0.start < $1.start }
            if Double(minutes[id]!) / 60 / max(1, weeks) > s.loadThresholds.averageWeeklyHours { t.aboveAverageWeeklyHours += 1 }
            let dayIdx = Set(list.map { LocalDate(CalendarDay($0.start, calendar: calendar)).daysSinceEpoch - first })
            var longest = 0, run = 0, prev = Int.min
            for d in dayIdx.sorted() { run = d == prev + 1 ? run + 1 : 1; longest = max(longest, run); prev = d }
            if longest > s.loadThresholds.consecutiveDays { t.aboveConsecutiveDays += 1 }
            let nights = list.filter { w in
                if let v = nightMemo[w.demand] { return v }
                let v = NightShift.isNight(start: w.start, end: w.end, rule: nightRule, calendar: calendar)
                nightMemo[w.demand] = v
                return v
            }.count
            if nights > s.loadThresholds.nights { t.aboveNights += 1 }
            if weekendStarts.count >= s.loadThresholds.minFreeWeekends {
                let free = weekendStarts.filter { !dayIdx.contains($0) && !dayIdx.contains($0 + 1) }.count
                if free < s.loadThresholds.minFreeWeekends { t.belowFreeWeekends += 1 }
            }
            relaxed.check(person: id, shifts: list, longestRun: longest, nightMemo: nightMemo)
        }
        thresholds = t
        relaxedRules = relaxed.uses

        // Departments: FTE seconded against quota, regular work lost.
        departments = run.departments.map { dep in
            let recs = run.days.compactMap { $0.departments.first { $0.code == dep.code } }
            let n = Double(max(1, recs.count))
            let lostDay = recs.firstIndex { Self.lostFTE($0) > 0 }
            return DepartmentFigures(
                department: dep.code, name: dep.name, staff: dep.staffCount,
                averageQuotaFTE: r(recs.reduce(0) { $0 + $1.quotaFTE } / n), averageSecondedFTE: r(recs.reduce(0) { $0 + $1.secondedFTE } / n),
                peakSecondedFTE: r(recs.map(\.secondedFTE).max() ?? 0), peakSecondedPersons: recs.map(\.secondedPersons).max() ?? 0,
                daysOverQuota: recs.filter { $0.secondedPersons > $0.quotaPersons }.count,
                regularWorkLostFTEDays: r(recs.reduce(0) { $0 + Self.lostFTE($1) }),
                firstDayRegularWorkLost: lostDay.map { run.days[$0].day.iso })
        }

        // Rule profiles in force, as periods.
        var periods: [ProfileUse] = []
        for day in run.days {
            if var last = periods.last, last.profile == day.profile {
                last.until = day.day.iso; last.days += 1
                periods[periods.count - 1] = last
            } else {
                let decided = s.ruleProfiles.last { SimulationScenario.dayIndex(day: $0.day, week: $0.week, date: $0.date, start: s.startDay) ?? 0 <= day.day.daysSinceEpoch - first }
                periods.append(ProfileUse(profile: day.profile, legalBasis: run.profiles[day.profile]?.legalBasis,
                                          decidedBy: decided?.profile == day.profile ? decided?.decidedBy : nil, from: day.day.iso, until: day.day.iso, days: 1))
            }
        }
        profiles = periods

        // Reserve pool by kind.
        var firstWorked: [String: Int] = [:]
        for (d, day) in run.days.enumerated() { for w in day.worked where firstWorked[w.person] == nil { firstWorked[w.person] = d } }
        reserves = PoolKind.allCases.filter { $0 != .none }.compactMap { kind -> ReserveUse? in
            let members = run.people.filter { $0.value.poolKind == kind }.map(\.key)
            guard !members.isEmpty else { return nil }
            let stage = s.reserves.filter { $0.kind == kind }.compactMap { SimulationScenario.dayIndex(day: $0.day, week: $0.week, date: $0.date, start: s.startDay) }.min() ?? 0
            let used = members.filter { minutes[$0] != nil }
            let first = used.compactMap { firstWorked[$0] }.min()
            return ReserveUse(kind: kind.rawValue, from: s.startDay.adding(days: stage).iso, people: members.count, deployed: used.count,
                              hours: r(Double(used.reduce(0) { $0 + (minutes[$1] ?? 0) }) / 60), firstDayDeployed: first.map { run.days[$0].day.iso })
        }

        let allShifts = run.days.flatMap(\.shifts)
        let needed = allShifts.reduce(0) { $0 + $1.target }
        let filled = allShifts.reduce(0) { $0 + min($1.assigned, $1.target) }
        summary = Summary(
            shifts: allShifts.count, shiftsBelowMinimum: allShifts.filter { $0.assigned < $0.minimum }.count,
            shiftsBelowTarget: allShifts.filter { $0.assigned < $0.target }.count,
            shiftsMissingCompetence: allShifts.filter { $0.mixShortfall > 0 }.count, positionsNeeded: needed, positionsFilled: filled,
            coverage: Self.share(filled, needed), hoursWorked: r(Double(minutes.values.reduce(0, +)) / 60), peopleDeployed: deployed.count,
            poolMembersDeployed: deployed.filter { (run.people[$0]?.poolKind ?? .none) != .none }.count,
            reservePeopleDeployed: deployed.filter { run.people[$0]?.reserveStage == true }.count,
            sickSpells: run.days.reduce(0) { $0 + $1.newSick }, sickSpellsAmongDeployed: run.days.reduce(0) { $0 + $1.newSickDeployed },
            extraDemandEvents: run.days.reduce(0) { $0 + $1.extraDemandEvents }, repairChanges: run.days.reduce(0) { $0 + $1.repairChanges },
            hardBreaksInDailyPlans: run.days.reduce(0) { $0 + $1.hardBreaks }, firstDayBelowMinimum: firstBelowMinimum, firstDayRegularWorkLost: firstLost)
    }

    static func lostFTE(_ d: DepartmentDayRecord) -> Double { max(0, d.neededFTE - (d.presentFTE - d.secondedFTE)) }

    static func share(_ a: Int, _ b: Int) -> Double { b > 0 ? Report.round(Double(a) / Double(b)) : 1 }

    private static func finish(_ t: TaskFigures) -> TaskFigures {
        var t = t
        t.coverage = share(t.filled, t.needed)
        t.hours = Report.round(t.hours)
        return t
    }
}

extension LocalDate {
    init(_ d: CalendarDay) { self = LocalDate(year: d.year, month: d.month, day: d.day) ?? LocalDate(daysSinceEpoch: 0) }
}
