import Foundation
import Testing
@testable import SurgeCore

/// Curtois & Qu format, mapping and independent checker on an inline instance (tests must not
/// depend on the benchmark files, which a clone of the repository does not have).
struct CurtoisTests {
    // CRLF line endings as in the original files.
    static let text = """
    # a comment
    SECTION_HORIZON
    7

    SECTION_SHIFTS
    # ShiftID, Length in mins, Shifts which cannot follow this shift | separated
    D,480,
    N,600,D

    SECTION_STAFF
    A,D=7|N=1,3000,960,3,2,2,1
    B,D=5|N=0,2400,480,5,1,1,1

    SECTION_DAYS_OFF
    A,3
    B,0

    SECTION_SHIFT_ON_REQUESTS
    A,0,D,2
    B,6,D,1

    SECTION_SHIFT_OFF_REQUESTS
    A,1,D,3

    SECTION_COVER
    0,D,1,100,1
    0,N,0,100,1
    1,D,1,100,1
    1,N,0,100,1
    2,D,1,100,1
    2,N,1,100,1
    3,D,1,100,1
    3,N,0,100,1
    4,D,1,100,1
    4,N,0,100,1
    5,D,1,100,1
    5,N,0,100,1
    6,D,1,100,1
    6,N,0,100,1
    """.replacingOccurrences(of: "\n", with: "\r\n")

    static func roster(_ rows: [String]) -> [[String?]] {
        rows.map { $0.map { $0 == "." ? nil : String($0) } }
    }

    @Test func parsesEverySection() throws {
        let inst = try CurtoisParser.parse(Self.text)
        #expect(inst.horizon == 7)
        #expect(inst.shifts.map(\.id) == ["D", "N"])
        #expect(inst.shifts[1].forbiddenNext == ["D"] && inst.shifts[0].forbiddenNext.isEmpty)
        #expect(inst.employees.count == 2)
        let a = inst.employees[0]
        #expect(a.maxShifts == ["D": 7, "N": 1])
        #expect((a.maxTotalMinutes, a.minTotalMinutes, a.maxConsecutiveShifts, a.minConsecutiveShifts, a.minConsecutiveDaysOff, a.maxWeekends) == (3000, 960, 3, 2, 2, 1))
        #expect(inst.daysOff == ["A": [3], "B": [0]])
        #expect(inst.onRequests.count == 2 && inst.offRequests.count == 1)
        #expect(inst.cover.count == 14 && inst.cover[5].requirement == 1 && inst.cover[5].shift == "N")
    }

    @Test func rejectsBrokenInput() {
        #expect(throws: CurtoisParser.ParseError.self) { try CurtoisParser.parse("SECTION_HORIZON\nseven\n") }
        #expect(throws: CurtoisParser.ParseError.self) { try CurtoisParser.parse("SECTION_HORIZON\n7\nSECTION_COVER\n0,X,1,100,1\n") }
    }

    @Test("checker scores a hand-made roster like the hand computation")
    func checkerMatchesHand() throws {
        let inst = try CurtoisParser.parse(Self.text)
        // A: D D N . . D D   B: . D . D D . .
        // Feasible (see rules 1-9). Objective: on-request B day 6 not granted (1), off-request A day 1
        // broken (3), day 1 D has 2 for 1 (over 1), day 2 D has nobody (under 100) = 105.
        let eval = CurtoisChecker.evaluate(inst, roster: Self.roster(["DDN..DD", ".D.DD.."]))
        #expect(eval.violations == [])
        #expect(eval.onRequestPenalty == 1 && eval.offRequestPenalty == 3 && eval.underCover == 100 && eval.overCover == 1)
        #expect(eval.objective == 105)
    }

    @Test("checker finds each kind of hard break", arguments: [
        (["DDN..DD", "DD.DD.."], "B works on day off 0"), // B works on day off 0
        (["NDD..DD", ".D.DD.."], "followed by"),         // N then D
        (["DNN..DD", ".D.DD.."], "shifts N"),            // two N, max 1
        (["DDDD.DD", ".D.DD.."], "works on day off"),    // A works day off 3
        (["DD.D.DD", ".D.DD.."], "days off from"),       // A one day off between work, min 2
        ([".D..DD.", ".D.DD.."], "consecutive shifts from"), // A works a single interior day
        (["D......", ".D.DD.."], "minutes outside"),     // A below 960 minutes
    ])
    func checkerFindsBreaks(rows: [String], expected: String) throws {
        let inst = try CurtoisParser.parse(Self.text)
        let eval = CurtoisChecker.evaluate(inst, roster: Self.roster(rows))
        #expect(eval.violations.contains { $0.contains(expected) }, "\(eval.violations)")
    }

    @Test("core scorer and independent checker agree on random rosters", arguments: 0..<20)
    func coreAgreesWithChecker(seed: Int) throws {
        let inst = try CurtoisParser.parse(Self.text)
        let model = CurtoisModel(inst)
        let cp = try CompiledProblem(model.problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        var rows: [[String?]] = []
        for (e, _) in inst.employees.enumerated() {
            var row: [String?] = []
            for d in 0..<inst.horizon {
                let pick = rng.below(3)
                let shift: String? = pick == 0 ? nil : inst.shifts[pick - 1].id
                row.append(shift)
                if let shift { s.grid[e * cp.dayCount + d] = Int32(cp.demandIndex["\(d):\(shift)"]!) }
            }
            rows.append(row)
        }
        s.recomputeAll()
        let eval = CurtoisChecker.evaluate(inst, roster: rows)
        #expect(eval.objective == s.soft)
        #expect(eval.isFeasible == (s.hard == 0), "\(eval.violations)")
    }

    @Test("solver reaches a feasible roster whose score equals the checker's")
    func solverMatchesChecker() throws {
        let inst = try CurtoisParser.parse(Self.text)
        let model = CurtoisModel(inst)
        let result = try Solver.solve(model.problem, options: SolverOptions(seed: 3, moveBudget: 30_000))
        let roster = model.roster(of: result.plan)
        let eval = CurtoisChecker.evaluate(inst, roster: roster)
        #expect(eval.isFeasible, "\(eval.violations)")
        #expect(result.plan.isLegal)
        #expect(eval.objective == result.plan.score.soft)
        // The hand roster scores 105; the solver should do at least as well.
        #expect(eval.objective <= 105)
    }

    @Test func rosterWriterRoundTrip() throws {
        let grid = Self.roster(["DDN..DD", ".D.DD.."])
        let text = CurtoisRosterWriter.write(grid)
        #expect(text == "D\tD\tN\t\t\tD\tD\n\tD\t\tD\tD\t\t\n")
        #expect(CurtoisRosterWriter.read(text, days: 7) == grid)
    }

    @Test func bestKnownTable() {
        #expect(CurtoisBestKnown.upperBound.count == 24)
        #expect(CurtoisBestKnown.upperBound[1] == 607 && CurtoisBestKnown.upperBound[24] == 48777)
        #expect(CurtoisBestKnown.instanceNumber(fileName: "/x/Instance13.txt") == 13)
    }
}
