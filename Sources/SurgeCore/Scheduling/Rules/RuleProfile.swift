/// Working-time rules for a group of people. Every limit is a value here (nil = rule off) so
/// that switching to a crisis profile (§14 ArbZG) is a data change that can be recorded.
public struct RuleProfile: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// Legal basis or decision reference, kept for the audit trail.
    public var legalBasis: String?

    public var maxShiftsPerDay: Int = 1
    public var maxDailyMinutes: Int?
    /// Per calendar week (Monday to Sunday, organisation time zone), including work before the horizon.
    public var maxWeeklyMinutes: Int?
    /// Average per week over the last `referenceDays` days up to the horizon end (work before the
    /// horizon included); e.g. 48 h over 24 weeks.
    public var maxAverageWeeklyMinutes: Int?
    public var referenceDays: Int = 168
    /// Minimum rest between the end of one shift and the start of the next.
    public var minRestMinutes: Int?
    public var breaks: [BreakRule] = []
    public var maxConsecutiveWorkingDays: Int?
    /// Runs of working days bounded by days off on both sides must be at least this long.
    /// Runs touching the horizon start (without earlier work) or end are exempt: they may continue outside.
    /// With work before the horizon the runs continue from it; a run that ended on the day before the
    /// horizon still counts for this minimum when day 0 is off (the plan ends it there), never for the maximum.
    public var minConsecutiveWorkingDays: Int?
    /// Likewise for runs of days off between working days.
    public var minConsecutiveDaysOff: Int?
    public var nights: NightRule?
    /// A weekend (Saturday + Sunday) counts as worked if either day is worked.
    public var maxWorkedWeekends: Int?
    public var maxWorkedSundays: Int?
    public var minTotalMinutes: Int?
    public var maxTotalMinutes: Int?
    public var shiftKindCaps: [ShiftKindCap] = []
    public var forbiddenSuccessions: [ForbiddenSuccession] = []

    public init(id: String, legalBasis: String? = nil) { self.id = id; self.legalBasis = legalBasis }

    /// Normal German employee profile (ArbZG, TVöD): 10 h/day, 48 h/week, 48 h average over
    /// 24 weeks, 11 h rest, breaks 30/45 min, at most 6 consecutive days, Sunday limit.
    public static func arbZGNormal(id: String = "arbzg-normal") -> RuleProfile {
        var p = RuleProfile(id: id, legalBasis: "ArbZG §§3-5, 9-11")
        p.maxDailyMinutes = 600
        p.maxWeeklyMinutes = 2880
        p.maxAverageWeeklyMinutes = 2880
        p.minRestMinutes = 660
        p.breaks = [BreakRule(shiftMinutesAbove: 360, breakMinutes: 30), BreakRule(shiftMinutesAbove: 540, breakMinutes: 45)]
        p.maxConsecutiveWorkingDays = 6
        p.nights = NightRule(maxNights: 5, windowDays: 14)
        p.maxWorkedSundays = 3
        p.forbiddenSuccessions = []
        return p
    }

    /// Crisis profile along the 2020 pandemic ordinance (§14 ArbZG): 12 h days, 60 h weeks, 9 h rest;
    /// the 48 h average stays.
    public static func arbZGCrisis(id: String = "arbzg-crisis") -> RuleProfile {
        var p = arbZGNormal(id: id)
        p.legalBasis = "§14 ArbZG, COVID-19-ArbZV 2020"
        p.maxDailyMinutes = 720
        p.maxWeeklyMinutes = 3600
        p.minRestMinutes = 540
        p.maxConsecutiveWorkingDays = 7
        return p
    }
}
