/// The most a department may give per day without stopping its essential work (derived from its
/// task priorities and the crisis level, outside the core). Counts the department's members who are
/// not in the reserve pool; pool members are released already.
public struct ReleaseQuota: Hashable, Sendable, Codable {
    public var department: String
    public var maxPersonsPerDay: Int?
    /// FTE, where one FTE is `ObjectiveWeights.fullTimeMinutesPerWeek` contract minutes.
    public var maxFTEPerDay: Double?

    public init(department: String, maxPersonsPerDay: Int? = nil, maxFTEPerDay: Double? = nil) {
        self.department = department; self.maxPersonsPerDay = maxPersonsPerDay; self.maxFTEPerDay = maxFTEPerDay
    }
}
