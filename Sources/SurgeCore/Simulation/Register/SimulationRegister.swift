import Foundation

/// The register a simulation starts from, in the core's terms: everyone who could be deployed (with
/// competences, known absences and availability, pool kind), their FTE, and per department the
/// staff and the FTE its regular tasks need at each crisis level, so release quotas can be
/// recomputed every simulated day as people fall ill.
public struct SimulationRegister: Sendable {
    public struct DepartmentFigures: Sendable, Hashable {
        public var code: String
        public var name: String
        public var staffCount: Int
        public var staffFTE: Double
        /// FTE its regular tasks need at levels 0...3.
        public var neededFTE: [Double]

        public init(code: String, name: String, staffCount: Int, staffFTE: Double, neededFTE: [Double]) {
            self.code = code; self.name = name; self.staffCount = staffCount; self.staffFTE = staffFTE; self.neededFTE = neededFTE
        }
    }

    /// Sorted by id. `ruleProfile` is replaced by the profile in force during the run.
    public var people: [Person]
    /// FTE per person (same order as `people`).
    public var fte: [Double]
    public var departments: [DepartmentFigures]

    public init(people: [Person], fte: [Double], departments: [DepartmentFigures]) {
        let order = people.indices.sorted { people[$0].id < people[$1].id }
        self.people = order.map { people[$0] }
        self.fte = order.map { fte.indices.contains($0) ? fte[$0] : 1 }
        self.departments = departments.sorted { $0.code < $1.code }
    }

    /// The demo city in memory (what `surge seed demo` writes), read the way the planning reader
    /// reads the database: competence implications followed, absences and weekly availability
    /// as time windows over the days of the run, pool kinds from active memberships.
    public init(city: DemoCity, from: LocalDate, days: Int, timeZone: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let until = from.adding(days: days - 1)
        var pool: [String: PoolKind] = [:]
        for m in city.pool.sorted(by: { ($0.personnelNo, $0.validFrom) < ($1.personnelNo, $1.validFrom) })
        where m.validFrom <= from && (m.validUntil.map { $0 >= from } ?? true) {
            pool[m.personnelNo] = PoolKind(rawValue: m.kind.rawValue) ?? .designated
        }
        var implies: [String: [String]] = [:]
        var maxLevel: [String: Int] = [:]
        for c in city.competences { implies[c.code] = c.implies; maxLevel[c.code] = c.maxLevel ?? 1 }
        var competences: [String: [Competence]] = [:]
        for h in city.staffCompetences where (h.validUntil.map { $0 >= from } ?? true) && (h.validFrom.map { $0 <= until } ?? true) {
            let start = h.validFrom?.start(in: calendar)
            let end = h.validUntil?.adding(days: 1).start(in: calendar)
            var seen: Set<String> = []
            var stack = [h.competenceCode]
            while let k = stack.popLast() {
                guard seen.insert(k).inserted else { continue }
                let lv = k == h.competenceCode ? h.level : min(h.level, maxLevel[k] ?? 1)
                competences[h.personnelNo, default: []].append(Competence(id: k, level: lv, validFrom: start, validUntil: end))
                stack.append(contentsOf: implies[k] ?? [])
            }
        }
        var absences: [String: [TimeWindow]] = [:]
        for a in city.absences where a.startsOn <= until && a.endsOn >= from {
            absences[a.personnelNo, default: []].append(TimeWindow(start: a.startsOn.start(in: calendar), end: a.endsOn.adding(days: 1).start(in: calendar)))
        }
        var weekly: [String: [AvailabilityWindow]] = [:]
        for a in city.availability { weekly[a.personnelNo, default: []].append(a.window) }
        var people: [Person] = []
        var fte: [Double] = []
        var figures: [String: (Int, Double)] = [:]
        for s in city.staff {
            figures[s.departmentCode, default: (0, 0)].0 += 1
            figures[s.departmentCode, default: (0, 0)].1 += s.fte
            var availability: [TimeWindow] = []
            if let pattern = weekly[s.personnelNo] {
                for offset in 0..<days {
                    let day = from.adding(days: offset)
                    let base = day.start(in: calendar)
                    for w in pattern where w.weekday == day.isoWeekday {
                        availability.append(TimeWindow(start: base.addingTimeInterval(Double(w.startMinute) * 60), end: base.addingTimeInterval(Double(w.endMinute) * 60)))
                    }
                }
            }
            people.append(Person(id: s.personnelNo, name: "\(s.firstName) \(s.lastName)", homeDepartment: s.departmentCode,
                                 poolKind: pool[s.personnelNo] ?? .none, contractMinutesPerWeek: Int((s.contractHoursWeek * 60).rounded()),
                                 ruleProfile: s.ruleProfile, competences: competences[s.personnelNo] ?? [],
                                 absences: absences[s.personnelNo] ?? [], availability: availability))
            fte.append(s.fte)
        }
        var needed: [String: [Double]] = [:]
        for t in city.tasks {
            var n = needed[t.departmentCode] ?? [0, 0, 0, 0]
            for l in 0..<4 where t.fteByLevel.indices.contains(l) { n[l] += t.fteByLevel[l] }
            needed[t.departmentCode] = n
        }
        let departments = city.departments.map { d in
            DepartmentFigures(code: d.code, name: d.name, staffCount: figures[d.code]?.0 ?? 0, staffFTE: figures[d.code]?.1 ?? 0,
                              neededFTE: needed[d.code] ?? [0, 0, 0, 0])
        }
        self.init(people: people, fte: fte, departments: departments)
    }
}
