/// "Who has competence X (implied ones included) at level ≥ L, valid on day D, not absent in period P,
/// optionally only pool members": the search allocation builds on.
public struct CompetenceQuery: Codable, Hashable, Sendable {
    public var competenceCode: String
    public var minLevel: Int
    public var validOn: LocalDate
    public var availableFrom: LocalDate?
    public var availableUntil: LocalDate?
    public var poolOnly: Bool
    public var limit: Int
    public var afterPersonnelNo: String?

    public init(competenceCode: String, minLevel: Int = 1, validOn: LocalDate, availableFrom: LocalDate? = nil,
                availableUntil: LocalDate? = nil, poolOnly: Bool = false, limit: Int = 100, afterPersonnelNo: String? = nil) {
        self.competenceCode = competenceCode
        self.minLevel = minLevel
        self.validOn = validOn
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.poolOnly = poolOnly
        self.limit = limit
        self.afterPersonnelNo = afterPersonnelNo
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(competenceCode, "competence")
        v.require((1...9).contains(minLevel), "minLevel", "must be between 1 and 9")
        v.require((1...1000).contains(limit), "limit", "must be between 1 and 1000")
        if let f = availableFrom, let u = availableUntil { v.require(u >= f, "availableUntil", "must not be before availableFrom") }
        v.require((availableFrom == nil) == (availableUntil == nil), "availableFrom", "availableFrom and availableUntil go together")
        try v.check()
    }
}

/// One hit of a competence search.
public struct CompetenceMatch: Codable, Hashable, Sendable {
    public var personnelNo: String
    public var firstName: String
    public var lastName: String
    public var departmentCode: String
    /// The level the person holds the searched competence at (directly or through an implication).
    public var level: Int
    /// The competence actually held that grants it (the searched code itself, or one implying it).
    public var viaCompetence: String
    public var inPool: Bool
}
