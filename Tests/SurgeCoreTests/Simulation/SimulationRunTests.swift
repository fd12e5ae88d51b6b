import Foundation
import SurgeCore
import Testing

@Suite(.tags(.simulation)) struct SimulationRunTests {
    @Test func sameScenarioAndSeedGiveIdenticalBytes() throws {
        let a = try ReportDocuments.files(SimulationReport(run: SimulationFixtures.run(seed: 5)))
        let b = try ReportDocuments.files(SimulationReport(run: SimulationFixtures.run(seed: 5)))
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(x.name) differs between two runs") }
        let other = try ReportDocuments.json(SimulationReport(run: SimulationFixtures.run(seed: 6)))
        #expect(other != a.first { $0.name == "report.json" }?.data, "another seed should draw other events")
    }

    /// Hours in the report equal the hours of the daily plans, counted independently per person,
    /// per task and per day; coverage counts agree with the assignments.
    @Test func hoursAreConserved() throws {
        let run = try SimulationFixtures.run()
        let report = SimulationReport(run: run)
        var minutes = 0
        var perPerson: [String: Int] = [:]
        for day in run.days {
            let shifts = Dictionary(uniqueKeysWithValues: day.shifts.map { ($0.demand, $0) })
            var assigned: [String: Int] = [:]
            for w in day.worked {
                let shift = try #require(shifts[w.demand], "worked shift \(w.demand) is not a shift of \(day.day)")
                minutes += Int(shift.end.timeIntervalSince(shift.start)) / 60
                perPerson[w.person, default: 0] += Int(shift.end.timeIntervalSince(shift.start)) / 60
                assigned[w.demand, default: 0] += 1
            }
            for s in day.shifts { #expect(s.assigned == (assigned[s.demand] ?? 0)) }
            // Nobody works two shifts of one day.
            #expect(Set(day.worked.map(\.person)).count == day.worked.count)
        }
        #expect(minutes > 0)
        #expect(report.summary.hoursWorked == Double(minutes) / 60)
        #expect(report.daily.reduce(0) { $0 + $1.hoursWorked } == Double(minutes) / 60)
        #expect(abs(report.dailyByTask.reduce(0) { $0 + $1.hours } - Double(minutes) / 60) < 0.01)
        #expect(abs(report.weeklyByTask.reduce(0) { $0 + $1.hours } - Double(minutes) / 60) < 0.01)
        #expect(report.load.peopleDeployed == perPerson.count)
        #expect(report.load.hours.max == Double(perPerson.values.max() ?? 0) / 60)
        #expect(report.load.ratioHistogram.reduce(0) { $0 + $1.people } == perPerson.count)
    }

    /// The day's events hit the deployed too, and the run goes on: sick calls among the deployed,
    /// a threshold raising the level, reserves only from their stage, the profile change recorded.
    @Test func eventsStagesAndProfilesShowInTheRun() throws {
        let run = try SimulationFixtures.run(SimulationFixtures.scenario(days: 5))
        let report = SimulationReport(run: run)
        #expect(run.days.reduce(0) { $0 + $1.newSickDeployed } > 0)
        // Sick calls are repaired: nobody works on a day they are off.
        for day in run.days {
            let off = Set(day.absentIds)
            #expect(day.worked.allSatisfy { !off.contains($0.person) }, "someone off on \(day.day) still works")
        }
        #expect(run.days.contains { !$0.absentIds.isEmpty })
        #expect(report.summary.sickSpells >= report.summary.sickSpellsAmongDeployed)
        for (d, day) in run.days.enumerated() where d < 2 {
            #expect(!day.worked.contains { $0.person.hasPrefix("R1-lent") }, "lent staff worked before their stage on \(day.day)")
        }
        #expect(report.profiles.map(\.profile) == ["normal", "emergency-14"])
        #expect(report.profiles.first?.days == 2)
        #expect(report.profiles.last?.decidedBy == "test")
        let lent = try #require(report.reserves.first { $0.kind == "lent" })
        #expect(lent.from == SimulationFixtures.start.adding(days: 2).iso)
        #expect(lent.people == run.people.values.filter { $0.poolKind == .lent }.count)
        #expect(lent.people >= 4 && lent.deployed <= lent.people)
        if let first = lent.firstDayDeployed { #expect(first >= lent.from) }
        // Relaxed-rule use is counted against the normal profile: shifts under 10 h never count as long days.
        #expect(report.relaxedRules.first { $0.rule == "daily working time" }?.people == 0)
        for (d, day) in run.days.enumerated() where d > 0 {
            if let raised = run.days[d - 1].levelRaisedTo { #expect(day.level == raised) }
        }
    }

    /// Demand nobody can meet is reported as shortfall, not thrown.
    @Test func impossibleDemandIsReportedAsShortfall() throws {
        var s = SimulationFixtures.scenario(days: 3)
        s.tasks.append(SimulatedTask(code: "divers", name: "Taucher", priority: 1, shifts: [
            CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 3, target: 5,
                        requirements: [.init(competence: "TAUCHSCHEIN")]),
        ]))
        // A mix nobody can meet: the headcount is filled, the competence is missing.
        s.tasks.append(SimulatedTask(code: "boats", name: "Boote", priority: 2, shifts: [
            CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 1, target: 1, mixes: [.init(competence: "TAUCHSCHEIN", minimumCount: 1)]),
        ]))
        let run = try SimulationFixtures.run(s)
        let report = SimulationReport(run: run)
        let boats = report.dailyByTask.filter { $0.task == "boats" }
        #expect(boats.allSatisfy { $0.shiftsMissingCompetence == 1 && $0.shiftsBelowMinimum == 0 })
        #expect(run.days.flatMap(\.shifts).filter { $0.task == "boats" }.allSatisfy { $0.mixShortfall == 1 && $0.assigned == 1 })
        #expect(report.summary.shiftsMissingCompetence == 3)
        let divers = report.dailyByTask.filter { $0.task == "divers" }
        #expect(divers.count == 3)
        #expect(divers.allSatisfy { $0.filled == 0 && $0.shiftsBelowMinimum == 1 && $0.coverage == 0 })
        #expect(report.summary.shiftsBelowMinimum >= 3)
        #expect(report.summary.firstDayBelowMinimum == SimulationFixtures.start.iso)
        #expect(report.summary.coverage < 1)
    }

    @Test func policyVariantsBecomeRuns() throws {
        var s = SimulationFixtures.scenario()
        s.variants = [PolicyVariant(name: "crisis profile", ruleProfiles: [ProfilePeriod(day: 0, profile: "emergency-14")])]
        let runs = s.runs
        #expect(runs.count == 2)
        #expect(runs[1].name == "Test wave — crisis profile")
        #expect(runs[1].ruleProfiles.map(\.profile) == ["emergency-14"])
        #expect(runs[0].ruleProfiles.count == 2)
        let html = ReportDocuments.comparison(try runs.map { SimulationReport(run: try SimulationFixtures.run($0)) })
        #expect(html.contains("Test wave — crisis profile"))
        #expect(html.contains("<svg id=\"comparison-chart\""))
    }
}

extension Tag {
    @Tag static var simulation: Self
}

@Suite(.tags(.simulation)) struct SimulationEdgeTests {
    /// Days without any shift (demand curve at zero, weekdays off) and a level at which nobody can
    /// be released still give a report, not a crash.
    @Test func emptyDaysAndNobodyToDeploy() throws {
        var s = SimulationFixtures.scenario(days: 3)
        s.tasks = [SimulatedTask(code: "idle", name: "Idle", priority: 3,
                                 shifts: [CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 1, target: 2)],
                                 demand: [CurvePoint(day: 0, factor: 0)])]
        s.reserves = []
        let empty = SimulationReport(run: try SimulationFixtures.run(s))
        #expect(empty.summary.shifts == 0)
        #expect(empty.summary.coverage == 1)
        #expect(empty.summary.hoursWorked == 0)
        #expect(!ReportDocuments.html(empty).isEmpty)

        // A register without pool members, at a level where every department needs all its staff.
        let city = DemoCityGenerator(options: DemoCityOptions(seed: 7, staffCount: 150, today: SimulationFixtures.start)).generate()
        var register = SimulationRegister(city: city, from: SimulationFixtures.start, days: 6, timeZone: "Europe/Berlin")
        register.people = register.people.map { var p = $0; p.poolKind = .none; return p }
        register.departments = register.departments.map { var d = $0; d.neededFTE = [Double](repeating: d.staffFTE + 1, count: 4); return d }
        var busy = SimulationFixtures.scenario(days: 3)
        busy.reserves = []
        let run = try SimulationEngine(scenario: busy, register: register, profiles: SimulationFixtures.profiles, seed: 1).run()
        let report = SimulationReport(run: run)
        #expect(run.days.allSatisfy { $0.candidates == 0 && $0.worked.isEmpty })
        #expect(report.summary.shiftsBelowMinimum == report.summary.shifts)
        #expect(report.summary.coverage == 0)
    }

    /// A coverage threshold raises the crisis level from the next day, and the higher level's
    /// smaller regular needs give the departments larger quotas.
    @Test func coverageThresholdRaisesTheLevelNextDay() throws {
        var s = SimulationFixtures.scenario(days: 3)
        s.level = 1
        s.levelChanges = [LevelChange(whenCoverageBelow: 0.5, priority: 1, level: 3)]
        s.tasks.append(SimulatedTask(code: "divers", name: "Taucher", priority: 1, shifts: [
            CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 8, target: 40, requirements: [.init(competence: "TAUCHSCHEIN")]),
        ]))
        let run = try SimulationFixtures.run(s)
        #expect(run.days[0].level == 1)
        #expect(run.days[0].levelRaisedTo == 3)
        #expect(run.days[1].level == 3 && run.days[2].level == 3)
        #expect(run.days[1].levelRaisedTo == nil, "already at 3")
        let quota = { (d: Int) in run.days[d].departments.reduce(0) { $0 + $1.neededFTE } }
        #expect(quota(1) != quota(0), "the departments' needs follow the level")
    }

    /// The days are planned one morning at a time, but the rules hold across them: the whole run's
    /// worked shifts, re-checked from scratch by the PlanAuditor under the profile in force, break
    /// no working-time rule (rest, consecutive days, weekly hours, nights…) when no daily plan did.
    @Test func workedShiftsKeepTheRulesAcrossDays() throws {
        var s = SimulationFixtures.scenario(days: 8)
        s.ruleProfiles = [ProfilePeriod(day: 0, profile: "normal")]
        let register = SimulationFixtures.register(days: s.days + s.horizonDays)
        let run = try SimulationEngine(scenario: s, register: register, profiles: SimulationFixtures.profiles, seed: 2).run()
        #expect(run.days.allSatisfy { $0.hardBreaks == 0 }, "a daily plan broke a hard rule")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: s.timeZone)!
        let demands = run.days.flatMap(\.shifts).map {
            ShiftDemand(id: $0.demand, task: $0.task, kind: $0.kind, start: $0.start, end: $0.end,
                        headcount: Headcount(minimum: 0, target: $0.target), priority: $0.priority)
        }
        let worked = run.days.flatMap(\.worked)
        let ids = Set(worked.map(\.person))
        let people = register.people.filter { ids.contains($0.id) }.map { p -> Person in
            var q = p
            q.ruleProfile = "normal"
            return q
        } + ids.filter { id in !register.people.contains { $0.id == id } }.map { Person(id: $0, homeDepartment: "RESERVE", poolKind: .lent, ruleProfile: "normal") }
        let problem = SchedulingProblem(horizonStart: s.startDay.start(in: calendar), horizonEnd: s.startDay.adding(days: s.days + 1).start(in: calendar),
                                        timeZone: s.timeZone, people: people, demands: demands, ruleProfiles: [SimulationFixtures.profiles["normal"]!])
        let units = try PlanAuditor.audit(problem, assignments: worked.map { Assignment(person: $0.person, demand: $0.demand) })
        let workingTime: [RuleKind] = [.eligibility, .shiftsPerDay, .overlap, .minRest, .maxDailyMinutes, .maxWeeklyMinutes, .maxAverageWeeklyMinutes,
                                       .maxConsecutiveWorkingDays, .maxNights, .maxWorkedSundays, .forbiddenSuccession]
        for rule in workingTime { #expect(units[rule] == nil, "\(rule): \(units[rule] ?? 0) units over the run") }
    }

    /// The engine refuses a scenario whose profile it was not given, naming the field.
    @Test func unknownProfileIsAFieldError() throws {
        var s = SimulationFixtures.scenario(days: 2)
        s.ruleProfiles = [ProfilePeriod(day: 0, profile: "missing")]
        #expect(throws: ValidationFailure.self) { try SimulationFixtures.run(s) }
        do { _ = try SimulationFixtures.run(s) } catch let e as ValidationFailure {
            #expect(e.errors.contains { $0.field == "ruleProfiles[0].profile" })
        }
    }
}
