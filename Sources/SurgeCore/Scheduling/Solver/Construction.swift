/// Greedy construction: pinned assignments first, then demands in order of priority and
/// scarcity, filling to the minimum everywhere before filling to target. Each slot takes the best
/// of the first few legal candidates from a seeded rotating start, which keeps it fast on
/// thousands of people and spreads load instead of always picking the same person.
struct Construction {
    var candidatesPerSlot = 6
    var scanLimit = 400

    /// A construction weighted as the search with `options` weighs hard breaks and coverage.
    func run(_ s: IncrementalScore, rng: inout SplitMix64, options: SolverOptions) {
        run(s, rng: &rng, hardWeight: options.effectiveHardWeight(s.cp.weights), coverageWeight: options.coverageWeight)
    }

    func run(_ s: IncrementalScore, rng: inout SplitMix64, hardWeight: Int, coverageWeight: Int) {
        let cp = s.cp
        for (p, j) in cp.pinnedAssignments {
            s.set(Int(p), Int(cp.demandDay[Int(j)]), j)
            s.commit(s.evaluate())
        }
        let order = (0..<cp.demandCount).sorted { a, b in
            let pa = cp.demandPriorityWeight[a], pb = cp.demandPriorityWeight[b]
            if pa != pb { return pa > pb }
            let ca = cp.candidateCount(a), cb = cp.candidateCount(b)
            if ca != cb { return ca < cb }
            return a < b
        }
        for j in order {
            // Competence mixes first: holders are rare, a random scan would seldom pick one.
            for m in Int(cp.mixStart[j])..<Int(cp.mixStart[j + 1]) {
                while s.mixCount[m] < cp.mixNeed[m] && s.headcount[j] < cp.demandMax[j] {
                    if !fillOne(j, s, &rng, hardWeight, coverageWeight, holderOf: m) { break }
                }
            }
        }
        for phase in 0..<2 {
            for j in order {
                let want = Int(phase == 0 ? cp.demandMin[j] : cp.demandTarget[j])
                var n = Int(s.headcount[j])
                while n < want {
                    if !fillOne(j, s, &rng, hardWeight, coverageWeight) { break }
                    n += 1
                }
            }
        }
    }

    /// Fills the given demands up to `upTo[i]` (repair after an event), leaving others alone. Takes
    /// the best legal candidate even if soft terms (disruption, fairness) get worse: a position
    /// the published plan had filled should stay filled.
    func fill(_ demands: [Int], upTo: [Int], _ s: IncrementalScore, rng: inout SplitMix64, hardWeight: Int, coverageWeight: Int) {
        for (i, j) in demands.enumerated() {
            for m in Int(s.cp.mixStart[j])..<Int(s.cp.mixStart[j + 1]) {
                while s.mixCount[m] < s.cp.mixNeed[m] && Int(s.headcount[j]) < upTo[i] {
                    if !fillOne(j, s, &rng, hardWeight, coverageWeight, holderOf: m, requireImprovement: false) { break }
                }
            }
            while Int(s.headcount[j]) < upTo[i] {
                if !fillOne(j, s, &rng, hardWeight, coverageWeight, requireImprovement: false) { break }
            }
        }
    }

    private func fillOne(_ j: Int, _ s: IncrementalScore, _ rng: inout SplitMix64, _ hardWeight: Int, _ coverageWeight: Int, holderOf mix: Int = -1,
                         requireImprovement: Bool = true) -> Bool {
        let cp = s.cp
        let c0 = Int(cp.candidateStart[j]), count = cp.candidateCount(j)
        if count == 0 { return false }
        let d = Int(cp.demandDay[j])
        let start = rng.below(count)
        var best = -1, bestValue = Int.max, found = 0
        var i = 0
        let limit = mix >= 0 ? count : scanLimit
        while i < count && i < limit && found < candidatesPerSlot {
            let p = Int(cp.candidates[c0 + (start + i) % count])
            i += 1
            if s.cell(p, d) != -1 || cp.pinnedCell[p * s.D + d] { continue }
            if mix >= 0 && !cp.mixHolders.get(mix, p) { continue }
            s.set(p, d, Int32(j))
            let delta = s.evaluate()
            s.rollback()
            if delta.hard > 0 { continue }
            found += 1
            let value = delta.weighted * hardWeight + delta.coverage * coverageWeight + delta.soft
            if value < bestValue { bestValue = value; best = p }
        }
        guard best >= 0, bestValue < 0 || !requireImprovement else { return false }
        s.set(best, d, Int32(j))
        s.commit(s.evaluate())
        return true
    }
}
