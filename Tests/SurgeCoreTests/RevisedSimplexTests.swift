import Testing
@testable import SurgeCore

/// The revised simplex against an independent recomputation: the optimum of every basis of a
/// small random program, each solved by Gaussian elimination.
struct RevisedSimplexTests {
    /// The least c·x over the basic feasible solutions of A x = b, x ≥ 0 (A is m × n, row-major).
    static func bruteForceOptimum(_ a: [Double], _ b: [Double], _ c: [Double], m: Int, n: Int) -> Double? {
        var best: Double?
        func visit(_ chosen: [Int], _ next: Int) {
            if chosen.count == m {
                // Solve the square system on the chosen columns.
                var mat = (0..<m).map { i in chosen.map { a[i * n + $0] } + [b[i]] }
                for col in 0..<m {
                    guard let piv = (col..<m).max(by: { abs(mat[$0][col]) < abs(mat[$1][col]) }), abs(mat[piv][col]) > 1e-9 else { return }
                    mat.swapAt(col, piv)
                    for i in 0..<m where i != col {
                        let f = mat[i][col] / mat[col][col]
                        for k in col...m { mat[i][k] -= f * mat[col][k] }
                    }
                }
                var cost = 0.0
                for i in 0..<m {
                    let x = mat[i][m] / mat[i][i]
                    if x < -1e-9 { return }
                    cost += c[chosen[i]] * x
                }
                if best == nil || cost < best! { best = cost }
                return
            }
            if next == n { return }
            visit(chosen + [next], next + 1)
            visit(chosen, next + 1)
        }
        visit([], 0)
        return best
    }

    /// Refactorizing after every pivot (1) runs `refactor` on every basis the search meets.
    @Test("random programs: the simplex optimum equals the best basis, and its duals certify it",
          arguments: 0..<40, [nil, 1] as [Int?])
    func matchesBruteForce(seed: Int, refactorInterval: Int?) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 31)
        let m = 2 + rng.below(3), extra = 2 + rng.below(5), n = m + extra
        // A unit column per row (so A has full rank), then random ones; b from a known point.
        var a = [Double](repeating: 0, count: m * n)
        for i in 0..<m { a[i * n + i] = 1 }
        for i in 0..<m { for k in m..<n { a[i * n + k] = Double(rng.below(6) - 2) } }
        let x0 = (0..<n).map { _ in Double(rng.below(3)) }
        let b = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * x0[$1] } }
        let c = (0..<n).map { _ in Double(rng.below(10)) }
        let lp = RevisedSimplex(rhs: b, artificialCost: 1e6)
        lp.refactorInterval = refactorInterval
        let tolerance = 1e-6
        var index = [Int]()
        for k in 0..<n {
            var rows = [Int32](), values = [Double]()
            for i in 0..<m where a[i * n + k] != 0 { rows.append(Int32(i)); values.append(a[i * n + k]) }
            index.append(lp.add(.init(rows: rows, values: values, cost: c[k])))
        }
        let outcome = lp.solve()
        let expected = try #require(Self.bruteForceOptimum(a, b, c, m: m, n: n))
        #expect(outcome == .optimal)
        #expect(!lp.isInfeasible)
        #expect(abs(lp.objective - expected) < tolerance, "seed \(seed): simplex \(lp.objective), best basis \(expected)")
        // The primal point is feasible, and the duals prove optimality: no column prices out and
        // y·b equals the objective.
        for i in 0..<m {
            let lhs = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * lp.value(index[$1]) }
            #expect(abs(lhs - b[i]) < tolerance, "seed \(seed): row \(i)")
        }
        for k in 0..<n { #expect(lp.value(index[k]) >= -1e-9) }
        let y = lp.duals()
        for k in 0..<n { #expect(lp.reducedCost(index[k], y) >= -1e-6, "seed \(seed): column \(k) prices out") }
        let dualValue = (0..<m).reduce(0.0) { $0 + y[$1] * lp.b[$1] }
        #expect(abs(dualValue - lp.objective) < 1e-6, "seed \(seed): dual \(dualValue), primal \(lp.objective)")
    }

    @Test("larger programs: refactorizing every pivot or never on the way gives the same optimum, certified by the duals", arguments: 0..<6)
    func refactorAgrees(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 977)
        // Slack-like single-entry columns beside sparse ones, as in a group master.
        let m = 30 + rng.below(20), n = 4 * m
        var columns: [RevisedSimplex.Column] = []
        for i in 0..<m { columns.append(.init(rows: [Int32(i)], values: [rng.below(2) == 0 ? 1 : -1], cost: Double(rng.below(5)))) }
        for _ in m..<n {
            var rows = Set<Int32>()
            for _ in 0..<(2 + rng.below(6)) { rows.insert(Int32(rng.below(m))) }
            let sorted = rows.sorted()
            columns.append(.init(rows: sorted, values: sorted.map { _ in Double(1 + rng.below(3)) }, cost: Double(1 + rng.below(20))))
        }
        let x0 = (0..<n).map { _ in rng.below(4) == 0 ? Double(rng.below(3)) : 0 }
        var b = [Double](repeating: 0, count: m)
        for (k, c) in columns.enumerated() { for (r, v) in zip(c.rows, c.values) { b[Int(r)] += v * x0[k] } }
        var objectives: [Double] = []
        for interval in [1, 1_000_000] {
            let lp = RevisedSimplex(rhs: b, artificialCost: 1e6)
            lp.refactorInterval = interval
            let index = columns.map { lp.add($0) }
            #expect(lp.solve() == .optimal)
            #expect(!lp.isInfeasible)
            for i in 0..<m {
                var lhs = 0.0
                for (k, c) in columns.enumerated() { for (r, v) in zip(c.rows, c.values) where Int(r) == i { lhs += v * lp.value(index[k]) } }
                #expect(abs(lhs - b[i]) < 1e-6, "seed \(seed), interval \(interval): row \(i)")
            }
            let y = lp.duals()
            for k in 0..<n { #expect(lp.reducedCost(index[k], y) >= -1e-6) }
            let dual = (0..<m).reduce(0.0) { $0 + y[$1] * b[$1] }
            #expect(abs(dual - lp.objective) < 1e-6)
            objectives.append(lp.objective)
        }
        #expect(abs(objectives[0] - objectives[1]) < 1e-6, "seed \(seed): \(objectives)")
    }

    @Test("columns added after a solve are taken up by the next one")
    func warmStart() throws {
        // min x1 + 3 x2 + 2 x3 subject to x1 + x2 + x3 = 2, x1 + 2 x2 + x3 = 3.
        let lp = RevisedSimplex(rhs: [2, 3], artificialCost: 1e6)
        let x2 = lp.add(.init(rows: [0, 1], values: [1, 2], cost: 3))
        let x3 = lp.add(.init(rows: [0, 1], values: [1, 1], cost: 2))
        _ = lp.solve()
        // Only x2 and x3: x2 = 1, x3 = 1, cost 5.
        #expect(abs(lp.objective - 5) < 1e-9)
        let x1 = lp.add(.init(rows: [0, 1], values: [1, 1], cost: 1))
        _ = lp.solve()
        // x1 replaces x3: x1 = 1, x2 = 1, cost 4.
        #expect(abs(lp.objective - 4) < 1e-9)
        #expect(abs(lp.value(x1) - 1) < 1e-9 && abs(lp.value(x3)) < 1e-9 && abs(lp.value(x2) - 1) < 1e-9)
    }

    @Test("a program with no feasible point leaves an artificial basic")
    func infeasible() {
        // x1 + x2 = 1 and x1 + x2 = 2 cannot both hold.
        let lp = RevisedSimplex(rhs: [1, 2], artificialCost: 1e6)
        lp.add(.init(rows: [0, 1], values: [1, 1], cost: 1))
        _ = lp.solve()
        #expect(lp.isInfeasible)
    }
}
