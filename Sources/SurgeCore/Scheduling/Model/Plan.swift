/// The result of solving: assignments, the score in levels with a per-rule breakdown, the
/// unfilled positions with reasons, and the load per person.
public struct Plan: Sendable, Codable {
    public var assignments: [Assignment]
    public var score: Score
    public var breakdown: [ScoreTerm]
    /// Every hard rule broken, one entry per break (empty for a legal plan).
    public var hardBreaks: [RuleBreak]
    public var unfilled: [UnfilledPosition]
    public var load: [PersonLoad]

    public init(assignments: [Assignment], score: Score, breakdown: [ScoreTerm], hardBreaks: [RuleBreak],
                unfilled: [UnfilledPosition], load: [PersonLoad]) {
        self.assignments = assignments; self.score = score; self.breakdown = breakdown
        self.hardBreaks = hardBreaks; self.unfilled = unfilled; self.load = load
    }

    public var isLegal: Bool { score.hard == 0 }
}
