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
            let s = IncrementalScore(cp)
            var rng = SplitMix64(seed: UInt64(seed))
            var options = SolverOptions(seed: UInt64(seed), moveBudget: budget)
            options.polishShare = polishShare
            Construction().run(s, rng: &rng, hardWeight: options.effectiveHardWeight(cp.weights), coverageWeight: options.coverageWeight)
            let search = LocalSearch(s, rng: rng, options: options, thread: 0, startTime: nil)
            search.run()
            return (search, s)
        }
        // The same main phase (half of 8000 moves) with and without the polish after it.
        let (plain, _) = solve(budget: 4000, polishShare: 0)
        let (polished, s) = solve(budget: 8000, polishShare: 0.5)
        #expect(polished.best <= plain.best, "seed \(seed)")
        #expect(polished.moves >= plain.moves && polished.moves <= 8000, "seed \(seed)")
        try expectSearchedPlanConsistent(s, best: polished.best, problem: problem, "seed \(seed)")
    }
}
