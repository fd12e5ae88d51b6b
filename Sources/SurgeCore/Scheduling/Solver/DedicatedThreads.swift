import Foundation

/// Runs `body(0..<count)` on one new thread each and waits for all. Searches that meet at an
/// `EliteExchange` wait for each other, so they must all run at once: a work queue with fewer
/// workers than searches (as `DispatchQueue.concurrentPerform` has on a small machine) would
/// leave one waiting for a search that never starts.
enum DedicatedThreads {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for t in 0..<count {
            group.enter()
            let thread = Thread {
                body(t)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}
