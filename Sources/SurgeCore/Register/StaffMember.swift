/// A person in the competence register, identified by the personnel number of their organisation.
public struct StaffMember: Codable, Hashable, Sendable {
    public enum StatusGroup: String, Codable, Sendable, CaseIterable {
        case employee
        case civilServant = "civil_servant"
        case trainee
    }

    public var personnelNo: String
    public var firstName: String
    public var lastName: String
    public var departmentCode: String
    public var contractHoursWeek: Double
    public var fte: Double
    public var statusGroup: StatusGroup
    /// Which rule profile group applies (e.g. `normal`, `civil_servant_nrw`).
    public var ruleProfile: String
    public var email: String?
    public var phone: String?

    public init(personnelNo: String, firstName: String, lastName: String, departmentCode: String,
                contractHoursWeek: Double, fte: Double, statusGroup: StatusGroup,
                ruleProfile: String = "normal", email: String? = nil, phone: String? = nil) {
        self.personnelNo = personnelNo
        self.firstName = firstName
        self.lastName = lastName
        self.departmentCode = departmentCode
        self.contractHoursWeek = contractHoursWeek
        self.fte = fte
        self.statusGroup = statusGroup
        self.ruleProfile = ruleProfile
        self.email = email
        self.phone = phone
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        v.text(firstName, "firstName", maxLength: 100)
        v.text(lastName, "lastName", maxLength: 100)
        v.code(departmentCode, "departmentCode")
        v.require(contractHoursWeek > 0 && contractHoursWeek <= 60 && contractHoursWeek.isFinite,
                  "contractHoursWeek", "must be more than 0 and at most 60")
        v.require(fte > 0 && fte <= 1.5 && fte.isFinite, "fte", "must be more than 0 and at most 1.5")
        v.code(ruleProfile, "ruleProfile")
        if let email {
            v.require(email.contains("@") && email.count <= 200 && !email.contains(" "), "email", "is not an e-mail address")
        }
        if let phone { v.require(phone.count <= 40, "phone", "must be at most 40 characters") }
        try v.check()
    }
}
