extension CompiledProblem {
    /// The previous plan as a person-major grid to start a search from: assignments that became
    /// impossible (the person is no longer eligible: sick, lacks a competence) are dropped, pins are
    /// laid over it. nil when the problem has no previous plan.
    func previousStartingGrid() -> [Int32]? {
        guard let previous = previousGrid else { return nil }
        let D = dayCount
        var grid = [Int32](repeating: -1, count: personCount * D)
        for cell in 0..<previous.count where previous[cell] >= 0 {
            let p = cell / D, j = Int(previous[cell])
            if eligible.get(j, p) || pinnedCell[cell] { grid[cell] = previous[cell] }
        }
        for (p, j) in pinnedAssignments { grid[Int(p) * D + Int(demandDay[Int(j)])] = j }
        return grid
    }
}
