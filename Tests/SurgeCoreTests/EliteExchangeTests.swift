import Foundation
import Testing
@testable import SurgeCore

/// Parallel threads meeting to share their best plans: every thread at a meeting gets the best
/// offer (ties to the lowest thread), a thread that stops does not hold the others up, a thread
/// behind goes on from the better plan, and runs with a move budget stay reproducible.
@Suite(.timeLimit(.minutes(1)))
struct EliteExchangeTests {
    /// What each thread got back at each meeting, collected across threads.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: [(Score, [Int32])]] = [:]
        func add(_ t: Int, _ x: (score: Score, grid: [Int32])?) {
            guard let x else { return }
            lock.lock(); values[t, default: []].append((x.score, x.grid)); lock.unlock()
        }
        func of(_ t: Int) -> [(Score, [Int32])] { lock.lock(); defer { lock.unlock() }; return values[t] ?? [] }
    }

    static func soft(_ x: Int) -> Score { Score(hard: 0, coverage: 0, soft: x) }

    @Test("at each meeting every thread gets the best offer, ties to the lowest thread")
    func bestOfferWins() {
        // Thread t offers soft score offers[m][t] and a one-cell grid [t] at meeting m.
        let offers = [[5, 3, 3], [1, 9, 4], [7, 7, 7]]
        let exchange = EliteExchange(threads: 3, meetings: [0.25, 0.5, 0.75])
        let received = Received()
        DedicatedThreads.run(3) { t in
            for m in 0..<offers.count {
                var grid: [Int32] = [Int32(t)]
                let got = grid.withUnsafeMutableBufferPointer { exchange.meet(thread: t, best: Self.soft(offers[m][t]), grid: $0.baseAddress!, count: 1) }
                received.add(t, got)
            }
            exchange.leave()
        }
        for t in 0..<3 {
            let got = received.of(t)
            #expect(got.map(\.0) == [Self.soft(3), Self.soft(1), Self.soft(7)], "thread \(t)")
            #expect(got.map(\.1) == [[1], [0], [0]], "thread \(t)")
        }
    }

    @Test("a thread that stops searching does not hold up the meetings of the others")
    func leaverDoesNotBlock() {
        let exchange = EliteExchange(threads: 3, meetings: [0.5, 0.9])
        let received = Received()
        DedicatedThreads.run(3) { t in
            if t == 2 {
                // Stops at once, offering nothing: the best of the other two must come back.
                exchange.leave()
                return
            }
            for m in 0..<2 {
                var grid: [Int32] = [Int32(10 * m + t)]
                let got = grid.withUnsafeMutableBufferPointer { exchange.meet(thread: t, best: Self.soft(t == 0 ? 8 - m : 6), grid: $0.baseAddress!, count: 1) }
                received.add(t, got)
            }
            exchange.leave()
        }
        for t in 0..<2 {
            #expect(received.of(t).map(\.0) == [Self.soft(6), Self.soft(6)], "thread \(t)")
            #expect(received.of(t).map(\.1) == [[1], [11]], "thread \(t)")
        }
    }

    @Test("a thread attending without an offer gets the others' best; with no offer at all nothing comes back")
    func attendWithoutOffer() {
        let exchange = EliteExchange(threads: 2, meetings: [0.5, 0.8])
        let received = Received()
        DedicatedThreads.run(2) { t in
            // Meeting 0: thread 0 offers soft 4, thread 1 attends only; meeting 1: neither offers.
            var grid: [Int32] = [Int32(t)]
            let first = grid.withUnsafeMutableBufferPointer { exchange.meet(thread: t, best: Self.soft(t == 0 ? 4 : 1), grid: t == 0 ? $0.baseAddress! : nil, count: 1) }
            received.add(t, first)
            let second = exchange.meet(thread: t, best: Self.soft(0), grid: nil, count: 1)
            #expect(second == nil, "thread \(t)")
            exchange.leave()
        }
        for t in 0..<2 {
            #expect(received.of(t).map(\.0) == [Self.soft(4)], "thread \(t)")
            #expect(received.of(t).map(\.1) == [[0]], "thread \(t)")
        }
    }

    @Test("a thread whose best is worse at a meeting goes on from the other's plan, rescored from scratch", arguments: 0..<4)
    func laggingThreadAdopts(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed) &+ 4100, people: 12, days: 21)
        let cp = try CompiledProblem(problem)
        let exchange = EliteExchange(threads: 2, meetings: [0.5])
        final class Searches: @unchecked Sendable { var items: [LocalSearch?] = [nil, nil]; var scores: [IncrementalScore?] = [nil, nil] }
        let searches = Searches()
        for t in 0..<2 {
            let s = IncrementalScore(cp)
            var rng = SplitMix64(seed: UInt64(seed))
            // Thread 1 walks at random (a huge temperature) from a random grid, so its best stays far
            // behind the annealing thread's.
            var options = SolverOptions(seed: UInt64(seed), moveBudget: 20_000,
                                        startTemperature: t == 0 ? 8 : 1e9, endTemperature: t == 0 ? 0.3 : 1e9)
            options.rebuildShare = 0
            Construction().run(s, rng: &rng, options: options)
            if t == 1 { RowRebuilderTests.randomGrid(s, &rng) }
            let search = LocalSearch(s, rng: rng, options: options, thread: t, startTime: nil)
            search.exchange = exchange
            searches.items[t] = search; searches.scores[t] = s
        }
        let start = searches.items[0]!.best
        DedicatedThreads.run(2) { t in searches.items[t]!.run() }
        let polisher = try #require(searches.items[0]), walker = try #require(searches.items[1])
        try #require(polisher.best < start, "seed \(seed): the annealing thread must improve on the start")
        #expect(polisher.adoptions == 0, "seed \(seed)")
        #expect(walker.adoptions == 1, "seed \(seed): the random walker (best \(walker.best)) must take the annealed plan (\(polisher.best))")
        let s = try #require(searches.scores[1])
        try expectSearchedPlanConsistent(s, best: walker.best, problem: problem, "seed \(seed), adopted plan")
    }

    @Test("with a move budget, two threads that meet give the same plan on every run")
    func reproducibleWithBudget() throws {
        let problem = RandomProblems.make(seed: 4242, people: 10, days: 14)
        var options = SolverOptions(seed: 5, moveBudget: 30_000, threads: 2)
        options.exchangeMeetings = [0.3, 0.6, 0.9]
        let a = try Solver.solve(problem, options: options)
        let b = try Solver.solve(problem, options: options)
        #expect(a.plan.score == b.plan.score)
        #expect(a.plan.assignments == b.plan.assignments)
        #expect(a.statistics.moves == b.statistics.moves)
    }
}
