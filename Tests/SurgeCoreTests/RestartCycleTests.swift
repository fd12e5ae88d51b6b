import Testing
@testable import SurgeCore

/// Annealing cycles: the best plan of all cycles survives the restarts (from the starting plan, from
/// new constructions, or the last from the best), the cycle count follows the budget when the
/// options leave it open, and the portfolio gives every second thread exploring options.
struct RestartCycleTests {
    /// How a cycle restarts: from the starting plan, from a new construction, or (last cycle) from the best.
    enum RestartMode: CaseIterable { case startingPlan, freshConstruction, lastFromBest }

    @Test("with several cycles the returned plan is the best seen, rescored from scratch and re-audited",
          arguments: 0..<6, RestartMode.allCases)
    func bestSurvivesRestarts(seed: Int, mode: RestartMode) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 900)
        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        var rng = SplitMix64(seed: UInt64(seed))
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 6000)
        options.restartCycles = 3
        options.lastCycleFromBest = mode == .lastFromBest
        Construction().run(s, rng: &rng, hardWeight: options.effectiveHardWeight(cp.weights), coverageWeight: options.coverageWeight)
        let search = LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil, freshRestarts: mode != .startingPlan)
        search.run()
        #expect(search.cycles == 3)
        let kept = s.score
        #expect(kept == search.best, "seed \(seed)")
        s.recomputeAll()
        #expect(s.score == kept, "seed \(seed): the restored plan must score as the best seen")
        let plan = PlanReport.build(s)
        let audited = try PlanAuditor.audit(problem, assignments: plan.assignments)
        #expect(plan.score.hard == audited.values.reduce(0, +), "seed \(seed)")
    }

    @Test("left open, the cycle count gives each cycle the moves per cell it needs, at most 8")
    func cyclesFromBudget() throws {
        let problem = RandomProblems.make(seed: 7, people: 8, days: 14)
        let cp = try CompiledProblem(problem)
        let cells = cp.personCount * cp.dayCount
        for (perCell, expected) in [(1, 8), (100_000 / (3 * cells), 3), (1_000_000, 1)] {
            let s = IncrementalScore(cp)
            var options = SolverOptions(seed: 3, moveBudget: 100_000)
            options.restartCycles = nil
            options.restartMovesPerCell = perCell
            options.polishShare = 0 // the whole budget goes to the cycles
            let search = LocalSearch(s, rng: SplitMix64(seed: 3), options: options, thread: 0, startTime: nil)
            search.run()
            #expect(search.cycles == expected, "\(perCell) moves per cell")
            #expect(search.moves == 100_000)
        }
    }

    @Test("with the portfolio every second thread chooses its cycles from the budget; the others keep the options'")
    func portfolioThreads() {
        var options = SolverOptions(seed: 1, moveBudget: 1000, threads: 4)
        options.restartCycles = 1
        let cycles = (0..<4).map { Solver.threadOptions(options, thread: $0, threads: 4).restartCycles }
        #expect(cycles == [1, nil, 1, nil])
        let ends = (0..<4).map { Solver.threadOptions(options, thread: $0, threads: 4).endTemperature }
        #expect(ends == [options.endTemperature, options.endTemperature * options.explorerEndTemperatureFactor,
                         options.endTemperature, options.endTemperature * options.explorerEndTemperatureFactor])
        #expect(Solver.threadOptions(options, thread: 0, threads: 1).restartCycles == 1)
        options.portfolio = false
        #expect((0..<4).map { Solver.threadOptions(options, thread: $0, threads: 4).restartCycles } == [1, 1, 1, 1])
        #expect((0..<4).allSatisfy { Solver.threadOptions(options, thread: $0, threads: 4).endTemperature == options.endTemperature })
    }
}
