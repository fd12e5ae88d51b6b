import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench repair`: a 3-day sick call in a published 28-day city plan.
struct BenchRepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repair", abstract: "Benchmark replanning after a sick call.")

    @Option(help: "Staff.") var staff: Int = 5000
    @Option(help: "Crisis tasks.") var tasks: Int = 60
    @Option(help: "Days.") var days: Int = 28
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Seconds to solve the plan that gets published.") var time: Double = 5
    @Option(name: .customLong("sick-day"), help: "Day (0-based) the sick call starts.") var sickDay: Int = 10

    func run() async throws {
        let problem = CityGenerator(staff: staff, tasks: tasks, days: days, seed: seed).generate()
        let published = try Solver.solve(problem, options: SolverOptions(seed: seed, timeLimit: time, clock: benchClock, threads: 2)).plan
        // The person with the most shifts in the three sick days (ties: first in the register).
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: problem.timeZone)!
        let from = cal.date(byAdding: .day, value: sickDay, to: problem.horizonStart)!
        let until = cal.date(byAdding: .day, value: 3, to: from)!
        let start = Dictionary(uniqueKeysWithValues: problem.demands.map { ($0.id, $0.start) })
        var count: [String: Int] = [:]
        for a in published.assignments where start[a.demand]! >= from && start[a.demand]! < until { count[a.person, default: 0] += 1 }
        guard let sick = problem.people.map(\.id).max(by: { (count[$0] ?? 0) < (count[$1] ?? 0) }), (count[sick] ?? 0) > 0 else {
            throw ValidationError("nobody works in the sick period")
        }
        let tc = benchClock()
        _ = try CompiledProblem(problem)
        let compileSeconds = benchClock() - tc
        let t0 = benchClock()
        let result = try Replanner.repair(problem: problem, published: published.assignments,
                                          events: [.unavailable(person: sick, from: from, until: until)], now: from,
                                          options: SolverOptions(seed: seed, moveBudget: 200_000, timeLimit: 1, clock: benchClock))
        let seconds = benchClock() - t0
        print("published: \(published.score), \(published.assignments.count) assignments")
        print("sick: \(sick) from day \(sickDay) for 3 days, \(result.affectedPositions) affected positions")
        let allowed = result.affectedPositions + result.affectedPositions / 10
        print(String(format: "repair: %.3f s, %d changed positions (%d assignments removed, %d added), bar: at most %d", seconds,
                     result.changedPositions, result.removed.count, result.added.count, allowed))
        print("repaired: \(result.plan.score), hard breaks \(result.plan.hardBreaks.count)")
        print(String(format: "of which compiling the problem (measured separately): %.3f s", compileSeconds))
    }
}
