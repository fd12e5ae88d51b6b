/// A period in which a person cannot be deployed. A category only, never a diagnosis.
public struct Absence: Codable, Hashable, Sendable {
    public enum Category: String, Codable, Sendable, CaseIterable { case vacation, sick, training, other }

    public var id: Int64?
    public var personnelNo: String
    public var category: Category
    public var startsOn: LocalDate
    /// Inclusive.
    public var endsOn: LocalDate

    public init(id: Int64? = nil, personnelNo: String, category: Category, startsOn: LocalDate, endsOn: LocalDate) {
        self.id = id
        self.personnelNo = personnelNo
        self.category = category
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        v.require(endsOn >= startsOn, "endsOn", "must not be before startsOn")
        try v.check()
    }
}

/// One window of a part-timer's weekly availability pattern.
public struct AvailabilityWindow: Codable, Hashable, Sendable {
    /// ISO weekday, 1 Monday … 7 Sunday.
    public var weekday: Int
    /// Minutes after local midnight.
    public var startMinute: Int
    public var endMinute: Int

    public init(weekday: Int, startMinute: Int, endMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public static func validate(_ windows: [AvailabilityWindow]) throws(ValidationFailure) {
        var v = Validator()
        for (i, w) in windows.enumerated() {
            v.require((1...7).contains(w.weekday), "windows[\(i)].weekday", "must be 1 (Monday) to 7 (Sunday)")
            v.require((0..<1440).contains(w.startMinute), "windows[\(i)].startMinute", "must be 0 to 1439")
            v.require((1...1440).contains(w.endMinute), "windows[\(i)].endMinute", "must be 1 to 1440")
            v.require(w.endMinute > w.startMinute, "windows[\(i)].endMinute", "must be after startMinute")
        }
        let sorted = windows.sorted { ($0.weekday, $0.startMinute) < ($1.weekday, $1.startMinute) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.weekday == b.weekday && b.startMinute < a.endMinute {
            v.require(false, "windows", "windows on weekday \(a.weekday) overlap")
        }
        try v.check()
    }
}
