/// Weights of the soft terms and of coverage by priority. Values, not constants, so that a
/// staffing cell can tune them and the Curtois mapping can switch the city terms off.
public struct ObjectiveWeights: Hashable, Sendable, Codable {
    /// Coverage-level penalty per missing person below minimum, indexed by priority 1...5.
    public var priorityWeights: [Int]
    public var shortfallBelowTarget: Int
    public var surplusAboveTarget: Int
    /// Multiplies the quadratic load term (hours relative to contract hours).
    public var fairness: Int
    /// Per change of task between two consecutive working days.
    public var continuity: Int
    /// Per assignment added or removed against the previous plan.
    public var disruption: Int
    /// Per assignment of a person who is not a pool member.
    public var nonPoolMember: Int
    /// Per assignment of a person whose department is at or above 80 % of its daily quota.
    public var nearQuota: Int
    /// Multiplies wish weights.
    public var wishes: Int
    public var fullTimeMinutesPerWeek: Int

    public init(priorityWeights: [Int] = [10_000, 1_000, 100, 10, 1], shortfallBelowTarget: Int = 20,
                surplusAboveTarget: Int = 2, fairness: Int = 1, continuity: Int = 3, disruption: Int = 50,
                nonPoolMember: Int = 4, nearQuota: Int = 4, wishes: Int = 5, fullTimeMinutesPerWeek: Int = 2340) {
        self.priorityWeights = priorityWeights; self.shortfallBelowTarget = shortfallBelowTarget
        self.surplusAboveTarget = surplusAboveTarget; self.fairness = fairness; self.continuity = continuity
        self.disruption = disruption; self.nonPoolMember = nonPoolMember; self.nearQuota = nearQuota
        self.wishes = wishes; self.fullTimeMinutesPerWeek = fullTimeMinutesPerWeek
    }

    /// Only the terms the Curtois & Qu objective has (cover and requests).
    public static let curtois = ObjectiveWeights(priorityWeights: [0, 0, 0, 0, 0], shortfallBelowTarget: 100,
        surplusAboveTarget: 1, fairness: 0, continuity: 0, disruption: 0, nonPoolMember: 0, nearQuota: 0, wishes: 1)
}
