import Testing
@testable import SurgeCore

/// Which share of weekend holes the hole-run draw gives to the weekend move: the long-horizon
/// share where rebuilds work in windows (horizons longer than twice `rebuildWindowDays`), the
/// ordinary one elsewhere. A weekend move starts by giving up a cell (demand -1); a hole run
/// never does (it starts with the hole or with an exchange on the neighbouring day).
struct LongHorizonWeekendMoveTests {
    static func weekendMoves(days: Int, seed: Int, ordinary: Int, long: Int) throws -> (moves: Int, draws: Int) {
        let (_, _, search) = try RowRebuilderTests.searchOnRandomRoster(seed: seed, instanceSeed: UInt64(seed) &+ 1300, days: days) {
            $0.weekendMovePercent = ordinary
            $0.longHorizonWeekendMovePercent = long
        }
        var moves = 0, draws = 0
        for _ in 0..<4000 where search.drawHoleRun() {
            draws += 1
            if search.drawnMove.first?.demand == -1 { moves += 1 }
        }
        return (moves, draws)
    }

    /// Per seed, the share that is 0 gives no weekend move; over the seeds (a random roster need
    /// not hold a half weekend and someone off a whole one), the share of 100 gives some.
    @Test("a 63-day horizon (windowed rebuilds of 28 days) draws weekend moves by the long-horizon share, a 21-day one by the ordinary share", arguments: [63, 21])
    func shareFollowsHorizon(days: Int) throws {
        let long = days > 2 * SolverOptions().rebuildWindowDays
        var made = 0
        for seed in 0..<6 {
            let off = try Self.weekendMoves(days: days, seed: seed, ordinary: long ? 100 : 0, long: long ? 0 : 100)
            #expect(off.draws > 0 && off.moves == 0, "\(days) days, seed \(seed): \(off)")
            let on = try Self.weekendMoves(days: days, seed: seed, ordinary: long ? 0 : 100, long: long ? 100 : 0)
            made += on.moves
        }
        #expect(made > 0, "\(days) days: no weekend move with a share of 100")
    }
}
