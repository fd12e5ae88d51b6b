import Testing
@testable import SurgeCore

/// How far the adaptive hard weight may fall while the plan is legal: a quarter of the base on
/// short horizons, the base itself from 8 weeks on.
struct HardWeightFloorTests {
    @Test("the default floor divisor is 4 below twice the rebuild window and 1 from there on", arguments: [(7, 4), (28, 4), (55, 4), (56, 1), (84, 1), (364, 1)])
    func defaultFollowsTheHorizon(days: Int, divisor: Int) {
        let options = SolverOptions(seed: 1, adaptiveHardWeight: true)
        #expect(options.rebuildWindowDays == 28)
        #expect(options.hardWeightFloorDivisor(days: days) == divisor)
    }

    @Test("without windowed rebuilds every horizon keeps the divisor 4")
    func noWindowsNoRaise() {
        var options = SolverOptions(seed: 1, adaptiveHardWeight: true)
        options.rebuildWindowDays = 0
        #expect(options.hardWeightFloorDivisor(days: 364) == 4)
    }

    @Test("an explicit divisor wins on every horizon, and one below 1 counts as 1", arguments: [(2, 2), (8, 8), (0, 1), (-3, 1)])
    func explicitWins(set: Int, divisor: Int) {
        var options = SolverOptions(seed: 1, adaptiveHardWeight: true)
        options.hardWeightFloorDivisor = set
        #expect(options.hardWeightFloorDivisor(days: 28) == divisor)
        #expect(options.hardWeightFloorDivisor(days: 364) == divisor)
    }
}
