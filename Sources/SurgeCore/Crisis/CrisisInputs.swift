import Foundation

/// Instants travel as ISO 8601 text ("2026-12-07T06:00:00+01:00"); parsing names the field.
public enum Instant {
    public static func parse(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    static func require(_ text: String, _ field: String, _ v: inout Validator) -> Date? {
        let d = parse(text)
        v.require(d != nil, field, "'\(text)' is not an ISO 8601 instant such as 2026-12-07T06:00:00+01:00")
        return d
    }
}

/// Declaring a crisis: name, period, level and the rule profile in force with its legal basis.
public struct CrisisDeclaration: Codable, Sendable, Hashable {
    public var name: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var level: Int
    /// Id of a rule profile (Config/rule-profiles/<id>.json).
    public var ruleProfile: String
    /// Defaults to the profile's own legal basis.
    public var legalBasis: String?
    /// §15(2) ArbZG: the authority's reference and the expiry of its approval.
    public var authorityReference: String?
    public var authorityExpiresOn: LocalDate?
    public var timeZone: String?
    /// Organisation-specific adjustments of the profile's values.
    public var adjustments: RuleAdjustments?

    public init(name: String, startsOn: LocalDate, endsOn: LocalDate, level: Int, ruleProfile: String, legalBasis: String? = nil,
                authorityReference: String? = nil, authorityExpiresOn: LocalDate? = nil, timeZone: String? = nil, adjustments: RuleAdjustments? = nil) {
        self.name = name; self.startsOn = startsOn; self.endsOn = endsOn; self.level = level; self.ruleProfile = ruleProfile
        self.legalBasis = legalBasis; self.authorityReference = authorityReference; self.authorityExpiresOn = authorityExpiresOn
        self.timeZone = timeZone; self.adjustments = adjustments
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.text(name, "name")
        v.require(endsOn >= startsOn, "endsOn", "must not be before startsOn")
        v.require((0...3).contains(level), "level", "must be a crisis level from 0 to 3")
        v.code(ruleProfile, "ruleProfile")
        if let tz = timeZone { v.require(TimeZone(identifier: tz) != nil, "timeZone", "'\(tz)' is not an IANA time zone") }
        if let b = legalBasis { v.text(b, "legalBasis", maxLength: 500) }
        if RuleDecisionInput.isAuthorityException(ruleProfile) {
            v.require(!(authorityReference ?? "").isEmpty, "authorityReference", "is required for a §15(2) authority exception")
            v.require(authorityExpiresOn != nil, "authorityExpiresOn", "is required for a §15(2) authority exception")
        }
        try v.check()
    }
}

/// Values an organisation may set differently from the shipped profile (nil: keep the profile's).
public struct RuleAdjustments: Codable, Sendable, Hashable {
    public var maxDailyMinutes: Int?
    public var maxWeeklyMinutes: Int?
    public var minRestMinutes: Int?
    public var maxConsecutiveWorkingDays: Int?

    public init(maxDailyMinutes: Int? = nil, maxWeeklyMinutes: Int? = nil, minRestMinutes: Int? = nil, maxConsecutiveWorkingDays: Int? = nil) {
        self.maxDailyMinutes = maxDailyMinutes; self.maxWeeklyMinutes = maxWeeklyMinutes
        self.minRestMinutes = minRestMinutes; self.maxConsecutiveWorkingDays = maxConsecutiveWorkingDays
    }

    /// The profile with these values applied; the 48 h average is a floor no adjustment lifts.
    public func apply(to profile: RuleProfile) throws(ValidationFailure) -> RuleProfile {
        var v = Validator()
        if let m = maxDailyMinutes { v.require((60...1440).contains(m), "adjustments.maxDailyMinutes", "must be 60 to 1440") }
        if let m = maxWeeklyMinutes { v.require((60...10080).contains(m), "adjustments.maxWeeklyMinutes", "must be 60 to 10080") }
        if let m = minRestMinutes { v.require((0...1440).contains(m), "adjustments.minRestMinutes", "must be 0 to 1440") }
        if let m = maxConsecutiveWorkingDays { v.require((1...31).contains(m), "adjustments.maxConsecutiveWorkingDays", "must be 1 to 31") }
        try v.check()
        var p = profile
        if let m = maxDailyMinutes { p.maxDailyMinutes = m }
        if let m = maxWeeklyMinutes { p.maxWeeklyMinutes = m }
        if let m = minRestMinutes { p.minRestMinutes = m }
        if let m = maxConsecutiveWorkingDays { p.maxConsecutiveWorkingDays = m }
        return p
    }
}

/// A change of crisis level or rule profile: a recorded decision.
public struct RuleDecisionInput: Codable, Sendable, Hashable {
    public var level: Int?
    public var ruleProfile: String?
    public var legalBasis: String
    public var reference: String?
    public var authorityExpiresOn: LocalDate?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    /// Personnel numbers the decision applies to; empty or absent: everyone deployed in the crisis.
    public var appliesTo: [String]?
    public var adjustments: RuleAdjustments?

    public init(level: Int? = nil, ruleProfile: String? = nil, legalBasis: String, reference: String? = nil, authorityExpiresOn: LocalDate? = nil,
                startsOn: LocalDate, endsOn: LocalDate, appliesTo: [String]? = nil, adjustments: RuleAdjustments? = nil) {
        self.level = level; self.ruleProfile = ruleProfile; self.legalBasis = legalBasis; self.reference = reference
        self.authorityExpiresOn = authorityExpiresOn; self.startsOn = startsOn; self.endsOn = endsOn; self.appliesTo = appliesTo
        self.adjustments = adjustments
    }

    static func isAuthorityException(_ profile: String) -> Bool { profile.hasPrefix("authority") }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.require(level != nil || ruleProfile != nil || adjustments != nil, "level", "give a new level, ruleProfile or adjustments")
        if let level { v.require((0...3).contains(level), "level", "must be a crisis level from 0 to 3") }
        if let p = ruleProfile {
            v.code(p, "ruleProfile")
            if Self.isAuthorityException(p) {
                v.require(!(reference ?? "").isEmpty, "reference", "is required for a §15(2) authority exception")
                v.require(authorityExpiresOn != nil, "authorityExpiresOn", "is required for a §15(2) authority exception")
            }
        }
        v.text(legalBasis, "legalBasis", maxLength: 500)
        v.require(endsOn >= startsOn, "endsOn", "must not be before startsOn")
        for (i, p) in (appliesTo ?? []).enumerated() { v.code(p, "appliesTo[\(i)]") }
        try v.check()
    }
}

/// A crisis task: hotline, contact tracing, reception centre, with where and who leads it.
public struct CrisisTaskInput: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var location: String?
    public var lead: String?
    public var priority: Int

    public init(code: String, name: String, location: String? = nil, lead: String? = nil, priority: Int) {
        self.code = code; self.name = name; self.location = location; self.lead = lead; self.priority = priority
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(code, "code")
        v.text(name, "name")
        v.require((1...5).contains(priority), "priority", "must be 1 (critical) to 5 (low)")
        try v.check()
    }
}

/// Demand for one shift of a task (`ShiftDemand` in the core), as the crisis staff enter it.
public struct ShiftDemandInput: Codable, Sendable, Hashable {
    public var task: String
    public var kind: String
    public var start: String
    public var end: String
    public var minimum: Int
    public var target: Int
    public var maximum: Int?
    public var requirements: [CrisisShift.Need]?
    public var mixes: [CrisisShift.Need]?
    /// Defaults to the task's priority.
    public var priority: Int?

    public init(task: String, kind: String, start: String, end: String, minimum: Int, target: Int, maximum: Int? = nil,
                requirements: [CrisisShift.Need]? = nil, mixes: [CrisisShift.Need]? = nil, priority: Int? = nil) {
        self.task = task; self.kind = kind; self.start = start; self.end = end; self.minimum = minimum; self.target = target
        self.maximum = maximum; self.requirements = requirements; self.mixes = mixes; self.priority = priority
    }

    /// The input form of an expanded core demand (shift patterns, scenarios).
    public init(_ d: ShiftDemand) {
        self.init(task: d.task, kind: d.kind, start: Instant.format(d.start), end: Instant.format(d.end), minimum: d.headcount.minimum,
                  target: d.headcount.target, maximum: d.headcount.maximum,
                  requirements: d.requirements.map { CrisisShift.Need(competence: $0.competence, minimumLevel: $0.minimumLevel) },
                  mixes: d.mixes.map { CrisisShift.Need(competence: $0.competence, minimumLevel: $0.minimumLevel, minimumCount: $0.minimumCount) },
                  priority: d.priority)
    }

    /// Checked demand with parsed instants; `field` prefixes the names (e.g. "demands[3]").
    public func validated(field prefix: String = "") throws(ValidationFailure) -> (start: Date, end: Date) {
        var v = Validator()
        let f = { (name: String) in prefix.isEmpty ? name : "\(prefix).\(name)" }
        v.code(task, f("task"))
        v.require(kind.range(of: "^[a-z][a-z0-9_-]{0,19}$", options: .regularExpression) != nil, f("kind"), "must be a lower-case shift kind such as early, late, night, day")
        let s = Instant.require(start, f("start"), &v)
        let e = Instant.require(end, f("end"), &v)
        if let s, let e {
            v.require(e > s, f("end"), "must be after start")
            v.require(e.timeIntervalSince(s) <= 24 * 3600, f("end"), "a shift lasts at most 24 hours")
        }
        v.require(minimum >= 0, f("minimum"), "must be 0 or more")
        v.require(target >= minimum, f("target"), "must be at least minimum")
        if let m = maximum {
            v.require(m >= minimum, f("maximum"), "must be at least minimum (\(minimum))")
            v.require(m >= target, f("maximum"), "must be at least target (\(target))")
        }
        v.require(target <= 500, f("target"), "must be at most 500")
        if let p = priority { v.require((1...5).contains(p), f("priority"), "must be 1 (critical) to 5 (low)") }
        for (i, n) in (requirements ?? []).enumerated() {
            v.code(n.competence, f("requirements[\(i)].competence"))
            v.require((1...9).contains(n.minimumLevel), f("requirements[\(i)].minimumLevel"), "must be 1 to 9")
        }
        for (i, n) in (mixes ?? []).enumerated() {
            v.code(n.competence, f("mixes[\(i)].competence"))
            v.require((1...9).contains(n.minimumLevel), f("mixes[\(i)].minimumLevel"), "must be 1 to 9")
            v.require(n.minimumCount >= 1, f("mixes[\(i)].minimumCount"), "must be at least 1")
        }
        try v.check()
        return (s!, e!)
    }

    /// Every competence code the demand names (checked against the register).
    public var competenceCodes: [String] { (requirements ?? []).map(\.competence) + (mixes ?? []).map(\.competence) }
}

/// "Give us people for the hotline, these three days": what the solver job works on.
public struct AllocationRequestInput: Codable, Sendable, Hashable {
    public var task: String
    public var from: String
    public var until: String
    /// Only these shift kinds (nil: all of the task's shifts in the period).
    public var kinds: [String]?
    /// Headcount per shift (overrides the demand's target, within its maximum).
    public var headcount: Int?
    /// Competences everyone on these shifts must hold (in addition to the demand's).
    public var competences: [String]?
    public var priority: Int?
    public var urgent: Bool?
    public var seed: UInt64?
    public var timeLimitSeconds: Double?

    public init(task: String, from: String, until: String, kinds: [String]? = nil, headcount: Int? = nil, competences: [String]? = nil,
                priority: Int? = nil, urgent: Bool? = nil, seed: UInt64? = nil, timeLimitSeconds: Double? = nil) {
        self.task = task; self.from = from; self.until = until; self.kinds = kinds; self.headcount = headcount
        self.competences = competences; self.priority = priority; self.urgent = urgent; self.seed = seed; self.timeLimitSeconds = timeLimitSeconds
    }

    public func validated() throws(ValidationFailure) -> (from: Date, until: Date) {
        var v = Validator()
        v.code(task, "task")
        let f = Instant.require(from, "from", &v)
        let u = Instant.require(until, "until", &v)
        if let f, let u { v.require(u > f, "until", "must be after from") }
        if let h = headcount { v.require((1...500).contains(h), "headcount", "must be 1 to 500") }
        if let p = priority { v.require((1...5).contains(p), "priority", "must be 1 (critical) to 5 (low)") }
        if let t = timeLimitSeconds { v.require(t > 0 && t <= 600, "timeLimitSeconds", "must be more than 0 and at most 600") }
        for (i, c) in (competences ?? []).enumerated() { v.code(c, "competences[\(i)]") }
        try v.check()
        return (f!, u!)
    }
}

/// A shift pattern (around the clock 3 × 8 h, day-only, custom) laid over days: expands into demand.
public struct ShiftPatternInput: Codable, Sendable, Hashable {
    public var from: LocalDate
    public var days: Int
    public var shifts: [CrisisShift]

    public init(from: LocalDate, days: Int, shifts: [CrisisShift]) { self.from = from; self.days = days; self.shifts = shifts }

    /// The demands of `task` on every day of the pattern, in `timeZone` (validated like a scenario).
    public func demands(task: CrisisTaskInput, timeZone: String, ruleProfile: String) throws(ValidationFailure) -> [ShiftDemandInput] {
        let scenario = CrisisScenario(name: task.name, level: 0, startDay: from, days: days, timeZone: timeZone, ruleProfile: ruleProfile,
                                      tasks: [CrisisTask(code: task.code, name: task.name, priority: task.priority, shifts: shifts)])
        do {
            return try scenario.demands().map(ShiftDemandInput.init)
        } catch let v as ValidationFailure {
            throw ValidationFailure(v.errors.map { FieldError($0.field.replacingOccurrences(of: "tasks[0].", with: ""), $0.problem) })
        } catch {
            throw ValidationFailure([FieldError("shifts", "\(error)")])
        }
    }
}
