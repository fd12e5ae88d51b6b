import Foundation

/// A declared crisis as the crisis staff describe it: which tasks run, in which shifts, with which
/// people, over which days. Expanded into `ShiftDemand`s for the scheduling core.
public struct CrisisScenario: Codable, Sendable, Hashable {
    public var name: String
    /// Crisis level 0–3: drives the release quotas of the departments.
    public var level: Int
    public var startDay: LocalDate
    public var days: Int
    public var timeZone: String
    /// Id of the rule profile in force (a file in Config/rule-profiles).
    public var ruleProfile: String
    public var tasks: [CrisisTask]

    public init(name: String, level: Int, startDay: LocalDate, days: Int, timeZone: String = "Europe/Berlin",
                ruleProfile: String, tasks: [CrisisTask]) {
        self.name = name
        self.level = level
        self.startDay = startDay
        self.days = days
        self.timeZone = timeZone
        self.ruleProfile = ruleProfile
        self.tasks = tasks
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.text(name, "name")
        v.require((0...3).contains(level), "level", "must be 0 to 3")
        v.require((1...366).contains(days), "days", "must be 1 to 366")
        v.require(TimeZone(identifier: timeZone) != nil, "timeZone", "'\(timeZone)' is not an IANA time zone")
        v.require(!tasks.isEmpty, "tasks", "must name at least one crisis task")
        var seen = Set<String>()
        for (i, t) in tasks.enumerated() {
            v.code(t.code, "tasks[\(i)].code")
            v.require(seen.insert(t.code).inserted, "tasks[\(i)].code", "'\(t.code)' is used twice")
            v.require((1...5).contains(t.priority), "tasks[\(i)].priority", "must be 1 (critical) to 5 (low)")
            v.require(!t.shifts.isEmpty, "tasks[\(i)].shifts", "must have at least one shift")
            for (k, s) in t.shifts.enumerated() {
                let f = "tasks[\(i)].shifts[\(k)]"
                v.require((0..<1440).contains(s.startMinute), "\(f).startMinute", "must be 0 to 1439 (minutes after local midnight)")
                v.require((1...1440).contains(s.lengthMinutes), "\(f).lengthMinutes", "must be 1 to 1440")
                v.require(s.minimum >= 0 && s.minimum <= s.target, "\(f).minimum", "must be 0 or more and at most target")
                if let m = s.maximum { v.require(m >= s.target, "\(f).maximum", "must be at least target") }
                for d in s.weekdays ?? [] { v.require((1...7).contains(d), "\(f).weekdays", "must hold ISO weekdays 1 to 7") }
            }
        }
        try v.check()
    }

    /// The shifts of every task on every day of the crisis, with absolute start and end times
    /// (local wall-clock start; DST days keep the shift's length in real minutes).
    public func demands() throws -> [ShiftDemand] {
        try validate()
        guard let zone = TimeZone(identifier: timeZone) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var result: [ShiftDemand] = []
        for offset in 0..<days {
            let day = startDay.adding(days: offset)
            for task in tasks {
                for shift in task.shifts {
                    if let weekdays = shift.weekdays, !weekdays.contains(day.isoWeekday) { continue }
                    let comps = DateComponents(year: day.year, month: day.month, day: day.day,
                                               hour: shift.startMinute / 60, minute: shift.startMinute % 60)
                    guard let start = calendar.date(from: comps) else { continue }
                    let end = start.addingTimeInterval(Double(shift.lengthMinutes) * 60)
                    result.append(ShiftDemand(
                        id: "\(task.code)/\(day.iso)/\(shift.kind)", task: task.code, kind: shift.kind, start: start, end: end,
                        requirements: shift.requirements.map { CompetenceRequirement(competence: $0.competence, minimumLevel: $0.minimumLevel) },
                        mixes: shift.mixes.map { CompetenceMix(competence: $0.competence, minimumLevel: $0.minimumLevel, minimumCount: $0.minimumCount) },
                        headcount: Headcount(minimum: shift.minimum, target: shift.target, maximum: shift.maximum),
                        priority: task.priority))
                }
            }
        }
        return result
    }
}

/// A crisis task (hotline, contact tracing, reception centre, …) and its daily shift pattern.
public struct CrisisTask: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    /// 1 critical … 5 low.
    public var priority: Int
    public var shifts: [CrisisShift]

    public init(code: String, name: String, priority: Int, shifts: [CrisisShift]) {
        self.code = code
        self.name = name
        self.priority = priority
        self.shifts = shifts
    }
}

/// One shift of a task's daily pattern ("early 06:00 for 8 h, 3 to 4 people, one speaks Arabic").
public struct CrisisShift: Codable, Sendable, Hashable {
    public struct Need: Codable, Sendable, Hashable {
        public var competence: String
        public var minimumLevel: Int
        public var minimumCount: Int

        public init(competence: String, minimumLevel: Int = 1, minimumCount: Int = 1) {
            self.competence = competence
            self.minimumLevel = minimumLevel
            self.minimumCount = minimumCount
        }

        enum CodingKeys: String, CodingKey { case competence, minimumLevel, minimumCount }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            competence = try c.decode(String.self, forKey: .competence)
            minimumLevel = try c.decodeIfPresent(Int.self, forKey: .minimumLevel) ?? 1
            minimumCount = try c.decodeIfPresent(Int.self, forKey: .minimumCount) ?? 1
        }
    }

    /// Shift kind (early, late, night, day): rules such as forbidden successions refer to it.
    public var kind: String
    public var startMinute: Int
    public var lengthMinutes: Int
    public var minimum: Int
    public var target: Int
    public var maximum: Int?
    /// Everyone on the shift needs these.
    public var requirements: [Need]
    /// At least `minimumCount` people on the shift need these.
    public var mixes: [Need]
    /// ISO weekdays the shift runs on; nil: every day.
    public var weekdays: [Int]?

    public init(kind: String, startMinute: Int, lengthMinutes: Int, minimum: Int, target: Int, maximum: Int? = nil,
                requirements: [Need] = [], mixes: [Need] = [], weekdays: [Int]? = nil) {
        self.kind = kind
        self.startMinute = startMinute
        self.lengthMinutes = lengthMinutes
        self.minimum = minimum
        self.target = target
        self.maximum = maximum
        self.requirements = requirements
        self.mixes = mixes
        self.weekdays = weekdays
    }

    enum CodingKeys: String, CodingKey { case kind, startMinute, lengthMinutes, minimum, target, maximum, requirements, mixes, weekdays }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        startMinute = try c.decode(Int.self, forKey: .startMinute)
        lengthMinutes = try c.decode(Int.self, forKey: .lengthMinutes)
        minimum = try c.decode(Int.self, forKey: .minimum)
        target = try c.decode(Int.self, forKey: .target)
        maximum = try c.decodeIfPresent(Int.self, forKey: .maximum)
        requirements = try c.decodeIfPresent([Need].self, forKey: .requirements) ?? []
        mixes = try c.decodeIfPresent([Need].self, forKey: .mixes) ?? []
        weekdays = try c.decodeIfPresent([Int].self, forKey: .weekdays)
    }
}
