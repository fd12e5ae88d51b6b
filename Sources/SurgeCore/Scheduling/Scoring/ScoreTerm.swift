/// One line of the score breakdown: a constraint and its total penalty on its level.
public struct ScoreTerm: Hashable, Sendable, Codable {
    public var rule: RuleKind
    public var level: ScoreLevel
    public var penalty: Int

    public init(rule: RuleKind, penalty: Int) { self.rule = rule; self.level = rule.level; self.penalty = penalty }
}

/// One hard rule broken, with whom and where, so that a plan is never silently illegal.
public struct RuleBreak: Hashable, Sendable, Codable {
    public var rule: RuleKind
    public var person: String?
    public var demand: String?
    public var department: String?
    public var day: CalendarDay?
    public var units: Int
    public var detail: String

    public init(rule: RuleKind, person: String? = nil, demand: String? = nil, department: String? = nil,
                day: CalendarDay? = nil, units: Int, detail: String) {
        self.rule = rule; self.person = person; self.demand = demand; self.department = department
        self.day = day; self.units = units; self.detail = detail
    }
}
