import Foundation

/// What happened in a simulation, day by day, as raw facts: the shifts of the day with their
/// demand and who worked them, the departments' presence, quotas and secondments, the events.
/// `SimulationReport` derives every figure from these records.
public struct SimulationRun: Sendable {
    public var scenario: SimulationScenario
    public var seed: UInt64
    public var days: [DayRecord]
    /// Everyone who could have been deployed at some point, by id.
    public var people: [String: PersonFacts]
    public var departments: [SimulationRegister.DepartmentFigures]
    public var profiles: [String: RuleProfile]
}

/// The fixed facts about a person the report needs.
public struct PersonFacts: Sendable, Hashable {
    public var department: String
    public var poolKind: PoolKind
    public var contractMinutesPerWeek: Int
    public var fte: Double
    /// Joined through a reserve stage (generated, e.g. lent by a neighbour municipality).
    public var reserveStage: Bool
}

/// One simulated day.
public struct DayRecord: Sendable {
    public var day: LocalDate
    public var level: Int
    public var profile: String
    /// The day's shifts after the day's events (extra demand included).
    public var shifts: [ShiftRecord]
    /// Who worked which of the day's shifts (the repaired plan of the day).
    public var worked: [WorkedShiftRecord]
    public var departments: [DepartmentDayRecord]
    public var candidates: Int
    public var reservesActive: Int
    public var newSick: Int
    public var newSickDeployed: Int
    public var absentSick: Int
    /// Everyone off sick or on a drawn vacation that day (sorted ids), for checks against `worked`.
    public var absentIds: [String]
    public var extraDemandEvents: Int
    /// Positions changed by the day's repair.
    public var repairChanges: Int
    /// Hard rule breaks left in the day's repaired plan (whole horizon).
    public var hardBreaks: Int
    /// A level change triggered by a threshold at the end of the day.
    public var levelRaisedTo: Int?
}

public struct ShiftRecord: Sendable, Hashable {
    public var demand: String
    public var task: String
    public var priority: Int
    public var kind: String
    public var start: Date
    public var end: Date
    public var minimum: Int
    public var target: Int
    public var assigned: Int
    /// People missing to meet the shift's competence mixes ("at least 2 speak Arabic"), summed over its mixes.
    public var mixShortfall: Int

    public var minutes: Int { Int(end.timeIntervalSince(start) / 60) }
}

public struct WorkedShiftRecord: Sendable, Hashable {
    public var person: String
    public var demand: String
    public var task: String
    public var kind: String
    public var start: Date
    public var end: Date

    public var minutes: Int { Int(end.timeIntervalSince(start) / 60) }
}

public struct DepartmentDayRecord: Sendable, Hashable {
    public var code: String
    public var presentStaff: Int
    public var presentFTE: Double
    public var neededFTE: Double
    public var quotaPersons: Int
    public var quotaFTE: Double
    /// Distinct people of the department (outside the pool) who worked a crisis shift that day.
    public var secondedPersons: Int
    public var secondedMinutes: Int
    /// FTE of those people (their whole day is away from regular work).
    public var secondedFTE: Double
}
