/// A whole demo municipality, generated from a seed: what `surge seed demo` writes.
public struct DemoCity: Sendable {
    /// One window of one person's weekly availability pattern.
    public struct Availability: Sendable, Hashable {
        public var personnelNo: String
        public var window: AvailabilityWindow
    }

    public var organisationName: String
    public var crisisLevel: CrisisLevel
    public var departments: [Department]
    public var competences: [CompetenceDefinition]
    public var staff: [StaffMember]
    public var staffCompetences: [StaffCompetence]
    public var absences: [Absence]
    public var availability: [Availability]
    public var pool: [PoolMembership]
    public var tasks: [RegularTask]
    public var secondments: [Secondment]

    /// Row counts by table, for reports and the audit entry.
    public var counts: [String: Int] {
        ["department": departments.count, "competence": competences.count, "staff": staff.count,
         "staff_competence": staffCompetences.count, "absence": absences.count, "availability": availability.count,
         "pool_membership": pool.count, "regular_task": tasks.count, "secondment": secondments.count]
    }
}

/// Parameters of a demo city.
public struct DemoCityOptions: Sendable, Hashable {
    public var seed: UInt64
    public var staffCount: Int
    /// The day the city is generated for: absences, expiries and pool terms lie around it.
    public var today: LocalDate

    public static let staffRange = 100...200_000

    public init(seed: UInt64, staffCount: Int = 2000, today: LocalDate) {
        self.seed = seed
        self.staffCount = staffCount
        self.today = today
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.require(Self.staffRange.contains(staffCount), "staff", "must be between \(Self.staffRange.lowerBound) and \(Self.staffRange.upperBound)")
        try v.check()
    }
}
