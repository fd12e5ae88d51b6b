import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench city`: time to the first plan without hard break, single-thread move evaluations
/// per second, and peak memory on a generated city.
struct BenchCityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "city", abstract: "Benchmark a generated city problem.")

    @Option(help: "Staff.") var staff: Int = 5000
    @Option(help: "Crisis tasks.") var tasks: Int = 60
    @Option(help: "Days.") var days: Int = 28
    @Option(help: "Generator and solver seed.") var seed: UInt64 = 1
    @Option(help: "Moves for the evaluation-rate measurement (single thread).") var moves: Int = 3_000_000

    func run() async throws {
        let problem = CityGenerator(staff: staff, tasks: tasks, days: days, seed: seed).generate()
        let positions = problem.demands.reduce(0) { $0 + $1.headcount.target }
        print("city: \(staff) staff, \(tasks) tasks, \(days) days, \(problem.demands.count) shift demands, \(positions) positions (target)")

        // First legal plan: compile + construction + search until the first plan without hard break.
        let t0 = benchClock()
        let first = try Solver.solve(problem, options: SolverOptions(seed: seed, timeLimit: 60, clock: benchClock, threads: 1,
                                                                     target: Score(hard: 0, coverage: Int.max, soft: Int.max)))
        let firstSeconds = benchClock() - t0
        print("first plan: \(first.plan.score) after \(formatSeconds(firstSeconds)) s (construction \(first.statistics.constructionScore), legal \(first.plan.isLegal))")

        // Evaluation rate: a fixed move budget on one thread, timed by wall clock and by the
        // thread's CPU clock (the latter is what the bar means when other builds share the cores).
        let t1 = benchClock()
        let run = try Solver.solve(problem, options: SolverOptions(seed: seed, moveBudget: moves, clock: benchClock, threads: 1))
        let total = benchClock() - t1
        let search = run.statistics.searchSeconds ?? total
        print("search: \(run.statistics.moves) move evaluations in \(formatSeconds(search)) s of local search (\(formatSeconds(total)) s with compile + construction)")
        print(String(format: "move evaluations per second (1 thread, wall clock): %.0f", Double(run.statistics.moves) / max(1e-9, search)))
        let cpuRun = try Solver.solve(problem, options: SolverOptions(seed: seed, moveBudget: moves, clock: threadCPUClock, threads: 1))
        let cpu = cpuRun.statistics.searchSeconds ?? 0
        print(String(format: "move evaluations per second (1 thread, CPU time): %.0f  (%.2f CPU s)", Double(cpuRun.statistics.moves) / max(1e-9, cpu), cpu))
        print("final: \(run.plan.score), hard breaks \(run.plan.hardBreaks.count), unfilled positions \(run.plan.unfilled.count)")
        print(String(format: "peak memory: %.1f MiB", Double(peakMemoryBytes()) / 1_048_576))
    }
}
