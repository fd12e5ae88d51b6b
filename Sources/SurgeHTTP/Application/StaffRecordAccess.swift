import Hummingbird
import SurgeCore
import SurgeStore

/// Who may touch the records hanging off one person (absences, availability): staff only their own,
/// department heads people of their subtree, the other allowed roles everyone.
enum StaffRecordAccess {
    static func require(_ caller: Caller, personnelNo: String, departments: DepartmentRepository, db: Database) async throws {
        switch caller.role {
        case .staff:
            guard caller.personnelNo == personnelNo else { throw Problem.forbidden("staff may only see and change their own record") }
        case .departmentHead:
            let home = try await StaffHome.department(db: db, org: caller.org, personnelNo: personnelNo)
            try await Access.requireDepartment(caller, home, departments: departments)
        default:
            break
        }
    }
}

/// Query and path parameters shared by the section B controllers; bad values are 400s naming the parameter.
enum Params {
    static func id(_ context: AppRequestContext, _ name: String = "id") throws -> Int64 {
        let raw = try context.parameters.require(name)
        guard let v = Int64(raw), v > 0 else { throw Problem.badRequest(name, "must be a positive integer, not '\(raw)'") }
        return v
    }

    static func date(_ request: Request, _ name: String) throws -> LocalDate? {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let d = LocalDate(parsing: raw) else { throw Problem.badRequest(name, "must be a date (yyyy-mm-dd), not '\(raw)'") }
        return d
    }

    static func level(_ request: Request, _ name: String = "level") throws -> CrisisLevel? {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let v = Int(raw), let l = CrisisLevel(rawValue: v) else { throw Problem.badRequest(name, "must be a crisis level 0 to 3, not '\(raw)'") }
        return l
    }
}
