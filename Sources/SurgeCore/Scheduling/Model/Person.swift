import Foundation

/// A staff member from the competence register (Kompetenzregister).
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String?
    public var homeDepartment: String
    public var poolKind: PoolKind
    /// Contract hours per week, in minutes (TVöD 39 h = 2340).
    public var contractMinutesPerWeek: Int
    /// Id of the RuleProfile that governs this person (employees, civil servants, crisis profile…).
    public var ruleProfile: String
    public var competences: [Competence]
    /// Intervals in which the person cannot work at all (leave, sickness).
    public var absences: [TimeWindow]
    /// If non-empty, the person can only work shifts lying fully inside one of these windows.
    public var availability: [TimeWindow]
    public var workedBeforeHorizon: [WorkedShift]
    public var wishes: [Wish]

    public init(id: String, name: String? = nil, homeDepartment: String, poolKind: PoolKind = .none,
                contractMinutesPerWeek: Int = 2340, ruleProfile: String, competences: [Competence] = [],
                absences: [TimeWindow] = [], availability: [TimeWindow] = [],
                workedBeforeHorizon: [WorkedShift] = [], wishes: [Wish] = []) {
        self.id = id; self.name = name; self.homeDepartment = homeDepartment; self.poolKind = poolKind
        self.contractMinutesPerWeek = contractMinutesPerWeek; self.ruleProfile = ruleProfile
        self.competences = competences; self.absences = absences; self.availability = availability
        self.workedBeforeHorizon = workedBeforeHorizon; self.wishes = wishes
    }
}
