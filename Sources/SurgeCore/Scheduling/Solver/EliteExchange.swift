import Foundation

/// Where parallel searches meet to share their best plans: at each meeting every thread still
/// searching offers its best plan, waits for the others, and gets back the best of all offers
/// (ties: lowest thread). A thread that stops searching leaves, so nobody waits for it. Meetings
/// are sequenced by arrival count, so with a move budget (meetings at fixed shares of it) the
/// exchange is deterministic.
final class EliteExchange: @unchecked Sendable {
    /// Shares of the budget (or of the time limit) at which the threads meet, ascending.
    let meetings: [Double]
    private let condition = NSCondition()
    private var active: Int
    private var arrived = 0
    private var generation = 0
    private var offers: [(score: Score, grid: [Int32])?]
    private var outcome: (score: Score, grid: [Int32])?

    init(threads: Int, meetings: [Double]) {
        self.meetings = meetings.sorted()
        active = threads
        offers = Array(repeating: nil, count: threads)
    }

    /// Offers thread t's best plan (`count` cells from `grid`; nil: attends without an offer) and
    /// returns the best plan offered at this meeting, which may be t's own; nil if none was offered.
    func meet(thread t: Int, best: Score, grid: UnsafePointer<Int32>?, count: Int) -> (score: Score, grid: [Int32])? {
        let mine = grid.map { (score: best, grid: Array(UnsafeBufferPointer(start: $0, count: count))) }
        condition.lock()
        defer { condition.unlock() }
        offers[t] = mine
        arrived += 1
        let meeting = generation
        if arrived >= active {
            close()
        } else {
            while generation == meeting { condition.wait() }
        }
        // No later meeting can close before this thread arrives at it, so `outcome` is this one's.
        return outcome
    }

    /// Thread t stops searching: later meetings (and one waiting now) go on without it.
    func leave() {
        condition.lock()
        defer { condition.unlock() }
        active -= 1
        if arrived > 0 && arrived >= active { close() }
    }

    private func close() {
        var winner: (score: Score, grid: [Int32])?
        for case let offer? in offers where winner == nil || offer.score < winner!.score { winner = offer }
        outcome = winner
        offers = Array(repeating: nil, count: offers.count)
        arrived = 0
        generation += 1
        condition.broadcast()
    }
}
