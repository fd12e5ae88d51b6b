import Foundation
import SurgeCore
import Testing

@Suite struct CrisisScenarioTests {
    static func scenario(start: LocalDate, days: Int, shifts: [CrisisShift]) -> CrisisScenario {
        CrisisScenario(name: "Test", level: 2, startDay: start, days: days, ruleProfile: "normal",
                       tasks: [CrisisTask(code: "hotline", name: "Bürgertelefon", priority: 1, shifts: shifts)])
    }

    @Test func shiftsStartAtLocalWallClockAcrossDaylightSaving() throws {
        // 2026-03-29 is the spring-forward Sunday in Berlin: 08:00 local is 06:00 UTC that day, 07:00 UTC the day before.
        let s = Self.scenario(start: LocalDate(year: 2026, month: 3, day: 28)!, days: 2,
                              shifts: [CrisisShift(kind: "early", startMinute: 8 * 60, lengthMinutes: 480, minimum: 1, target: 2)])
        let demands = try s.demands()
        #expect(demands.count == 2)
        let utc = ISO8601DateFormatter()
        #expect(utc.string(from: demands[0].start) == "2026-03-28T07:00:00Z")
        #expect(utc.string(from: demands[1].start) == "2026-03-29T06:00:00Z")
        #expect(demands.allSatisfy { $0.end.timeIntervalSince($0.start) == 8 * 3600 })
    }

    @Test func nightShiftRunsOverMidnightAndWeekdaysFilter() throws {
        let s = Self.scenario(start: LocalDate(year: 2026, month: 11, day: 23)!, days: 7, shifts: [
            CrisisShift(kind: "night", startMinute: 22 * 60, lengthMinutes: 480, minimum: 1, target: 1),
            CrisisShift(kind: "day", startMinute: 9 * 60, lengthMinutes: 480, minimum: 1, target: 1, weekdays: [1, 2, 3, 4, 5]),
        ])
        let demands = try s.demands()
        #expect(demands.filter { $0.kind == "night" }.count == 7)
        #expect(demands.filter { $0.kind == "day" }.count == 5)  // 2026-11-23 is a Monday: Mon–Fri
        let night = try #require(demands.first { $0.kind == "night" })
        #expect(Calendar(identifier: .gregorian).component(.day, from: night.end) != Calendar(identifier: .gregorian).component(.day, from: night.start))
    }

    @Test(arguments: ["tasks[0].priority", "tasks[0].shifts[0].minimum", "tasks[0].shifts[0].startMinute", "timeZone", "level"])
    func badScenarioNamesTheField(field: String) {
        var s = Self.scenario(start: LocalDate(year: 2026, month: 11, day: 23)!, days: 3,
                              shifts: [CrisisShift(kind: "day", startMinute: 480, lengthMinutes: 480, minimum: 1, target: 2)])
        switch field {
        case "tasks[0].priority": s.tasks[0].priority = 9
        case "tasks[0].shifts[0].minimum": s.tasks[0].shifts[0].minimum = 5
        case "tasks[0].shifts[0].startMinute": s.tasks[0].shifts[0].startMinute = 2000
        case "timeZone": s.timeZone = "Mars/Olympus"
        default: s.level = 4
        }
        #expect(throws: ValidationFailure.self) { try s.validate() }
        do { try s.validate() } catch { #expect(error.errors.contains { $0.field == field }, "\(error)") }
    }
}

@Suite struct ShippedScenarioTests {
    @Test func demoCrisisDecodesAndExpands() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/examples/demo-crisis.json")
        let scenario = try JSONDecoder().decode(CrisisScenario.self, from: Data(contentsOf: url))
        let demands = try scenario.demands()
        // 14 days: reception 3 shifts a day, crisis staff daily, hotline 2 shifts Mon–Sat, tracing Mon–Fri.
        #expect(demands.filter { $0.task == "ankunftszentrum" }.count == 42)
        #expect(demands.filter { $0.task == "krisenstab" }.count == 14)
        #expect(demands.filter { $0.task == "buergertelefon" }.count == 24)
        #expect(demands.filter { $0.task == "kontaktnachverfolgung" }.count == 10)
        #expect(Set(demands.map(\.id)).count == demands.count)
    }
}
