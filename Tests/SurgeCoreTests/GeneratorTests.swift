import Foundation
import Testing
@testable import SurgeCore

struct GeneratorTests {
    @Test func deterministicPerSeed() throws {
        let a = try Interchange.encode(problem: CityGenerator(staff: 120, tasks: 4, days: 7, seed: 7).generate())
        let b = try Interchange.encode(problem: CityGenerator(staff: 120, tasks: 4, days: 7, seed: 7).generate())
        let c = try Interchange.encode(problem: CityGenerator(staff: 120, tasks: 4, days: 7, seed: 8).generate())
        #expect(a == b)
        #expect(a != c)
    }

    @Test("a generated city has the promised ingredients and compiles")
    func realistic() throws {
        let p = CityGenerator(staff: 600, tasks: 10, days: 14, seed: 1).generate()
        #expect(p.people.count == 600)
        #expect(Set(p.demands.map(\.kind)).isSuperset(of: ["early", "late", "night"]))
        #expect(p.people.contains { $0.contractMinutesPerWeek < 2340 })
        #expect(p.people.contains { !$0.absences.isEmpty })
        #expect(p.people.contains { $0.poolKind.isPoolMember } && p.people.contains { !$0.poolKind.isPoolMember })
        #expect(p.demands.contains { !$0.mixes.isEmpty } && p.demands.contains { !$0.requirements.isEmpty })
        #expect(!p.releaseQuotas.isEmpty)
        _ = try CompiledProblem(p)
    }

    @Test func splitMixIsReproducible() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        var c = SplitMix64(seed: 2)
        #expect((0..<1000).allSatisfy { _ in (0..<7).contains(c.below(7)) })
    }
}
