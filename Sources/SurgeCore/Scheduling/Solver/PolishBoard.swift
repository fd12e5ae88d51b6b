import Foundation

/// Where threads that polish one plan together keep it in step (`LocalSearch.polish`): every
/// change a thread keeps is posted here, and every thread takes all posts, in the order posted,
/// into its own copy before it keeps a change of its own. So the threads' copies are one plan,
/// the run keeps the gains of all of them, and each thread's exact re-plans start from the
/// others' gains. Without it two threads polish apart and the run keeps the better plan, losing
/// the other's gains; that costs where the polish still gains at the end of a run (Instance19's
/// window re-plans). Taking another thread's change after a conflicting one of one's own does
/// not work: on 19 most such changes broke a person's minutes or weekends.
///
/// The order of the posts depends on timing, so a run that shares is not reproducible move for
/// move; the solver shares only under a time limit (see `SolverOptions.sharesPolishGains`).
final class PolishBoard: @unchecked Sendable {
    /// The cells one kept change wrote.
    struct Post: Sendable {
        let cells: [PlanCell]
    }

    struct PlanCell: Sendable, Equatable {
        let person: Int32, day: Int32, value: Int32
    }

    private let lock = NSLock()
    private var posts: [Post] = []
    private var start: (score: Score, grid: [Int32])?

    /// Whether a thread whose polish starts from this plan may share: the first thread to ask sets
    /// the plan every post applies to, and a thread that starts elsewhere polishes apart.
    func join(score: Score, grid: UnsafeBufferPointer<Int32>) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let start else {
            start = (score, Array(grid))
            return true
        }
        return start.score == score && start.grid.elementsEqual(grid)
    }

    /// Runs `body` with the posts from index `from` on, while nobody else can post, and posts the
    /// cells it returns (nil or empty: nothing). Returns the index to read from next time.
    func sync(from: Int, _ body: ([Post]) -> [PlanCell]?) -> Int {
        lock.lock(); defer { lock.unlock() }
        let new = from < posts.count ? Array(posts[from...]) : []
        if let cells = body(new), !cells.isEmpty { posts.append(Post(cells: cells)) }
        return posts.count
    }
}
