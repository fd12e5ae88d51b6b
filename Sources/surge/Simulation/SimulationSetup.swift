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
            let register = try await global.withDatabase { db, reader in
                try await SimulationRegisterReader(db: db).register(org: organisation ?? global.organisation(reader), scenario: s)
            }
            guard !register.people.isEmpty else {
                throw ValidationError("the register has nobody to deploy (no pool members, no department with quota); run `surge seed demo` first or use base: demo")
            }
            return register
        }
    }

    /// A file-system-friendly name for a run's folder.
    static func slug(_ index: Int, _ name: String) -> String {
        let s = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
        let squeezed = s.split(separator: "-").joined(separator: "-")
        return "\(index + 1)-\(squeezed.prefix(40))"
    }
}
