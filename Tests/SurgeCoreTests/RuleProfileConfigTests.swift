import Foundation
import SurgeCore
import Testing

/// The rule profiles shipped in Config/rule-profiles decode into the core model and keep the two
/// floors every profile must hold: the 48 h weekly average and 11 h (normal) / 9 h (crisis) rest.
@Suite struct RuleProfileConfigTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/rule-profiles")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func profilesShip() {
        #expect(Self.files.contains("normal.json"))
        #expect(Self.files.contains("emergency-14.json"))
    }

    @Test(arguments: files)
    func profileDecodesAndKeepsTheFloors(file: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        let profile = try JSONDecoder().decode(RuleProfile.self, from: data)
        #expect(!profile.id.isEmpty)
        #expect(profile.legalBasis?.isEmpty == false, "every profile names its legal basis")
        let average = try #require(profile.maxAverageWeeklyMinutes)
        #expect(average <= 48 * 60, "the 48 h average holds in every profile (§14(3) ArbZG)")
        let rest = try #require(profile.minRestMinutes)
        #expect(rest >= 9 * 60)
        if let daily = profile.maxDailyMinutes { #expect(daily <= 12 * 60) }
    }

    @Test func emergencyRelaxesNormal() throws {
        let decode = { (f: String) throws -> RuleProfile in
            try JSONDecoder().decode(RuleProfile.self, from: Data(contentsOf: Self.folder.appendingPathComponent(f)))
        }
        let normal = try decode("normal.json"), emergency = try decode("emergency-14.json")
        #expect((emergency.maxDailyMinutes ?? 0) > (normal.maxDailyMinutes ?? 0))
        #expect((emergency.minRestMinutes ?? 0) < (normal.minRestMinutes ?? 0))
        #expect(emergency.maxAverageWeeklyMinutes == normal.maxAverageWeeklyMinutes)
    }
}
