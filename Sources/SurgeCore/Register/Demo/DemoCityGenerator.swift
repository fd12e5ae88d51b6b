/// Generates a realistic, deterministic demo municipality: the same options give the same city on
/// every run and machine (own SplitMix64, no system randomness, dates relative to `options.today`).
///
/// The shape for the default 2,000 staff: 40 departments (5 Dezernate, Ämter, Abteilungen), about 60
/// competences, about 4 competences per person with certificates lapsed, lapsing soon and valid,
/// vacation/sick/training absences around today, weekly patterns for most part-timers, a reserve pool
/// of about 15 % (volunteers with consent, designated, trainees, retirees, a few lent), task catalogues
/// that leave most departments a positive release quota at level 2 and a few essential ones almost none,
/// and some secondments already drawing on the quotas. Larger `staffCount` scales every part but the
/// department tree and the catalogue.
public struct DemoCityGenerator: Sendable {
    public let options: DemoCityOptions

    public init(options: DemoCityOptions) { self.options = options }

    static let crisisNotes = ["Bürgertelefon", "Kontaktnachverfolgung", "Impfzentrum", "Aufnahmeeinrichtung für Geflüchtete", "Stab für außergewöhnliche Ereignisse"]
    static let lendingOrganisations = ["Stadt Bonn", "Rhein-Erft-Kreis", "Kreis Mettmann", "Stadt Leverkusen", "Landschaftsverband Rheinland"]

    public func generate() -> DemoCity {
        var rng = SplitMix64(seed: options.seed)
        let today = options.today
        let plans = DemoDepartmentPlan.all
        let specs = DemoCompetenceSpec.all
        let n = max(options.staffCount, 1)

        // Departments get staff in proportion to their weight (exact, then shuffled over personnel numbers).
        let retireeCount = max(1, n / 80)
        let lentCount = max(1, n / 250)
        let regularCount = max(0, n - retireeCount - lentCount)
        let reserveIndex = plans.firstIndex(where: \.isReserve) ?? 0
        let totalWeight = plans.map(\.weight).reduce(0, +)
        var perDepartment = plans.map { Int((Double(regularCount) * $0.weight / totalWeight).rounded(.down)) }
        var remainder = regularCount - perDepartment.reduce(0, +)
        var k = 0
        while remainder > 0 {
            let i = k % plans.count
            if !plans[i].isReserve { perDepartment[i] += 1; remainder -= 1 }
            k += 1
        }
        var homes: [Int] = []
        homes.reserveCapacity(n)
        for (i, c) in perDepartment.enumerated() { homes += Array(repeating: i, count: c) }
        shuffle(&homes, &rng)
        let specialKinds: [PoolMembership.Kind] = Array(repeating: .retiree, count: retireeCount) + Array(repeating: .lent, count: lentCount)

        var staff: [StaffMember] = []
        staff.reserveCapacity(n)
        var staffDepartment: [Int] = []
        var special: [PoolMembership.Kind?] = []
        var origins: [Int] = []
        let originWeights = DemoNameOrigin.all.map(\.share)
        for i in 0..<(homes.count + specialKinds.count) {
            let pno = "P" + Self.pad(i + 1, 6)
            let originIndex = rng.weightedIndex(originWeights)
            let origin = DemoNameOrigin.all[originIndex]
            let first = rng.pick(origin.firstNames) ?? "Alex"
            let last = rng.pick(origin.lastNames) ?? "Muster"
            let kind: PoolMembership.Kind? = i < homes.count ? nil : specialKinds[i - homes.count]
            let dept = kind == nil ? homes[i] : reserveIndex
            var status = StaffMember.StatusGroup.employee
            var hours = 39.0
            var full = 39.0
            switch kind {
            case .retiree?:
                hours = [8, 10, 12, 15, 19.5][rng.uniformBelow(5)]
            case .lent?:
                break
            default:
                let r = rng.unit()
                if r < 0.04 { status = .trainee } else if r < 0.29 { status = .civilServant; hours = 41; full = 41 }
                if status != .trainee && rng.chance(0.3) {
                    hours = status == .civilServant ? [20.5, 25, 30.75, 32][rng.uniformBelow(4)] : [19.5, 20, 25, 29.25, 30, 32, 35][rng.uniformBelow(7)]
                }
            }
            let fte = Self.round(hours / full, 3)
            let email = "\(DemoNameOrigin.ascii(first)).\(DemoNameOrigin.ascii(last))@beispielstadt.example"
            staff.append(StaffMember(personnelNo: pno, firstName: first, lastName: last, departmentCode: plans[dept].department.code,
                                     contractHoursWeek: hours, fte: fte, statusGroup: status,
                                     ruleProfile: status == .civilServant ? "civil_servant_nrw" : "normal", email: email))
            staffDepartment.append(dept)
            special.append(kind)
            origins.append(originIndex)
        }

        // Competences.
        var holdings: [StaffCompetence] = []
        holdings.reserveCapacity(n * 5)
        let specIndex = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($1.competence.code, $0) })
        for (i, person) in staff.enumerated() {
            let deptCode = person.departmentCode
            var held: Set<String> = []
            if let native = DemoNameOrigin.all[origins[i]].nativeLanguage, rng.chance(0.75), let s = specIndex[native] {
                holdings.append(holding(person.personnelNo, specs[s].competence, level: 6, &rng))
                held.insert(native)
            }
            for spec in specs where !held.contains(spec.competence.code) {
                let p = spec.homes.contains(deptCode) ? min(0.85, spec.share * 15) : spec.share
                guard rng.chance(p) else { continue }
                let level: Int
                if spec.competence.category == .language {
                    level = [1, 2, 3, 4, 5, 6][rng.weightedIndex([0.15, 0.25, 0.25, 0.2, 0.1, 0.05])]
                } else {
                    level = rng.between(1, spec.competence.maxLevel ?? 1)
                }
                holdings.append(holding(person.personnelNo, spec.competence, level: level, &rng))
                held.insert(spec.competence.code)
            }
        }

        // Absences around today: a category, never a diagnosis.
        var absences: [Absence] = []
        var absentToday = Array(repeating: false, count: staff.count)
        for (i, person) in staff.enumerated() {
            let draws: [(Absence.Category, Double, ClosedRange<Int>, ClosedRange<Int>)] = [
                (.vacation, 0.12, -10...40, 3...15), (.sick, 0.05, -10...0, 1...14),
                (.training, 0.025, -3...30, 1...5), (.other, 0.01, -5...20, 1...3),
            ]
            for (category, p, startRange, lengthRange) in draws where rng.chance(p) {
                let start = today.adding(days: rng.between(startRange.lowerBound, startRange.upperBound))
                let end = start.adding(days: rng.between(lengthRange.lowerBound, lengthRange.upperBound) - 1)
                absences.append(Absence(personnelNo: person.personnelNo, category: category, startsOn: start, endsOn: end))
                if start <= today && today <= end { absentToday[i] = true }
            }
        }

        // Weekly patterns for most part-timers.
        var availability: [DemoCity.Availability] = []
        for person in staff where person.fte < 0.9 && rng.chance(0.75) {
            for w in pattern(minutesPerWeek: Int(person.contractHoursWeek * 60), &rng) {
                availability.append(DemoCity.Availability(personnelNo: person.personnelNo, window: w))
            }
        }

        // The reserve pool.
        var pool: [PoolMembership] = []
        for (i, person) in staff.enumerated() {
            let plan = plans[staffDepartment[i]]
            var kind: PoolMembership.Kind?
            if let s = special[i] {
                kind = s
            } else if person.statusGroup == .trainee {
                if rng.chance(0.4) { kind = .trainee }
            } else {
                let r = rng.unit()
                if r < 0.085 { kind = .volunteer } else if r < 0.13 && !plan.tight { kind = .designated }
            }
            guard let kind else { continue }
            var from = today.adding(days: -rng.between(0, 365))
            var until: LocalDate?
            let term = rng.unit()
            if term < 0.05 {
                until = today.adding(days: -rng.between(1, 90))
                from = (until ?? today).adding(days: -rng.between(60, 300))
            } else if term < 0.30 {
                until = today.adding(days: rng.between(14, 365))
            }
            var m = PoolMembership(personnelNo: person.personnelNo, kind: kind, validFrom: from, validUntil: until,
                                   maxHoursWeek: person.contractHoursWeek)
            switch kind {
            case .volunteer:
                m.consentAt = from.adding(days: -rng.between(0, 14))
                m.maxHoursWeek = min(person.contractHoursWeek, [8, 10, 15, 20][rng.uniformBelow(4)])
            case .designated:
                m.releasedBy = "Amtsleitung \(plan.department.code)"
            case .trainee:
                m.releasedBy = "Aus- und Fortbildung (A11.2)"
            case .retiree:
                m.releasedBy = "Personalamt"
                m.consentAt = from
            case .lent:
                m.releasedBy = "Personalamt"
                m.lendingOrg = rng.pick(Self.lendingOrganisations)
            }
            pool.append(m)
        }

        // Task catalogues per department, from its staff FTE: most give something at higher levels, a few almost nothing.
        var staffFTE = Array(repeating: 0.0, count: plans.count)
        var presentFTE = Array(repeating: 0.0, count: plans.count)
        var presentByDepartment = Array(repeating: [Int](), count: plans.count)
        for (i, person) in staff.enumerated() {
            staffFTE[staffDepartment[i]] += person.fte
            if !absentToday[i] {
                presentFTE[staffDepartment[i]] += person.fte
                presentByDepartment[staffDepartment[i]].append(i)
            }
        }
        var tasks: [RegularTask] = []
        var neededAtCrisis = Array(repeating: 0.0, count: plans.count)
        let crisisLevel = CrisisLevel.two
        for (d, plan) in plans.enumerated() where !plan.isReserve {
            let s = staffFTE[d]
            let base = s * (plan.tight ? 0.97 + 0.05 * rng.unit() : 0.93 + 0.06 * rng.unit())
            let a = plan.tight ? 0.85 + 0.07 * rng.unit() : 0.5 + 0.15 * rng.unit()
            let c = plan.tight ? 0.03 : 0.08 + 0.07 * rng.unit()
            let b = max(0, 1 - a - c)
            let multipliers: [RegularTask.PriorityClass: [Double]] = plan.tight
                ? [.A: [1, 1.02, 1.05, 1.08], .B: [1, 0.9, 0.8, 0.7], .C: [1, 0.5, 0, 0]]
                : [.A: [1, 1, 1, 1], .B: [1, 0.8, 0.6, 0.45], .C: [1, 0.5, 0, 0]]
            var names: [(RegularTask.PriorityClass, String)] = [(.A, plan.coreTask)]
            if rng.chance(0.6) { names.append((.A, rng.pick(DemoDepartmentPlan.classATasks) ?? "Pflichtaufgaben")) }
            for name in sample(DemoDepartmentPlan.classBTasks, rng.between(1, 3), &rng) { names.append((.B, name)) }
            for name in sample(DemoDepartmentPlan.classCTasks, rng.between(1, 2), &rng) { names.append((.C, name)) }
            let shares: [RegularTask.PriorityClass: Double] = [.A: a, .B: b, .C: c]
            for cls in RegularTask.PriorityClass.allCases {
                let inClass = names.filter { $0.0 == cls }.map { $0.1 }
                let weights = inClass.map { _ in 0.5 + rng.unit() }
                let total = weights.reduce(0, +)
                for (j, name) in inClass.enumerated() {
                    let level0 = base * (shares[cls] ?? 0) * weights[j] / total
                    let fte = (multipliers[cls] ?? [1, 1, 1, 1]).map { Self.round(level0 * $0, 2) }
                    tasks.append(RegularTask(departmentCode: plan.department.code, code: "T" + Self.pad(tasks.count(where: { $0.departmentCode == plan.department.code }) + 1, 2),
                                             name: name, priorityClass: cls, fteByLevel: fte))
                    neededAtCrisis[d] += fte[crisisLevel.rawValue]
                }
            }
        }

        // Some people are already seconded to crisis work, drawing on the quotas (a tight unit gives one anyway).
        var secondments: [Secondment] = []
        for (d, plan) in plans.enumerated() where !plan.isReserve {
            var present = presentByDepartment[d].filter { staff[$0].statusGroup != .trainee }
            guard !present.isEmpty else { continue }
            let quota = max(0, presentFTE[d] - neededAtCrisis[d])
            let mean = presentFTE[d] / Double(presentByDepartment[d].count)
            let persons = mean > 0 ? Int((quota / mean).rounded(.down)) : 0
            let take = plan.tight ? 1 : min(present.count, Int((Double(persons) * (0.2 + 0.5 * rng.unit())).rounded(.down)))
            shuffle(&present, &rng)
            for i in present.prefix(take) {
                let start = today.adding(days: -rng.between(0, 21))
                secondments.append(Secondment(personnelNo: staff[i].personnelNo, startsOn: start, endsOn: today.adding(days: rng.between(7, 42)),
                                              fte: staff[i].fte, note: rng.pick(Self.crisisNotes)))
            }
        }
        secondments.sort { $0.personnelNo < $1.personnelNo }

        return DemoCity(organisationName: "Stadt Beispielstadt (Demo)", crisisLevel: crisisLevel,
                        departments: plans.map(\.department), competences: specs.map(\.competence), staff: staff,
                        staffCompetences: holdings, absences: absences, availability: availability, pool: pool,
                        tasks: tasks, secondments: secondments)
    }

    private func holding(_ pno: String, _ c: CompetenceDefinition, level: Int, _ rng: inout SplitMix64) -> StaffCompetence {
        let today = options.today
        if c.expires {
            // Two-year certificates: about a quarter lapsed, some lapsing within weeks, the rest valid.
            let until = today.adding(days: rng.between(-250, 730))
            let from = until.adding(days: -730)
            return StaffCompetence(personnelNo: pno, competenceCode: c.code, level: level, validFrom: from, validUntil: until,
                                   verifiedBy: "Personalamt", verifiedAt: from)
        }
        let from = today.adding(days: -rng.between(30, 9000))
        let verified = c.category == .certificate || c.category == .drivingLicence
        return StaffCompetence(personnelNo: pno, competenceCode: c.code, level: level, validFrom: from, validUntil: nil,
                               verifiedBy: verified ? "Personalamt" : nil, verifiedAt: verified ? from : nil)
    }

    /// A part-timer's week: five mornings, three long days, or four days with a lunch break.
    private func pattern(minutesPerWeek: Int, _ rng: inout SplitMix64) -> [AvailabilityWindow] {
        func quarter(_ m: Int) -> Int { max(60, (m / 15) * 15) }
        switch rng.uniformBelow(3) {
        case 0:
            let start = [450, 480, 510][rng.uniformBelow(3)]
            let len = quarter(minutesPerWeek / 5)
            return (1...5).map { AvailabilityWindow(weekday: $0, startMinute: start, endMinute: min(1320, start + len)) }
        case 1:
            let days = [[1, 2, 3], [2, 3, 4], [1, 3, 5], [3, 4, 5]][rng.uniformBelow(4)]
            let start = [420, 450, 480][rng.uniformBelow(3)]
            let len = quarter(minutesPerWeek / 3)
            return days.map { AvailabilityWindow(weekday: $0, startMinute: start, endMinute: min(1320, start + len)) }
        default:
            let len = quarter(minutesPerWeek / 4)
            var result: [AvailabilityWindow] = []
            for day in 1...4 {
                result.append(AvailabilityWindow(weekday: day, startMinute: 480, endMinute: 480 + min(len, 240)))
                if len > 240 { result.append(AvailabilityWindow(weekday: day, startMinute: 780, endMinute: min(1320, 780 + len - 240))) }
            }
            return result
        }
    }

    private func shuffle<T>(_ a: inout [T], _ rng: inout SplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = rng.uniformBelow(i + 1)
            if i != j { a.swapAt(i, j) }
        }
    }

    private func sample(_ items: [String], _ count: Int, _ rng: inout SplitMix64) -> [String] {
        var copy = items
        shuffle(&copy, &rng)
        return Array(copy.prefix(count))
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func round(_ v: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (v * scale).rounded() / scale
    }
}
