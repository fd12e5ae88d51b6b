import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// `/v1/staff/{personnelNo}/absences`, `/v1/absences/{id}` and `/v1/staff/{personnelNo}/availability`.
struct AbsenceController {
    /// An absence as the API takes it: the person comes from the URL (or the stored absence).
    struct AbsenceBody: Decodable {
        var personnelNo: String?
        var category: Absence.Category
        var startsOn: LocalDate
        var endsOn: LocalDate
    }

    struct AvailabilityBody: Codable {
        var personnelNo: String?
        var windows: [AvailabilityWindow]
    }

    let absences: AbsenceRepository
    let availability: AvailabilityRepository
    let departments: DepartmentRepository
    let db: Database
    /// Crisis deployment: an absence flags the shifts it hits and starts repair jobs.
    let crisis: CrisisServices

    static let readers: Set<Role> = Access.registerReaders.union([.staff])

    func addRoutes(staff: RouterGroup<AppRequestContext>, absences group: RouterGroup<AppRequestContext>) {
        staff.get(":personnelNo/absences", use: list)
        staff.post(":personnelNo/absences", use: create)
        staff.get(":personnelNo/availability", use: getAvailability)
        staff.put(":personnelNo/availability", use: putAvailability)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.readers)
        let pno = try context.parameters.require("personnelNo")
        try await StaffRecordAccess.require(caller, personnelNo: pno, departments: departments, db: db)
        return try JSONReply.page(try await absences.list(org: caller.org, personnelNo: pno, page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let pno = try context.parameters.require("personnelNo")
        let body = try await request.decodeJSON(as: AbsenceBody.self, context: context)
        if let other = body.personnelNo, other != pno {
            throw ValidationFailure([FieldError("personnelNo", "the URL says '\(pno)', the body says '\(other)'")])
        }
        let created = try await absences.create(org: caller.org, Absence(personnelNo: pno, category: body.category, startsOn: body.startsOn, endsOn: body.endsOn),
                                                actor: caller.actor)
        try await absenceHitsShifts(org: caller.org, personnelNo: pno, startsOn: body.startsOn, endsOn: body.endsOn)
        return try JSONReply.versioned(created, status: .created, location: "/v1/absences/\(created.value.id ?? 0)")
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.readers)
        let found = try await absences.get(org: caller.org, id: try Params.id(context))
        try await StaffRecordAccess.require(caller, personnelNo: found.value.personnelNo, departments: departments, db: db)
        return try JSONReply.versioned(found)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let id = try Params.id(context)
        let body = try await request.decodeJSON(as: AbsenceBody.self, context: context)
        let current = try await absences.get(org: caller.org, id: id)
        let absence = Absence(id: id, personnelNo: body.personnelNo ?? current.value.personnelNo, category: body.category,
                              startsOn: body.startsOn, endsOn: body.endsOn)
        let updated = try await absences.update(org: caller.org, id: id, absence, expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        // A longer absence may hit more shifts; shifts it no longer covers stay cancelled (their repair already ran).
        try await absenceHitsShifts(org: caller.org, personnelNo: absence.personnelNo, startsOn: absence.startsOn, endsOn: absence.endsOn)
        return try JSONReply.versioned(updated)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        try await absences.delete(org: caller.org, id: try Params.id(context), expectedVersion: try request.ifMatchVersion(), actor: caller.actor)
        return JSONReply.noContent()
    }

    @Sendable func getAvailability(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Self.readers)
        let pno = try context.parameters.require("personnelNo")
        try await StaffRecordAccess.require(caller, personnelNo: pno, departments: departments, db: db)
        return try JSONReply.make(AvailabilityBody(personnelNo: pno, windows: try await availability.get(org: caller.org, personnelNo: pno)))
    }

    /// Staff declare their own availability; HR and admins anyone's.
    @Sendable func putAvailability(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters.union([.staff]))
        let pno = try context.parameters.require("personnelNo")
        try await StaffRecordAccess.require(caller, personnelNo: pno, departments: departments, db: db)
        let body = try await request.decodeJSON(as: AvailabilityBody.self, context: context)
        if let other = body.personnelNo, other != pno {
            throw ValidationFailure([FieldError("personnelNo", "the URL says '\(pno)', the body says '\(other)'")])
        }
        let stored = try await availability.replace(org: caller.org, personnelNo: pno, body.windows, actor: caller.actor)
        return try JSONReply.make(AvailabilityBody(personnelNo: pno, windows: stored))
    }

    /// Shifts of the person during the absence are cancelled (or flagged) and repaired, urgently.
    func absenceHitsShifts(org: String, personnelNo: String, startsOn: LocalDate, endsOn: LocalDate) async throws {
        let zone = try await OrganisationRepository(db: db).get(org).timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let hit = try await crisis.assignments.absenceEntered(org: org, personnelNo: personnelNo, from: startsOn.start(in: calendar),
                                                              until: endsOn.adding(days: 1).start(in: calendar), now: crisis.now())
        for job in hit.repairJobs { crisis.runner.enqueue(org: org, job: job, urgent: true) }
    }
}
