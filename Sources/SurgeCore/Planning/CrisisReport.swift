import Foundation

/// What a crisis staff reads after planning: coverage per task, people seconded per department
/// against the quota, and the load on the people deployed. Recomputed from the plan's assignments.
public struct CrisisReport: Codable, Sendable {
    public struct TaskCoverage: Codable, Sendable {
        public var task: String
        public var priority: Int
        public var shifts: Int
        /// Shifts with at least their minimum headcount.
        public var shiftsAtMinimum: Int
        public var peopleNeeded: Int
        public var peopleAssigned: Int
    }

    public struct DepartmentDrain: Codable, Sendable {
        public var department: String
        public var quotaPersons: Int
        /// Most distinct people of the department (outside the pool) deployed on one day.
        public var peakPersonsPerDay: Int
        public var people: Int
    }

    public struct Load: Codable, Sendable {
        public var peopleDeployed: Int
        public var poolMembersDeployed: Int
        public var hoursMin: Double
        public var hoursMedian: Double
        public var hoursP90: Double
        public var hoursMax: Double
        public var nights: Int
    }

    public var tasks: [TaskCoverage]
    public var departments: [DepartmentDrain]
    public var load: Load
    public var hardBreaks: Int
    public var unfilledPositions: Int

    public init(problem: SchedulingProblem, plan: Plan) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: problem.timeZone) ?? TimeZone(identifier: "UTC")!
        let demands = Dictionary(problem.demands.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let people = Dictionary(problem.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var assigned: [String: Int] = [:]
        var minutesByPerson: [String: Int] = [:]
        var personDays: [String: Set<String>] = [:]  // department -> "day|person"
        var deptPeople: [String: Set<String>] = [:]
        for a in plan.assignments {
            assigned[a.demand, default: 0] += 1
            guard let d = demands[a.demand], let p = people[a.person] else { continue }
            minutesByPerson[a.person, default: 0] += Int(d.end.timeIntervalSince(d.start) / 60)
            if p.poolKind == .none {
                let day = CalendarDay(d.start, calendar: calendar).description
                personDays[p.homeDepartment, default: []].insert("\(day)|\(p.id)")
                deptPeople[p.homeDepartment, default: []].insert(p.id)
            }
        }
        var byTask: [String: TaskCoverage] = [:]
        for d in problem.demands {
            var t = byTask[d.task] ?? TaskCoverage(task: d.task, priority: d.priority, shifts: 0, shiftsAtMinimum: 0, peopleNeeded: 0, peopleAssigned: 0)
            let n = assigned[d.id] ?? 0
            t.shifts += 1
            if n >= d.headcount.minimum { t.shiftsAtMinimum += 1 }
            t.peopleNeeded += d.headcount.target
            t.peopleAssigned += min(n, d.headcount.maximum ?? n)
            byTask[d.task] = t
        }
        tasks = byTask.values.sorted { ($0.priority, $0.task) < ($1.priority, $1.task) }

        let quota = Dictionary(problem.releaseQuotas.map { ($0.department, $0.maxPersonsPerDay ?? 0) }, uniquingKeysWith: { a, _ in a })
        departments = deptPeople.keys.sorted().map { dept in
            var perDay: [Substring: Int] = [:]
            for key in personDays[dept] ?? [] { perDay[key.split(separator: "|")[0], default: 0] += 1 }
            return DepartmentDrain(department: dept, quotaPersons: quota[dept] ?? 0, peakPersonsPerDay: perDay.values.max() ?? 0,
                                   people: deptPeople[dept]?.count ?? 0)
        }
        let hours = minutesByPerson.values.map { Double($0) / 60 }.sorted()
        func quantile(_ q: Double) -> Double {
            guard !hours.isEmpty else { return 0 }
            return hours[min(hours.count - 1, Int((Double(hours.count - 1) * q).rounded()))]
        }
        load = Load(peopleDeployed: hours.count,
                    poolMembersDeployed: minutesByPerson.keys.filter { (people[$0]?.poolKind ?? .none) != .none }.count,
                    hoursMin: hours.first ?? 0, hoursMedian: quantile(0.5), hoursP90: quantile(0.9), hoursMax: hours.last ?? 0,
                    nights: plan.load.reduce(0) { $0 + $1.nights })
        hardBreaks = plan.hardBreaks.count
        unfilledPositions = plan.unfilled.count
    }
}
