import Foundation
import Testing
@testable import SurgeCore

/// The wish swap (grant an unmet wish by exchanging shifts with whoever works it) against an
/// independent recount of coverage and working days on random Curtois rosters.
struct WishSwapTests {
    @Test("a wish swap grants an unmet wish and keeps every headcount; a balanced one keeps working days", arguments: 0..<6)
    func keepsCoverageAndWorkload(seed: Int) throws {
        let (cp, s, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 300)
        let P = cp.personCount, D = cp.dayCount
        var exchanges = 0, balanced = 0
        for _ in 0..<3000 {
            guard search.drawWishSwap() else { continue }
            let move = search.drawnMove
            let (p, d1, j) = try #require(move.first)
            // The first cell grants one of p's unmet wishes to work that kind on that day.
            let k = cp.demandKind[Int(j)]
            let before = s.cell(p, d1)
            let wished = (Int(cp.wishStart[p])..<Int(cp.wishStart[p + 1])).contains {
                cp.wishWants[$0] && Int(cp.wishDay[$0]) == d1 && cp.wishKind[$0] == k
            }
            #expect(wished && (before < 0 || cp.demandKind[Int(before)] != k), "seed \(seed): \(move)")
            for c in move where c.demand >= 0 { #expect(cp.eligible.get(Int(c.demand), c.person)) }
            // Recount from a copy of the grid with the move applied.
            var grid = Array(UnsafeBufferPointer(start: s.grid, count: P * D))
            let old = grid
            for c in move { grid[c.person * D + c.day] = c.demand }
            func headcounts(_ g: [Int32]) -> [Int] {
                var h = [Int](repeating: 0, count: cp.demandCount)
                for x in g where x >= 0 { h[Int(x)] += 1 }
                return h
            }
            func workingDays(_ g: [Int32], _ q: Int) -> Int { (0..<D).filter { g[q * D + $0] >= 0 }.count }
            if move.count >= 2 {
                exchanges += 1
                #expect(headcounts(grid) == headcounts(old), "seed \(seed): coverage changed by \(move)")
            }
            if move.count == 4 || (move.count == 2 && before >= 0) {
                balanced += 1
                for q in Set(move.map(\.person)) { #expect(workingDays(grid, q) == workingDays(old, q), "seed \(seed): \(move)") }
            }
        }
        #expect(exchanges > 0 && balanced > 0, "seed \(seed): \(exchanges) exchanges, \(balanced) balanced")
    }
}
