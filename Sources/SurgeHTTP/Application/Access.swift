import Hummingbird
import SurgeCore
import SurgeStore

/// The role matrix in one place: which roles may read and write what.
public enum Access {
    /// Roles that may read the whole register of their organisation.
    public static let registerReaders: Set<Role> = [.admin, .hr, .crisisStaff, .auditor, .departmentHead]
    /// Roles that maintain the register.
    public static let registerWriters: Set<Role> = [.admin, .hr]

    public static func require(_ context: AppRequestContext, _ roles: Set<Role>) throws -> Caller {
        let caller = try context.requireCaller()
        guard roles.contains(caller.role) else {
            throw Problem.forbidden("role \(caller.role.rawValue) may not do this")
        }
        return caller
    }

    /// `/v1/me/...`: a staff token bound to a staff member; returns the caller and their personnel number.
    public static func requireStaffMember(_ context: AppRequestContext) throws -> (Caller, String) {
        let caller = try require(context, [.staff])
        guard let pno = caller.personnelNo else { throw Problem.forbidden("this token belongs to no staff member") }
        return (caller, pno)
    }

    /// A department head sees only their own subtree.
    public static func requireDepartment(_ caller: Caller, _ code: String, departments: DepartmentRepository) async throws {
        guard caller.role == .departmentHead else { return }
        guard let root = caller.departmentCode else { throw Problem.forbidden("no department on this token") }
        let allowed = try await departments.subtree(org: caller.org, root: root)
        guard allowed.contains(code) else {
            throw Problem.forbidden("department \(code) lies outside your department \(root)")
        }
    }
}
