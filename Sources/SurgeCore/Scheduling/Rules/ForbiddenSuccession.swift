/// Shift kind `next` may not be worked on the day after a day with shift kind `first`
/// (e.g. no early shift after a night).
public struct ForbiddenSuccession: Hashable, Sendable, Codable {
    public var first: String
    public var next: String

    public init(first: String, next: String) { self.first = first; self.next = next }
}
