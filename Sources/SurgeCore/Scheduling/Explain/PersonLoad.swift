/// Load summary of one person over the horizon (Belastungssteuerung).
public struct PersonLoad: Hashable, Sendable, Codable {
    public var person: String
    public var shifts: Int
    public var workedMinutes: Int
    public var nights: Int
    public var weekendsWorked: Int
    /// Worked minutes relative to contract minutes over the horizon (1.0 = exactly contract hours).
    public var contractRatio: Double

    public init(person: String, shifts: Int, workedMinutes: Int, nights: Int, weekendsWorked: Int, contractRatio: Double) {
        self.person = person; self.shifts = shifts; self.workedMinutes = workedMinutes; self.nights = nights
        self.weekendsWorked = weekendsWorked; self.contractRatio = contractRatio
    }
}
