/// A holding that lapses soon: who, which competence, until when (for the lapsing list).
public struct LapsingHolding: Codable, Hashable, Sendable {
    public var personnelNo: String
    public var firstName: String
    public var lastName: String
    public var departmentCode: String
    public var competenceCode: String
    public var competenceName: String
    public var level: Int
    public var validUntil: LocalDate
    /// Days from the reference day to `validUntil` (0: lapses after today).
    public var daysLeft: Int

    public init(personnelNo: String, firstName: String, lastName: String, departmentCode: String, competenceCode: String,
                competenceName: String, level: Int, validUntil: LocalDate, daysLeft: Int) {
        self.personnelNo = personnelNo
        self.firstName = firstName
        self.lastName = lastName
        self.departmentCode = departmentCode
        self.competenceCode = competenceCode
        self.competenceName = competenceName
        self.level = level
        self.validUntil = validUntil
        self.daysLeft = daysLeft
    }
}
