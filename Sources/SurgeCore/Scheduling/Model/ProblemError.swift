/// Invalid input, with the field at fault, so that callers can tell users what to fix.
public struct ProblemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) { self.field = field; self.message = message }

    public var description: String { "\(field): \(message)" }
}
