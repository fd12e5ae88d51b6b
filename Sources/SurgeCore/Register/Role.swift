/// Who a caller is: the roles of the access matrix.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin, hr
    /// Own department subtree only.
    case departmentHead = "department_head"
    case crisisStaff = "crisis_staff"
    /// Own record only.
    case staff
    case auditor
}
