import Foundation

/// One shift of a crisis task that needs people: a "position" in the users' words.
public struct ShiftDemand: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var task: String
    /// Shift kind ("early", "late", "night", or a Curtois shift id); rules such as per-kind caps
    /// and forbidden successions refer to it.
    public var kind: String
    public var start: Date
    public var end: Date
    public var requirements: [CompetenceRequirement]
    public var mixes: [CompetenceMix]
    public var headcount: Headcount
    /// 1 = critical … 5 = low.
    public var priority: Int
    /// Soft penalty per person missing below target (defaults to the objective weights).
    public var shortfallWeight: Int?
    /// Soft penalty per person above target.
    public var surplusWeight: Int?

    public init(id: String, task: String, kind: String, start: Date, end: Date,
                requirements: [CompetenceRequirement] = [], mixes: [CompetenceMix] = [],
                headcount: Headcount, priority: Int = 3, shortfallWeight: Int? = nil, surplusWeight: Int? = nil) {
        self.id = id; self.task = task; self.kind = kind; self.start = start; self.end = end
        self.requirements = requirements; self.mixes = mixes; self.headcount = headcount
        self.priority = priority; self.shortfallWeight = shortfallWeight; self.surplusWeight = surplusWeight
    }
}
