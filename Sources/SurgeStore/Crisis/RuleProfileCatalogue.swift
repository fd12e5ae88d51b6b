import Foundation
import SurgeCore

/// The rule profiles an organisation can put in force: the JSON files in Config/rule-profiles
/// (values from DOMAIN.md), read once.
public struct RuleProfileCatalogue: Sendable {
    public let profiles: [String: RuleProfile]

    public init(profiles: [RuleProfile]) {
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads every `*.json` in `directory` (file name without `.json` and the `.example` suffix is the id).
    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        var list: [RuleProfile] = []
        for f in files {
            do {
                var p = try JSONDecoder().decode(RuleProfile.self, from: Data(contentsOf: directory.appendingPathComponent(f)))
                if p.id.isEmpty { p.id = String(f.dropLast(5)) }
                list.append(p)
            } catch {
                throw StoreError.invalidConfiguration("rule profile \(f): \(error)")
            }
        }
        self.init(profiles: list)
    }

    /// SURGE_RULE_PROFILES_DIR, else Config/rule-profiles of the source tree (like `Migrator.bundled`).
    public static func bundled() throws -> RuleProfileCatalogue {
        if let dir = ProcessInfo.processInfo.environment["SURGE_RULE_PROFILES_DIR"], !dir.isEmpty {
            return try RuleProfileCatalogue(directory: URL(fileURLWithPath: dir))
        }
        let source = URL(fileURLWithPath: #filePath)  // …/Sources/SurgeStore/Crisis/RuleProfileCatalogue.swift
        let root = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("Config/rule-profiles")
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw StoreError.invalidConfiguration("rule profiles not found at \(dir.path); set SURGE_RULE_PROFILES_DIR")
        }
        return try RuleProfileCatalogue(directory: dir)
    }

    public func profile(_ id: String, field: String = "ruleProfile") throws -> RuleProfile {
        guard let p = profiles[id] else {
            throw ValidationFailure([FieldError(field, "unknown rule profile '\(id)'; known: \(profiles.keys.sorted().joined(separator: ", "))")])
        }
        return p
    }
}
