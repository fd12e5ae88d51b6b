import Foundation
import Testing
@testable import SurgeCore

/// The hole run (extend someone's run of working days into an adjacent position below target,
/// giving up the run's far end) against an independent recount on random Curtois rosters.
struct HoleRunTests {
    @Test("a hole run fills a position below target from an adjacent run (swapping that day's shift when it may not sit next to the hole) and, when it gives up a day, keeps the run's length", arguments: 0..<6)
    func fillsHoleKeepingRunLength(seed: Int) throws {
        let (cp, s, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 500)
        let P = cp.personCount, D = cp.dayCount
        let old = Array(UnsafeBufferPointer(start: s.grid, count: P * D))
        // Headcounts and runs recounted from the grid, not taken from the incremental score.
        let headcount = RowRebuilderTests.recountedHeadcounts(cp, old)
        func run(_ g: [Int32], _ p: Int, through d: Int) -> Range<Int> {
            var a = d, b = d
            while a > 0 && g[p * D + a - 1] >= 0 { a -= 1 }
            while b < D - 1 && g[p * D + b + 1] >= 0 { b += 1 }
            return a..<(b + 1)
        }
        var drawn = 0, shifted = 0, exchanged = 0
        for _ in 0..<3000 {
            guard search.drawHoleRun() else { continue }
            drawn += 1
            var move = search.drawnMove
            #expect((1...4).contains(move.count), "seed \(seed): \(move)")
            // An exchange on the neighbouring day comes first: two people swap their shifts there.
            let exchange = move.count >= 3 && move[0].day == move[1].day ? Array(move.prefix(2)) : []
            move.removeFirst(exchange.count)
            let (p, d, j) = try #require(move.first)
            #expect(j >= 0 && Int(cp.demandDay[Int(j)]) == d && headcount[Int(j)] < Int(cp.demandTarget[Int(j)]), "seed \(seed): not a hole \(move)")
            #expect(cp.eligible.get(Int(j), p) && old[p * D + d] < 0, "seed \(seed): \(move)")
            let before = (d > 0 && old[p * D + d - 1] >= 0) || (d < D - 1 && old[p * D + d + 1] >= 0)
            #expect(before, "seed \(seed): \(p) works neither day next to \(d)")
            var grid = old
            for c in exchange + move { grid[c.person * D + c.day] = c.demand }
            if exchange.count == 2 {
                exchanged += 1
                let (a, b) = (exchange[0], exchange[1])
                #expect(a.person == p && abs(a.day - d) == 1, "seed \(seed): \(exchange)")
                #expect(a.demand == old[b.person * D + b.day] && b.demand == old[p * D + a.day], "seed \(seed): not a swap \(exchange)")
                #expect(cp.eligible.get(Int(a.demand), p) && cp.eligible.get(Int(b.demand), b.person))
                // Now p's two shifts may follow each other, and day n's headcounts are unchanged.
                let (first, then) = a.day < d ? (a.demand, j) : (j, a.demand)
                let r = Int(cp.personProfile[p]), K = cp.kindCount
                #expect(!cp.forbidden[r * K * K + Int(cp.demandKind[Int(first)]) * K + Int(cp.demandKind[Int(then)])], "seed \(seed): \(exchange)")
                func day(_ g: [Int32]) -> [Int32] { (0..<P).map { g[$0 * D + a.day] }.sorted() }
                #expect(day(grid) == day(old), "seed \(seed): \(exchange)")
            }
            guard move.count == 2 else { continue }
            shifted += 1
            let dropped = move[1]
            #expect(dropped.person == p && dropped.demand == -1 && old[p * D + dropped.day] >= 0, "seed \(seed): \(move)")
            // The run that reached d keeps its length; it joins a run that starts on d's other side.
            let oldRun = run(old, p, through: dropped.day)
            #expect(oldRun.contains(d < dropped.day ? d + 1 : d - 1), "seed \(seed): \(dropped.day) is not on the run next to \(d)")
            let beyond = d < dropped.day ? d - 1 : d + 1
            let joined = beyond >= 0 && beyond < D && old[p * D + beyond] >= 0 ? run(old, p, through: beyond).count : 0
            let newRun = run(grid, p, through: d)
            #expect(newRun.count == oldRun.count + joined && !newRun.contains(dropped.day), "seed \(seed): \(oldRun) -> \(newRun) by \(move)")
        }
        #expect(drawn > 0 && shifted > 0 && exchanged > 0, "seed \(seed): \(drawn) drawn, \(shifted) shifted, \(exchanged) exchanged")
    }
}
