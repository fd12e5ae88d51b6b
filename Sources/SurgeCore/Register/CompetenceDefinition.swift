/// An entry of the competence catalogue (skill, certificate, language, driving licence class, training).
public struct CompetenceDefinition: Codable, Hashable, Sendable {
    public enum Category: String, Codable, Sendable, CaseIterable {
        case skill, certificate, language
        case drivingLicence = "driving_licence"
        case training
    }

    public var code: String
    public var name: String
    public var category: Category
    /// Highest level where levels are meaningful (a language: 1 A1 … 6 C2); nil when a competence is held or not.
    public var maxLevel: Int?
    /// Whether holdings lapse and must carry a `validUntil` date (first-aid certificates do).
    public var expires: Bool
    /// Codes this competence implies (a C1 licence implies B); searches follow them transitively.
    public var implies: [String]

    public init(code: String, name: String, category: Category, maxLevel: Int? = nil, expires: Bool = false, implies: [String] = []) {
        self.code = code
        self.name = name
        self.category = category
        self.maxLevel = maxLevel
        self.expires = expires
        self.implies = implies
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(code, "code")
        v.text(name, "name")
        if let maxLevel { v.require((1...9).contains(maxLevel), "maxLevel", "must be between 1 and 9") }
        for (i, c) in implies.enumerated() {
            v.code(c, "implies[\(i)]")
            v.require(c != code, "implies[\(i)]", "a competence cannot imply itself")
        }
        try v.check()
    }
}

/// A person's holding of a competence.
public struct StaffCompetence: Codable, Hashable, Sendable {
    public var personnelNo: String
    public var competenceCode: String
    public var level: Int
    public var validFrom: LocalDate?
    public var validUntil: LocalDate?
    public var verifiedBy: String?
    public var verifiedAt: LocalDate?

    public init(personnelNo: String, competenceCode: String, level: Int = 1, validFrom: LocalDate? = nil,
                validUntil: LocalDate? = nil, verifiedBy: String? = nil, verifiedAt: LocalDate? = nil) {
        self.personnelNo = personnelNo
        self.competenceCode = competenceCode
        self.level = level
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
    }

    public func validate(against competence: CompetenceDefinition?) throws(ValidationFailure) {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        v.code(competenceCode, "competenceCode")
        v.require((1...9).contains(level), "level", "must be between 1 and 9")
        if let competence {
            v.require(level <= (competence.maxLevel ?? 1), "level",
                      "must be at most \(competence.maxLevel ?? 1) for \(competence.code)")
            if competence.expires { v.require(validUntil != nil, "validUntil", "is required: \(competence.code) expires") }
        }
        if let f = validFrom, let u = validUntil { v.require(u >= f, "validUntil", "must not be before validFrom") }
        try v.check()
    }
}
