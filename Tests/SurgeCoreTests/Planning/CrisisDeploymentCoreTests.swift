import Foundation
import Testing
@testable import SurgeCore

/// The pure pieces of crisis deployment: the confirmation rule check, load figures, iCalendar, inputs.
@Suite struct CrisisDeploymentCoreTests {
    static func at(_ s: String) -> Date { Instant.parse(s)! }
    static func shift(_ id: String, _ kind: String, _ s: String, _ e: String) -> HeldShift { HeldShift(id: id, kind: kind, start: at(s), end: at(e)) }
    static let emergency = RuleProfile.arbZGCrisis(id: "emergency")

    @Test func ruleCheckBlocksOverlapAndShortRestOnly() throws {
        let early = Self.shift("a", "day", "2026-12-07T07:00:00Z", "2026-12-07T15:00:00Z")
        // 4 h after the early shift ends: rest 9 h is broken; overlapping: overlap.
        let night = Self.shift("b", "night", "2026-12-07T19:00:00Z", "2026-12-08T03:00:00Z")
        let overlapping = Self.shift("c", "late", "2026-12-07T11:00:00Z", "2026-12-07T19:00:00Z")
        let nextDay = Self.shift("d", "day", "2026-12-08T07:00:00Z", "2026-12-08T15:00:00Z")
        let rest = try ShiftRuleCheck.added(candidate: night, held: [early], profile: Self.emergency, timeZone: "Europe/Berlin")
        #expect(rest[.minRest] == 1)
        let overlap = try ShiftRuleCheck.added(candidate: overlapping, held: [early], profile: Self.emergency, timeZone: "Europe/Berlin")
        #expect(overlap[.overlap] != nil || overlap[.shiftsPerDay] != nil)
        #expect(try ShiftRuleCheck.added(candidate: nextDay, held: [early], profile: Self.emergency, timeZone: "Europe/Berlin").isEmpty)
        // An 11 h rest profile refuses what the 9 h crisis profile allows (16 h gap fine, 10 h gap not).
        let late = Self.shift("e", "late", "2026-12-07T11:00:00Z", "2026-12-07T21:00:00Z")
        let normal = RuleProfile.arbZGNormal(id: "normal")
        #expect(try ShiftRuleCheck.added(candidate: nextDay, held: [late], profile: normal, timeZone: "Europe/Berlin")[.minRest] == 1)
        #expect(try ShiftRuleCheck.added(candidate: nextDay, held: [late], profile: Self.emergency, timeZone: "Europe/Berlin")[.minRest] == nil)
    }

    @Test func ruleCheckCountsOnlyWhatTheNewShiftWorsens() throws {
        // Seven days in a row break a 6-day cap already; a shift three weeks later does not add to it.
        let week = (1...7).map { d in Self.shift("w\(d)", "day", "2026-12-0\(d)T07:00:00Z", "2026-12-0\(d)T15:00:00Z") }
        let normal = RuleProfile.arbZGNormal(id: "normal")
        #expect(try ShiftRuleCheck.units(week, profile: normal, timeZone: "Europe/Berlin")[.maxConsecutiveWorkingDays] == 1)
        let later = Self.shift("x", "day", "2026-12-28T07:00:00Z", "2026-12-28T15:00:00Z")
        #expect(try ShiftRuleCheck.added(candidate: later, held: week, profile: normal, timeZone: "Europe/Berlin").isEmpty)
        let eighth = Self.shift("y", "day", "2026-12-08T07:00:00Z", "2026-12-08T15:00:00Z")
        #expect(try ShiftRuleCheck.added(candidate: eighth, held: week, profile: normal, timeZone: "Europe/Berlin")[.maxConsecutiveWorkingDays] == 1)
    }

    @Test func loadFiguresCountRecordedMinutesNightsRunsAndRelaxedRules() throws {
        // Three 12 h days (legal under §14, beyond the normal 10 h) and one night; the first one recorded as 600 minutes.
        let shifts = [
            LoadShift(shift: Self.shift("1", "day", "2026-12-07T06:00:00Z", "2026-12-07T18:00:00Z"), recordedMinutes: 600),
            LoadShift(shift: Self.shift("2", "day", "2026-12-08T06:00:00Z", "2026-12-08T18:00:00Z"), recordedMinutes: nil),
            LoadShift(shift: Self.shift("3", "day", "2026-12-09T06:00:00Z", "2026-12-09T18:00:00Z"), recordedMinutes: nil),
            LoadShift(shift: Self.shift("4", "night", "2026-12-10T21:00:00Z", "2026-12-11T05:00:00Z"), recordedMinutes: nil),
        ]
        let f = try PersonLoadFigures.compute(personnelNo: "P1", shifts: shifts, at: Self.at("2026-12-12T00:00:00Z"), profile: Self.emergency,
                                              normal: RuleProfile.arbZGNormal(id: "normal"), timeZone: "Europe/Berlin")
        // 600 + 2 × (720 − 45 break) + (480 − 30 break) = 600 + 1350 + 450.
        #expect(f.minutesLast7Days == 2400)
        #expect(f.minutesLast28Days == 2400)
        #expect(f.nightsLast28Days == 1)
        #expect(f.longestRunOfDays == 4)
        #expect(f.relaxedRules == ["max working time per day"])
        let early = try PersonLoadFigures.compute(personnelNo: "P1", shifts: shifts, at: Self.at("2026-12-08T00:00:00Z"), profile: Self.emergency,
                                                  normal: RuleProfile.arbZGNormal(id: "normal"), timeZone: "Europe/Berlin")
        #expect(early.minutesLast7Days == 600)
    }

    @Test func iCalendarIsRFC5545() {
        let long = String(repeating: "Ä", count: 60)
        let text = ICalendar.render(name: "Test", shifts: [
            CalendarShift(uid: "a-1@test", summary: "Hotline; Team, \(long)", location: "Rathaus, Raum 1", start: Self.at("2026-12-07T07:00:00Z"),
                          end: Self.at("2026-12-07T15:00:00Z"), sequence: 2),
        ], stamp: Self.at("2026-12-01T08:00:00Z"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains("DTSTART:20261207T070000Z"))
        #expect(lines.contains("LOCATION:Rathaus\\, Raum 1"))
        // Unfolding (CRLF + space removed) gives back the escaped summary.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Hotline\\; Team\\, \(long)\r\n"))
    }

    @Test(arguments: [
        (#"{"task":"t","kind":"day","start":"2026-12-07T15:00:00Z","end":"2026-12-07T07:00:00Z","minimum":1,"target":1}"#, "end"),
        (#"{"task":"t","kind":"day","start":"2026-12-07T07:00:00Z","end":"2026-12-07T15:00:00Z","minimum":3,"target":3,"maximum":2}"#, "maximum"),
        (#"{"task":"t","kind":"day","start":"yesterday","end":"2026-12-07T15:00:00Z","minimum":1,"target":1}"#, "start"),
        (#"{"task":"t","kind":"Day!","start":"2026-12-07T07:00:00Z","end":"2026-12-07T15:00:00Z","minimum":1,"target":1}"#, "kind"),
        (#"{"task":"t","kind":"day","start":"2026-12-07T07:00:00Z","end":"2026-12-08T15:00:00Z","minimum":1,"target":1}"#, "end"),
    ])
    func demandInputNamesTheField(json: String, field: String) throws {
        let input = try JSONDecoder().decode(ShiftDemandInput.self, from: Data(json.utf8))
        #expect(throws: ValidationFailure.self) { _ = try input.validated() }
        do { _ = try input.validated() } catch {
            #expect(error.errors.map(\.field).contains(field))
        }
    }
}
