import Foundation

/// A competence a person holds ("first_aid", "lang_ar", "driving_C"), with a level and a validity
/// interval, because certificates expire during long crises.
public struct Competence: Hashable, Sendable, Codable {
    public var id: String
    public var level: Int
    public var validFrom: Date?
    public var validUntil: Date?

    public init(id: String, level: Int = 1, validFrom: Date? = nil, validUntil: Date? = nil) {
        self.id = id; self.level = level; self.validFrom = validFrom; self.validUntil = validUntil
    }

    /// Valid for the whole shift, not just its start: a certificate expiring mid-shift does not count.
    public func covers(start: Date, end: Date) -> Bool {
        if let f = validFrom, f > start { return false }
        if let u = validUntil, u < end { return false }
        return true
    }
}

/// All-of requirement of a position: every assigned person needs this competence at this level.
public struct CompetenceRequirement: Hashable, Sendable, Codable {
    public var competence: String
    public var minimumLevel: Int

    public init(competence: String, minimumLevel: Int = 1) {
        self.competence = competence; self.minimumLevel = minimumLevel
    }
}

/// Part of a competence mix: "of the people on this shift at least `minimumCount` have `competence`".
public struct CompetenceMix: Hashable, Sendable, Codable {
    public var competence: String
    public var minimumLevel: Int
    public var minimumCount: Int

    public init(competence: String, minimumLevel: Int = 1, minimumCount: Int) {
        self.competence = competence; self.minimumLevel = minimumLevel; self.minimumCount = minimumCount
    }
}
