import SurgeCore
import Testing

@Suite struct DemoCityGeneratorTests {
    static let today = LocalDate(year: 2026, month: 3, day: 16)!

    @Test func splitMixMatchesTheReferenceSequence() {
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        #expect(zero.next() == 0x6E78_9E6A_A1B9_65F4)
        var other = SplitMix64(seed: 1_234_567)
        #expect(other.next() == 0x599E_D017_FB08_FC85)
        var r = SplitMix64(seed: 9)
        for _ in 0..<1000 {
            #expect((0..<7).contains(r.uniformBelow(7)))
            #expect((3...5).contains(r.between(3, 5)))
            let u = r.unit()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func sameSeedSameCityOtherSeedOtherCity() {
        let a = DemoCityGenerator(options: DemoCityOptions(seed: 42, today: Self.today)).generate()
        let b = DemoCityGenerator(options: DemoCityOptions(seed: 42, today: Self.today)).generate()
        let c = DemoCityGenerator(options: DemoCityOptions(seed: 43, today: Self.today)).generate()
        #expect(a.staff == b.staff)
        #expect(a.staffCompetences == b.staffCompetences)
        #expect(a.absences == b.absences)
        #expect(a.availability == b.availability)
        #expect(a.pool == b.pool)
        #expect(a.tasks == b.tasks)
        #expect(a.secondments == b.secondments)
        #expect(a.staff != c.staff)
        #expect(a.staffCompetences != c.staffCompetences)
    }

    @Test func defaultSizesAreThoseOfAMidSizedCity() {
        let city = DemoCityGenerator(options: DemoCityOptions(seed: 1, today: Self.today)).generate()
        #expect(city.staff.count == 2000)
        #expect(city.departments.count == 40)
        #expect((55...65).contains(city.competences.count))
        #expect((250...350).contains(city.pool.count), "pool has \(city.pool.count)")
        #expect(Set(city.staff.map(\.personnelNo)).count == 2000)
        let perPerson = Double(city.staffCompetences.count) / 2000
        #expect((2.5...6).contains(perPerson), "\(perPerson) competences per person")
        for kind in PoolMembership.Kind.allCases {
            #expect(city.pool.contains { $0.kind == kind }, "no \(kind) in the pool")
        }
        // Every department but the reserve unit has staff and a task catalogue with all three classes.
        for d in city.departments where d.code != "A11.3" {
            #expect(city.staff.contains { $0.departmentCode == d.code }, "\(d.code) has no staff")
            let classes = Set(city.tasks.filter { $0.departmentCode == d.code }.map(\.priorityClass))
            #expect(classes == [.A, .B, .C], "\(d.code) has classes \(classes)")
        }
        let big = DemoCityGenerator(options: DemoCityOptions(seed: 1, staffCount: 10_000, today: Self.today)).generate()
        #expect(big.staff.count == 10_000)
        #expect(big.departments.count == 40)
    }

    @Test func everythingGeneratedPassesTheDomainRules() throws {
        let city = DemoCityGenerator(options: DemoCityOptions(seed: 5, today: Self.today)).generate()
        var seen: Set<String> = []
        for d in city.departments {
            try d.validate()
            if let p = d.parentCode { #expect(seen.contains(p), "\(d.code)'s parent \(p) comes later") }
            seen.insert(d.code)
        }
        let catalogue = Dictionary(uniqueKeysWithValues: city.competences.map { ($0.code, $0) })
        for c in city.competences {
            try c.validate()
            for i in c.implies { #expect(catalogue[i] != nil, "\(c.code) implies unknown \(i)") }
        }
        #expect(catalogue["FS_C1"]?.implies == ["FS_B"])
        #expect(catalogue["ARZT"]?.implies == ["ERSTE_HILFE"])
        #expect(catalogue["ERSTE_HILFE"]?.expires == true)
        for s in city.staff { try s.validate() }
        var pairs: Set<String> = []
        for h in city.staffCompetences {
            try h.validate(against: catalogue[h.competenceCode])
            #expect(pairs.insert(h.personnelNo + "/" + h.competenceCode).inserted, "duplicate holding")
        }
        for a in city.absences { try a.validate() }
        let windows = Dictionary(grouping: city.availability, by: \.personnelNo)
        #expect(!windows.isEmpty)
        for (_, w) in windows { try AvailabilityWindow.validate(w.map(\.window)) }
        for m in city.pool { try m.validate() }
        for t in city.tasks { try t.validate() }
        for s in city.secondments { try s.validate() }
        #expect(!city.secondments.isEmpty)

        // Realistic certificate spread: lapsed, lapsing within 60 days, and valid beyond.
        let firstAid = city.staffCompetences.filter { $0.competenceCode == "ERSTE_HILFE" }.compactMap(\.validUntil)
        #expect(firstAid.contains { $0 < Self.today })
        #expect(firstAid.contains { $0 >= Self.today && $0 <= Self.today.adding(days: 60) })
        #expect(firstAid.contains { $0 > Self.today.adding(days: 60) })
        // Languages at levels 1–6.
        let levels = Set(city.staffCompetences.filter { $0.competenceCode.hasPrefix("SPR_") }.map(\.level))
        #expect(levels == Set(1...6))
        // Some absent today, of every category.
        #expect(Set(city.absences.map(\.category)) == Set(Absence.Category.allCases))
        #expect(city.absences.contains { $0.startsOn <= Self.today && Self.today <= $0.endsOn })
        // Volunteers carry consent, lent staff their organisation.
        #expect(city.pool.filter { $0.kind == .volunteer }.allSatisfy { $0.consentAt != nil })
        #expect(city.pool.filter { $0.kind == .lent }.allSatisfy { $0.lendingOrg != nil })
    }

    @Test func releaseQuotaFollowsItsDocumentedFormula() {
        // 4 present staff with 3.5 FTE, tasks need 2.0: quota 1.5 FTE, mean 0.875 → 1 person; 2.0 used → −0.5 left.
        let q = DepartmentReleaseQuota(departmentCode: "A1", level: .two, staffCount: 4, staffFTE: 3.5, neededFTE: 2.0, usedFTE: 2.0, usedPersons: 2)
        #expect(q.quotaFTE == 1.5)
        #expect(q.quotaPersons == 1)
        #expect(q.leftFTE == -0.5)
        // Needs above staff: quota 0, never negative.
        let drained = DepartmentReleaseQuota(departmentCode: "A2", level: .three, staffCount: 2, staffFTE: 1.5, neededFTE: 3, usedFTE: 0, usedPersons: 0)
        #expect(drained.quotaFTE == 0)
        #expect(drained.quotaPersons == 0)
        let empty = DepartmentReleaseQuota(departmentCode: "A3", level: .normal, staffCount: 0, staffFTE: 0, neededFTE: 0, usedFTE: 0, usedPersons: 0)
        #expect(empty.quotaPersons == 0)
    }
}
