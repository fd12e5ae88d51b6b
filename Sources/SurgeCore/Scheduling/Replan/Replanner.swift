import Foundation

/// What a repair changed against the published plan.
public struct ReplanResult: Sendable {
    public var plan: Plan
    public var removed: [Assignment]
    public var added: [Assignment]
    /// Positions the events hit (assignments that became impossible plus new or raised demand).
    public var affectedPositions: Int
    public var changedAssignments: Int { removed.count + added.count }
    /// Positions whose occupant changed: per demand, the larger of removed and added.
    public var changedPositions: Int {
        var r: [String: Int] = [:], a: [String: Int] = [:]
        for x in removed { r[x.demand, default: 0] += 1 }
        for x in added { a[x.demand, default: 0] += 1 }
        return Set(r.keys).union(a.keys).reduce(0) { $0 + max(r[$1] ?? 0, a[$1] ?? 0) }
    }
}

/// Repairs a published plan after events while changing as few assignments as possible:
/// assignments that started before `now` and pinned ones never move; assignments the events
/// made impossible are removed; only the demands hit are refilled; a local search runs only if
/// the repaired plan still breaks a hard rule, and then with the disruption term switched on.
public enum Replanner {
    public static func repair(problem original: SchedulingProblem, published: [Assignment], events: [ReplanEvent], now: Date,
                              options: SolverOptions = .init()) throws -> ReplanResult {
        var problem = original
        var affectedDemandIds = Set<String>()
        var affected = 0
        let byId = Dictionary(uniqueKeysWithValues: problem.demands.enumerated().map { ($1.id, $0) })
        for e in events {
            switch e {
            case .unavailable(let person, let from, let until):
                guard let pi = problem.people.firstIndex(where: { $0.id == person }) else {
                    throw ProblemError(field: "event.person", "unknown person \"\(person)\"")
                }
                problem.people[pi].absences.append(TimeWindow(start: from, end: until))
                for a in published where a.person == person {
                    guard let j = byId[a.demand] else { continue }
                    let d = problem.demands[j]
                    if d.start < until && d.end > from && d.start >= now { affectedDemandIds.insert(d.id); affected += 1 }
                }
            case .demandAdded(let d):
                problem.demands.append(d)
                affectedDemandIds.insert(d.id); affected += d.headcount.target
            case .headcountChanged(let id, let hc):
                guard let j = byId[id] else { throw ProblemError(field: "event.demand", "unknown demand \"\(id)\"") }
                affected += max(0, hc.target - problem.demands[j].headcount.target)
                problem.demands[j].headcount = hc
                affectedDemandIds.insert(id)
            }
        }
        // The past is fixed: pin what already started.
        let demandStart = Dictionary(uniqueKeysWithValues: problem.demands.map { ($0.id, $0.start) })
        problem.pinned += published.filter { (demandStart[$0.demand] ?? now) < now }
        problem.previousPlan = published
        problem.weights.disruption = max(problem.weights.disruption, 1)

        let cp = try CompiledProblem(problem)
        let s = IncrementalScore(cp)
        // Start from the published plan (the previous plan here), minus what became impossible.
        if let grid = cp.previousStartingGrid() { grid.withUnsafeBufferPointer { s.load($0.baseAddress!) } }
        var rng = SplitMix64(seed: options.seed)
        let targets = affectedDemandIds.compactMap { cp.demandIndex[$0] }.sorted()
        var publishedCount: [String: Int] = [:]
        for a in published { publishedCount[a.demand, default: 0] += 1 }
        // Refill to what was published (at least the minimum), or to target for new/raised demand.
        let upTo = targets.map { j -> Int in
            let id = cp.problem.demands[j].id
            let raised = events.contains { if case .headcountChanged(let d, _) = $0 { return d == id }; if case .demandAdded(let d) = $0 { return d.id == id }; return false }
            return raised ? Int(cp.demandTarget[j]) : min(Int(cp.demandMax[j]), max(Int(cp.demandMin[j]), publishedCount[id] ?? 0))
        }
        Construction().fill(targets, upTo: upTo, s, rng: &rng, hardWeight: options.effectiveHardWeight(cp.weights), coverageWeight: options.coverageWeight)
        if s.hard > 0 {
            let search = LocalSearch(s, rng: rng, options: options, thread: 0, startTime: options.clock?())
            search.run()
        }
        let plan = PlanReport.build(s)
        let before = Set(published), after = Set(plan.assignments)
        return ReplanResult(plan: plan, removed: published.filter { !after.contains($0) }, added: plan.assignments.filter { !before.contains($0) },
                            affectedPositions: affected)
    }
}
