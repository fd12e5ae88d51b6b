/// String coding key, so decoders can give optional fields their defaults without repeating
/// every type's CodingKeys.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where K == AnyKey {
    func required<T: Decodable>(_ key: String) throws -> T { try located(key) { try decode(T.self, forKey: AnyKey(key)) } }
    func optional<T: Decodable>(_ key: String) throws -> T? { try located(key) { try decodeIfPresent(T.self, forKey: AnyKey(key)) } }
    func or<T: Decodable>(_ key: String, _ fallback: T) throws -> T { try optional(key) ?? fallback }

    /// Foundation reports a bad date without its key; add it so the message names the field.
    private func located<T>(_ key: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch DecodingError.dataCorrupted(let ctx) where ctx.codingPath.count <= codingPath.count {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath + [AnyKey(key)], debugDescription: ctx.debugDescription,
                                                                   underlyingError: ctx.underlyingError))
        }
    }
}

// Decoders with defaults, so that a hand-written problem file only needs the essential fields.
// Encoding stays synthesized and writes every field.

extension Competence {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(id: try c.required("id"), level: try c.or("level", 1), validFrom: try c.optional("validFrom"), validUntil: try c.optional("validUntil"))
    }
}

extension CompetenceRequirement {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(competence: try c.required("competence"), minimumLevel: try c.or("minimumLevel", 1))
    }
}

extension CompetenceMix {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(competence: try c.required("competence"), minimumLevel: try c.or("minimumLevel", 1), minimumCount: try c.required("minimumCount"))
    }
}

extension Wish {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(day: try c.required("day"), shiftKind: try c.optional("shiftKind"), wantsToWork: try c.required("wantsToWork"), weight: try c.or("weight", 1))
    }
}

extension Person {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(id: try c.required("id"), name: try c.optional("name"), homeDepartment: try c.required("homeDepartment"),
                  poolKind: try c.or("poolKind", .none), contractMinutesPerWeek: try c.or("contractMinutesPerWeek", 2340),
                  ruleProfile: try c.required("ruleProfile"), competences: try c.or("competences", []), absences: try c.or("absences", []),
                  availability: try c.or("availability", []), workedBeforeHorizon: try c.or("workedBeforeHorizon", []), wishes: try c.or("wishes", []))
    }
}

extension ShiftDemand {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(id: try c.required("id"), task: try c.required("task"), kind: try c.or("kind", "shift"), start: try c.required("start"),
                  end: try c.required("end"), requirements: try c.or("requirements", []), mixes: try c.or("mixes", []),
                  headcount: try c.required("headcount"), priority: try c.or("priority", 3), shortfallWeight: try c.optional("shortfallWeight"),
                  surplusWeight: try c.optional("surplusWeight"))
    }
}

extension RuleProfile {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(id: try c.required("id"), legalBasis: try c.optional("legalBasis"))
        maxShiftsPerDay = try c.or("maxShiftsPerDay", 1)
        maxDailyMinutes = try c.optional("maxDailyMinutes")
        maxWeeklyMinutes = try c.optional("maxWeeklyMinutes")
        maxAverageWeeklyMinutes = try c.optional("maxAverageWeeklyMinutes")
        referenceDays = try c.or("referenceDays", 168)
        minRestMinutes = try c.optional("minRestMinutes")
        breaks = try c.or("breaks", [])
        maxConsecutiveWorkingDays = try c.optional("maxConsecutiveWorkingDays")
        minConsecutiveWorkingDays = try c.optional("minConsecutiveWorkingDays")
        minConsecutiveDaysOff = try c.optional("minConsecutiveDaysOff")
        nights = try c.optional("nights")
        maxWorkedWeekends = try c.optional("maxWorkedWeekends")
        maxWorkedSundays = try c.optional("maxWorkedSundays")
        minTotalMinutes = try c.optional("minTotalMinutes")
        maxTotalMinutes = try c.optional("maxTotalMinutes")
        shiftKindCaps = try c.or("shiftKindCaps", [])
        forbiddenSuccessions = try c.or("forbiddenSuccessions", [])
    }
}

extension ObjectiveWeights {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let d = ObjectiveWeights()
        self.init(priorityWeights: try c.or("priorityWeights", d.priorityWeights), shortfallBelowTarget: try c.or("shortfallBelowTarget", d.shortfallBelowTarget),
                  surplusAboveTarget: try c.or("surplusAboveTarget", d.surplusAboveTarget), fairness: try c.or("fairness", d.fairness),
                  continuity: try c.or("continuity", d.continuity), disruption: try c.or("disruption", d.disruption),
                  nonPoolMember: try c.or("nonPoolMember", d.nonPoolMember), nearQuota: try c.or("nearQuota", d.nearQuota),
                  wishes: try c.or("wishes", d.wishes), fullTimeMinutesPerWeek: try c.or("fullTimeMinutesPerWeek", d.fullTimeMinutesPerWeek))
    }
}

extension SchedulingProblem {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(horizonStart: try c.required("horizonStart"), horizonEnd: try c.required("horizonEnd"), timeZone: try c.or("timeZone", "Europe/Berlin"),
                  people: try c.required("people"), demands: try c.required("demands"), ruleProfiles: try c.required("ruleProfiles"),
                  releaseQuotas: try c.or("releaseQuotas", []), pinned: try c.or("pinned", []), previousPlan: try c.optional("previousPlan"),
                  weights: try c.or("weights", ObjectiveWeights()))
    }
}
