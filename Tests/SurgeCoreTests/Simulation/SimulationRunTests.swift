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
        let report = SimulationReport(run: try SimulationFixtures.run(s))
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
