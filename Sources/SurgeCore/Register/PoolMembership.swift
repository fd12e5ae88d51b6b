/// Membership of the reserve personnel pool (stadtinterne Personalreserve).
public struct PoolMembership: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case volunteer
        /// Designated by their department.
        case designated
        case trainee
        case retiree
        /// Lent by another organisation.
        case lent
    }

    public var id: Int64?
    public var personnelNo: String
    public var kind: Kind
    public var validFrom: LocalDate
    public var validUntil: LocalDate?
    public var maxHoursWeek: Double
    public var releasedBy: String?
    /// When a volunteer's consent was recorded; required for volunteers.
    public var consentAt: LocalDate?
    /// The organisation that lent the person; required for `lent`.
    public var lendingOrg: String?

    public init(id: Int64? = nil, personnelNo: String, kind: Kind, validFrom: LocalDate, validUntil: LocalDate? = nil,
                maxHoursWeek: Double, releasedBy: String? = nil, consentAt: LocalDate? = nil, lendingOrg: String? = nil) {
        self.id = id
        self.personnelNo = personnelNo
        self.kind = kind
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.maxHoursWeek = maxHoursWeek
        self.releasedBy = releasedBy
        self.consentAt = consentAt
        self.lendingOrg = lendingOrg
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        if let u = validUntil { v.require(u >= validFrom, "validUntil", "must not be before validFrom") }
        v.require(maxHoursWeek > 0 && maxHoursWeek <= 60 && maxHoursWeek.isFinite, "maxHoursWeek", "must be more than 0 and at most 60")
        if kind == .volunteer { v.require(consentAt != nil, "consentAt", "is required for volunteers: their consent must be recorded") }
        if kind == .lent { v.require(lendingOrg.map { !$0.isEmpty } ?? false, "lendingOrg", "is required for staff lent by another organisation") }
        try v.check()
    }
}
