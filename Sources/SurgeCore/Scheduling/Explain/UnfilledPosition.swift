/// A shift demand below target, with why each candidate could not take it.
public struct UnfilledPosition: Hashable, Sendable, Codable {
    public var demand: String
    public var assigned: Int
    public var minimum: Int
    public var target: Int
    /// Number of candidates excluded per reason.
    public var reasonCounts: [String: Int]
    /// The first candidates with their reason (bounded, the counts are complete).
    public var candidates: [CandidateExclusion]

    public init(demand: String, assigned: Int, minimum: Int, target: Int, reasonCounts: [String: Int], candidates: [CandidateExclusion]) {
        self.demand = demand; self.assigned = assigned; self.minimum = minimum; self.target = target
        self.reasonCounts = reasonCounts; self.candidates = candidates
    }
}

/// Why one person could not take one position.
public struct CandidateExclusion: Hashable, Sendable, Codable {
    public var person: String
    /// A RuleKind description, or "missing competence X", "absent", "works another shift that day"…
    public var reason: String
    public var rule: RuleKind?

    public init(person: String, reason: String, rule: RuleKind?) { self.person = person; self.reason = reason; self.rule = rule }
}
