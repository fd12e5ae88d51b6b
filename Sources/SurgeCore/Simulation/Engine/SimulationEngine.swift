import Foundation

/// Where a running simulation is (for a progress bar).
public struct SimulationProgress: Sendable {
    public var day: Int
    public var days: Int
    public var date: LocalDate
}

/// Plays a scenario day by day the way a crisis staff lives it, with the real scheduling core:
/// every morning the next `horizonDays` are planned (today's shifts as published yesterday stay
/// pinned, the rest stays close to yesterday's plan through the disruption term), then the day's
/// events are drawn from the seed (sick calls, also among those deployed; vacations; extra
/// demand) and the plan is repaired with the `Replanner`. What was worked is history: it counts for
/// rest, consecutive days and averages in the following days.
///
/// Pure and deterministic: no clock (the solver stops on a move budget), no I/O; the same
/// scenario, register, profiles and seed give the same run.
public struct SimulationEngine: Sendable {
    public var scenario: SimulationScenario
    public var register: SimulationRegister
    public var profiles: [String: RuleProfile]
    public var seed: UInt64
    /// Solver threads (derived seeds; deterministic with a move budget).
    public var threads: Int

    public init(scenario: SimulationScenario, register: SimulationRegister, profiles: [String: RuleProfile], seed: UInt64, threads: Int = 2) {
        self.scenario = scenario; self.register = register; self.profiles = profiles; self.seed = seed; self.threads = threads
    }

    public func run(progress: (SimulationProgress) -> Void = { _ in }) throws -> SimulationRun {
        try scenario.validate(knownProfiles: Set(profiles.keys))
        guard let zone = TimeZone(identifier: scenario.timeZone) else { throw ValidationFailure([FieldError("timeZone", "unknown time zone")]) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let s = scenario
        let dayStart = (0...(s.days + s.horizonDays)).map { s.startDay.adding(days: $0).start(in: calendar) }

        // Everyone: the register plus the people reserve stages bring; the day each may first be deployed.
        var people = register.people
        var fte = register.fte
        var activeFrom = [Int](repeating: 0, count: people.count)
        var generated = [Bool](repeating: false, count: people.count)
        var stageDay: [PoolKind: Int] = [:]
        for r in s.reserves {
            let d = SimulationScenario.dayIndex(day: r.day, week: r.week, date: r.date, start: s.startDay) ?? 0
            stageDay[r.kind] = min(stageDay[r.kind] ?? d, d)
        }
        for (i, p) in people.enumerated() { if let d = stageDay[p.poolKind] { activeFrom[i] = d } }
        for (k, r) in s.reserves.enumerated() {
            let d = SimulationScenario.dayIndex(day: r.day, week: r.week, date: r.date, start: s.startDay) ?? 0
            for n in 0..<r.count {
                let id = "R\(k + 1)-\(r.kind.rawValue)-\(String(format: "%04d", n + 1))"
                people.append(Person(id: id, name: r.from.map { "\(r.kind.rawValue) (\($0))" }, homeDepartment: "RESERVE-\(r.kind.rawValue)",
                                     poolKind: r.kind, contractMinutesPerWeek: Int((r.hoursPerWeek * 60).rounded()), ruleProfile: "",
                                     competences: r.competences.map { Competence(id: $0, level: 3) }))
                fte.append(r.hoursPerWeek / 39)
                activeFrom.append(d)
                generated.append(true)
            }
        }
        let P = people.count
        let index = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        var departmentOf = [Int](repeating: -1, count: P)
        let deptIndex = Dictionary(uniqueKeysWithValues: register.departments.enumerated().map { ($1.code, $0) })
        for i in 0..<P where people[i].poolKind == .none { departmentOf[i] = deptIndex[people[i].homeDepartment] ?? -1 }

        var absentUntil = [Int](repeating: 0, count: P)      // simulated sick/vacation: absent on days < this
        var sickUntil = [Int](repeating: 0, count: P)
        var simulatedAbsences = [[TimeWindow]](repeating: [], count: P)
        var history = [[WorkedShift]](repeating: [], count: P)
        var previous: [Assignment] = []
        var level = s.level
        var records: [DayRecord] = []
        let profileStarts = s.ruleProfiles.map { (SimulationScenario.dayIndex(day: $0.day, week: $0.week, date: $0.date, start: s.startDay) ?? 0, $0.profile) }
            .sorted { $0.0 < $1.0 }

        for d in 0..<s.days {
            let today = s.startDay.adding(days: d)
            for c in s.levelChanges where c.whenCoverageBelow == nil {
                if SimulationScenario.dayIndex(day: c.day, week: c.week, date: c.date, start: s.startDay) == d { level = c.level }
            }
            let profileId = profileStarts.last { $0.0 <= d }?.1 ?? s.ruleProfiles[0].profile
            var profile = profiles[profileId] ?? RuleProfile.arbZGNormal(id: profileId)
            profile.id = profileId
            let todayStart = dayStart[d], todayEnd = dayStart[d + 1]

            // Who is present today (register absences and simulated ones), per department.
            var absentToday = [Bool](repeating: false, count: P)
            for i in 0..<P {
                absentToday[i] = absentUntil[i] > d || people[i].absences.contains { $0.overlaps(start: todayStart, end: todayEnd) }
            }
            var deptRecords: [DepartmentDayRecord] = register.departments.map {
                DepartmentDayRecord(code: $0.code, presentStaff: $0.staffCount, presentFTE: $0.staffFTE, neededFTE: $0.neededFTE[level],
                                    quotaPersons: 0, quotaFTE: 0, secondedPersons: 0, secondedMinutes: 0, secondedFTE: 0)
            }
            for i in 0..<P where !generated[i] && absentToday[i] {
                guard let q = deptIndex[people[i].homeDepartment] else { continue }
                deptRecords[q].presentStaff -= 1
                deptRecords[q].presentFTE -= fte[i]
            }
            var quotas: [ReleaseQuota] = []
            for q in deptRecords.indices {
                let r = deptRecords[q]
                let quota = DepartmentReleaseQuota(departmentCode: r.code, level: CrisisLevel(rawValue: level) ?? .two, staffCount: max(0, r.presentStaff),
                                                   staffFTE: max(0, r.presentFTE), neededFTE: r.neededFTE, usedFTE: 0, usedPersons: 0)
                deptRecords[q].quotaPersons = quota.quotaPersons
                deptRecords[q].quotaFTE = quota.quotaFTE
                quotas.append(ReleaseQuota(department: r.code, maxPersonsPerDay: quota.quotaPersons, maxFTEPerDay: quota.quotaFTE))
            }

            // Candidates: pool members whose stage has come, and staff of departments that can release someone.
            var candidates: [Int] = []
            var reservesActive = 0
            for i in 0..<P where activeFrom[i] <= d {
                if people[i].poolKind != .none {
                    candidates.append(i)
                    if generated[i] || stageDay[people[i].poolKind] != nil { reservesActive += 1 }
                } else if departmentOf[i] >= 0 && deptRecords[departmentOf[i]].quotaPersons > 0 {
                    candidates.append(i)
                }
            }
            let horizon = min(s.horizonDays, s.days - d)
            var demands: [ShiftDemand] = []
            for h in 0..<horizon { demands += shiftDemands(day: d + h, calendar: calendar) }
            let todayIds = Set(demands.filter { $0.start >= todayStart && $0.start < todayEnd }.map(\.id))
            let candidateIds = Set(candidates.map { people[$0].id })
            let demandIds = Set(demands.map(\.id))
            let problemPeople = candidates.map { i -> Person in
                var p = people[i]
                p.ruleProfile = profileId
                p.absences += simulatedAbsences[i]
                p.workedBeforeHorizon = history[i]
                return p
            }
            let carried = previous.filter { demandIds.contains($0.demand) && candidateIds.contains($0.person) }
            var problem = SchedulingProblem(
                horizonStart: todayStart, horizonEnd: max(dayStart[d + horizon], demands.map(\.end).max() ?? todayEnd), timeZone: s.timeZone,
                people: problemPeople, demands: demands, ruleProfiles: [profile], releaseQuotas: quotas,
                pinned: carried.filter { todayIds.contains($0.demand) }, previousPlan: carried, weights: s.objective.applied(to: Self.weights))
            // Warm start: the search begins from yesterday's plan of these days, so teams stay unless changing them pays.
            var solverOptions = SolverOptions(seed: derive(d, 1), moveBudget: s.moveBudget, threads: threads)
            solverOptions.warmStartFromPreviousPlan = true
            let planned = try Solver.solve(problem, options: solverOptions).plan

            // The day's events, drawn from the seed in a fixed order.
            var rng = SplitMix64(seed: derive(d, 2))
            let deployedToday = Set(planned.assignments.filter { todayIds.contains($0.demand) }.map(\.person))
            let weekly = s.absences.sicknessPerWeek * CurvePoint.value(s.absences.sicknessCurve, at: d)
            let sickDaily = 1 - pow(1 - min(1, weekly), 1.0 / 7)
            let vacationDaily = 1 - pow(1 - s.absences.vacationPerWeek, 1.0 / 7)
            var events: [ReplanEvent] = []
            var newSick = 0, newSickDeployed = 0
            for i in 0..<P where activeFrom[i] <= d && !absentToday[i] {
                let deployed = deployedToday.contains(people[i].id)
                let sick = rng.chance(sickDaily * (deployed ? s.absences.deployedFactor : 1))
                let vacation = !sick && !deployed && rng.chance(vacationDaily)
                guard sick || vacation else { continue }
                let length = sick ? rng.between(s.absences.sickDaysMin, s.absences.sickDaysMax) : rng.between(s.absences.vacationDaysMin, s.absences.vacationDaysMax)
                let end = min(d + length, s.days + s.horizonDays)
                absentUntil[i] = end
                if sick { sickUntil[i] = end; newSick += 1; if deployed { newSickDeployed += 1 } }
                let window = TimeWindow(start: todayStart, end: dayStart[end])
                simulatedAbsences[i].append(window)
                if candidateIds.contains(people[i].id) {
                    events.append(.unavailable(person: people[i].id, from: window.start, until: window.end))
                }
            }
            var todayDemands = demands.filter { todayIds.contains($0.id) }
            var extraEvents = 0
            for task in s.tasks {
                guard let extra = task.extraDemand, rng.chance(extra.chance) else { continue }
                let ofTask = todayDemands.indices.filter { todayDemands[$0].task == task.code }
                guard let k = rng.pick(ofTask) else { continue }
                var hc = todayDemands[k].headcount
                hc.minimum += extra.people
                hc.target += extra.people
                hc.maximum = hc.maximum.map { $0 + extra.people }
                todayDemands[k].headcount = hc
                events.append(.headcountChanged(demand: todayDemands[k].id, headcount: hc))
                extraEvents += 1
            }
            problem.pinned = []
            problem.previousPlan = nil
            let repaired = try Replanner.repair(problem: problem, published: planned.assignments, events: events, now: todayStart,
                                                options: SolverOptions(seed: derive(d, 3), moveBudget: max(1, s.moveBudget / 4), threads: 1))
            previous = repaired.plan.assignments

            // What was worked today becomes history.
            let byId = Dictionary(uniqueKeysWithValues: todayDemands.map { ($0.id, $0) })
            var count: [String: Int] = [:]
            var worked: [WorkedShiftRecord] = []
            var onShift: [String: [Int]] = [:]
            var seconded: [Int: Set<Int>] = [:]
            for a in repaired.plan.assignments {
                guard let dm = byId[a.demand], let i = index[a.person] else { continue }
                count[a.demand, default: 0] += 1
                onShift[a.demand, default: []].append(i)
                worked.append(WorkedShiftRecord(person: a.person, demand: a.demand, task: dm.task, kind: dm.kind, start: dm.start, end: dm.end))
                history[i].append(WorkedShift(start: dm.start, end: dm.end, shiftKind: dm.kind))
                if departmentOf[i] >= 0 {
                    seconded[departmentOf[i], default: []].insert(i)
                    deptRecords[departmentOf[i]].secondedMinutes += Int(dm.end.timeIntervalSince(dm.start) / 60)
                }
            }
            for (q, set) in seconded {
                deptRecords[q].secondedPersons = set.count
                deptRecords[q].secondedFTE = set.sorted().reduce(0) { $0 + fte[$1] }
            }
            worked.sort { ($0.demand, $0.person) < ($1.demand, $1.person) }
            let shifts = todayDemands.map {
                ShiftRecord(demand: $0.id, task: $0.task, priority: $0.priority, kind: $0.kind, start: $0.start, end: $0.end,
                            minimum: $0.headcount.minimum, target: $0.headcount.target, assigned: count[$0.id] ?? 0,
                            mixShortfall: Self.mixShortfall($0, onShift[$0.id] ?? [], people))
            }.sorted { $0.demand < $1.demand }

            // Threshold triggers look at today's coverage and act from tomorrow.
            var raised: Int?
            for c in s.levelChanges {
                guard let share = c.whenCoverageBelow, c.level > level else { continue }
                if let from = SimulationScenario.dayIndex(day: c.day, week: c.week, date: c.date, start: s.startDay), from > d { continue }
                let relevant = shifts.filter { $0.priority <= (c.priority ?? 5) }
                let needed = relevant.reduce(0) { $0 + $1.target }
                let filled = relevant.reduce(0) { $0 + min($1.assigned, $1.target) }
                if needed > 0 && Double(filled) / Double(needed) < share { raised = max(raised ?? 0, c.level) }
            }
            records.append(DayRecord(day: today, level: level, profile: profileId, shifts: shifts, worked: worked, departments: deptRecords,
                                     candidates: candidates.count, reservesActive: reservesActive, newSick: newSick, newSickDeployed: newSickDeployed,
                                     absentSick: (0..<P).filter { sickUntil[$0] > d }.count,
                                     absentIds: (0..<P).filter { absentUntil[$0] > d }.map { people[$0].id }.sorted(), extraDemandEvents: extraEvents,
                                     repairChanges: repaired.changedPositions, hardBreaks: repaired.plan.hardBreaks.count, levelRaisedTo: raised))
            if let raised { level = raised }
            progress(SimulationProgress(day: d + 1, days: s.days, date: today))
        }
        var facts: [String: PersonFacts] = [:]
        for (i, p) in people.enumerated() {
            facts[p.id] = PersonFacts(department: p.homeDepartment, poolKind: p.poolKind, contractMinutesPerWeek: p.contractMinutesPerWeek,
                                     fte: fte[i], reserveStage: generated[i])
        }
        var used: [String: RuleProfile] = [:]
        for id in Set(records.map(\.profile)).union([s.baselineProfile]) { used[id] = profiles[id] }
        return SimulationRun(scenario: s, seed: seed, days: records, people: facts, departments: register.departments, profiles: used)
    }

    /// Filling a position up to its target must outweigh the soft costs of taking someone (not a
    /// pool member, near the quota, load): a simulation asks what staffing is possible.
    static let weights: ObjectiveWeights = {
        var w = ObjectiveWeights()
        w.shortfallBelowTarget = 200
        return w
    }()

    /// People missing for the demand's competence mixes among those on it (valid for the whole shift).
    static func mixShortfall(_ d: ShiftDemand, _ on: [Int], _ people: [Person]) -> Int {
        d.mixes.reduce(0) { sum, mix in
            let holders = on.filter { i in
                people[i].competences.contains { $0.id == mix.competence && $0.level >= mix.minimumLevel && $0.covers(start: d.start, end: d.end) }
            }.count
            return sum + max(0, mix.minimumCount - holders)
        }
    }

    /// A seed per day and purpose, independent of how many numbers other days drew.
    private func derive(_ day: Int, _ purpose: UInt64) -> UInt64 {
        var r = SplitMix64(seed: seed ^ (UInt64(day) &* 0x9E37_79B9_7F4A_7C15) ^ (purpose &* 0xD1B5_4A32_D192_ED03))
        return r.next()
    }

    /// The shifts of every task on day `d` (0-based), headcounts scaled by the task's demand curve.
    func shiftDemands(day d: Int, calendar: Calendar) -> [ShiftDemand] {
        let day = scenario.startDay.adding(days: d)
        var result: [ShiftDemand] = []
        for task in scenario.tasks {
            let f = CurvePoint.value(task.demand, at: d)
            for shift in task.shifts {
                if let w = shift.weekdays, !w.contains(day.isoWeekday) { continue }
                let target = Int((Double(shift.target) * f).rounded())
                guard target > 0 else { continue }
                let minimum = min(target, Int((Double(shift.minimum) * f).rounded()))
                let maximum = shift.maximum.map { max(target, Int((Double($0) * f).rounded())) }
                let comps = DateComponents(year: day.year, month: day.month, day: day.day, hour: shift.startMinute / 60, minute: shift.startMinute % 60)
                guard let start = calendar.date(from: comps) else { continue }
                result.append(ShiftDemand(
                    id: "\(task.code)/\(day.iso)/\(shift.kind)", task: task.code, kind: shift.kind, start: start,
                    end: start.addingTimeInterval(Double(shift.lengthMinutes) * 60),
                    requirements: shift.requirements.map { CompetenceRequirement(competence: $0.competence, minimumLevel: $0.minimumLevel) },
                    mixes: shift.mixes.map { CompetenceMix(competence: $0.competence, minimumLevel: $0.minimumLevel, minimumCount: min($0.minimumCount, target)) },
                    headcount: Headcount(minimum: minimum, target: target, maximum: maximum), priority: task.priority))
            }
        }
        return result
    }
}
