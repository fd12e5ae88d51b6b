import Foundation

/// Maps a Curtois instance onto the core model, rule for rule, so that the core solver and
/// scorer are what the benchmark measures:
/// days off → absences; MaxShifts → shift-kind caps; workload → min/max total minutes;
/// consecutive rules → min/max consecutive working days and min days off (border runs exempt,
/// as no history is given); weekends → max worked weekends; forbidden successions as such;
/// requests → wishes; cover → a demand per (day, shift) with target = requirement and the cover
/// weights as shortfall/surplus weights. The Curtois objective is then exactly the soft level.
public struct CurtoisModel: Sendable {
    public let instance: CurtoisInstance
    public let problem: SchedulingProblem
    /// For each demand id, its (day, shift id).
    public let demandCell: [String: (day: Int, shift: String)]

    /// Day 0 is a Monday; UTC keeps every day 24 h long like the benchmark assumes.
    public static let firstDay = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01T00:00:00Z, a Monday

    public init(_ inst: CurtoisInstance) {
        instance = inst
        let day0 = Self.firstDay
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        func dayStart(_ d: Int) -> Date { day0.addingTimeInterval(Double(d) * 86_400) }
        func calendarDay(_ d: Int) -> CalendarDay { CalendarDay(dayStart(d), calendar: cal) }
        let successions = inst.shifts.flatMap { s in s.forbiddenNext.map { ForbiddenSuccession(first: s.id, next: $0) } }
        var profiles: [RuleProfile] = []
        var people: [Person] = []
        for e in inst.employees {
            var r = RuleProfile(id: "curtois-\(e.id)", legalBasis: "Curtois & Qu benchmark")
            r.maxTotalMinutes = e.maxTotalMinutes
            r.minTotalMinutes = e.minTotalMinutes
            r.maxConsecutiveWorkingDays = e.maxConsecutiveShifts
            r.minConsecutiveWorkingDays = e.minConsecutiveShifts
            r.minConsecutiveDaysOff = e.minConsecutiveDaysOff
            r.maxWorkedWeekends = e.maxWeekends
            r.shiftKindCaps = inst.shifts.compactMap { s in e.maxShifts[s.id].map { ShiftKindCap(kind: s.id, maximum: $0) } }
            r.forbiddenSuccessions = successions
            profiles.append(r)
            let absences = (inst.daysOff[e.id] ?? []).map { TimeWindow(start: dayStart($0), end: dayStart($0 + 1)) }
            var wishes = inst.onRequests.filter { $0.employee == e.id }.map {
                Wish(day: calendarDay($0.day), shiftKind: $0.shift, wantsToWork: true, weight: $0.weight)
            }
            wishes += inst.offRequests.filter { $0.employee == e.id }.map {
                Wish(day: calendarDay($0.day), shiftKind: $0.shift, wantsToWork: false, weight: $0.weight)
            }
            people.append(Person(id: e.id, homeDepartment: "curtois", poolKind: .volunteer, contractMinutesPerWeek: 2340,
                                 ruleProfile: r.id, absences: absences, wishes: wishes))
        }
        let length = Dictionary(uniqueKeysWithValues: inst.shifts.map { ($0.id, $0.minutes) })
        var demands: [ShiftDemand] = []
        var cells: [String: (day: Int, shift: String)] = [:]
        for c in inst.cover {
            let id = "\(c.day):\(c.shift)"
            let start = dayStart(c.day)
            // All shifts start at midnight; only their length matters to the benchmark.
            demands.append(ShiftDemand(id: id, task: c.shift, kind: c.shift, start: start,
                                       end: start.addingTimeInterval(Double(max(1, length[c.shift] ?? 1)) * 60),
                                       headcount: Headcount(minimum: 0, target: c.requirement), priority: 3,
                                       shortfallWeight: c.weightUnder, surplusWeight: c.weightOver))
            cells[id] = (c.day, c.shift)
        }
        demandCell = cells
        problem = SchedulingProblem(horizonStart: day0, horizonEnd: dayStart(inst.horizon), timeZone: "UTC", people: people,
                                    demands: demands, ruleProfiles: profiles, weights: .curtois)
    }

    /// The roster grid of a plan (rows in SECTION_STAFF order).
    public func roster(of plan: Plan) -> [[String?]] {
        let row = Dictionary(uniqueKeysWithValues: instance.employees.enumerated().map { ($1.id, $0) })
        var grid = [[String?]](repeating: [String?](repeating: nil, count: instance.horizon), count: instance.employees.count)
        for a in plan.assignments {
            guard let e = row[a.person], let c = demandCell[a.demand] else { continue }
            grid[e][c.day] = c.shift
        }
        return grid
    }
}
