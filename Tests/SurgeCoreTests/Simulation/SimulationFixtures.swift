import Foundation
import SurgeCore

/// Small scenarios on a small demo city, so the simulation suites stay fast.
enum SimulationFixtures {
    static let start = LocalDate(year: 2027, month: 1, day: 4)!

    static let profiles: [String: RuleProfile] = {
        var crisis = RuleProfile.arbZGCrisis(id: "emergency-14")
        crisis.nights = NightRule(maxNights: 7, windowDays: 14)
        return ["normal": RuleProfile.arbZGNormal(id: "normal"), "emergency-14": crisis]
    }()

    static func register(staff: Int = 150, days: Int = 10) -> SimulationRegister {
        let city = DemoCityGenerator(options: DemoCityOptions(seed: 7, staffCount: staff, today: start)).generate()
        return SimulationRegister(city: city, from: start, days: days, timeZone: "Europe/Berlin")
    }

    /// A hotline around the day, a night watch, sickness high enough that deployed people fall ill,
    /// extra demand, a profile change and a lent reserve from day 2.
    static func scenario(days: Int = 4) -> SimulationScenario {
        SimulationScenario(
            name: "Test wave", base: .demo(seed: 7, staff: 150), startDay: start, days: days, horizonDays: 3, moveBudget: 3000, level: 2,
            levelChanges: [LevelChange(whenCoverageBelow: 0.99, priority: 1, level: 3)],
            ruleProfiles: [ProfilePeriod(day: 0, profile: "normal"), ProfilePeriod(day: 2, profile: "emergency-14", decidedBy: "test")],
            absences: AbsenceModel(sicknessPerWeek: 0.4, deployedFactor: 2, sickDaysMin: 1, sickDaysMax: 3, vacationPerWeek: 0.05),
            reserves: [ReserveStage(kind: .lent, day: 2, count: 4, hoursPerWeek: 39, competences: ["HOTLINE"], from: "Nachbarstadt")],
            tasks: [
                SimulatedTask(code: "hotline", name: "Bürgertelefon", priority: 1,
                              shifts: [CrisisShift(kind: "early", startMinute: 420, lengthMinutes: 480, minimum: 2, target: 4),
                                       CrisisShift(kind: "late", startMinute: 900, lengthMinutes: 480, minimum: 1, target: 3)],
                              demand: [CurvePoint(day: 0, factor: 0.5), CurvePoint(day: 3, factor: 1)],
                              extraDemand: ExtraDemand(chance: 0.5, people: 1)),
                SimulatedTask(code: "watch", name: "Nachtwache", priority: 2,
                              shifts: [CrisisShift(kind: "night", startMinute: 1320, lengthMinutes: 480, minimum: 1, target: 2)]),
            ])
    }

    static func run(_ s: SimulationScenario = scenario(), seed: UInt64 = 1, staff: Int = 150) throws -> SimulationRun {
        try SimulationEngine(scenario: s, register: register(staff: staff, days: s.days + s.horizonDays), profiles: profiles, seed: seed).run()
    }
}
