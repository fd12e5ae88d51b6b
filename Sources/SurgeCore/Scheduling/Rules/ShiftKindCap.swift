/// At most `maximum` shifts of `kind` within the horizon (0 bars the kind).
public struct ShiftKindCap: Hashable, Sendable, Codable {
    public var kind: String
    public var maximum: Int

    public init(kind: String, maximum: Int) { self.kind = kind; self.maximum = maximum }
}
