import Foundation
import SurgeCore

/// Reads the register in the database as the base of a scenario simulation: the people who could
/// be deployed (through `PlanningRegisterReader`, once per crisis level the scenario can reach) and
/// per department its staff and the FTE its regular tasks need at each level.
public struct SimulationRegisterReader: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func register(org: String, scenario s: SimulationScenario) async throws -> SimulationRegister {
        let until = s.startDay.adding(days: s.days + s.horizonDays - 1)
        var levels = Set([s.level] + s.levelChanges.map(\.level))
        for v in s.variants { levels.formUnion((v.level.map { [$0] } ?? []) + (v.levelChanges ?? []).map(\.level)) }
        var people: [String: Person] = [:]
        var departments: [String: SimulationRegister.DepartmentFigures] = [:]
        var read: Set<Int> = []
        for l in 0...3 where levels.contains(l) || l == 0 {
            guard let level = CrisisLevel(rawValue: l) else { continue }
            let snap = try await PlanningRegisterReader(db: db).snapshot(org: org, level: level, from: s.startDay, until: until,
                                                                         timeZone: s.timeZone, ruleProfile: s.ruleProfiles.first?.profile ?? "normal")
            read.insert(l)
            for p in snap.people where people[p.id] == nil { people[p.id] = p }
            for q in snap.quotas {
                var d = departments[q.departmentCode] ?? .init(code: q.departmentCode, name: q.departmentCode, staffCount: q.staffCount,
                                                               staffFTE: q.staffFTE, neededFTE: [0, 0, 0, 0])
                d.neededFTE[l] = q.neededFTE
                departments[q.departmentCode] = d
            }
        }
        // Levels not read (never reached) take the needs of the nearest lower level.
        for (code, var d) in departments {
            for l in 1...3 where !read.contains(l) { d.neededFTE[l] = d.neededFTE[l - 1] }
            departments[code] = d
        }
        let list = people.values.sorted { $0.id < $1.id }
        // FTE from contract hours (TVöD full time 39 h); the planning snapshot carries hours, not FTE.
        return SimulationRegister(people: list, fte: list.map { min(1, Double($0.contractMinutesPerWeek) / 2340) }, departments: Array(departments.values))
    }
}
