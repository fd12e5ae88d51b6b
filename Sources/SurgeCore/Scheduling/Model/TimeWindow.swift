import Foundation

/// A half-open interval [start, end) of absolute time; used for absences and availability.
/// (Foundation's DateInterval encodes as start + duration, which is awkward in JSON.)
public struct TimeWindow: Hashable, Sendable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) { self.start = start; self.end = end }

    @inline(__always) public func overlaps(start s: Date, end e: Date) -> Bool { start < e && end > s }
    @inline(__always) public func contains(start s: Date, end e: Date) -> Bool { start <= s && end >= e }
}
