import Foundation
import Testing
@testable import SurgeCore

/// The weekend move (fill a weekend hole with someone off that whole weekend, who gives up a
/// weekend worked on one day only) against an independent recount on random Curtois rosters.
struct WeekendMoveTests {
    @Test("a weekend move fills a weekend position below target and gives up a half weekend elsewhere, so the weekends worked stay as many", arguments: 0..<6)
    func keepsWeekendsWorked(seed: Int) throws {
        let (cp, s, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 700)
        let P = cp.personCount, D = cp.dayCount
        let old = Array(UnsafeBufferPointer(start: s.grid, count: P * D))
        let headcount = RowRebuilderTests.recountedHeadcounts(cp, old)
        // Weekends from the calendar: Saturday and the Sunday after it (day 0 is a Monday in Curtois).
        func weekendDays(of d: Int) -> [Int] {
            let sat = d - (d % 7 == 6 ? 1 : 0)
            return [sat, sat + 1].filter { $0 < D }
        }
        func weekendsWorked(_ g: [Int32], _ p: Int) -> Int {
            stride(from: 5, to: D, by: 7).filter { sat in weekendDays(of: sat).contains { g[p * D + $0] >= 0 } }.count
        }
        let holes = (0..<cp.demandCount).filter { headcount[$0] < Int(cp.demandTarget[$0]) && Int(cp.demandDay[$0]) % 7 >= 5 }
        try #require(!holes.isEmpty)
        var drawn = 0, both = 0
        for t in 0..<3000 {
            let j = holes[t % holes.count], d = Int(cp.demandDay[j])
            guard search.drawWeekendMove(j, d) else { continue }
            drawn += 1
            let move = search.drawnMove
            #expect((2...3).contains(move.count), "seed \(seed): \(move)")
            let p = move[0].person
            #expect(move.allSatisfy { $0.person == p }, "seed \(seed): \(move)")
            // The day given up: p's only working day of another weekend.
            let e = move[0].day
            #expect(move[0].demand == -1 && old[p * D + e] >= 0, "seed \(seed): \(move)")
            #expect(e % 7 >= 5 && !weekendDays(of: e).contains(d), "seed \(seed): \(e) is not on another weekend")
            #expect(weekendDays(of: e).filter { old[p * D + $0] >= 0 }.count == 1 && weekendDays(of: e).count == 2, "seed \(seed): \(move)")
            // The hole, on a weekend p did not work; then perhaps the other day's hole.
            #expect(move[1].day == d && move[1].demand == Int32(j) && cp.eligible.get(j, p), "seed \(seed): \(move)")
            #expect(weekendDays(of: d).allSatisfy { old[p * D + $0] < 0 }, "seed \(seed): \(p) already works that weekend")
            if move.count == 3 {
                both += 1
                let (o, x) = (move[2].day, Int(move[2].demand))
                #expect(o != d && weekendDays(of: d).contains(o) && Int(cp.demandDay[x]) == o, "seed \(seed): \(move)")
                #expect(headcount[x] < Int(cp.demandTarget[x]) && cp.eligible.get(x, p), "seed \(seed): \(move)")
            }
            var grid = old
            for c in move { grid[c.person * D + c.day] = c.demand }
            #expect(weekendsWorked(grid, p) == weekendsWorked(old, p), "seed \(seed): \(move)")
        }
        // Both days are taken when someone off that weekend may fill a hole on each day.
        let bothPossible = holes.contains { j in
            let d = Int(cp.demandDay[j])
            return holes.contains { x in
                let o = Int(cp.demandDay[x])
                return o != d && weekendDays(of: d).contains(o)
                    && (0..<P).contains { p in cp.eligible.get(j, p) && cp.eligible.get(x, p) && weekendDays(of: d).allSatisfy { old[p * D + $0] < 0 } }
            }
        }
        #expect(drawn > 0 && (both > 0 || !bothPossible), "seed \(seed): \(drawn) drawn, \(both) with both days")
    }
}
