/// Says why a position stayed unfilled: for every person, the first reason they could not take it
/// (already working that day, or the hard rule the assignment would break); people without the
/// competence or absent are only counted, since there are thousands of them.
enum Explainer {
    /// At most this many candidates are listed by name; the counts cover everyone.
    static let listed = 25

    static func explain(demand j: Int, in s: IncrementalScore) -> UnfilledPosition {
        let cp = s.cp
        let d = Int(cp.demandDay[j])
        let demand = cp.problem.demands[j]
        var counts: [String: Int] = [:]
        var listedCandidates: [CandidateExclusion] = []
        var capped = 0
        for p in 0..<s.P where cp.qualified.get(j, p) && !cp.eligible.get(j, p) { capped += 1 }
        let ineligible = s.P - cp.candidateCount(j) - capped
        if ineligible > 0 { counts["not eligible (competence, absence or availability)"] = ineligible }
        if capped > 0 { counts["rule profile allows no shift of this kind"] = capped }
        for c in Int(cp.candidateStart[j])..<Int(cp.candidateStart[j + 1]) {
            let p = Int(cp.candidates[c])
            let reason: String
            var rule: RuleKind? = nil
            let cur = s.cell(p, d)
            if cur == Int32(j) { continue }
            if cp.pinnedCell[p * s.D + d] {
                reason = "pinned to another shift that day"
            } else if cur >= 0 {
                reason = "works another shift that day"
            } else {
                s.set(p, d, Int32(j))
                let delta = s.evaluate()
                var broken: RuleKind? = nil
                if delta.hard > 0 {
                    // Compare per-rule values with and without the assignment.
                    let after = (0..<RuleKind.count).map { s.evaluator.rules[$0] }
                    s.rollback()
                    _ = s.evaluator.evaluate(p, s.grid + p * s.D)
                    for k in 0..<RuleKind.count where RuleKind(rawValue: k)!.level == .hard && after[k] > s.evaluator.rules[k] {
                        broken = RuleKind(rawValue: k); break
                    }
                    if broken == nil { broken = Int(s.headcount[j]) >= Int(cp.demandMax[j]) ? .maxHeadcount : .releaseQuotaPersons }
                } else {
                    s.rollback()
                }
                if let b = broken { reason = b.description; rule = b } else { reason = "could take it (not chosen: lower score)" }
            }
            counts[reason, default: 0] += 1
            if listedCandidates.count < listed {
                listedCandidates.append(CandidateExclusion(person: cp.problem.people[p].id, reason: reason, rule: rule))
            }
        }
        return UnfilledPosition(demand: demand.id, assigned: Int(s.headcount[j]), minimum: Int(cp.demandMin[j]),
                                target: Int(cp.demandTarget[j]), reasonCounts: counts, candidates: listedCandidates)
    }
}
