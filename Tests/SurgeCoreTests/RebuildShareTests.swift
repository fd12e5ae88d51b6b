import Testing
@testable import SurgeCore

/// Which rebuild share a search uses: `windowedRebuildShare` on horizons that rebuild windows of
/// weeks, `rebuildShare` on the rest. Runs with a move budget are reproducible, so equal shares
/// must give the same search, move for move, and a larger share more rebuild turns.
struct RebuildShareTests {
    private func search(seed: Int, windowDays: Int, share: Double, windowedShare: Double) throws -> (moves: Int, rebuilds: Int, cells: [Int32]) {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 4300, people: 10, days: 21)
        let cp = try CompiledProblem(problem)
        var options = SolverOptions(seed: UInt64(seed), moveBudget: 6000)
        options.rebuildWindowDays = windowDays
        options.rebuildShare = share
        options.windowedRebuildShare = windowedShare
        options.polishShare = 0
        // The repair share would rule while the plan breaks hard rules; take it out of the way.
        options.repairRebuildShare = 0
        let (search, s) = constructedSearch(cp, seed: seed, options: options)
        return (search.moves, search.rebuilds, planCells(s))
    }

    @Test("21 days with 7-day windows take the windowed share; whole-row horizons take the ordinary one", arguments: 0..<3)
    func shareFollowsTheHorizon(seed: Int) throws {
        // 21 days > 2 × 7: windows. Only the windowed share matters.
        let windowed = try search(seed: seed, windowDays: 7, share: 0.4, windowedShare: 0.01)
        let sameWindowed = try search(seed: seed, windowDays: 7, share: 0.01, windowedShare: 0.01)
        let otherWindowed = try search(seed: seed, windowDays: 7, share: 0.4, windowedShare: 0.4)
        #expect(windowed.cells == sameWindowed.cells && windowed.moves == sameWindowed.moves, "seed \(seed)")
        // A larger share means more rebuild turns within the same budget.
        #expect(windowed.rebuilds < otherWindowed.rebuilds, "seed \(seed)")
        // 21 days ≤ 2 × 14: whole rows. Only the ordinary share matters.
        let whole = try search(seed: seed, windowDays: 14, share: 0.4, windowedShare: 0.01)
        let sameWhole = try search(seed: seed, windowDays: 14, share: 0.4, windowedShare: 0.4)
        let otherWhole = try search(seed: seed, windowDays: 14, share: 0.01, windowedShare: 0.01)
        #expect(whole.cells == sameWhole.cells && whole.moves == sameWhole.moves, "seed \(seed)")
        #expect(whole.rebuilds > otherWhole.rebuilds, "seed \(seed)")
    }
}
