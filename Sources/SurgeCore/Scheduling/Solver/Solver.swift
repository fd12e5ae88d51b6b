import Foundation

/// Result of a solve: the plan (with score, breakdown, breaks, explanations and load) and statistics.
public struct SolveResult: Sendable {
    public var plan: Plan
    public var statistics: SolverStatistics
}

/// Entry point of the scheduling core: construction, then simulated annealing, on one or more
/// threads with derived seeds (a portfolio: see `threadOptions`). Never throws for an infeasible
/// problem: the plan then carries its hard breaks.
public enum Solver {
    public static func solve(_ problem: SchedulingProblem, options: SolverOptions = .init()) throws -> SolveResult {
        let cp = try CompiledProblem(problem)
        return solve(compiled: cp, options: options, initial: options.warmStartFromPreviousPlan ? cp.previousStartingGrid() : nil)
    }

    /// A lower bound on the soft objective of every legal plan of `problem` by Lagrangian relaxation
    /// of the cover (see `CoverBound`), from up to `steps` subgradient steps aimed at `upperBound`
    /// (a known plan's objective); nil where the relaxation is not valid for the problem.
    public static func coverBound(_ problem: SchedulingProblem, steps: Int, upperBound: Int, isCancelled: (() -> Bool)? = nil) throws -> CoverBound? {
        let cp = try CompiledProblem(problem)
        return LagrangianBound(IncrementalScore(cp)).compute(steps: steps, upperBound: upperBound, isCancelled: isCancelled)
    }

    /// Column generation over the cover (see `CoverMaster`): up to `rounds` rounds of the linear
    /// master and the row program, after `warmSteps` subgradient steps aimed at `upperBound` when
    /// both are given; nil where the relaxation is not valid for the problem.
    public static func coverMaster(_ problem: SchedulingProblem, rounds: Int, smoothing: Double = 0.5, warmSteps: Int = 0, upperBound: Int? = nil,
                                   isCancelled: (() -> Bool)? = nil) throws -> CoverMasterResult? {
        let cp = try CompiledProblem(problem)
        guard let master = CoverMaster(IncrementalScore(cp), perturbed: warmSteps > 0 && upperBound != nil) else { return nil }
        master.smoothing = smoothing
        return master.run(rounds: rounds, warmSteps: warmSteps, upperBound: upperBound, isCancelled: isCancelled)
    }

    /// Solves an already compiled problem; `initial` (person-major grid) seeds the search, e.g.
    /// with a published plan when replanning.
    public static func solve(compiled cp: CompiledProblem, options: SolverOptions, initial: [Int32]? = nil) -> SolveResult {
        if MasterStart.applies(cp, options, initial: initial) { return MasterStart.solve(cp, options: options) }
        return search(compiled: cp, options: options, initial: initial)
    }

    /// The search itself: every thread from a construction (or from `initial`), then the best plan.
    static func search(compiled cp: CompiledProblem, options: SolverOptions, initial: [Int32]?) -> SolveResult {
        let t0 = options.clock?()
        let threads = max(1, options.threads)
        let box = ResultBox(count: threads)
        let exchange = threads > 1 && !options.exchangeMeetings.isEmpty ? EliteExchange(threads: threads, meetings: options.exchangeMeetings) : nil
        // The polish's threads come in step at a meeting, so sharing needs the exchange.
        let board = exchange != nil && options.sharesPolishGains && options.moveBudget == nil && options.timeLimit != nil ? PolishBoard() : nil
        let work: @Sendable (Int) -> Void = { t in
            let options = threadOptions(options, thread: t, threads: threads)
            let s = IncrementalScore(cp)
            var rng = SplitMix64(seed: threadSeed(options.seed, thread: t))
            if let initial { initial.withUnsafeBufferPointer { s.load($0.baseAddress!) } }
            Construction().run(s, rng: &rng, options: options)
            let constructed = s.score
            let search = LocalSearch(s, rng: rng, options: options, thread: t, startTime: t0, freshRestarts: initial == nil)
            search.exchange = exchange
            search.board = board
            search.run()
            let grid = Array(UnsafeBufferPointer(start: s.grid, count: s.P * s.D))
            box.set(t, ThreadResult(score: s.score, grid: grid, moves: search.moves, construction: constructed,
                                    firstLegal: search.secondsToFirstLegal, toBest: search.secondsToBest, searchSeconds: search.searchSeconds,
                                    groupReplans: search.groupTally))
        }
        if threads == 1 {
            work(0)
        } else if exchange != nil {
            DedicatedThreads.run(threads, work)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: work)
        }
        let results = box.all()
        var winner = 0
        for t in 1..<results.count where results[t].score < results[winner].score { winner = t }
        let w = results[winner]
        let s = IncrementalScore(cp)
        w.grid.withUnsafeBufferPointer { s.load($0.baseAddress!) }
        let plan = PlanReport.build(s)
        let firstLegal = results.compactMap(\.firstLegal).min()
        var stats = SolverStatistics(moves: results.reduce(0) { $0 + $1.moves }, constructionScore: w.construction,
                                     secondsToFirstLegal: firstLegal, secondsToBest: w.toBest,
                                     elapsed: options.clock.map { $0() - (t0 ?? 0) }, searchSeconds: w.searchSeconds, winnerMoves: w.moves,
                                     winningThread: winner)
        let tally = results.reduce(GroupReplanTally()) { $0 + $1.groupReplans }
        stats.groupReplans = tally.runs > 0 ? tally : nil
        return SolveResult(plan: plan, statistics: stats)
    }
}

extension Solver {
    /// The seed of thread t's random stream, derived from the run's.
    static func threadSeed(_ seed: UInt64, thread t: Int) -> UInt64 { seed &+ UInt64(t) &* 0x9E37_79B9_7F4A_7C15 }

    /// The options thread t of `threads` searches with. With `portfolio`, every second thread
    /// explores: its annealing cycles are chosen from the budget (`restartMovesPerCell`) and each
    /// starts from a new construction, so on small problems it tries several basins while the
    /// other threads polish one; on large ones both kinds run one long cycle. The explorer cools
    /// further (`explorerEndTemperatureFactor`): which end temperature suits a problem differs,
    /// and the pair covers both.
    static func threadOptions(_ options: SolverOptions, thread t: Int, threads: Int) -> SolverOptions {
        var o = options
        if options.portfolio && threads > 1 && t % 2 == 1 {
            o.restartCycles = nil
            o.endTemperature = options.endTemperature * options.explorerEndTemperatureFactor
        }
        return o
    }
}

struct ThreadResult: Sendable {
    var score: Score
    var grid: [Int32]
    var moves: Int
    var construction: Score
    var firstLegal: Double?
    var toBest: Double?
    var searchSeconds: Double?
    var groupReplans: GroupReplanTally
}

/// Collects per-thread results; the lock makes the parallel writes safe.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ThreadResult?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: ThreadResult) { lock.lock(); results[i] = r; lock.unlock() }

    func all() -> [ThreadResult] { lock.lock(); defer { lock.unlock() }; return results.map { $0! } }
}
