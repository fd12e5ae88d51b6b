import Foundation

/// Everything the solver needs: horizon, people, demand, rules, quotas, pins, previous plan.
public struct SchedulingProblem: Sendable, Codable {
    /// Start of the horizon; should be local midnight of the first day.
    public var horizonStart: Date
    /// End of the horizon (exclusive).
    public var horizonEnd: Date
    /// IANA time zone of the organisation; calendar days, weeks and weekends are taken here.
    public var timeZone: String
    public var people: [Person]
    public var demands: [ShiftDemand]
    public var ruleProfiles: [RuleProfile]
    public var releaseQuotas: [ReleaseQuota]
    /// Assignments that must stay (a published shift someone agreed to); never changed by the solver.
    public var pinned: [Assignment]
    /// A previous plan to stay close to (disruption term).
    public var previousPlan: [Assignment]?
    public var weights: ObjectiveWeights

    public init(horizonStart: Date, horizonEnd: Date, timeZone: String = "Europe/Berlin", people: [Person],
                demands: [ShiftDemand], ruleProfiles: [RuleProfile], releaseQuotas: [ReleaseQuota] = [],
                pinned: [Assignment] = [], previousPlan: [Assignment]? = nil, weights: ObjectiveWeights = .init()) {
        self.horizonStart = horizonStart; self.horizonEnd = horizonEnd; self.timeZone = timeZone
        self.people = people; self.demands = demands; self.ruleProfiles = ruleProfiles
        self.releaseQuotas = releaseQuotas; self.pinned = pinned; self.previousPlan = previousPlan
        self.weights = weights
    }
}
