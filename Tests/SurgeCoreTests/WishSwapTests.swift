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
            func headcounts(_ g: [Int32]) -> [Int] { RowRebuilderTests.recountedHeadcounts(cp, g) }
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

    @Test("a wish block exchange grants an unmet wish by handing whole runs between two people: every new run was a run before, and no headcount changes", arguments: 0..<6)
    func handsWholeRuns(seed: Int) throws {
        let (cp, s, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 900) {
            $0.weekendMovePercent = 0; $0.wishBlockPercent = 100
        }
        let P = cp.personCount, D = cp.dayCount
        let old = Array(UnsafeBufferPointer(start: s.grid, count: P * D))
        // Each run of working days as (first day, its cells).
        func runs(_ g: [Int32], _ p: Int) -> [[Int32]] {
            var out: [[Int32]] = [], cur: [Int32] = [], start = 0
            for d in 0...D {
                let c: Int32 = d < D ? g[p * D + d] : -1
                if c >= 0 { if cur.isEmpty { start = d }; cur.append(c) } else if !cur.isEmpty { out.append([Int32(start)] + cur); cur = [] }
            }
            return out
        }
        // Whether p's cell on some day meets an on-wish of p that p's old cell did not meet.
        func grantsWish(_ g: [Int32], _ p: Int) -> Bool {
            (Int(cp.wishStart[p])..<Int(cp.wishStart[p + 1])).contains { i in
                let d = Int(cp.wishDay[i])
                func meets(_ c: Int32) -> Bool { c >= 0 && cp.demandKind[Int(c)] == cp.wishKind[i] }
                return cp.wishWants[i] && cp.wishKind[i] >= 0 && meets(g[p * D + d]) && !meets(old[p * D + d])
            }
        }
        var blocks = 0
        for _ in 0..<3000 {
            guard search.drawWishSwap() else { continue }
            let move = search.drawnMove
            let people = Set(move.map(\.person))
            // With every exchange a block one, only a plain assignment involves one person.
            guard people.count == 2 else { continue }
            blocks += 1
            var grid = old
            for c in move { grid[c.person * D + c.day] = c.demand }
            let (p, q) = (move[0].person, move[1].person)
            for c in move where c.demand >= 0 { #expect(cp.eligible.get(Int(c.demand), c.person), "seed \(seed): \(move)") }
            #expect(RowRebuilderTests.recountedHeadcounts(cp, grid) == RowRebuilderTests.recountedHeadcounts(cp, old), "seed \(seed): \(move)")
            let before = Set(runs(old, p) + runs(old, q))
            #expect(Set(runs(grid, p) + runs(grid, q)) == before, "seed \(seed): a run was cut by \(move)")
            #expect(grantsWish(grid, p), "seed \(seed): no wish of \(p) granted by \(move)")
        }
        #expect(blocks > 0, "seed \(seed): no block exchange drawn")
    }
}
