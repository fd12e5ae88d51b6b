import Foundation
import Testing
@testable import SurgeCore

/// The start from the linear master (`MasterStart`): its rounding is a legal plan whose value the
/// independent Curtois checker recomputes, it never beats the bound, and a run that starts from it
/// (or falls back) ends with a legal plan the checker agrees with.
struct MasterStartTests {
    private static func clock() -> Double { Date().timeIntervalSinceReferenceDate }

    @Test("the master's rounding over legal rows is a legal roster scored at or above the bound", arguments: 0..<3)
    func roundingIsLegal(seed: Int) throws {
        let (model, _) = try LagrangianBoundTests.solvedInstance(seed: seed)
        let cp = try CompiledProblem(model.problem)
        let master = try #require(CoverMaster(IncrementalScore(cp)))
        let converged = try #require(master.run(rounds: 300))
        let (grid, value) = master.legalRounding(reference: converged.masterValue, slack: 10)
        let legalValue = try #require(value, "seed \(seed): artificials left in the master over legal rows")
        // Fewer rows to choose from: never below the master over all of them.
        #expect(legalValue >= converged.masterValue - 1e-6, "seed \(seed): \(legalValue) below \(converged.masterValue)")
        let rows = try #require(grid, "seed \(seed): no rounding at a slack of 10")
        #expect(rows.count == cp.personCount * cp.dayCount)
        let s = IncrementalScore(cp)
        rows.withUnsafeBufferPointer { s.load($0.baseAddress!) }
        let plan = PlanReport.build(s)
        // Every rule of these instances is one person's, so rows that each keep them make a legal
        // roster; the checker scores it from scratch.
        let check = CurtoisChecker.evaluate(model.instance, roster: model.roster(of: plan))
        #expect(check.isFeasible, "seed \(seed): \(check.violations.prefix(3))")
        #expect(check.objective == plan.score.soft, "seed \(seed): checker \(check.objective), core \(plan.score)")
        #expect(Double(check.objective) >= converged.bound - 1e-6, "seed \(seed): plan \(check.objective) below the bound \(converged.bound)")
    }

    @Test("a master over legal rows further above the master than the slack allows gives no rounding")
    func slackRefusesLooseMasters() throws {
        let (model, _) = try LagrangianBoundTests.solvedInstance(seed: 0)
        let master = try #require(CoverMaster(IncrementalScore(try CompiledProblem(model.problem))))
        let converged = try #require(master.run(rounds: 300))
        // A negative slack asks for a value below the master's own, which no rounding meets.
        let (grid, value) = master.legalRounding(reference: converged.masterValue, slack: -0.5)
        #expect(grid == nil)
        #expect(value != nil)
    }

    @Test("the master start applies only to timed runs of two threads or more within the size and time bounds")
    func appliesOnlyWhereAskedFor() throws {
        let (model, _) = try LagrangianBoundTests.solvedInstance(seed: 0)
        let cp = try CompiledProblem(model.problem)
        var o = SolverOptions(seed: 1, timeLimit: 1, clock: { Self.clock() }, threads: 2)
        o.masterStartMinCells = 0
        o.masterStartMinSeconds = 1
        #expect(MasterStart.applies(cp, o, initial: nil))
        var short = o; short.timeLimit = 0.5
        #expect(!MasterStart.applies(cp, short, initial: nil))
        #expect(!MasterStart.applies(cp, o, initial: Array(repeating: -1, count: cp.personCount * cp.dayCount)))
        var budgeted = o; budgeted.moveBudget = 1000
        #expect(!MasterStart.applies(cp, budgeted, initial: nil))
        var alone = o; alone.threads = 1
        #expect(!MasterStart.applies(cp, alone, initial: nil))
        var small = o; small.masterStartMinCells = cp.personCount * cp.dayCount
        #expect(!MasterStart.applies(cp, small, initial: nil))
        var off = o; off.masterStart = false
        #expect(!MasterStart.applies(cp, off, initial: nil))
    }

    @Test("a run with a master start ends legal and the checker agrees, whether it starts from the rounding or not",
          arguments: [(0, 10.0), (1, 10.0), (2, -0.5)])
    func runEndsLegal(seed: Int, slack: Double) throws {
        let (model, _) = try LagrangianBoundTests.solvedInstance(seed: seed)
        var o = SolverOptions(seed: UInt64(seed), timeLimit: 1.5, clock: { Self.clock() }, threads: 2, hardWeight: 40, adaptiveHardWeight: true)
        o.masterStartMinCells = 0
        o.masterStartMinSeconds = 0
        o.masterStartSlack = slack
        let result = try Solver.solve(model.problem, options: o)
        let report = try #require(result.statistics.masterStart, "seed \(seed): no master start reported")
        // These masters converge in well under the half of the run they may take.
        #expect(report.used == (slack > 0), "seed \(seed): \(report)")
        if report.used, let legal = report.legalValue, let value = report.masterValue {
            #expect(legal <= value + slack * abs(value) + 1e-6, "seed \(seed): \(report)")
        }
        let check = CurtoisChecker.evaluate(model.instance, roster: model.roster(of: result.plan))
        #expect(check.isFeasible, "seed \(seed): \(check.violations.prefix(3))")
        #expect(check.objective == result.plan.score.soft, "seed \(seed): checker \(check.objective), core \(result.plan.score)")
        let bound = try #require(report.bound)
        #expect(Double(check.objective) >= bound - 1e-6, "seed \(seed)")
    }
}
