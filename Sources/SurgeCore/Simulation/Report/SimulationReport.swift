import Foundation

/// What leadership reads after a simulation: coverage per day, week, task and priority; load per
/// person against contract hours and staff-care thresholds; FTE seconded per department against
/// its quota and regular work lost; relaxed rules used. Every figure is recomputed from the run's
/// records; figures are rounded to three decimals and lists sorted, so the JSON is byte-stable.
public struct SimulationReport: Codable, Sendable {
    public var scenario: String
    public var seed: UInt64
    public var startDay: String
    public var days: Int
    /// Staff of the register's departments (before reserves).
    public var staff: Int
    public var summary: Summary
    public var daily: [DayFigures]
    public var dailyByTask: [TaskFigures]
    public var weeklyByTask: [TaskFigures]
    public var load: LoadFigures
    public var thresholds: ThresholdFigures
    public var departments: [DepartmentFigures]
    public var relaxedRules: [RelaxedRuleUse]
    public var profiles: [ProfileUse]
    /// The reserve pool by kind: from when, how many, how many deployed and for how long.
    public var reserves: [ReserveUse]

    public struct Summary: Codable, Sendable {
        public var shifts: Int
        public var shiftsBelowMinimum: Int
        public var shiftsBelowTarget: Int
        /// Shifts whose people lack a required competence mix (e.g. fewer Arabic speakers than needed).
        public var shiftsMissingCompetence: Int
        public var positionsNeeded: Int
        public var positionsFilled: Int
        public var coverage: Double
        public var hoursWorked: Double
        public var peopleDeployed: Int
        public var poolMembersDeployed: Int
        public var reservePeopleDeployed: Int
        public var sickSpells: Int
        public var sickSpellsAmongDeployed: Int
        public var extraDemandEvents: Int
        public var repairChanges: Int
        public var hardBreaksInDailyPlans: Int
        public var firstDayBelowMinimum: String?
        public var firstDayRegularWorkLost: String?
    }

    public struct PriorityCoverage: Codable, Sendable {
        public var priority: Int
        public var needed: Int
        public var filled: Int
        public var coverage: Double
    }

    public struct DayFigures: Codable, Sendable {
        public var day: String
        public var level: Int
        public var profile: String
        public var shifts: Int
        public var shiftsBelowMinimum: Int
        public var shiftsMissingCompetence: Int
        public var needed: Int
        public var filled: Int
        public var coverage: Double
        public var byPriority: [PriorityCoverage]
        public var peopleDeployed: Int
        public var hoursWorked: Double
        public var candidates: Int
        public var reservesActive: Int
        public var absentSick: Int
        public var newSick: Int
        public var newSickDeployed: Int
        public var extraDemandEvents: Int
        public var repairChanges: Int
        public var hardBreaks: Int
        public var secondedFTE: Double
        public var regularWorkLostFTE: Double
    }

    /// Coverage of one task over a day or a week.
    public struct TaskFigures: Codable, Sendable {
        public var period: String
        public var task: String
        public var priority: Int
        public var shifts: Int
        public var shiftsBelowMinimum: Int
        public var shiftsMissingCompetence: Int
        public var needed: Int
        public var filled: Int
        public var coverage: Double
        public var hours: Double
    }

    public struct LoadFigures: Codable, Sendable {
        public var peopleDeployed: Int
        /// Hours worked over the run per deployed person.
        public var hours: Distribution
        /// Hours worked relative to contract hours over the run (1 = contract hours).
        public var contractRatio: Distribution
        /// Deployed people per band of contract ratio (0–0.25, …, ≥ 2).
        public var ratioHistogram: [Band]
    }

    public struct Band: Codable, Sendable {
        public var from: Double
        public var to: Double?
        public var people: Int
    }

    public struct ThresholdFigures: Codable, Sendable {
        public var limits: LoadThresholds
        public var aboveAverageWeeklyHours: Int
        public var aboveConsecutiveDays: Int
        public var aboveNights: Int
        public var belowFreeWeekends: Int
        /// Weekends (Saturday and Sunday) inside the run.
        public var weekendsInRun: Int
    }

    public struct DepartmentFigures: Codable, Sendable {
        public var department: String
        public var name: String
        public var staff: Int
        public var averageQuotaFTE: Double
        public var averageSecondedFTE: Double
        public var peakSecondedFTE: Double
        public var peakSecondedPersons: Int
        public var daysOverQuota: Int
        /// Σ over days of the FTE its regular tasks needed but did not have (present − seconded < needed).
        public var regularWorkLostFTEDays: Double
        public var firstDayRegularWorkLost: String?
    }

    public struct RelaxedRuleUse: Codable, Sendable {
        public var rule: String
        public var baselineLimit: String
        public var people: Int
        public var occurrences: Int
    }

    public struct ReserveUse: Codable, Sendable {
        public var kind: String
        /// First day the kind may be deployed (its stage), or the start.
        public var from: String
        public var people: Int
        public var deployed: Int
        public var hours: Double
        public var firstDayDeployed: String?
    }

    public struct ProfileUse: Codable, Sendable {
        public var profile: String
        public var legalBasis: String?
        public var decidedBy: String?
        public var from: String
        public var until: String
        public var days: Int
    }
}
