import Foundation

/// Something that happened after a plan was published.
public enum ReplanEvent: Sendable, Codable, Hashable {
    /// The person cannot work in [from, until) (sick call, accident).
    case unavailable(person: String, from: Date, until: Date)
    /// New demand (an extra shift, or more of an existing task).
    case demandAdded(ShiftDemand)
    /// An existing demand needs a different headcount.
    case headcountChanged(demand: String, headcount: Headcount)
}
