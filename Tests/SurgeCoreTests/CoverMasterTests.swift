import Testing
@testable import SurgeCore

/// Column generation over the cover: its bound is never above the optimum of all rosters of tiny
/// instances (enumerated and scored by the independent Curtois checker), and it is at least the
/// subgradient bound, which uses the same relaxation.
struct CoverMasterTests {
    @Test("on tiny instances the bound never exceeds the enumerated optimum and meets the master's value", arguments: 0..<8)
    func boundIsBelowEnumeratedOptimum(seed: Int) throws {
        let (instance, optimum) = try LagrangianBoundTests.tinyInstance(seed: seed)
        let problem = CurtoisModel(instance).problem
        let master = try #require(try Solver.coverMaster(problem, rounds: 200))
        #expect(master.bound <= Double(optimum) + 1e-6, "seed \(seed): bound \(master.bound) above the optimum \(optimum)")
        // Converged: the master's value is the linear-programming bound, so below the optimum too.
        #expect(master.bound >= master.masterValue - 1e-3, "seed \(seed): bound \(master.bound), master \(master.masterValue)")
        #expect(master.masterValue <= Double(optimum) + 1e-6, "seed \(seed)")
        let subgradient = try #require(try Solver.coverBound(problem, steps: 300, upperBound: optimum))
        #expect(master.bound >= subgradient.value - 0.05, "seed \(seed): master \(master.bound) below the subgradient's \(subgradient.value)")
    }

    @Test("on larger instances the bound stays below the solver's legal plans", arguments: 0..<3)
    func boundIsBelowSolverPlans(seed: Int) throws {
        let (model, check) = try LagrangianBoundTests.solvedInstance(seed: seed)
        let master = try #require(try Solver.coverMaster(model.problem, rounds: 300))
        #expect(master.bound <= Double(check.objective) + 1e-6, "seed \(seed): bound \(master.bound), plan \(check.objective)")
        #expect(master.bound > 0, "seed \(seed)")
        // The rounds end when the bound meets the master's value: the linear bound is reached.
        #expect(master.bound >= master.masterValue - 1e-3, "seed \(seed): bound \(master.bound), master \(master.masterValue)")
    }

    @Test("the cover held by slacks gives the same linear bound as headcount columns", arguments: 0..<3)
    func slackCoverMatchesHeadcountColumns(seed: Int) throws {
        let (model, check) = try LagrangianBoundTests.solvedInstance(seed: seed)
        let cp = try CompiledProblem(model.problem)
        let slack = try #require(CoverMaster(IncrementalScore(cp)))
        let headcount = try #require(CoverMaster(IncrementalScore(cp), allowsSlackCover: false))
        // Curtois cover is linear on each side of the target, so the default takes the slack form.
        #expect(slack.slackCover && !headcount.slackCover)
        #expect(slack.lp.m < headcount.lp.m, "seed \(seed): \(slack.lp.m) rows against \(headcount.lp.m)")
        let a = try #require(slack.run(rounds: 300)), b = try #require(headcount.run(rounds: 300))
        // Both converged (bound meets value), so both values are the linear-programming bound.
        #expect(a.bound >= a.masterValue - 1e-3 && b.bound >= b.masterValue - 1e-3, "seed \(seed): \(a) / \(b)")
        #expect(abs(a.masterValue - b.masterValue) < 1e-3, "seed \(seed): slack \(a.masterValue), headcount \(b.masterValue)")
        #expect(a.masterValue <= Double(check.objective) + 1e-6, "seed \(seed)")
    }

    @Test("smoothed prices reach the same linear bound as the master's duals alone", arguments: 0..<3)
    func smoothingReachesTheSameBound(seed: Int) throws {
        let (model, _) = try LagrangianBoundTests.solvedInstance(seed: seed)
        let cp = try CompiledProblem(model.problem)
        let plain = try #require(CoverMaster(IncrementalScore(cp)))
        plain.smoothing = 0
        let smoothed = try #require(CoverMaster(IncrementalScore(cp)))
        smoothed.smoothing = 0.8
        let a = try #require(plain.run(rounds: 300)), b = try #require(smoothed.run(rounds: 300))
        // A smoothed round that finds nothing must fall back to the duals, or it stops above the
        // linear bound; converged, both bounds meet their master's value.
        #expect(abs(a.masterValue - b.masterValue) < 1e-3, "seed \(seed): plain \(a.masterValue), smoothed \(b.masterValue)")
        #expect(b.bound >= b.masterValue - 1e-3, "seed \(seed): bound \(b.bound), master \(b.masterValue)")
    }

    @Test("a master started from subgradient rows reaches the same linear bound", arguments: 0..<3)
    func warmStartReachesTheSameBound(seed: Int) throws {
        let (model, check) = try LagrangianBoundTests.solvedInstance(seed: seed)
        let cold = try #require(try Solver.coverMaster(model.problem, rounds: 300))
        let warm = try #require(try Solver.coverMaster(model.problem, rounds: 300, warmSteps: 50, upperBound: check.objective))
        // The perturbed right-hand sides move the master's value by far less than 1e-3 here.
        #expect(abs(cold.masterValue - warm.masterValue) < 1e-3, "seed \(seed): cold \(cold.masterValue), warm \(warm.masterValue)")
        #expect(warm.bound >= warm.masterValue - 1e-3 && warm.bound <= Double(check.objective) + 1e-6, "seed \(seed): \(warm)")
        // The steps' rows are columns already: the rounds have less to find.
        #expect(warm.rounds <= cold.rounds, "seed \(seed): warm \(warm.rounds) rounds, cold \(cold.rounds)")
    }
}
