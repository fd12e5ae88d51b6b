import Foundation
import Testing
@testable import SurgeCore

/// Threads that polish one plan in step (`PolishBoard`): every post reaches every other thread
/// once and in the order posted, and a solve that shares ends with the gains of both threads in
/// one plan that the independent checker scores as reported.
@Suite(.timeLimit(.minutes(1)))
struct PolishBoardTests {
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: [[Int32]]] = [:]
        func add(_ t: Int, _ posts: [PolishBoard.Post]) {
            lock.lock(); values[t, default: []].append(contentsOf: posts.map { $0.cells.map(\.value) }); lock.unlock()
        }
        func of(_ t: Int) -> [[Int32]] { lock.lock(); defer { lock.unlock() }; return values[t] ?? [] }
    }

    @Test("each thread reads every other thread's posts once, in the board's order, and never its own")
    func postsReachEveryoneInOrder() {
        let board = PolishBoard()
        let seen = Seen(), order = Seen()
        let perThread = 200
        let reads = Seen()
        DedicatedThreads.run(3) { t in
            var read = 0
            for i in 0..<perThread {
                // Post a cell whose value names the thread and the post; read what came before.
                let value = Int32(t * 1000 + i)
                read = board.sync(from: read) { posts in
                    seen.add(t, posts)
                    return [.init(person: Int32(t), day: Int32(i), value: value)]
                }
                order.add(t, [PolishBoard.Post(cells: [.init(person: -1, day: -1, value: value)])])
            }
            reads.add(t, [PolishBoard.Post(cells: [.init(person: -1, day: -1, value: Int32(read))])])
        }
        // Once everyone has posted, each thread reads the rest.
        for t in 0..<3 { _ = board.sync(from: Int(reads.of(t)[0][0])) { posts in seen.add(t, posts); return nil } }
        var all: [Int32] = []
        _ = board.sync(from: 0) { posts in all = posts.flatMap { $0.cells.map(\.value) }; return nil }
        #expect(all.count == 3 * perThread)
        for t in 0..<3 {
            // What t read, followed by its own posts at the places they were made, is the board.
            let read = seen.of(t).map { $0[0] }
            let own = Set(order.of(t).map { $0[0] })
            #expect(read == all.filter { !own.contains($0) }, "thread \(t)")
            #expect(Set(read).isDisjoint(with: own), "thread \(t)")
        }
    }

    @Test("two threads polishing in step end with one plan that holds both threads' gains; the checker agrees with its score",
          arguments: 0..<3)
    func solveInStep(seed: Int) throws {
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 7300, people: 30, days: 28, lenient: true))
        let model = CurtoisModel(instance)
        // An annealing that accepts every move leaves the polish much to gain, in small groups.
        var options = SolverOptions(seed: UInt64(seed), timeLimit: 1.5, clock: { Date().timeIntervalSinceReferenceDate }, threads: 2,
                                    startTemperature: 1e9, endTemperature: 1e9)
        options.polishShare = 0.9
        options.groupReplanPeople = 2; options.groupReplanMostPeople = 2
        options.sharesPolishGains = true
        let result = try Solver.solve(model.problem, options: options)
        let tally = try #require(result.statistics.groupReplans)
        try #require(tally.kept >= 4, "seed \(seed): the polish kept \(tally.kept) changes")
        // Every change one thread kept reaches the other, but for at most one a thread posted
        // after the other's last look.
        #expect(tally.sharedKept >= tally.kept - 2, "seed \(seed): \(tally.sharedKept) taken of \(tally.kept)")
        #expect(tally.sharedGain > 0, "seed \(seed)")
        let check = CurtoisChecker.evaluate(instance, roster: model.roster(of: result.plan))
        #expect(check.isFeasible == result.plan.isLegal && check.objective == result.plan.score.soft, "seed \(seed)")
    }

    @Test("under a move budget the threads polish apart (a budgeted run stays reproducible)")
    func budgetDoesNotShare() throws {
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: 7400, people: 8, days: 14, lenient: true))
        let model = CurtoisModel(instance)
        var options = SolverOptions(seed: 3, moveBudget: 20_000, threads: 2, startTemperature: 1e9, endTemperature: 1e9)
        options.polishShare = 0.9
        options.sharesPolishGains = true
        let first = try Solver.solve(model.problem, options: options)
        let second = try Solver.solve(model.problem, options: options)
        let tally = try #require(first.statistics.groupReplans)
        #expect(tally.kept > 0 && tally.sharedKept == 0)
        #expect(first.plan.assignments == second.plan.assignments && first.plan.score == second.plan.score)
    }
}
