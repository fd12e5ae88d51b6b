/// Minimum-cost assignment of n rows to distinct columns among m ≥ n (Hungarian method with
/// potentials, O(n²m)). Costs are integers; `forbidden` marks pairs that must not be chosen.
struct AssignmentProblem {
    /// Large enough to dominate any real cost, small enough that potentials never overflow.
    static let forbidden = 1 << 40

    /// The column of each row in a cheapest assignment, or nil when every assignment uses a
    /// forbidden pair. `cost[i * m + c]` is the cost of row i taking column c.
    static func solve(rows n: Int, columns m: Int, cost: UnsafePointer<Int>) -> [Int]? {
        precondition(n <= m, "more rows than columns")
        if n == 0 { return [] }
        let inf = Int.max / 4
        // 1-based potentials and matching as in the classic formulation; column 0 is the root.
        var u = [Int](repeating: 0, count: n + 1), v = [Int](repeating: 0, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
        var minv = [Int](repeating: inf, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        for i in 1...n {
            owner[0] = i
            var j0 = 0
            for j in 0...m { minv[j] = inf; used[j] = false }
            repeat {
                used[j0] = true
                let i0 = owner[j0]
                var delta = inf, j1 = 0
                let row = cost + (i0 - 1) * m
                for j in 1...m where !used[j] {
                    let cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                if j1 == 0 { return nil }
                for j in 0...m {
                    if used[j] { u[owner[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while owner[j0] != 0
            repeat {
                let j1 = way[j0]
                owner[j0] = owner[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: -1, count: n)
        for j in 1...m where owner[j] != 0 { result[owner[j] - 1] = j - 1 }
        for i in 0..<n where cost[i * m + result[i]] >= forbidden { return nil }
        return result
    }
}
