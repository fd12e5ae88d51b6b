import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/staff`: the staff register and each person's competences.
struct StaffController {
    let staff: StaffRepository
    let holdings: HoldingRepository
    let departments: DepartmentRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":personnelNo", use: get)
        group.put(":personnelNo", use: update)
        group.delete(":personnelNo", use: delete)
        group.get(":personnelNo/competences", use: listHoldings)
        group.put(":personnelNo/competences/:code", use: putHolding)
        group.delete(":personnelNo/competences/:code", use: deleteHolding)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, StaffAccess.readers)
        if caller.role == .staff {
            // Staff see their own record only.
            guard let own = caller.personnelNo else { throw Problem.forbidden("no personnel number on this token") }
            let record = try await staff.get(org: caller.org, personnelNo: own)
            return try JSONReply.page(Page(items: [record], nextCursor: nil))
        }
        let root = try await StaffAccess.listRoot(caller, requested: RegisterQuery.string(request, "department"), departments: departments)
        return try JSONReply.page(try await staff.list(org: caller.org, department: root, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, StaffAccess.readers)
        let pno = try context.parameters.require("personnelNo")
        return try JSONReply.versioned(try await StaffAccess.requireRead(caller, pno, staff: staff, departments: departments))
    }

    /// A person as clients send them: `ruleProfile` defaults to `normal`.
    struct StaffBody: Decodable, Sendable {
        var personnelNo: String
        var firstName: String
        var lastName: String
        var departmentCode: String
        var contractHoursWeek: Double
        var fte: Double
        var statusGroup: StaffMember.StatusGroup
        var ruleProfile: String?
        var email: String?
        var phone: String?
        var member: StaffMember {
            StaffMember(personnelNo: personnelNo, firstName: firstName, lastName: lastName, departmentCode: departmentCode,
                        contractHoursWeek: contractHoursWeek, fte: fte, statusGroup: statusGroup, ruleProfile: ruleProfile ?? "normal",
                        email: email, phone: phone)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let body = try await request.decodeJSON(as: StaffBody.self, context: context).member
        let created = try await staff.create(org: caller.org, body, actor: caller.actor)
        return try JSONReply.versioned(created, status: .created, location: "/v1/staff/\(created.value.personnelNo)")
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let pno = try context.parameters.require("personnelNo")
        let body = try await request.decodeJSON(as: StaffBody.self, context: context).member
        return try JSONReply.versioned(try await staff.update(org: caller.org, personnelNo: pno, body, expectedVersion: try request.ifMatchVersion(), actor: caller.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let pno = try context.parameters.require("personnelNo")
        try await staff.delete(org: caller.org, personnelNo: pno, expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }

    // MARK: competences held

    @Sendable func listHoldings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, StaffAccess.readers)
        let pno = try context.parameters.require("personnelNo")
        try await StaffAccess.requireRead(caller, pno, staff: staff, departments: departments)
        let items = try await holdings.list(org: caller.org, personnelNo: pno)
        return try JSONReply.page(Page(items: items, nextCursor: nil))
    }

    /// The body of `PUT /v1/staff/{personnelNo}/competences/{code}`: the holding without its key.
    struct HoldingBody: Decodable, Sendable {
        var level: Int?
        var validFrom: LocalDate?
        var validUntil: LocalDate?
        var verifiedBy: String?
        var verifiedAt: LocalDate?
    }

    @Sendable func putHolding(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let pno = try context.parameters.require("personnelNo")
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(as: HoldingBody.self, context: context)
        let holding = StaffCompetence(personnelNo: pno, competenceCode: code, level: body.level ?? 1, validFrom: body.validFrom,
                                      validUntil: body.validUntil, verifiedBy: body.verifiedBy, verifiedAt: body.verifiedAt)
        let (stored, created) = try await holdings.put(org: caller.org, holding, expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return try JSONReply.versioned(stored, status: created ? .created : .ok,
                                       location: created ? "/v1/staff/\(pno)/competences/\(code)" : nil)
    }

    @Sendable func deleteHolding(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let pno = try context.parameters.require("personnelNo")
        let code = try context.parameters.require("code")
        try await holdings.delete(org: caller.org, personnelNo: pno, code: code, expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }
}
