/// Staffing of one shift: below `minimum` the task fails (coverage level, by priority), below
/// `target` it is weaker (soft), above `maximum` is forbidden (hard).
public struct Headcount: Hashable, Sendable, Codable {
    public var minimum: Int
    public var target: Int
    public var maximum: Int?

    public init(minimum: Int, target: Int, maximum: Int? = nil) {
        self.minimum = minimum; self.target = target; self.maximum = maximum
    }
}
