import Testing
@testable import SurgeCore

/// The polish at the end of a run (transfer re-plans from the best plan, kept only when they cost
/// nothing more): it never loses the best plan, and it spends the part of the budget it is given.
struct PolishTests {
    @Test("polishing the second half of a budget never ends worse than stopping at the first half; the plan rescores and re-audits as reported",
          arguments: 0..<6)
    func polishKeepsTheBest(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 4100, people: 10, days: 21)
        let cp = try CompiledProblem(problem)
        func solve(budget: Int, polishShare: Double) -> (LocalSearch, IncrementalScore) {
            var options = SolverOptions(seed: UInt64(seed), moveBudget: budget)
            options.polishShare = polishShare
            options.polishMaxCells = 210
            return constructedSearch(cp, seed: seed, options: options)
        }
        // The same main phase (half of 8000 moves) with and without the polish after it.
        let (plain, _) = solve(budget: 4000, polishShare: 0)
        let (polished, s) = solve(budget: 8000, polishShare: 0.5)
        #expect(polished.best <= plain.best, "seed \(seed)")
        #expect(polished.moves >= plain.moves && polished.moves <= 8000, "seed \(seed)")
        try expectSearchedPlanConsistent(s, best: polished.best, problem: problem, "seed \(seed)")
    }

    @Test("a problem larger than the polish limit runs its whole budget as the main phase, exactly as without the polish",
          arguments: 0..<3)
    func largerProblemsAreNotPolished(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 4200, people: 10, days: 21)
        let cp = try CompiledProblem(problem)
        func solve(polishShare: Double, maxCells: Int) -> (best: Score, moves: Int, cells: [Int32]) {
            var options = SolverOptions(seed: UInt64(seed), moveBudget: 6000)
            options.polishShare = polishShare
            options.polishMaxCells = maxCells
            let (search, s) = constructedSearch(cp, seed: seed, options: options)
            return (search.best, search.moves, planCells(s))
        }
        let plain = solve(polishShare: 0, maxCells: 209)
        let gated = solve(polishShare: 0.5, maxCells: 209)
        let polished = solve(polishShare: 0.5, maxCells: 210)
        #expect(gated.best == plain.best && gated.moves == plain.moves && gated.cells == plain.cells, "seed \(seed)")
        // At the limit the polish runs: its main phase stops at half the budget.
        #expect(polished.moves != plain.moves || polished.cells != plain.cells, "seed \(seed)")
    }
}
