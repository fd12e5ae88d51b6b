import Foundation
import Testing
@testable import SurgeCore

struct InterchangeTests {
    @Test func problemRoundTrip() throws {
        let problem = RandomProblems.make(seed: 11)
        let data = try Interchange.encode(problem: problem)
        let back = try Interchange.decodeProblem(data)
        #expect(try Interchange.encode(problem: back) == data)
    }

    @Test func planRoundTrip() throws {
        let plan = try Solver.solve(RandomProblems.make(seed: 12), options: SolverOptions(moveBudget: 500)).plan
        let doc = try Interchange.decodePlan(try Interchange.encode(plan: plan))
        #expect(doc.plan.assignments == plan.assignments && doc.plan.score == plan.score)
    }

    @Test("plan statistics without the group re-plan tally (older documents) still decode; with it they round-trip")
    func statisticsWithoutTally() throws {
        var statistics = try Solver.solve(RandomProblems.make(seed: 12), options: SolverOptions(moveBudget: 500)).statistics
        var tally = GroupReplanTally()
        tally.runs = 3; tally.complete = 2; tally.kept = 1; tally.gain = 7; tally.nodes = 11
        tally.windowRuns = 2; tally.windowComplete = 1; tally.windowKept = 1; tally.windowGain = 4
        tally.heldRuns = 2; tally.heldComplete = 2; tally.heldKept = 1; tally.heldGain = 3
        tally.grown = 2; tally.shrunk = 1; tally.largest = 16
        tally.sharedKept = 5; tally.sharedGain = 9; tally.sharedRefused = 2
        statistics.groupReplans = tally
        let data = try JSONEncoder().encode(statistics)
        let back = try JSONDecoder().decode(SolverStatistics.self, from: data)
        #expect(back.groupReplans == tally && back.moves == statistics.moves)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.removeValue(forKey: "groupReplans") != nil)
        let older = try JSONDecoder().decode(SolverStatistics.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.groupReplans == nil && older.moves == statistics.moves)
        // A tally written before the window counts, the group sizes and the shared counts existed decodes with them at 0.
        var counts = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(tally)) as? [String: Any])
        for key in ["windowRuns", "windowComplete", "windowKept", "windowGain", "heldRuns", "heldComplete", "heldKept", "heldGain", "grown", "shrunk", "largest",
                    "sharedKept", "sharedGain", "sharedRefused"] { #expect(counts.removeValue(forKey: key) != nil, "\(key)") }
        let olderTally = try JSONDecoder().decode(GroupReplanTally.self, from: try JSONSerialization.data(withJSONObject: counts))
        var expected = tally
        expected.windowRuns = 0; expected.windowComplete = 0; expected.windowKept = 0; expected.windowGain = 0
        expected.heldRuns = 0; expected.heldComplete = 0; expected.heldKept = 0; expected.heldGain = 0
        expected.grown = 0; expected.shrunk = 0; expected.largest = 0
        expected.sharedKept = 0; expected.sharedGain = 0; expected.sharedRefused = 0
        #expect(olderTally == expected)
    }

    @Test("a minimal hand-written problem decodes with defaults")
    func minimal() throws {
        let json = """
        {"format": "surge.problem", "version": 1, "problem": {
          "horizonStart": "2026-03-23T00:00:00+01:00", "horizonEnd": "2026-03-30T00:00:00+02:00",
          "ruleProfiles": [{"id": "normal", "minRestMinutes": 660}],
          "people": [{"id": "ann", "homeDepartment": "Sozialamt", "ruleProfile": "normal"}],
          "demands": [{"id": "d1", "task": "Hotline", "start": "2026-03-23T08:00:00+01:00", "end": "2026-03-23T16:00:00+01:00",
                       "headcount": {"minimum": 1, "target": 1}}]
        }}
        """
        let problem = try Interchange.decodeProblem(Data(json.utf8))
        #expect(problem.timeZone == "Europe/Berlin" && problem.people[0].contractMinutesPerWeek == 2340 && problem.demands[0].priority == 3)
        let plan = try Solver.solve(problem, options: SolverOptions(moveBudget: 100)).plan
        #expect(plan.assignments == [Assignment(person: "ann", demand: "d1")])
    }

    @Test("errors name the field", arguments: [
        (#"{"format":"surge.problem","version":1,"problem":{"horizonStart":"2026-03-23T00:00:00Z","horizonEnd":"2026-03-24T00:00:00Z","ruleProfiles":[],"demands":[],"people":[{"id":"a","ruleProfile":"x"}]}}"#, "problem.people[0].homeDepartment"),
        (#"{"format":"surge.problem","version":1,"problem":{"horizonStart":"yesterday"}}"#, "problem.horizonStart"),
        (#"{"format":"surge.plan","version":1}"#, "format"),
        ("not json", "(document)"),
    ])
    func errorsNameField(json: String, field: String) {
        do {
            _ = try Interchange.decodeProblem(Data(json.utf8))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix(field), "\(error)")
        }
    }
}
