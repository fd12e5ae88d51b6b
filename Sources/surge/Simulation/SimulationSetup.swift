import ArgumentParser
import Foundation
import SurgeCore
import SurgeStore

/// Reads what a simulation needs: scenario files, rule profiles, and the base register (a demo city
/// generated in memory, or the register in the database through SurgeStore).
enum SimulationSetup {
    static func profiles(folder: String) throws -> [String: RuleProfile] {
        let url = URL(fileURLWithPath: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw ValidationError("--profiles: cannot read the folder \(folder)")
        }
        var result: [String: RuleProfile] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            do {
                var p = try JSONDecoder().decode(RuleProfile.self, from: Data(contentsOf: url.appendingPathComponent(name)))
                p.id = id
                result[id] = p
            } catch {
                throw ValidationError("rule profile \(folder)/\(name): \(error)")
            }
        }
        return result
    }

    static func scenario(path: String, profiles: [String: RuleProfile]) throws -> SimulationScenario {
        let text = try readTextFile(path)
        do { return try ScenarioDocument.load(text: text, file: path, knownProfiles: Set(profiles.keys)) } catch {
            throw ValidationError(error.description)
        }
    }

    static func register(for s: SimulationScenario, global: GlobalOptions) async throws -> SimulationRegister {
        switch s.base {
        case .demo(let seed, let staff):
            let city = DemoCityGenerator(options: DemoCityOptions(seed: seed, staffCount: staff, today: s.startDay)).generate()
            return SimulationRegister(city: city, from: s.startDay, days: s.days + s.horizonDays, timeZone: s.timeZone)
        case .database(let organisation):
            let until = s.startDay.adding(days: s.days + s.horizonDays - 1)
            let levels = Set([s.level] + s.levelChanges.map(\.level) + s.variants.flatMap { ($0.level.map { [$0] } ?? []) + ($0.levelChanges ?? []).map(\.level) })
            let snapshots = try await global.withDatabase { db, reader in
                let org = organisation ?? global.organisation(reader)
                var out: [(Int, PlanningRegisterReader.Snapshot)] = []
                for l in (0...3) where levels.contains(l) || l == 0 {
                    guard let level = CrisisLevel(rawValue: l) else { continue }
                    out.append((l, try await PlanningRegisterReader(db: db).snapshot(org: org, level: level, from: s.startDay, until: until,
                                                                                     timeZone: s.timeZone, ruleProfile: s.ruleProfiles[0].profile)))
                }
                return out
            }
            var people: [String: Person] = [:]
            var departments: [String: SimulationRegister.DepartmentFigures] = [:]
            for (level, snap) in snapshots {
                for p in snap.people where people[p.id] == nil { people[p.id] = p }
                for q in snap.quotas {
                    var d = departments[q.departmentCode] ?? .init(code: q.departmentCode, name: q.departmentCode, staffCount: q.staffCount,
                                                                   staffFTE: q.staffFTE, neededFTE: [Double](repeating: 0, count: 4))
                    d.neededFTE[level] = q.neededFTE
                    departments[q.departmentCode] = d
                }
            }
            // Levels not read have the needs of the nearest lower level read.
            for (code, var d) in departments {
                for l in 1...3 where !snapshots.contains(where: { $0.0 == l }) { d.neededFTE[l] = d.neededFTE[l - 1] }
                departments[code] = d
            }
            guard !people.isEmpty else {
                throw ValidationError("the register has nobody to deploy (no pool members, no department with quota); run `surge seed demo` first or use base: demo")
            }
            let list = people.values.sorted { $0.id < $1.id }
            return SimulationRegister(people: list, fte: list.map { min(1, Double($0.contractMinutesPerWeek) / 2340) }, departments: Array(departments.values))
        }
    }

    /// A file-system-friendly name for a run's folder.
    static func slug(_ index: Int, _ name: String) -> String {
        let s = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
        let squeezed = s.split(separator: "-").joined(separator: "-")
        return "\(index + 1)-\(squeezed.prefix(40))"
    }
}
