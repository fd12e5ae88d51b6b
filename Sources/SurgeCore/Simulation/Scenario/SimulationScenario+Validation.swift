import Foundation

extension SimulationScenario {
    /// Every problem at once, each naming its field as a path ("tasks[1].shifts[0].target") that
    /// `ScenarioDocument` turns into a line number.
    public func validate(knownProfiles: Set<String>? = nil) throws(ValidationFailure) {
        var v = Validator()
        v.require(!name.trimmingCharacters(in: .whitespaces).isEmpty, "name", "must not be empty")
        switch base {
        case .demo(_, let staff):
            v.require(DemoCityOptions.staffRange.contains(staff), "base.demo.staff",
                      "must be between \(DemoCityOptions.staffRange.lowerBound) and \(DemoCityOptions.staffRange.upperBound)")
        case .database(let org):
            if let org { v.require(!org.isEmpty, "base.database.organisation", "must not be empty") }
        }
        v.require((1...366).contains(days), "days", "must be 1 to 366")
        v.require(TimeZone(identifier: timeZone) != nil, "timeZone", "'\(timeZone)' is not an IANA time zone")
        v.require((1...28).contains(horizonDays), "horizonDays", "must be 1 to 28")
        v.require((0...50_000_000).contains(moveBudget), "moveBudget", "must be 0 to 50000000")
        v.require((0...3).contains(level), "level", "must be 0 to 3")
        checkLevelChanges(levelChanges, "levelChanges", &v)
        checkProfiles(ruleProfiles, "ruleProfiles", knownProfiles, &v)
        if let known = knownProfiles {
            v.require(known.contains(baselineProfile), "baselineProfile", "unknown rule profile '\(baselineProfile)'")
        }
        let a = absences
        v.require((0...1).contains(a.sicknessPerWeek), "absences.sicknessPerWeek", "must be a share from 0 to 1")
        v.require(a.deployedFactor >= 0 && a.deployedFactor <= 10, "absences.deployedFactor", "must be 0 to 10")
        v.require(a.sickDaysMin >= 1, "absences.sickDaysMin", "must be at least 1")
        v.require(a.sickDaysMax >= a.sickDaysMin, "absences.sickDaysMax", "must be at least sickDaysMin")
        v.require((0...1).contains(a.vacationPerWeek), "absences.vacationPerWeek", "must be a share from 0 to 1")
        v.require(a.vacationDaysMin >= 1, "absences.vacationDaysMin", "must be at least 1")
        v.require(a.vacationDaysMax >= a.vacationDaysMin, "absences.vacationDaysMax", "must be at least vacationDaysMin")
        checkCurve(a.sicknessCurve, "absences.sicknessCurve", &v)
        checkReserves(reserves, "reserves", &v)
        let t = loadThresholds
        v.require(t.averageWeeklyHours > 0 && t.averageWeeklyHours <= 168, "loadThresholds.averageWeeklyHours", "must be above 0 and at most 168")
        v.require(t.consecutiveDays >= 1, "loadThresholds.consecutiveDays", "must be at least 1")
        v.require(t.nights >= 0, "loadThresholds.nights", "must be 0 or more")
        v.require(t.minFreeWeekends >= 0, "loadThresholds.minFreeWeekends", "must be 0 or more")
        checkObjective(objective, "objective", &v)
        v.require(!tasks.isEmpty, "tasks", "must name at least one crisis task")
        var codes = Set<String>()
        for (i, task) in tasks.enumerated() {
            let f = "tasks[\(i)]"
            v.code(task.code, "\(f).code")
            v.require(codes.insert(task.code).inserted, "\(f).code", "'\(task.code)' is used twice")
            v.require((1...5).contains(task.priority), "\(f).priority", "must be 1 (critical) to 5 (low)")
            v.require(!task.shifts.isEmpty, "\(f).shifts", "must have at least one shift")
            var kinds = Set<String>()
            for (k, s) in task.shifts.enumerated() {
                let g = "\(f).shifts[\(k)]"
                v.code(s.kind, "\(g).kind")
                v.require(kinds.insert(s.kind).inserted, "\(g).kind", "'\(s.kind)' is used twice in this task (one shift per kind and day)")
                v.require((0..<1440).contains(s.startMinute), "\(g).startMinute", "must be 0 to 1439 (minutes after local midnight)")
                v.require((1...1440).contains(s.lengthMinutes), "\(g).lengthMinutes", "must be 1 to 1440")
                v.require(s.minimum >= 0, "\(g).minimum", "must be 0 or more")
                v.require(s.target >= 1 && s.target >= s.minimum, "\(g).target", "must be at least 1 and at least minimum")
                if let m = s.maximum { v.require(m >= s.target, "\(g).maximum", "must be at least target") }
                for d in s.weekdays ?? [] { v.require((1...7).contains(d), "\(g).weekdays", "must hold ISO weekdays 1 to 7") }
                for (n, need) in s.requirements.enumerated() { v.code(need.competence, "\(g).requirements[\(n)].competence") }
                for (n, need) in s.mixes.enumerated() {
                    v.code(need.competence, "\(g).mixes[\(n)].competence")
                    v.require(need.minimumCount >= 1, "\(g).mixes[\(n)].minimumCount", "must be at least 1")
                }
            }
            checkCurve(task.demand, "\(f).demand", &v)
            if let e = task.extraDemand {
                v.require((0...1).contains(e.chance), "\(f).extraDemand.chance", "must be a probability from 0 to 1")
                v.require((1...1000).contains(e.people), "\(f).extraDemand.people", "must be 1 to 1000")
            }
        }
        var names = Set<String>()
        for (i, variant) in variants.enumerated() {
            let f = "variants[\(i)]"
            v.require(!variant.name.isEmpty, "\(f).name", "must not be empty")
            v.require(names.insert(variant.name).inserted, "\(f).name", "'\(variant.name)' is used twice")
            if let p = variant.ruleProfiles { checkProfiles(p, "\(f).ruleProfiles", knownProfiles, &v) }
            if let r = variant.reserves { checkReserves(r, "\(f).reserves", &v) }
            if let l = variant.level { v.require((0...3).contains(l), "\(f).level", "must be 0 to 3") }
            if let c = variant.levelChanges { checkLevelChanges(c, "\(f).levelChanges", &v) }
            if let h = variant.horizonDays { v.require((1...28).contains(h), "\(f).horizonDays", "must be 1 to 28") }
            if let o = variant.objective { checkObjective(o, "\(f).objective", &v) }
        }
        try v.check()
    }

    private func checkDay(_ day: Int?, _ week: Int?, _ date: LocalDate?, _ f: String, required: Bool, _ v: inout Validator) {
        let given = [day != nil, week != nil, date != nil].filter { $0 }.count
        if required { v.require(given == 1, f, "must give exactly one of day, week or date") } else { v.require(given <= 1, f, "must give at most one of day, week or date") }
        if let day { v.require((0..<days).contains(day), "\(f).day", "must be 0 to \(days - 1) (days after startDay)") }
        if let week { v.require(week >= 1 && (week - 1) * 7 < days, "\(f).week", "must be 1 to \((days + 6) / 7)") }
        if let date {
            let i = date.daysSinceEpoch - startDay.daysSinceEpoch
            v.require((0..<days).contains(i), "\(f).date", "must lie in the scenario (\(startDay) plus \(days) days)")
        }
    }

    private func checkLevelChanges(_ changes: [LevelChange], _ f: String, _ v: inout Validator) {
        for (i, c) in changes.enumerated() {
            let g = "\(f)[\(i)]"
            v.require((0...3).contains(c.level), "\(g).level", "must be 0 to 3")
            if let share = c.whenCoverageBelow {
                v.require(share > 0 && share <= 1, "\(g).whenCoverageBelow", "must be a share above 0 and at most 1")
                v.require((1...5).contains(c.priority ?? 5), "\(g).priority", "must be 1 to 5")
                checkDay(c.day, c.week, c.date, g, required: false, &v)
            } else {
                checkDay(c.day, c.week, c.date, g, required: true, &v)
            }
        }
    }

    private func checkProfiles(_ periods: [ProfilePeriod], _ f: String, _ known: Set<String>?, _ v: inout Validator) {
        v.require(!periods.isEmpty, f, "must name the rule profile in force from day 0")
        for (i, p) in periods.enumerated() {
            let g = "\(f)[\(i)]"
            checkDay(p.day, p.week, p.date, g, required: true, &v)
            if i == 0 {
                let d = Self.dayIndex(day: p.day, week: p.week, date: p.date, start: startDay)
                v.require(d == 0, "\(g).day", "the first rule profile must be in force from day 0")
            }
            if let known { v.require(known.contains(p.profile), "\(g).profile", "unknown rule profile '\(p.profile)'") } else { v.code(p.profile, "\(g).profile") }
        }
    }

    private func checkReserves(_ stages: [ReserveStage], _ f: String, _ v: inout Validator) {
        for (i, r) in stages.enumerated() {
            let g = "\(f)[\(i)]"
            v.require(r.kind != .none, "\(g).kind", "must be a pool kind: volunteer, designated, trainee, retiree or lent")
            checkDay(r.day, r.week, r.date, g, required: true, &v)
            v.require((0...10_000).contains(r.count), "\(g).count", "must be 0 to 10000")
            v.require(r.hoursPerWeek > 0 && r.hoursPerWeek <= 60, "\(g).hoursPerWeek", "must be above 0 and at most 60")
            for (k, c) in r.competences.enumerated() { v.code(c, "\(g).competences[\(k)]") }
        }
    }

    private func checkObjective(_ o: ObjectiveOverrides, _ f: String, _ v: inout Validator) {
        for (name, value) in o.fields {
            if let value { v.require((0...100_000).contains(value), "\(f).\(name)", "must be 0 to 100000") }
        }
    }

    private func checkCurve(_ points: [CurvePoint], _ f: String, _ v: inout Validator) {
        for (i, p) in points.enumerated() {
            let g = "\(f)[\(i)]"
            v.require((p.day == nil) != (p.week == nil), g, "must give exactly one of day or week")
            if let d = p.day { v.require(d >= 0 && d <= days, "\(g).day", "must be 0 to \(days)") }
            if let w = p.week { v.require(w >= 1 && (w - 1) * 7 <= days, "\(g).week", "must be 1 to \(days / 7 + 1)") }
            v.require(p.factor >= 0 && p.factor <= 20, "\(g).factor", "must be 0 to 20")
        }
    }
}
