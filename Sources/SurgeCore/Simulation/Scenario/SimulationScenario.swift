import Foundation

/// A staffing scenario to play through before it happens ("30 % sick for eight weeks, hotline and
/// contact tracing"): the base register, the crisis tasks with their demand over time, absences,
/// crisis level and rule profile changes, reserve stages and policy variants. Read from YAML or JSON
/// by `ScenarioDocument`; `validate()` names every bad field.
public struct SimulationScenario: Codable, Sendable, Hashable {
    public var name: String
    public var base: SimulationBase
    public var startDay: LocalDate
    public var days: Int
    public var timeZone: String
    /// Days planned ahead every simulated day (rolling horizon).
    public var horizonDays: Int
    /// Solver moves per planning day (deterministic stop; no wall clock inside a simulation).
    public var moveBudget: Int
    /// Crisis level 0–3 on the first day.
    public var level: Int
    public var levelChanges: [LevelChange]
    /// Rule profile in force from a day on; the first entry must start on day 0.
    public var ruleProfiles: [ProfilePeriod]
    /// Profile against which relaxed rules are counted (usually "normal").
    public var baselineProfile: String
    public var absences: AbsenceModel
    public var reserves: [ReserveStage]
    public var loadThresholds: LoadThresholds
    public var tasks: [SimulatedTask]
    /// Weights of the solver's objective that differ from the simulation's defaults (a policy:
    /// "spread the load" or "keep the same people").
    public var objective: ObjectiveOverrides
    public var variants: [PolicyVariant]

    enum CodingKeys: String, CodingKey {
        case name, base, startDay, days, timeZone, horizonDays, moveBudget, level, levelChanges, ruleProfiles,
             baselineProfile, absences, reserves, loadThresholds, tasks, objective, variants
    }

    public init(name: String, base: SimulationBase = .demo(seed: 1, staff: 2000), startDay: LocalDate, days: Int,
                timeZone: String = "Europe/Berlin", horizonDays: Int = 7, moveBudget: Int = 50_000, level: Int = 2,
                levelChanges: [LevelChange] = [], ruleProfiles: [ProfilePeriod], baselineProfile: String = "normal",
                absences: AbsenceModel = .init(), reserves: [ReserveStage] = [], loadThresholds: LoadThresholds = .init(),
                tasks: [SimulatedTask], objective: ObjectiveOverrides = .init(), variants: [PolicyVariant] = []) {
        self.name = name; self.base = base; self.startDay = startDay; self.days = days; self.timeZone = timeZone
        self.horizonDays = horizonDays; self.moveBudget = moveBudget; self.level = level; self.levelChanges = levelChanges
        self.ruleProfiles = ruleProfiles; self.baselineProfile = baselineProfile; self.absences = absences
        self.reserves = reserves; self.loadThresholds = loadThresholds; self.tasks = tasks; self.objective = objective; self.variants = variants
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        base = try c.decodeIfPresent(SimulationBase.self, forKey: .base) ?? .demo(seed: 1, staff: 2000)
        startDay = try c.decode(LocalDate.self, forKey: .startDay)
        days = try c.decode(Int.self, forKey: .days)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "Europe/Berlin"
        horizonDays = try c.decodeIfPresent(Int.self, forKey: .horizonDays) ?? 7
        moveBudget = try c.decodeIfPresent(Int.self, forKey: .moveBudget) ?? 50_000
        level = try c.decodeIfPresent(Int.self, forKey: .level) ?? 2
        levelChanges = try c.decodeIfPresent([LevelChange].self, forKey: .levelChanges) ?? []
        ruleProfiles = try c.decode([ProfilePeriod].self, forKey: .ruleProfiles)
        baselineProfile = try c.decodeIfPresent(String.self, forKey: .baselineProfile) ?? "normal"
        absences = try c.decodeIfPresent(AbsenceModel.self, forKey: .absences) ?? .init()
        reserves = try c.decodeIfPresent([ReserveStage].self, forKey: .reserves) ?? []
        loadThresholds = try c.decodeIfPresent(LoadThresholds.self, forKey: .loadThresholds) ?? .init()
        tasks = try c.decode([SimulatedTask].self, forKey: .tasks)
        objective = try c.decodeIfPresent(ObjectiveOverrides.self, forKey: .objective) ?? .init()
        variants = try c.decodeIfPresent([PolicyVariant].self, forKey: .variants) ?? []
    }

    /// The rule profile ids the scenario (and its variants) refer to.
    public var profileIds: [String] {
        var ids = Set(ruleProfiles.map(\.profile))
        ids.insert(baselineProfile)
        for v in variants { for p in v.ruleProfiles ?? [] { ids.insert(p.profile) } }
        return ids.sorted()
    }

    /// The day index (0-based) a day or week reference points to.
    static func dayIndex(day: Int?, week: Int?, date: LocalDate?, start: LocalDate) -> Int? {
        if let day { return day }
        if let week { return (week - 1) * 7 }
        if let date { return date.daysSinceEpoch - start.daysSinceEpoch }
        return nil
    }
}

/// Where the people come from: a generated demo city, or the register in the database.
public enum SimulationBase: Codable, Sendable, Hashable {
    case demo(seed: UInt64, staff: Int)
    case database(organisation: String?)

    enum CodingKeys: String, CodingKey { case demo, database }
    enum DemoKeys: String, CodingKey { case seed, staff }
    enum DatabaseKeys: String, CodingKey { case organisation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.demo) {
            let d = try c.nestedContainer(keyedBy: DemoKeys.self, forKey: .demo)
            self = .demo(seed: try d.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1, staff: try d.decodeIfPresent(Int.self, forKey: .staff) ?? 2000)
        } else if c.contains(.database) {
            let d = try? c.nestedContainer(keyedBy: DatabaseKeys.self, forKey: .database)
            self = .database(organisation: try d?.decodeIfPresent(String.self, forKey: .organisation))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must name either 'demo' or 'database'"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .demo(let seed, let staff):
            var d = c.nestedContainer(keyedBy: DemoKeys.self, forKey: .demo)
            try d.encode(seed, forKey: .seed); try d.encode(staff, forKey: .staff)
        case .database(let org):
            var d = c.nestedContainer(keyedBy: DatabaseKeys.self, forKey: .database)
            try d.encodeIfPresent(org, forKey: .organisation)
        }
    }
}

/// The crisis level changes on a day, or when coverage of the tasks up to a priority falls below a share.
public struct LevelChange: Codable, Sendable, Hashable {
    public var day: Int?
    public var week: Int?
    public var date: LocalDate?
    /// Threshold trigger: coverage (filled / needed positions) of tasks with priority ≤ `priority` on one day.
    public var whenCoverageBelow: Double?
    public var priority: Int?
    public var level: Int

    public init(day: Int? = nil, week: Int? = nil, date: LocalDate? = nil, whenCoverageBelow: Double? = nil, priority: Int? = nil, level: Int) {
        self.day = day; self.week = week; self.date = date; self.whenCoverageBelow = whenCoverageBelow; self.priority = priority; self.level = level
    }
}

/// A rule profile in force from a day on, with the decision behind it (recorded in the report).
public struct ProfilePeriod: Codable, Sendable, Hashable {
    public var day: Int?
    public var week: Int?
    public var date: LocalDate?
    public var profile: String
    public var decidedBy: String?

    public init(day: Int? = 0, week: Int? = nil, date: LocalDate? = nil, profile: String, decidedBy: String? = nil) {
        self.day = day; self.week = week; self.date = date; self.profile = profile; self.decidedBy = decidedBy
    }
}

/// Absences drawn during the run from the seed.
public struct AbsenceModel: Codable, Sendable, Hashable {
    /// Share of the staff falling ill per week (0.05 = 5 % start a sick spell each week).
    public var sicknessPerWeek: Double
    /// Multiplies the sickness chance of people deployed that day (exposure, exhaustion).
    public var deployedFactor: Double
    public var sickDaysMin: Int
    public var sickDaysMax: Int
    /// Sickness multiplied over time (a wave of infections); empty: flat.
    public var sicknessCurve: [CurvePoint]
    /// Share of the staff starting a vacation per week (only people not deployed that day).
    public var vacationPerWeek: Double
    public var vacationDaysMin: Int
    public var vacationDaysMax: Int

    public init(sicknessPerWeek: Double = 0.02, deployedFactor: Double = 1, sickDaysMin: Int = 3, sickDaysMax: Int = 10,
                sicknessCurve: [CurvePoint] = [], vacationPerWeek: Double = 0, vacationDaysMin: Int = 5, vacationDaysMax: Int = 10) {
        self.sicknessPerWeek = sicknessPerWeek; self.deployedFactor = deployedFactor; self.sickDaysMin = sickDaysMin
        self.sickDaysMax = sickDaysMax; self.sicknessCurve = sicknessCurve; self.vacationPerWeek = vacationPerWeek
        self.vacationDaysMin = vacationDaysMin; self.vacationDaysMax = vacationDaysMax
    }

    enum CodingKeys: String, CodingKey {
        case sicknessPerWeek, deployedFactor, sickDaysMin, sickDaysMax, sicknessCurve, vacationPerWeek, vacationDaysMin, vacationDaysMax
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AbsenceModel()
        sicknessPerWeek = try c.decodeIfPresent(Double.self, forKey: .sicknessPerWeek) ?? d.sicknessPerWeek
        deployedFactor = try c.decodeIfPresent(Double.self, forKey: .deployedFactor) ?? d.deployedFactor
        sickDaysMin = try c.decodeIfPresent(Int.self, forKey: .sickDaysMin) ?? d.sickDaysMin
        sickDaysMax = try c.decodeIfPresent(Int.self, forKey: .sickDaysMax) ?? d.sickDaysMax
        sicknessCurve = try c.decodeIfPresent([CurvePoint].self, forKey: .sicknessCurve) ?? []
        vacationPerWeek = try c.decodeIfPresent(Double.self, forKey: .vacationPerWeek) ?? d.vacationPerWeek
        vacationDaysMin = try c.decodeIfPresent(Int.self, forKey: .vacationDaysMin) ?? d.vacationDaysMin
        vacationDaysMax = try c.decodeIfPresent(Int.self, forKey: .vacationDaysMax) ?? d.vacationDaysMax
    }
}

/// Reserve people activated from a day on: the register's pool members of that kind wait for the
/// stage, and `count` extra people (e.g. staff lent by a neighbour municipality) join.
public struct ReserveStage: Codable, Sendable, Hashable {
    public var kind: PoolKind
    public var day: Int?
    public var week: Int?
    public var date: LocalDate?
    /// Extra people joining (0: only the register's pool members of this kind).
    public var count: Int
    public var hoursPerWeek: Double
    public var competences: [String]
    /// Lending organisation, for the report.
    public var from: String?

    public init(kind: PoolKind, day: Int? = nil, week: Int? = nil, date: LocalDate? = nil, count: Int = 0, hoursPerWeek: Double = 39,
                competences: [String] = [], from: String? = nil) {
        self.kind = kind; self.day = day; self.week = week; self.date = date; self.count = count
        self.hoursPerWeek = hoursPerWeek; self.competences = competences; self.from = from
    }

    enum CodingKeys: String, CodingKey { case kind, day, week, date, count, hoursPerWeek, competences, from }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(PoolKind.self, forKey: .kind)
        day = try c.decodeIfPresent(Int.self, forKey: .day)
        week = try c.decodeIfPresent(Int.self, forKey: .week)
        date = try c.decodeIfPresent(LocalDate.self, forKey: .date)
        count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 0
        hoursPerWeek = try c.decodeIfPresent(Double.self, forKey: .hoursPerWeek) ?? 39
        competences = try c.decodeIfPresent([String].self, forKey: .competences) ?? []
        from = try c.decodeIfPresent(String.self, forKey: .from)
    }
}

/// Staff-care thresholds (Belastungssteuerung) the report counts people above.
public struct LoadThresholds: Codable, Sendable, Hashable {
    public var averageWeeklyHours: Double
    public var consecutiveDays: Int
    public var nights: Int
    /// People with fewer free weekends than this over the run are reported.
    public var minFreeWeekends: Int

    public init(averageWeeklyHours: Double = 48, consecutiveDays: Int = 6, nights: Int = 10, minFreeWeekends: Int = 1) {
        self.averageWeeklyHours = averageWeeklyHours; self.consecutiveDays = consecutiveDays; self.nights = nights
        self.minFreeWeekends = minFreeWeekends
    }

    enum CodingKeys: String, CodingKey { case averageWeeklyHours, consecutiveDays, nights, minFreeWeekends }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = LoadThresholds()
        averageWeeklyHours = try c.decodeIfPresent(Double.self, forKey: .averageWeeklyHours) ?? d.averageWeeklyHours
        consecutiveDays = try c.decodeIfPresent(Int.self, forKey: .consecutiveDays) ?? d.consecutiveDays
        nights = try c.decodeIfPresent(Int.self, forKey: .nights) ?? d.nights
        minFreeWeekends = try c.decodeIfPresent(Int.self, forKey: .minFreeWeekends) ?? d.minFreeWeekends
    }
}

/// A crisis task with its daily shift pattern, a demand curve scaling the headcounts over time and
/// a chance of extra demand on a day.
public struct SimulatedTask: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var priority: Int
    public var shifts: [CrisisShift]
    /// Factor on minimum, target and maximum headcount, linear between points; empty: 1 throughout.
    public var demand: [CurvePoint]
    public var extraDemand: ExtraDemand?

    public init(code: String, name: String, priority: Int, shifts: [CrisisShift], demand: [CurvePoint] = [], extraDemand: ExtraDemand? = nil) {
        self.code = code; self.name = name; self.priority = priority; self.shifts = shifts; self.demand = demand; self.extraDemand = extraDemand
    }

    enum CodingKeys: String, CodingKey { case code, name, priority, shifts, demand, extraDemand }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? code
        priority = try c.decode(Int.self, forKey: .priority)
        shifts = try c.decode([CrisisShift].self, forKey: .shifts)
        demand = try c.decodeIfPresent([CurvePoint].self, forKey: .demand) ?? []
        extraDemand = try c.decodeIfPresent(ExtraDemand.self, forKey: .extraDemand)
    }
}

/// On a day, with `chance`, one of the task's shifts that day needs `people` more (minimum and target).
public struct ExtraDemand: Codable, Sendable, Hashable {
    public var chance: Double
    public var people: Int

    public init(chance: Double, people: Int) { self.chance = chance; self.people = people }
}

/// A point of a curve over the run: at a day (0-based) or the start of a week (1-based), a factor.
public struct CurvePoint: Codable, Sendable, Hashable {
    public var day: Int?
    public var week: Int?
    public var factor: Double

    public init(day: Int? = nil, week: Int? = nil, factor: Double) { self.day = day; self.week = week; self.factor = factor }

    var dayIndex: Int { SimulationScenario.dayIndex(day: day, week: week, date: nil, start: LocalDate(daysSinceEpoch: 0)) ?? 0 }

    /// Linear interpolation between points sorted by day; constant before the first and after the last.
    static func value(_ points: [CurvePoint], at day: Int) -> Double {
        guard !points.isEmpty else { return 1 }
        let sorted = points.sorted { $0.dayIndex < $1.dayIndex }
        if day <= sorted[0].dayIndex { return sorted[0].factor }
        for k in 1..<sorted.count where day <= sorted[k].dayIndex {
            let a = sorted[k - 1], b = sorted[k]
            let span = Double(b.dayIndex - a.dayIndex)
            return span <= 0 ? b.factor : a.factor + (b.factor - a.factor) * Double(day - a.dayIndex) / span
        }
        return sorted[sorted.count - 1].factor
    }
}

/// A policy to compare against the scenario as written ("allow 12-hour days", "no trainees").
/// Fields left out keep the scenario's value.
public struct PolicyVariant: Codable, Sendable, Hashable {
    public var name: String
    public var ruleProfiles: [ProfilePeriod]?
    public var reserves: [ReserveStage]?
    public var level: Int?
    public var levelChanges: [LevelChange]?
    public var horizonDays: Int?
    public var objective: ObjectiveOverrides?

    public init(name: String, ruleProfiles: [ProfilePeriod]? = nil, reserves: [ReserveStage]? = nil, level: Int? = nil,
                levelChanges: [LevelChange]? = nil, horizonDays: Int? = nil, objective: ObjectiveOverrides? = nil) {
        self.name = name; self.ruleProfiles = ruleProfiles; self.reserves = reserves; self.level = level
        self.levelChanges = levelChanges; self.horizonDays = horizonDays; self.objective = objective
    }
}

extension SimulationScenario {
    /// The scenario as written, followed by one scenario per policy variant.
    public var runs: [SimulationScenario] {
        var base = self
        base.variants = []
        return [base] + variants.map { v in
            var s = base
            s.name = "\(name) — \(v.name)"
            if let p = v.ruleProfiles { s.ruleProfiles = p }
            if let r = v.reserves { s.reserves = r }
            if let l = v.level { s.level = l }
            if let c = v.levelChanges { s.levelChanges = c }
            if let h = v.horizonDays { s.horizonDays = h }
            if let o = v.objective { s.objective = o }
            return s
        }
    }
}

/// Objective weights a scenario sets (nil: the simulation's default).
public struct ObjectiveOverrides: Codable, Sendable, Hashable {
    public var shortfallBelowTarget: Int?
    public var fairness: Int?
    public var continuity: Int?
    public var disruption: Int?
    public var nonPoolMember: Int?
    public var nearQuota: Int?

    public init(shortfallBelowTarget: Int? = nil, fairness: Int? = nil, continuity: Int? = nil, disruption: Int? = nil,
                nonPoolMember: Int? = nil, nearQuota: Int? = nil) {
        self.shortfallBelowTarget = shortfallBelowTarget; self.fairness = fairness; self.continuity = continuity
        self.disruption = disruption; self.nonPoolMember = nonPoolMember; self.nearQuota = nearQuota
    }

    public func applied(to w: ObjectiveWeights) -> ObjectiveWeights {
        var w = w
        if let v = shortfallBelowTarget { w.shortfallBelowTarget = v }
        if let v = fairness { w.fairness = v }
        if let v = continuity { w.continuity = v }
        if let v = disruption { w.disruption = v }
        if let v = nonPoolMember { w.nonPoolMember = v }
        if let v = nearQuota { w.nearQuota = v }
        return w
    }

    var fields: [(String, Int?)] {
        [("shortfallBelowTarget", shortfallBelowTarget), ("fairness", fairness), ("continuity", continuity), ("disruption", disruption),
         ("nonPoolMember", nonPoolMember), ("nearQuota", nearQuota)]
    }
}
