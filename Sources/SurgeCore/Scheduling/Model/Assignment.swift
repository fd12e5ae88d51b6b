/// A person on a shift demand.
public struct Assignment: Hashable, Sendable, Codable {
    public var person: String
    public var demand: String

    public init(person: String, demand: String) {
        self.person = person; self.demand = demand
    }
}
