import Foundation
import SurgeCore
import Testing

@Suite struct SimulationValidationTests {
    static let valid = """
    name: Test
    base:
      demo: { seed: 1, staff: 200 }
    startDay: 2027-01-04
    days: 14
    horizonDays: 7
    moveBudget: 1000
    level: 2
    levelChanges:
      - { week: 2, level: 3 }
    ruleProfiles:
      - { day: 0, profile: normal }
    absences:
      sicknessPerWeek: 0.05
      sickDaysMin: 2
      sickDaysMax: 4
    reserves:
      - { kind: trainee, week: 2, count: 3 }
    tasks:
      - code: hotline
        name: Hotline
        priority: 2
        demand:
          - { week: 1, factor: 0.5 }
        shifts:
          - { kind: early, startMinute: 420, lengthMinutes: 480, minimum: 2, target: 3 }
    objective:
      fairness: 1
    """

    static func load(_ text: String) throws(ScenarioError) -> SimulationScenario {
        try ScenarioDocument.load(text: text, file: "test.yaml", knownProfiles: ["normal", "emergency-14"])
    }

    @Test func theValidFileLoads() throws {
        let s = try Self.load(Self.valid)
        #expect(s.days == 14)
        #expect(s.tasks[0].shifts[0].target == 3)
        #expect(s.reserves[0].kind == .trainee)
        #expect(s.startDay == LocalDate(year: 2027, month: 1, day: 4))
    }

    /// Each bad value is replaced into the valid file; the error must name the field and its line.
    @Test(arguments: [
        ("days: 14", "days: 0", "days", 5),
        ("days: 14", "days: many", "days", 5),
        ("horizonDays: 7", "horizonDays: 40", "horizonDays", 6),
        ("moveBudget: 1000", "moveBudget: -5", "moveBudget", 7),
        ("level: 2", "level: 7", "level", 8),
        ("{ week: 2, level: 3 }", "{ week: 9, level: 3 }", "levelChanges[0].week", 10),
        ("{ day: 0, profile: normal }", "{ day: 0, profile: relaxed }", "ruleProfiles[0].profile", 12),
        ("{ day: 0, profile: normal }", "{ day: 3, profile: normal }", "ruleProfiles[0].day", 12),
        ("sicknessPerWeek: 0.05", "sicknessPerWeek: 1.5", "absences.sicknessPerWeek", 14),
        ("sickDaysMax: 4", "sickDaysMax: 1", "absences.sickDaysMax", 16),
        ("{ kind: trainee, week: 2, count: 3 }", "{ kind: none, week: 2, count: 3 }", "reserves[0].kind", 18),
        ("{ kind: trainee, week: 2, count: 3 }", "{ kind: cadet, week: 2, count: 3 }", "reserves[0].kind", 18),
        ("{ kind: trainee, week: 2, count: 3 }", "{ kind: trainee, count: 3 }", "reserves[0]", 18),
        ("code: hotline", "code: \"bad code!\"", "tasks[0].code", 20),
        ("priority: 2", "priority: 9", "tasks[0].priority", 22),
        ("{ week: 1, factor: 0.5 }", "{ week: 1, factor: -1 }", "tasks[0].demand[0].factor", 24),
        ("minimum: 2, target: 3", "minimum: 4, target: 3", "tasks[0].shifts[0].target", 26),
        ("startMinute: 420", "startMinute: 2000", "tasks[0].shifts[0].startMinute", 26),
        ("startDay: 2027-01-04", "startDay: someday", "startDay", 4),
        ("sickDaysMin: 2", "sickDaysMni: 2", "absences.sickDaysMni", 15),
        ("name: Hotline", "name: Hotline\n    color: red", "tasks[0].color", 22),
        ("fairness: 1", "fairness: -1", "objective.fairness", 28),
        ("fairness: 1", "fairnes: 1", "objective.fairnes", 28),
    ])
    func badFieldNamesFieldAndLine(original: String, replacement: String, field: String, line: Int) throws {
        #expect(Self.valid.contains(original))
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try Self.load(text)
            Issue.record("\(replacement) was accepted")
        } catch {
            let issue = error.issues.first { $0.field == field }
            #expect(issue != nil, "no issue for \(field) in \(error.issues)")
            #expect(issue?.line == line, "\(field): line \(String(describing: issue?.line)), expected \(line)")
            #expect(error.description.contains("test.yaml:\(line): \(field)"))
        }
    }

    @Test func aMissingRequiredFieldIsNamed() {
        let text = Self.valid.replacingOccurrences(of: "days: 14\n", with: "")
        #expect(throws: ScenarioError.self) { try Self.load(text) }
        do { _ = try Self.load(text) } catch { #expect(error.issues.map(\.field) == ["days"]) }
    }

    @Test func syntaxErrorsGiveTheirLine() {
        let text = Self.valid.replacingOccurrences(of: "level: 2", with: "level: [2")
        do { _ = try Self.load(text); Issue.record("accepted") } catch {
            #expect(error.issues.first?.field == "(syntax)")
            #expect((error.issues.first?.line ?? 0) >= 8)
        }
    }

    @Test func jsonScenariosWorkWithLines() throws {
        let json = """
        {
          "name": "J", "startDay": "2027-01-04", "days": 3,
          "ruleProfiles": [ { "day": 0, "profile": "normal" } ],
          "tasks": [ { "code": "t", "priority": 1,
                       "shifts": [ { "kind": "day", "startMinute": 480, "lengthMinutes": 480, "minimum": 1, "target": 0 } ] } ]
        }
        """
        do { _ = try Self.load(json); Issue.record("accepted") } catch {
            let issue = error.issues.first { $0.field == "tasks[0].shifts[0].target" }
            #expect(issue?.line == 5)
        }
        let ok = try Self.load(json.replacingOccurrences(of: "\"target\": 0", with: "\"target\": 2"))
        #expect(ok.tasks[0].name == "t")
        #expect(ok.horizonDays == 7)
    }

    /// The shipped examples load with the shipped rule profiles.
    @Test(arguments: ["pandemic-wave", "flood", "refugee-reception", "blackout"])
    func shippedScenariosAreValid(name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Config/scenarios/\(name).yaml"), encoding: .utf8)
        let profiles = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Config/rule-profiles").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        let s = try ScenarioDocument.load(text: text, file: name, knownProfiles: Set(profiles))
        #expect(!s.tasks.isEmpty)
    }
}
