import Foundation
import Testing
@testable import SurgeCore

/// The hole run (extend someone's run of working days into an adjacent position below target,
/// giving up the run's far end) against an independent recount on random Curtois rosters.
struct HoleRunTests {
    @Test("a hole run fills a position below target from an adjacent run and, when it gives up a day, keeps the run's length", arguments: 0..<6)
    func fillsHoleKeepingRunLength(seed: Int) throws {
        let (cp, s, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 500)
        let P = cp.personCount, D = cp.dayCount
        let old = Array(UnsafeBufferPointer(start: s.grid, count: P * D))
        // Headcounts and runs recounted from the grid, not taken from the incremental score.
        var headcount = [Int](repeating: 0, count: cp.demandCount)
        for x in old where x >= 0 { headcount[Int(x)] += 1 }
        func run(_ g: [Int32], _ p: Int, through d: Int) -> Range<Int> {
            var a = d, b = d
            while a > 0 && g[p * D + a - 1] >= 0 { a -= 1 }
            while b < D - 1 && g[p * D + b + 1] >= 0 { b += 1 }
            return a..<(b + 1)
        }
        var drawn = 0, shifted = 0
        for _ in 0..<3000 {
            guard search.drawHoleRun() else { continue }
            drawn += 1
            let move = search.drawnMove
            let (p, d, j) = try #require(move.first)
            #expect(move.count <= 2, "seed \(seed): \(move)")
            #expect(j >= 0 && Int(cp.demandDay[Int(j)]) == d && headcount[Int(j)] < Int(cp.demandTarget[Int(j)]), "seed \(seed): not a hole \(move)")
            #expect(cp.eligible.get(Int(j), p) && old[p * D + d] < 0, "seed \(seed): \(move)")
            let before = (d > 0 && old[p * D + d - 1] >= 0) || (d < D - 1 && old[p * D + d + 1] >= 0)
            #expect(before, "seed \(seed): \(p) works neither day next to \(d)")
            guard move.count == 2 else { continue }
            shifted += 1
            let dropped = move[1]
            #expect(dropped.person == p && dropped.demand == -1 && old[p * D + dropped.day] >= 0, "seed \(seed): \(move)")
            // The run that reached d keeps its length; it joins a run that starts on d's other side.
            var grid = old
            for c in move { grid[c.person * D + c.day] = c.demand }
            let oldRun = run(old, p, through: dropped.day)
            #expect(oldRun.contains(d < dropped.day ? d + 1 : d - 1), "seed \(seed): \(dropped.day) is not on the run next to \(d)")
            let beyond = d < dropped.day ? d - 1 : d + 1
            let joined = beyond >= 0 && beyond < D && old[p * D + beyond] >= 0 ? run(old, p, through: beyond).count : 0
            let newRun = run(grid, p, through: d)
            #expect(newRun.count == oldRun.count + joined && !newRun.contains(dropped.day), "seed \(seed): \(oldRun) -> \(newRun) by \(move)")
        }
        #expect(drawn > 0 && shifted > 0, "seed \(seed): \(drawn) drawn, \(shifted) shifted")
    }
}
