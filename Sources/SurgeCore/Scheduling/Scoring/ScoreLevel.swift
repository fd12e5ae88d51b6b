/// The three levels of the score, compared in this order.
public enum ScoreLevel: String, Sendable, Codable {
    case hard, coverage, soft
}
