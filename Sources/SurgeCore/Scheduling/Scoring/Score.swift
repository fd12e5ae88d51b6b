/// Lexicographic score, lower is better: hard breaks first, then coverage by priority, then soft.
public struct Score: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var hard: Int
    public var coverage: Int
    public var soft: Int

    public init(hard: Int = 0, coverage: Int = 0, soft: Int = 0) {
        self.hard = hard; self.coverage = coverage; self.soft = soft
    }

    public static func < (a: Score, b: Score) -> Bool {
        (a.hard, a.coverage, a.soft) < (b.hard, b.coverage, b.soft)
    }

    public static func + (a: Score, b: Score) -> Score {
        Score(hard: a.hard + b.hard, coverage: a.coverage + b.coverage, soft: a.soft + b.soft)
    }

    public static func - (a: Score, b: Score) -> Score {
        Score(hard: a.hard - b.hard, coverage: a.coverage - b.coverage, soft: a.soft - b.soft)
    }

    public var description: String { "\(hard)hard/\(coverage)coverage/\(soft)soft" }
}
