import ArgumentParser
import Foundation
import SurgeCore

/// `surge solve --input problem.json --time 30 --seed 1 --output plan.json`
struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve", abstract: "Solve a scheduling problem (JSON interchange format).")

    @Option(help: "Problem file (surge.problem JSON).") var input: String
    @Option(help: "Time limit in seconds.") var time: Double = 30
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Move budget per thread (deterministic stop).") var moves: Int?
    @Option(help: "Parallel searches (best plan wins).") var threads: Int = 2
    @Option(help: "Plan file to write (surge.plan JSON); stdout when omitted.") var output: String?

    func validate() throws {
        guard time > 0 else { throw ValidationError("--time must be positive") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let problem = try CommandIO.readProblem(input)
        let options = SolverOptions(seed: seed, moveBudget: moves, timeLimit: time, clock: benchClock, threads: threads,
                                    progress: { p in
                                        CommandIO.progressLine(String(format: "[%6.1fs] thread %d  best %@  moves %d", p.elapsed ?? 0, p.thread, p.best.description, p.moves))
                                    })
        let result: SolveResult
        do { result = try Solver.solve(problem, options: options) } catch let e as ProblemError {
            throw ValidationError("\(input): \(e)")
        }
        if CommandIO.stderrIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        let plan = result.plan
        FileHandle.standardError.write(Data("score \(plan.score), \(plan.assignments.count) assignments, \(plan.hardBreaks.count) hard breaks, \(plan.unfilled.count) positions below target\n".utf8))
        try CommandIO.write(try Interchange.encode(plan: plan, statistics: result.statistics), to: output)
    }
}
