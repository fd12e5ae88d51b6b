/// Scores one person's row of the plan grid from scratch against every person-local rule.
/// It is the unit of incremental scoring: a move re-evaluates only the people it touches, and one
/// row is a single pass over the days with no allocation (scratch buffers are owned here).
final class PersonEvaluator {
    let cp: CompiledProblem
    /// Per-rule penalties of the last evaluation, indexed by RuleKind.rawValue.
    let rules: UnsafeMutablePointer<Int>
    private let kindCounts: UnsafeMutablePointer<Int32>
    private let nightDays: UnsafeMutablePointer<Int32>
    /// Day of the first break of a day-local rule in the last evaluation (Int.max if none): repairs
    /// re-plan the weeks around it.
    private(set) var firstBreakDay = Int.max

    init(_ cp: CompiledProblem) {
        self.cp = cp
        checkpointCount = (cp.dayCount + Self.checkpointStride - 1) / Self.checkpointStride + 1
        checkpointFields = Self.localFields + cp.kindCount
        rules = .allocate(capacity: RuleKind.count)
        kindCounts = .allocate(capacity: max(1, cp.kindCount))
        nightDays = .allocate(capacity: cp.dayCount + 64)
    }

    deinit { rules.deallocate(); kindCounts.deallocate(); nightDays.deallocate() }

    /// Checkpoints: every `checkpointStride` days the pass's running state is saved, so that a move
    /// that changes a few days of a long row re-scores only from the checkpoint before its first
    /// changed day to the first later checkpoint where the running state meets the saved one; the
    /// rest of the row adds what it added before. Layout per person: `checkpointCount` records of
    /// `checkpointFields` Ints (the last one is the end of the row).
    static let checkpointStride = 7
    let checkpointCount: Int
    let checkpointFields: Int
    /// Fields 0..<15, 26 and the kind counts from `localFields` on are sums over days; 15..<25 are
    /// the running state, 25 the first break day.
    private static let localFields = 27

    /// Returns (hard, soft) of person `p` whose row is `row` (dayCount cells, demand index or -1).
    /// Per-rule values are left in `rules`.
    func evaluate(_ p: Int, _ row: UnsafePointer<Int32>) -> (hard: Int, soft: Int, weighted: Int) {
        evaluate(p, row, checkpoints: nil, record: false, changedFrom: 0, changedThrough: 0)
    }

    /// Whether checkpoints can serve person p (night windows are not part of the saved state).
    func canResume(_ p: Int) -> Bool { cp.maxNights[Int(cp.personProfile[p])] < 0 }

    /// Scores p's row. With `record`, saves the checkpoints into `checkpoints`; otherwise, with
    /// `checkpoints` given, resumes from them: only days changedFrom...changedThrough differ from
    /// the row the checkpoints were recorded for.
    func evaluate(_ p: Int, _ row: UnsafePointer<Int32>, checkpoints ck: UnsafeMutablePointer<Int>?, record: Bool,
                  changedFrom: Int, changedThrough: Int) -> (hard: Int, soft: Int, weighted: Int) {
        evaluate(p, row, checkpoints: ck, record: record, partial: false, changedFrom: changedFrom, changedThrough: changedThrough)
    }

    /// Penalty of wish i when its owner's cell that day is demand j (or -1).
    @inline(__always) private func wishCost(_ i: Int, _ j: Int) -> Int {
        let k = Int(cp.wishKind[i])
        let works = j >= 0 && (k < 0 || Int(cp.demandKind[j]) == k)
        return works != cp.wishWants[i] ? Int(cp.wishWeight[i]) : 0
    }

    /// Brings p's checkpoints up to date after days changedFrom...changedThrough changed: records
    /// from the checkpoint before the change until the running state meets the saved one again,
    /// then shifts the later saved sums by the difference (a commit then costs about what the
    /// evaluation did, not a pass over the whole row). Only for people `canResume` serves.
    func rerecord(_ p: Int, _ row: UnsafePointer<Int32>, checkpoints ck: UnsafeMutablePointer<Int>, changedFrom: Int, changedThrough: Int) {
        _ = evaluate(p, row, checkpoints: ck, record: true, partial: true, changedFrom: changedFrom, changedThrough: changedThrough)
    }

    private func evaluate(_ p: Int, _ row: UnsafePointer<Int32>, checkpoints ck: UnsafeMutablePointer<Int>?, record: Bool, partial: Bool,
                          changedFrom: Int, changedThrough: Int) -> (hard: Int, soft: Int, weighted: Int) {
        let cp = self.cp
        let D = cp.dayCount, K = cp.kindCount
        let r = Int(cp.personProfile[p])
        let rules = self.rules
        rules.update(repeating: 0, count: RuleKind.count)
        if K > 0 { kindCounts.update(repeating: 0, count: K) }
        let minRest = Int(cp.minRest[r]), maxDaily = Int(cp.maxDaily[r]), maxWeekly = Int(cp.maxWeekly[r])
        let maxCons = Int(cp.maxConsecutive[r]), minCons = Int(cp.minConsecutive[r]), minOff = Int(cp.minDaysOff[r])
        let forbidBase = r * K * K
        let checkForbidden = cp.hasForbidden[r]
        let nightsOn = cp.maxNights[r] >= 0
        let refFirstDay = D - Int(cp.referenceDays[r])

        var eligibility = 0, overlap = 0, rest = 0, daily = 0, weekly = 0, consMax = 0, consMin = 0, offMin = 0
        var succession = 0, sundays = 0, weekends = 0, continuity = 0, shifts = 0
        var total = 0, refTotal = cp.historyReferenceMinutes[p]
        var wishPenalty = 0
        var lastEnd = cp.historyLastEnd[p]
        var prevKind = Int(cp.historyLastKind[p])
        var prevTask = -1
        let history = cp.hasHistory[p]
        var run = Int(cp.historyRun[p])
        var runBounded = history                   // a run's left end is known
        var offRun = Int(cp.historyOffRun[p])
        var offBounded = history && run == 0
        var week = Int32(0), weekMinutes = cp.historyWeekMinutes[p]
        var lastWeekend: Int32 = -1
        var nightCount = 0
        if nightsOn {
            var mask = cp.historyNightMask[p]
            let window = Int(cp.nightWindow[r])
            // Only nights that can still share a window with day 0 matter.
            if window < 64 { mask &= (UInt64(1) << UInt64(window - 1)) &- 1 }
            while mask != 0 {
                let k = mask.trailingZeroBitCount
                nightDays[nightCount] = Int32(-(k + 1)); nightCount += 1
                mask &= mask - 1
            }
            // Sorted ascending: collected from day -1 downwards, so reverse.
            var a = 0, b = nightCount - 1
            while a < b { let t = nightDays[a]; nightDays[a] = nightDays[b]; nightDays[b] = t; a += 1; b -= 1 }
        }
        var nightViolations = 0
        var brk = Int.max
        var nightLo = 0
        let stride = Self.checkpointStride, F = checkpointFields, endRecord = (checkpointCount - 1) * F
        let resuming = ck != nil && (!record || partial)
        var stoppedEarly = false
        var firstDay = 0
        if resuming, let ck {
            let i0 = changedFrom / stride
            firstDay = i0 * stride
            let c = ck + i0 * F
            eligibility = c[0]; overlap = c[1]; rest = c[2]; daily = c[3]; weekly = c[4]; consMax = c[5]; consMin = c[6]
            offMin = c[7]; succession = c[8]; sundays = c[9]; weekends = c[10]; continuity = c[11]; shifts = c[12]
            total = c[13]; refTotal = c[14]
            lastEnd = c[15]; prevKind = c[16]; prevTask = c[17]; run = c[18]; runBounded = c[19] != 0
            offRun = c[20]; offBounded = c[21] != 0; week = Int32(c[22]); weekMinutes = c[23]; lastWeekend = Int32(c[24])
            wishPenalty = c[26]
            if partial { brk = c[25] }
            for k in 0..<K { kindCounts[k] = Int32(c[Self.localFields + k]) }
        }
        // Saves (record) or compares (resume) the running state at day d; true when a resumed
        // pass may take the rest of the row from the checkpoints.
        @inline(__always) func checkpoint(_ d: Int) -> Bool {
            guard let ck else { return false }
            let c = ck + (d == D ? endRecord : (d / stride) * F)
            if record && partial && d > changedThrough && d > firstDay && d < D && c[15] == lastEnd && c[16] == prevKind
                && c[17] == prevTask && c[18] == run && (c[19] != 0) == runBounded && c[20] == offRun
                && (c[21] != 0) == offBounded && c[22] == Int(week) && c[23] == weekMinutes && c[24] == Int(lastWeekend) {
                // The running state meets the saved one: later records keep their state, their sums
                // move by what the change added. Their first-break days only steer repairs: keep
                // the later ones, or this pass's.
                let sums = (eligibility - c[0], overlap - c[1], rest - c[2], daily - c[3], weekly - c[4], consMax - c[5], consMin - c[6])
                let sums2 = (offMin - c[7], succession - c[8], sundays - c[9], weekends - c[10], continuity - c[11], shifts - c[12],
                             total - c[13], refTotal - c[14], wishPenalty - c[26])
                for k in 0..<K { kindCounts[k] = Int32(Int(kindCounts[k]) - c[Self.localFields + k]) }
                var x = c
                let last = ck + endRecord
                while true {
                    x[0] += sums.0; x[1] += sums.1; x[2] += sums.2; x[3] += sums.3; x[4] += sums.4; x[5] += sums.5; x[6] += sums.6
                    x[7] += sums2.0; x[8] += sums2.1; x[9] += sums2.2; x[10] += sums2.3; x[11] += sums2.4; x[12] += sums2.5
                    x[13] += sums2.6; x[14] += sums2.7; x[26] += sums2.8
                    x[25] = x[25] >= d ? min(x[25], brk) : brk
                    for k in 0..<K { x[Self.localFields + k] += Int(kindCounts[k]) }
                    if x == last { break }
                    x += F
                }
                stoppedEarly = true
                return true
            }
            if record {
                c[0] = eligibility; c[1] = overlap; c[2] = rest; c[3] = daily; c[4] = weekly; c[5] = consMax; c[6] = consMin
                c[7] = offMin; c[8] = succession; c[9] = sundays; c[10] = weekends; c[11] = continuity; c[12] = shifts
                c[13] = total; c[14] = refTotal
                c[15] = lastEnd; c[16] = prevKind; c[17] = prevTask; c[18] = run; c[19] = runBounded ? 1 : 0
                c[20] = offRun; c[21] = offBounded ? 1 : 0; c[22] = Int(week); c[23] = weekMinutes; c[24] = Int(lastWeekend); c[25] = brk
                c[26] = wishPenalty
                for k in 0..<K { c[Self.localFields + k] = Int(kindCounts[k]) }
                return false
            }
            if c[15] != lastEnd || c[16] != prevKind || c[17] != prevTask || c[18] != run || (c[19] != 0) != runBounded
                || c[20] != offRun || (c[21] != 0) != offBounded || c[22] != Int(week) || c[23] != weekMinutes || c[24] != Int(lastWeekend) {
                return false
            }
            // Same running state: the rest of the row adds what it added before.
            let e = ck + endRecord
            eligibility += e[0] - c[0]; overlap += e[1] - c[1]; rest += e[2] - c[2]; daily += e[3] - c[3]; weekly += e[4] - c[4]
            consMax += e[5] - c[5]; consMin += e[6] - c[6]; offMin += e[7] - c[7]; succession += e[8] - c[8]; sundays += e[9] - c[9]
            weekends += e[10] - c[10]; continuity += e[11] - c[11]; shifts += e[12] - c[12]; total += e[13] - c[13]; refTotal += e[14] - c[14]
            lastEnd = e[15]; prevKind = e[16]; prevTask = e[17]; run = e[18]; runBounded = e[19] != 0
            offRun = e[20]; offBounded = e[21] != 0; week = Int32(e[22]); weekMinutes = e[23]; lastWeekend = Int32(e[24])
            if e[25] >= d { brk = min(brk, e[25]) }
            wishPenalty += e[26] - c[26]
            for k in 0..<K { kindCounts[k] += Int32(e[Self.localFields + k] - c[Self.localFields + k]) }
            return true
        }
        cp.qualifiedByPerson.words.withUnsafeBufferPointer { eligWords in
        cp.paidMinutes.withUnsafeBufferPointer { paid in
            let eligRow = p * cp.qualifiedByPerson.wordsPerRow, paidBase = cp.paidRow[r], nightBase = cp.nightRow[r]
            // The next wish to score (wishes are sorted by day). Checkpointed passes score wishes
            // day by day, so that a resumed pass only looks at the changed weeks' wishes; a full
            // pass scores them after the days (cheaper on short rows with few wishes).
            var wi = ck != nil ? Int(cp.wishDayStart[p * (D + 1) + firstDay]) : 0
            let wishEnd = ck != nil ? Int(cp.wishStart[p + 1]) : 0
            for d in firstDay..<D {
                if d % stride == 0 && ck != nil && (record || (d > changedThrough && d > firstDay)) && checkpoint(d) { break }
                let w = cp.dayWeek[d]
                if w != week {
                    if maxWeekly >= 0 && weekMinutes > maxWeekly { weekly += (weekMinutes - maxWeekly + 59) / 60 }
                    week = w; weekMinutes = 0
                }
                let j = Int(row[d])
                while wi < wishEnd && Int(cp.wishDay[wi]) == d { wishPenalty += wishCost(wi, j); wi += 1 }
                if j >= 0 {
                    shifts += 1
                    if eligWords[eligRow + (j >> 6)] & (1 << UInt64(j & 63)) == 0 { eligibility += 1; brk = min(brk, d) }
                    let start = cp.demandStart[j], end = cp.demandEnd[j]
                    if lastEnd != Int.min {
                        let gap = start - lastEnd
                        if gap < 0 { overlap += 1; brk = min(brk, d) } else if gap < minRest { rest += 1; brk = min(brk, d) }
                    }
                    lastEnd = end
                    let pm = Int(paid[paidBase + j])
                    if maxDaily >= 0 && pm > maxDaily { daily += 1; brk = min(brk, d) }
                    weekMinutes += pm; total += pm
                    if d >= refFirstDay { refTotal += pm }
                    let k = Int(cp.demandKind[j])
                    kindCounts[k] += 1
                    if checkForbidden && prevKind >= 0 && cp.forbidden[forbidBase + prevKind * K + k] { succession += 1; brk = min(brk, d) }
                    prevKind = k
                    let t = Int(cp.demandTask[j])
                    if prevTask >= 0 && prevTask != t { continuity += 1 }
                    prevTask = t
                    let we = cp.dayWeekend[d]
                    if we >= 0 && we != lastWeekend { weekends += 1; lastWeekend = we }
                    if cp.daySunday[d] { sundays += 1 }
                    if nightsOn && cp.isNight[nightBase + j] {
                        nightDays[nightCount] = Int32(d); nightCount += 1
                        let window = Int32(cp.nightWindow[r])
                        while nightDays[nightLo] <= Int32(d) - window { nightLo += 1 }
                        if nightCount - nightLo > Int(cp.maxNights[r]) { nightViolations += 1; brk = min(brk, d) }
                    }
                    if offRun > 0 {
                        if offBounded && minOff >= 0 && offRun < minOff { offMin += minOff - offRun; brk = min(brk, d) }
                        offRun = 0
                    }
                    if run == 0 { runBounded = d > 0 || history }
                    run += 1
                } else {
                    if run > 0 {
                        // A run that ended on day -1 is history: its maximum is not this plan's
                        // doing, but ending it there (day 0 off) is, so its minimum still counts.
                        if maxCons >= 0 && run > maxCons && d > 0 { consMax += run - maxCons; brk = min(brk, d) }
                        if runBounded && minCons >= 0 && run < minCons { consMin += minCons - run; brk = min(brk, d) }
                        run = 0
                        offBounded = true
                    }
                    offRun += 1
                    prevKind = -1
                    prevTask = -1
                }
            }
        }
        }
        if record && !stoppedEarly { _ = checkpoint(D) }
        // The run touching the horizon end may continue outside it: only its maximum counts.
        if run > 0 && maxCons >= 0 && run > maxCons { consMax += run - maxCons; brk = min(brk, D - 1) }
        if maxWeekly >= 0 && weekMinutes > maxWeekly { weekly += (weekMinutes - maxWeekly + 59) / 60 }
        firstBreakDay = brk
        var average = 0
        if cp.maxAverage[r] >= 0 {
            let limit = Int(cp.maxAverage[r]) * Int(cp.referenceDays[r]) / 7
            if refTotal > limit { average = (refTotal - limit + 59) / 60 }
        }
        var kindCap = 0
        if cp.hasKindCaps[r] {
            for k in 0..<K {
                let c = Int(cp.kindCap[r * K + k])
                if c >= 0 && Int(kindCounts[k]) > c { kindCap += Int(kindCounts[k]) - c }
            }
        }
        let maxWE = Int(cp.maxWeekends[r]), maxSu = Int(cp.maxSundays[r])
        let minT = Int(cp.minTotal[r]), maxT = Int(cp.maxTotal[r])
        rules[RuleKind.eligibility.rawValue] = eligibility
        rules[RuleKind.overlap.rawValue] = overlap
        rules[RuleKind.minRest.rawValue] = rest
        rules[RuleKind.maxDailyMinutes.rawValue] = daily
        rules[RuleKind.maxWeeklyMinutes.rawValue] = weekly
        rules[RuleKind.maxAverageWeeklyMinutes.rawValue] = average
        rules[RuleKind.maxConsecutiveWorkingDays.rawValue] = consMax
        rules[RuleKind.minConsecutiveWorkingDays.rawValue] = consMin
        rules[RuleKind.minConsecutiveDaysOff.rawValue] = offMin
        rules[RuleKind.maxNights.rawValue] = nightViolations
        rules[RuleKind.maxWorkedWeekends.rawValue] = maxWE >= 0 && weekends > maxWE ? weekends - maxWE : 0
        rules[RuleKind.maxWorkedSundays.rawValue] = maxSu >= 0 && sundays > maxSu ? sundays - maxSu : 0
        rules[RuleKind.minTotalMinutes.rawValue] = minT >= 0 && total < minT ? (minT - total + 59) / 60 : 0
        rules[RuleKind.maxTotalMinutes.rawValue] = maxT >= 0 && total > maxT ? (total - maxT + 59) / 60 : 0
        rules[RuleKind.shiftKindCap.rawValue] = kindCap
        rules[RuleKind.forbiddenSuccession.rawValue] = succession

        // Soft terms
        let wts = cp.weights
        if ck == nil { for i in Int(cp.wishStart[p])..<Int(cp.wishStart[p + 1]) { wishPenalty += wishCost(i, Int(row[Int(cp.wishDay[i])])) } }
        rules[RuleKind.wishes.rawValue] = wishPenalty * wts.wishes
        if wts.fairness != 0 && total > 0 {
            let contract = max(60, cp.personContract[p])
            rules[RuleKind.fairness.rawValue] = wts.fairness * (total * total / 3600) * wts.fullTimeMinutesPerWeek / contract / 100
        }
        rules[RuleKind.continuity.rawValue] = continuity * wts.continuity
        if let prev = cp.previousGrid, wts.disruption != 0 {
            var changes = 0
            let base = p * D
            for d in 0..<D where prev[base + d] != row[d] {
                if prev[base + d] >= 0 { changes += 1 }
                if row[d] >= 0 { changes += 1 }
            }
            rules[RuleKind.disruption.rawValue] = changes * wts.disruption
        }
        if !cp.personPool[p] { rules[RuleKind.nonPoolMember.rawValue] = shifts * wts.nonPoolMember }

        let hard = eligibility + overlap + rest + daily + weekly + average + consMax + consMin + offMin + nightViolations
            + rules[RuleKind.maxWorkedWeekends.rawValue] + rules[RuleKind.maxWorkedSundays.rawValue]
            + rules[RuleKind.minTotalMinutes.rawValue] + rules[RuleKind.maxTotalMinutes.rawValue] + kindCap + succession
        // Search weight: a count unit (a shift, a day, a weekend) weighs like the 8 hours of a shift,
        // so that the search does not trade, say, a weekend break for an hour of minimum workload.
        let minuteUnits = weekly + average + rules[RuleKind.minTotalMinutes.rawValue] + rules[RuleKind.maxTotalMinutes.rawValue]
        let weighted = minuteUnits + IncrementalScore.countUnitWeight * (hard - minuteUnits)
        let soft = rules[RuleKind.wishes.rawValue] + rules[RuleKind.fairness.rawValue] + rules[RuleKind.continuity.rawValue]
            + rules[RuleKind.disruption.rawValue] + rules[RuleKind.nonPoolMember.rawValue]
        return (hard, soft, weighted)
    }
}
