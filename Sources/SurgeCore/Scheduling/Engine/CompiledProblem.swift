import Foundation

/// The problem flattened into Int arrays indexed by person, demand, day, kind and profile, so that
/// the scorer never touches dictionaries, strings or dates. Built once per solve; immutable.
public final class CompiledProblem: Sendable {
    public let problem: SchedulingProblem
    let calendar: Calendar
    let personCount: Int, demandCount: Int, dayCount: Int, kindCount: Int, profileCount: Int, departmentCount: Int

    // Days
    let days: [CalendarDay]
    let dayWeek: [Int32]         // week index (Monday-based) from the horizon's first week
    let dayWeekend: [Int32]      // weekend index for Saturday/Sunday, else -1
    let daySunday: [Bool]

    // Demands
    let demandDay: [Int32]
    let demandStart: [Int]       // minutes from horizon start (absolute, DST-correct)
    let demandEnd: [Int]
    let demandKind: [Int32]
    let demandTask: [Int32]
    let demandMin: [Int32], demandTarget: [Int32], demandMax: [Int32]
    let demandPriorityWeight: [Int]
    let demandShortfallWeight: [Int], demandSurplusWeight: [Int]
    let mixStart: [Int32]        // demand j's mixes are mixStart[j]..<mixStart[j+1]
    let mixNeed: [Int32]
    let mixHolders: BitMatrix    // row = mix index, column = person
    /// Competence, absence and availability allow the assignment (a pinned one that they do not
    /// allow is an eligibility break). Row = demand, column = person.
    let qualified: BitMatrix
    /// `qualified` transposed (row = person, column = demand): scoring one person's row reads one
    /// short stretch of memory instead of a word per demand spread over the whole matrix.
    let qualifiedByPerson: BitMatrix
    /// Whom the search may assign: qualified, and the rule profile does not cap the shift kind at
    /// 0 (such a candidate would only waste moves on a sure hard break).
    let eligible: BitMatrix
    let candidateStart: [Int32]  // eligible persons of demand j: candidates[candidateStart[j]..<candidateStart[j+1]]
    let candidates: [Int32]
    let dayDemandStart: [Int32]  // demands starting on day d: dayDemands[dayDemandStart[d]..<dayDemandStart[d+1]]
    let dayDemands: [Int32]
    let kindNames: [String]
    /// The same shift (task and kind) one day later / earlier, or -1: lets a person's block of
    /// shifts slide in time.
    let nextDaySameShift: [Int32]
    let previousDaySameShift: [Int32]
    let taskNames: [String]

    // Per (profile, demand). Profiles with the same break and night rules share one row (a
    // benchmark gives every person a profile of their own, and a row per profile would not stay
    // in cache while rows are scored).
    let paidMinutes: [Int32]     // paidRow[r] + j: worked minutes after break deduction
    let isNight: [Bool]          // nightRow[r] + j
    let paidRow: [Int], nightRow: [Int]

    // Persons
    let personProfile: [Int32]
    let personDepartment: [Int32]   // -1 when the department has no quota
    let personContract: [Int]
    let personPool: [Bool]
    let wishStart: [Int32]       // person p's wishes, sorted by day: wishStart[p]..<wishStart[p+1]
    let wishDay: [Int32], wishKind: [Int32], wishWeight: [Int32]
    /// Person p's wishes on day d: wishDayStart[p * (D+1) + d]..<wishDayStart[p * (D+1) + d + 1].
    let wishDayStart: [Int32]
    let wishWants: [Bool]
    // History (work before the horizon)
    let hasHistory: [Bool]
    let historyLastEnd: [Int]       // minutes from horizon start (negative), Int.min if none
    let historyRun: [Int32]         // consecutive worked days ending on day -1
    let historyOffRun: [Int32]      // days off between last worked day and day 0
    let historyLastKind: [Int32]    // kind worked on day -1, else -1
    let historyWeekMinutes: [Int]   // worked minutes in the calendar week of day 0, before day 0
    let historyReferenceMinutes: [Int] // worked minutes inside the reference window, before day 0
    let historyNightMask: [UInt64]  // bit k = night shift on day -(k+1)

    // Profiles (value -1 = rule off)
    let maxPerDay: [Int32], maxDaily: [Int32], maxWeekly: [Int32], maxAverage: [Int32], referenceDays: [Int32]
    let minRest: [Int32], maxConsecutive: [Int32], minConsecutive: [Int32], minDaysOff: [Int32]
    let maxNights: [Int32], nightWindow: [Int32], maxWeekends: [Int32], maxSundays: [Int32]
    let minTotal: [Int32], maxTotal: [Int32]
    let kindCap: [Int32]            // r * K + k
    let forbidden: [Bool]           // r * K * K + a * K + b
    let hasKindCaps: [Bool], hasForbidden: [Bool]

    // Departments with a release quota
    let departmentNames: [String]
    let quotaPersons: [Int32]       // -1 = no limit
    let quotaMinutes: [Int]         // contract minutes per day, -1 = no limit

    // Pins and previous plan as grids (person * D + day)
    let pinnedCell: [Bool]
    let pinnedAssignments: [(person: Int32, demand: Int32)]
    /// Hard breaks the grid cannot represent (two pinned shifts on one day): scored as constants.
    let unrepresentablePins: [RuleBreak]
    let previousGrid: [Int32]?
    let weights: ObjectiveWeights

    let personIndex: [String: Int]
    let demandIndex: [String: Int]

    public init(_ problem: SchedulingProblem) throws {
        self.problem = problem
        guard let tz = TimeZone(identifier: problem.timeZone) else {
            throw ProblemError(field: "timeZone", "unknown time zone \"\(problem.timeZone)\"")
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        cal.firstWeekday = 2
        calendar = cal
        guard problem.horizonEnd > problem.horizonStart else {
            throw ProblemError(field: "horizonEnd", "must be after horizonStart")
        }
        let weights = problem.weights
        guard weights.priorityWeights.count == 5 else {
            throw ProblemError(field: "weights.priorityWeights", "needs exactly 5 values (priority 1...5)")
        }
        self.weights = weights
        let h0 = problem.horizonStart
        func minutes(_ d: Date) -> Int { Int((d.timeIntervalSince(h0) / 60).rounded()) }

        // Days: local midnights from the day containing horizonStart to the one containing horizonEnd - 1 s.
        var dayList: [CalendarDay] = []
        var dayStarts: [Date] = []
        var cursor = CalendarDay(h0, calendar: cal).start(in: cal)
        while cursor < problem.horizonEnd {
            dayList.append(CalendarDay(cursor, calendar: cal))
            dayStarts.append(cursor)
            cursor = cal.date(byAdding: .day, value: 1, to: cursor)!
        }
        days = dayList
        let D = dayList.count
        dayCount = D
        var dayByCalendarDay: [CalendarDay: Int] = [:]
        for (i, d) in dayList.enumerated() { dayByCalendarDay[d] = i }
        var wk: [Int32] = [], we: [Int32] = [], su: [Bool] = []
        let firstWeekStart = cal.dateInterval(of: .weekOfYear, for: dayStarts[0])!.start
        for s in dayStarts {
            let weekday = cal.component(.weekday, from: s) // 1 = Sunday, 7 = Saturday
            let daysFromFirstMonday = cal.dateComponents([.day], from: firstWeekStart, to: s).day!
            let week = Int32(daysFromFirstMonday / 7)
            wk.append(week)
            we.append(weekday == 7 || weekday == 1 ? (weekday == 1 ? week : week) : -1)
            su.append(weekday == 1)
        }
        dayWeek = wk; dayWeekend = we; daySunday = su

        // Profiles and kinds
        var profileIndex: [String: Int] = [:]
        for (i, r) in problem.ruleProfiles.enumerated() {
            if profileIndex[r.id] != nil { throw ProblemError(field: "ruleProfiles[\(i)].id", "duplicate id \"\(r.id)\"") }
            profileIndex[r.id] = i
        }
        var kindIndex: [String: Int] = [:]
        var kinds: [String] = []
        func kindId(_ k: String) -> Int {
            if let i = kindIndex[k] { return i }
            kindIndex[k] = kinds.count; kinds.append(k); return kinds.count - 1
        }
        for d in problem.demands { _ = kindId(d.kind) }
        for r in problem.ruleProfiles {
            for c in r.shiftKindCaps { _ = kindId(c.kind) }
            for f in r.forbiddenSuccessions { _ = kindId(f.first); _ = kindId(f.next) }
        }
        for p in problem.people { for w in p.wishes { if let k = w.shiftKind { _ = kindId(k) } } }
        for p in problem.people { for s in p.workedBeforeHorizon { if let k = s.shiftKind { _ = kindId(k) } } }
        kindNames = kinds
        let K = max(1, kinds.count)
        kindCount = kinds.count
        let R = problem.ruleProfiles.count
        profileCount = R
        func v(_ x: Int?) -> Int32 { x.map { Int32(clamping: $0) } ?? -1 }
        let profiles = problem.ruleProfiles
        maxPerDay = profiles.map { Int32($0.maxShiftsPerDay) }
        maxDaily = profiles.map { v($0.maxDailyMinutes) }
        maxWeekly = profiles.map { v($0.maxWeeklyMinutes) }
        maxAverage = profiles.map { v($0.maxAverageWeeklyMinutes) }
        referenceDays = profiles.map { Int32($0.referenceDays) }
        minRest = profiles.map { v($0.minRestMinutes) }
        maxConsecutive = profiles.map { v($0.maxConsecutiveWorkingDays) }
        minConsecutive = profiles.map { v($0.minConsecutiveWorkingDays) }
        minDaysOff = profiles.map { v($0.minConsecutiveDaysOff) }
        maxNights = profiles.map { v($0.nights?.maxNights) }
        nightWindow = profiles.map { Int32($0.nights?.windowDays ?? 1) }
        maxWeekends = profiles.map { v($0.maxWorkedWeekends) }
        maxSundays = profiles.map { v($0.maxWorkedSundays) }
        minTotal = profiles.map { v($0.minTotalMinutes) }
        maxTotal = profiles.map { v($0.maxTotalMinutes) }
        for (i, r) in profiles.enumerated() {
            if r.maxShiftsPerDay != 1 {
                throw ProblemError(field: "ruleProfiles[\(i)].maxShiftsPerDay", "only 1 is supported (one shift per person and calendar day)")
            }
            if let n = r.nights, n.windowDays < 1 || n.windowDays > 64 {
                throw ProblemError(field: "ruleProfiles[\(i)].nights.windowDays", "must be 1...64")
            }
            if r.referenceDays < 1 { throw ProblemError(field: "ruleProfiles[\(i)].referenceDays", "must be positive") }
        }
        var caps = [Int32](repeating: -1, count: R * K)
        var forb = [Bool](repeating: false, count: R * K * K)
        for (ri, r) in profiles.enumerated() {
            for c in r.shiftKindCaps { caps[ri * K + kindIndex[c.kind]!] = Int32(clamping: c.maximum) }
            for f in r.forbiddenSuccessions { forb[ri * K * K + kindIndex[f.first]! * K + kindIndex[f.next]!] = true }
        }
        kindCap = caps; forbidden = forb
        hasKindCaps = profiles.map { !$0.shiftKindCaps.isEmpty }
        hasForbidden = profiles.map { !$0.forbiddenSuccessions.isEmpty }

        // Demands
        let J = problem.demands.count
        demandCount = J
        var dIndex: [String: Int] = [:]
        var taskIndex: [String: Int] = [:]
        var tasks: [String] = []
        var dDay = [Int32](), dS = [Int](), dE = [Int](), dK = [Int32](), dT = [Int32]()
        var dMin = [Int32](), dTar = [Int32](), dMax = [Int32](), dPW = [Int](), dSW = [Int](), dOW = [Int]()
        for (j, d) in problem.demands.enumerated() {
            let f = "demands[\(j)]"
            if dIndex[d.id] != nil { throw ProblemError(field: "\(f).id", "duplicate id \"\(d.id)\"") }
            dIndex[d.id] = j
            guard d.end > d.start else { throw ProblemError(field: "\(f).end", "shift \"\(d.id)\" must end after it starts") }
            guard d.start >= problem.horizonStart, d.start < problem.horizonEnd else {
                throw ProblemError(field: "\(f).start", "shift \"\(d.id)\" starts outside the horizon")
            }
            guard (1...5).contains(d.priority) else { throw ProblemError(field: "\(f).priority", "must be 1...5") }
            let hc = d.headcount
            guard hc.minimum >= 0, hc.target >= hc.minimum, (hc.maximum ?? Int.max) >= hc.target else {
                throw ProblemError(field: "\(f).headcount", "needs 0 <= minimum <= target <= maximum")
            }
            let day = dayByCalendarDay[CalendarDay(d.start, calendar: cal)]!
            dDay.append(Int32(day)); dS.append(minutes(d.start)); dE.append(minutes(d.end))
            dK.append(Int32(kindIndex[d.kind]!))
            if taskIndex[d.task] == nil { taskIndex[d.task] = tasks.count; tasks.append(d.task) }
            dT.append(Int32(taskIndex[d.task]!))
            dMin.append(Int32(hc.minimum)); dTar.append(Int32(hc.target)); dMax.append(Int32(clamping: hc.maximum ?? Int(Int32.max)))
            dPW.append(weights.priorityWeights[d.priority - 1])
            dSW.append(d.shortfallWeight ?? weights.shortfallBelowTarget)
            dOW.append(d.surplusWeight ?? weights.surplusAboveTarget)
        }
        demandDay = dDay; demandStart = dS; demandEnd = dE; demandKind = dK; demandTask = dT
        demandMin = dMin; demandTarget = dTar; demandMax = dMax; demandPriorityWeight = dPW
        demandShortfallWeight = dSW; demandSurplusWeight = dOW
        taskNames = tasks
        demandIndex = dIndex
        var dds = [Int32](repeating: 0, count: D + 1)
        for j in 0..<J { dds[Int(dDay[j]) + 1] += 1 }
        for d in 0..<D { dds[d + 1] += dds[d] }
        var ddl = [Int32](repeating: 0, count: J)
        var fill = dds
        for j in 0..<J { let d = Int(dDay[j]); ddl[Int(fill[d])] = Int32(j); fill[d] += 1 }
        dayDemandStart = dds; dayDemands = ddl
        var nextSame = [Int32](repeating: -1, count: J), prevSame = [Int32](repeating: -1, count: J)
        struct SlotKey: Hashable { var day: Int32; var task: Int32; var kind: Int32 }
        var slot: [SlotKey: Int32] = [:]
        for j in 0..<J { let k = SlotKey(day: dDay[j], task: dT[j], kind: dK[j]); if slot[k] == nil { slot[k] = Int32(j) } }
        for j in 0..<J {
            nextSame[j] = slot[SlotKey(day: dDay[j] + 1, task: dT[j], kind: dK[j])] ?? -1
            prevSame[j] = slot[SlotKey(day: dDay[j] - 1, task: dT[j], kind: dK[j])] ?? -1
        }
        nextDaySameShift = nextSame; previousDaySameShift = prevSame

        // Paid minutes and night flags per profile, one row per distinct break (night) rule set
        var paid: [Int32] = [], night: [Bool] = []
        var pRow: [Int] = [], nRow: [Int] = []
        var paidRowOf: [[BreakRule]: Int] = [:], nightRowOf: [NightRule?: Int] = [:]
        var nightClassifier = NightClassifier(calendar: cal)
        for r in profiles {
            if let row = paidRowOf[r.breaks] { pRow.append(row) } else {
                paidRowOf[r.breaks] = paid.count; pRow.append(paid.count)
                for j in 0..<J { paid.append(Int32(BreakRule.workedMinutes(length: dE[j] - dS[j], rules: r.breaks))) }
            }
            if let row = nightRowOf[r.nights] { nRow.append(row) } else {
                nightRowOf[r.nights] = night.count; nRow.append(night.count)
                for d in problem.demands {
                    night.append(r.nights.map { nightClassifier.isNight(start: d.start, end: d.end, rule: $0) } ?? false)
                }
            }
        }
        if paid.isEmpty { paid = [0] }
        if night.isEmpty { night = [false] }
        paidMinutes = paid; isNight = night; paidRow = pRow; nightRow = nRow

        // Persons
        let P = problem.people.count
        personCount = P
        var pIndex: [String: Int] = [:]
        var quotaDept: [String: Int] = [:]
        var deptNames: [String] = []
        var qP: [Int32] = [], qM: [Int] = []
        for q in problem.releaseQuotas {
            if quotaDept[q.department] != nil { throw ProblemError(field: "releaseQuotas", "duplicate department \"\(q.department)\"") }
            quotaDept[q.department] = deptNames.count
            deptNames.append(q.department)
            qP.append(v(q.maxPersonsPerDay))
            qM.append(q.maxFTEPerDay.map { Int(($0 * Double(weights.fullTimeMinutesPerWeek)).rounded()) } ?? -1)
        }
        departmentNames = deptNames; quotaPersons = qP; quotaMinutes = qM
        departmentCount = deptNames.count
        var pProf = [Int32](), pDept = [Int32](), pCon = [Int](), pPool = [Bool]()
        var wS: [Int32] = [0], wD = [Int32](), wK = [Int32](), wW = [Int32](), wWants = [Bool]()
        var hHas = [Bool](), hEnd = [Int](), hRun = [Int32](), hOff = [Int32](), hKind = [Int32](), hWeek = [Int](), hRef = [Int](), hNight = [UInt64]()
        for (pi, p) in problem.people.enumerated() {
            let f = "people[\(pi)]"
            if pIndex[p.id] != nil { throw ProblemError(field: "\(f).id", "duplicate id \"\(p.id)\"") }
            pIndex[p.id] = pi
            guard let ri = profileIndex[p.ruleProfile] else {
                throw ProblemError(field: "\(f).ruleProfile", "unknown rule profile \"\(p.ruleProfile)\"")
            }
            guard p.contractMinutesPerWeek >= 0 else { throw ProblemError(field: "\(f).contractMinutesPerWeek", "must not be negative") }
            pProf.append(Int32(ri))
            // Pool members are already released by their department: they do not count against its quota.
            pDept.append(p.poolKind.isPoolMember ? -1 : Int32(quotaDept[p.homeDepartment] ?? -1))
            pCon.append(p.contractMinutesPerWeek)
            pPool.append(p.poolKind.isPoolMember)
            // Wishes outside the horizon do not matter; the rest by day (ties in input order).
            let inHorizon = p.wishes.enumerated().compactMap { i, w in dayByCalendarDay[w.day].map { (day: $0, index: i, wish: w) } }
            for (d, _, w) in inHorizon.sorted(by: { ($0.day, $0.index) < ($1.day, $1.index) }) {
                wD.append(Int32(d)); wK.append(Int32(w.shiftKind.map { kindIndex[$0]! } ?? -1))
                wW.append(Int32(clamping: w.weight)); wWants.append(w.wantsToWork)
            }
            wS.append(Int32(wD.count))
            // History
            let hist = p.workedBeforeHorizon.filter { $0.start < h0 }.sorted { $0.start < $1.start }
            hHas.append(!hist.isEmpty)
            hEnd.append(hist.map { minutes($0.end) }.max() ?? Int.min)
            var workedOffsets = Set<Int>()
            var kindOnMinus1: Int32 = -1
            var weekMin = 0, refMin = 0
            var nightMask: UInt64 = 0
            let refStart = cal.date(byAdding: .day, value: -Int(profiles[ri].referenceDays), to: problem.horizonEnd)!
            for s in hist {
                let sd = CalendarDay(s.start, calendar: cal).start(in: cal)
                let off = cal.dateComponents([.day], from: dayStarts[0], to: sd).day! // negative
                workedOffsets.insert(off)
                let len = minutes(s.end) - minutes(s.start)
                let pm = BreakRule.workedMinutes(length: len, rules: profiles[ri].breaks)
                if off == -1, let k = s.shiftKind { kindOnMinus1 = Int32(kindIndex[k]!) }
                if sd >= firstWeekStart { weekMin += pm }
                if s.start >= refStart { refMin += pm }
                if let n = profiles[ri].nights, off >= -64, nightClassifier.isNight(start: s.start, end: s.end, rule: n) {
                    nightMask |= 1 << UInt64(-off - 1)
                }
            }
            var run: Int32 = 0
            while workedOffsets.contains(-Int(run) - 1) { run += 1 }
            var offRun: Int32 = 0
            if !hist.isEmpty && run == 0 { while !workedOffsets.contains(-Int(offRun) - 1) && offRun < 400 { offRun += 1 } }
            hRun.append(run); hOff.append(offRun); hKind.append(kindOnMinus1); hWeek.append(weekMin); hRef.append(refMin); hNight.append(nightMask)
        }
        personProfile = pProf; personDepartment = pDept; personContract = pCon; personPool = pPool
        wishStart = wS; wishDay = wD; wishKind = wK; wishWeight = wW; wishWants = wWants
        var wDS = [Int32](repeating: 0, count: P * (D + 1) + 1)
        for p in 0..<P {
            var i = Int(wS[p])
            for d in 0...D {
                while i < Int(wS[p + 1]) && Int(wD[i]) < d { i += 1 }
                wDS[p * (D + 1) + d] = Int32(i)
            }
        }
        wishDayStart = wDS
        hasHistory = hHas; historyLastEnd = hEnd; historyRun = hRun; historyOffRun = hOff; historyLastKind = hKind
        historyWeekMinutes = hWeek; historyReferenceMinutes = hRef; historyNightMask = hNight
        personIndex = pIndex

        // Eligibility: competences (level and validity over the whole shift), absences, availability,
        // shift kinds the rule profile caps at 0.
        // Only profiles that cap a kind at 0 make the two matrices differ.
        let cappedAtZero = caps.contains(0)
        var elig = BitMatrix(rows: J, columns: P), qual = BitMatrix(rows: cappedAtZero ? J : 0, columns: P)
        var cStart: [Int32] = [0]
        var cands: [Int32] = []
        let people = problem.people
        let needsCheck = people.map { p in
            !p.absences.isEmpty || !p.availability.isEmpty || p.competences.contains { $0.validFrom != nil || $0.validUntil != nil }
        }
        // Per task, the persons holding every required competence at level (validity checked per shift).
        var baseByRequirement: [[CompetenceRequirement]: [Int32]] = [:]
        for (j, d) in problem.demands.enumerated() {
            let key = d.requirements
            let base: [Int32]
            if let b = baseByRequirement[key] { base = b } else {
                var b: [Int32] = []
                for (pi, p) in people.enumerated() where key.allSatisfy({ req in p.competences.contains { $0.id == req.competence && $0.level >= req.minimumLevel } }) {
                    b.append(Int32(pi))
                }
                baseByRequirement[key] = b; base = b
            }
            let kind = Int(dK[j])
            for pi in base {
                // Most people have no absence, window or expiring certificate: base membership decides.
                if needsCheck[Int(pi)] && Eligibility.check(person: people[Int(pi)], demand: d) != nil { continue }
                if cappedAtZero {
                    qual.set(j, Int(pi))
                    if caps[Int(pProf[Int(pi)]) * K + kind] == 0 { continue }
                }
                elig.set(j, Int(pi)); cands.append(pi)
            }
            cStart.append(Int32(cands.count))
        }
        qualified = cappedAtZero ? qual : elig; eligible = elig; candidateStart = cStart; candidates = cands
        qualifiedByPerson = qualified.transposed(rows: J)

        // Competence mixes
        var mS: [Int32] = [0], mN: [Int32] = []
        let mixTotal = problem.demands.reduce(0) { $0 + $1.mixes.count }
        var holders = BitMatrix(rows: mixTotal, columns: P)
        var mi = 0
        struct MixKey: Hashable { var competence: String; var level: Int }
        var holderCache: [MixKey: [Int32]] = [:]
        for d in problem.demands {
            for m in d.mixes {
                mN.append(Int32(m.minimumCount))
                let key = MixKey(competence: m.competence, level: m.minimumLevel)
                if holderCache[key] == nil {
                    holderCache[key] = people.indices.filter { pi in
                        people[pi].competences.contains { $0.id == m.competence && $0.level >= m.minimumLevel }
                    }.map { Int32($0) }
                }
                for pi in holderCache[key]! {
                    let pIdx = Int(pi)
                    if !needsCheck[pIdx] || people[pIdx].competences.contains(where: {
                        $0.id == m.competence && $0.level >= m.minimumLevel && $0.covers(start: d.start, end: d.end) }) {
                        holders.set(mi, pIdx)
                    }
                }
                mi += 1
            }
            mS.append(Int32(mN.count))
        }
        mixStart = mS; mixNeed = mN; mixHolders = holders

        // Pins and previous plan
        var pinned = [Bool](repeating: false, count: P * D)
        var pinList: [(person: Int32, demand: Int32)] = []
        var unrep: [RuleBreak] = []
        var pinnedDemandOfCell = [Int32](repeating: -1, count: P * D)
        for (i, a) in problem.pinned.enumerated() {
            guard let p = pIndex[a.person] else { throw ProblemError(field: "pinned[\(i)].person", "unknown person \"\(a.person)\"") }
            guard let j = dIndex[a.demand] else { throw ProblemError(field: "pinned[\(i)].demand", "unknown demand \"\(a.demand)\"") }
            let cell = p * D + Int(dDay[j])
            if pinnedDemandOfCell[cell] == Int32(j) { continue }
            if pinned[cell] {
                unrep.append(RuleBreak(rule: .shiftsPerDay, person: a.person, demand: a.demand, day: dayList[Int(dDay[j])], units: 1,
                                       detail: "pinned to a second shift on the same day; only the first pin is kept"))
                continue
            }
            pinned[cell] = true
            pinnedDemandOfCell[cell] = Int32(j)
            pinList.append((Int32(p), Int32(j)))
        }
        pinnedCell = pinned; pinnedAssignments = pinList; unrepresentablePins = unrep
        if let prev = problem.previousPlan {
            var g = [Int32](repeating: -1, count: P * D)
            for (i, a) in prev.enumerated() {
                guard let p = pIndex[a.person] else { throw ProblemError(field: "previousPlan[\(i)].person", "unknown person \"\(a.person)\"") }
                guard let j = dIndex[a.demand] else { throw ProblemError(field: "previousPlan[\(i)].demand", "unknown demand \"\(a.demand)\"") }
                g[p * D + Int(dDay[j])] = Int32(j)
            }
            previousGrid = g
        } else { previousGrid = nil }
    }

    @inline(__always) func candidateCount(_ j: Int) -> Int { Int(candidateStart[j + 1] - candidateStart[j]) }
}
