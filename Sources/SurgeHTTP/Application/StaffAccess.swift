import Hummingbird
import SurgeCore
import SurgeStore

/// Who may read a person's record: readers of the register (department heads within their
/// subtree) and the person themselves (staff role: own record only).
enum StaffAccess {
    static let readers: Set<Role> = Access.registerReaders.union([.staff])

    /// Checks read access to `personnelNo`; returns the record (404 when it does not exist).
    @discardableResult
    static func requireRead(_ caller: Caller, _ personnelNo: String, staff: StaffRepository, departments: DepartmentRepository) async throws -> Versioned<StaffMember> {
        if caller.role == .staff {
            guard caller.personnelNo == personnelNo else { throw Problem.forbidden("staff may only see their own record") }
        }
        let record = try await staff.get(org: caller.org, personnelNo: personnelNo)
        if caller.role == .departmentHead {
            guard let root = caller.departmentCode else { throw Problem.forbidden("no department on this token") }
            let allowed = try await departments.subtree(org: caller.org, root: root)
            guard allowed.contains(record.value.departmentCode) else {
                throw Problem.forbidden("\(personnelNo) works outside your department \(root)")
            }
        }
        return record
    }

    /// The subtree a list is restricted to: the requested department (checked against a
    /// department head's own subtree), else a department head's own department, else none.
    static func listRoot(_ caller: Caller, requested: String?, departments: DepartmentRepository) async throws -> String? {
        if let requested {
            try await Access.requireDepartment(caller, requested, departments: departments)
            return requested
        }
        return caller.role == .departmentHead ? caller.departmentCode : nil
    }
}
