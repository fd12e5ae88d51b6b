/// A parsed Curtois & Qu instance (text format), kept as in the file: the checker scores against
/// this, not against the core model, so that the two stay independent.
public struct CurtoisInstance: Sendable, Equatable {
    public struct Shift: Sendable, Equatable {
        public var id: String
        public var minutes: Int
        /// Shift ids that may not be worked on the day after this shift.
        public var forbiddenNext: [String]
    }

    public struct Employee: Sendable, Equatable {
        public var id: String
        /// Per shift id, the most shifts of that type in the horizon (absent = no limit).
        public var maxShifts: [String: Int]
        public var maxTotalMinutes: Int
        public var minTotalMinutes: Int
        public var maxConsecutiveShifts: Int
        public var minConsecutiveShifts: Int
        public var minConsecutiveDaysOff: Int
        public var maxWeekends: Int
    }

    public struct Request: Sendable, Equatable {
        public var employee: String
        public var day: Int
        public var shift: String
        public var weight: Int
    }

    public struct Cover: Sendable, Equatable {
        public var day: Int
        public var shift: String
        public var requirement: Int
        public var weightUnder: Int
        public var weightOver: Int
    }

    public var horizon: Int
    public var shifts: [Shift]
    public var employees: [Employee]
    public var daysOff: [String: [Int]]
    public var onRequests: [Request]
    public var offRequests: [Request]
    public var cover: [Cover]
}
