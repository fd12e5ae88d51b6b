import Foundation

/// A shift a person worked before the horizon. It counts for rest, consecutive days, weekly and
/// average limits, so a plan cannot start with a rest violation carried over from last week.
public struct WorkedShift: Hashable, Sendable, Codable {
    public var start: Date
    public var end: Date
    public var shiftKind: String?

    public init(start: Date, end: Date, shiftKind: String? = nil) {
        self.start = start; self.end = end; self.shiftKind = shiftKind
    }
}
