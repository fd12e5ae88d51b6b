import Testing
@testable import SurgeCore

/// The Lagrangian lower bound of the cover: never above the objective of any legal plan, checked
/// against the optimum of every roster of tiny instances (enumerated and scored by the independent
/// Curtois checker) and against the solver's plans of larger ones.
struct LagrangianBoundTests {
    /// A random 2-person, 5-day instance and the optimum of all its 59,049 rosters (each cell off,
    /// D or N), every one scored by the independent checker.
    static func tinyInstance(seed: Int) throws -> (CurtoisInstance, Int) {
        let people = 2, days = 5
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 900, people: people, days: days, lenient: true))
        let values: [String?] = [nil, "D", "N"]
        var optimum = Int.max
        var code = [Int](repeating: 0, count: people * days)
        while true {
            let roster = (0..<people).map { p in (0..<days).map { values[code[p * days + $0]] } }
            let check = CurtoisChecker.evaluate(instance, roster: roster)
            if check.isFeasible { optimum = min(optimum, check.objective) }
            var i = 0
            while i < code.count { code[i] += 1; if code[i] < values.count { break }; code[i] = 0; i += 1 }
            if i == code.count { break }
        }
        try #require(optimum < Int.max, "seed \(seed): no legal roster")
        return (instance, optimum)
    }

    @Test("on tiny instances the bound never exceeds the optimum of all rosters, scored by the independent checker", arguments: 0..<8)
    func boundIsBelowEnumeratedOptimum(seed: Int) throws {
        let (instance, optimum) = try Self.tinyInstance(seed: seed)
        let bound = try #require(try Solver.coverBound(CurtoisModel(instance).problem, steps: 200, upperBound: optimum))
        #expect(bound.value <= Double(optimum) + 1e-6, "seed \(seed): bound \(bound.value) above the optimum \(optimum)")
        #expect(bound.steps >= bound.bestStep && bound.bestStep >= 1)
    }

    /// A random 6-person, 14-day instance and the independent checker's verdict on a solver plan.
    static func solvedInstance(seed: Int) throws -> (CurtoisModel, CurtoisChecker.Evaluation) {
        let instance = try CurtoisParser.parse(RowRebuilderTests.curtoisText(seed: UInt64(seed) &+ 4100, people: 6, days: 14, lenient: true))
        let model = CurtoisModel(instance)
        let result = try Solver.solve(model.problem, options: SolverOptions(seed: UInt64(seed), moveBudget: 100_000))
        let check = CurtoisChecker.evaluate(instance, roster: model.roster(of: result.plan))
        try #require(check.isFeasible, "seed \(seed): the solver's plan is not legal")
        return (model, check)
    }

    @Test("on larger instances the bound stays below the solver's legal plans and above zero", arguments: 0..<3)
    func boundIsBelowSolverPlans(seed: Int) throws {
        let (model, check) = try Self.solvedInstance(seed: seed)
        let bound = try #require(try Solver.coverBound(model.problem, steps: 300, upperBound: check.objective))
        #expect(bound.value <= Double(check.objective) + 1e-6, "seed \(seed): bound \(bound.value), plan \(check.objective)")
        // The cover alone already costs something in these rosters: the steps must raise the bound.
        #expect(bound.value > 0, "seed \(seed)")
    }

    @Test("problems whose rules the row program cannot relax get no bound")
    func noBoundWhereInvalid() throws {
        var found = false
        for seed in 0..<20 {
            let problem = RandomProblems.make(seed: UInt64(seed) &+ 77)
            let cp = try CompiledProblem(problem)
            let s = IncrementalScore(cp)
            let valid = LagrangianBound(s).isValid
            let bound = try Solver.coverBound(problem, steps: 5, upperBound: 1_000_000)
            if !valid { #expect(bound == nil, "seed \(seed)"); found = true }
        }
        #expect(found, "no random problem with quotas, mixes or minimum headcounts was drawn")
    }
}

/// Duals become integer prices through `LagrangianBound.price`: a blown-up dual of a nearly
/// singular master once crashed a whole-horizon group re-plan on Instance19 (a Double beyond
/// Int.min converted to Int).
struct PriceConversionTests {
    @Test("ordinary duals are rounded to units of 1/scale and not clamped", arguments: [0.0, 1.25, -3.0004, 1e6, -1e8])
    func ordinary(dual: Double) {
        let (price, clamped) = LagrangianBound.price(dual)
        #expect(!clamped)
        #expect(price == Int((dual * Double(LagrangianBound.scale)).rounded()))
    }

    @Test("duals beyond the limit, infinite or NaN are clamped and reported", arguments: [1e30, -1e30, Double.infinity, -Double.infinity, Double.nan, -9.3e15])
    func extreme(dual: Double) {
        let (price, clamped) = LagrangianBound.price(dual)
        #expect(clamped)
        #expect(abs(price) <= LagrangianBound.priceLimit)
        if dual.isNaN { #expect(price == 0) } else { #expect(price.signum() == Int(dual.sign == .minus ? -1 : 1)) }
        // Sums the pricing makes with clamped prices cannot overflow.
        #expect(price.multipliedReportingOverflow(by: 1000).overflow == false)
    }
}
