/// Turns a scored grid into the public Plan: assignments, per-rule breakdown, every hard break,
/// unfilled positions with reasons, and the load per person.
enum PlanReport {
    static func build(_ s: IncrementalScore) -> Plan {
        let cp = s.cp
        let P = s.P, D = s.D
        var totals = [Int](repeating: 0, count: RuleKind.count)
        var breaks: [RuleBreak] = cp.unrepresentablePins
        for b in cp.unrepresentablePins { totals[b.rule.rawValue] += b.units }
        var assignments: [Assignment] = []
        var load: [PersonLoad] = []
        let people = cp.problem.people, demands = cp.problem.demands
        let horizonWeeks = Double(D) / 7
        for p in 0..<P {
            let row = s.grid + p * D
            _ = s.evaluator.evaluate(p, row)
            for k in 0..<RuleKind.count {
                let v = s.evaluator.rules[k]
                if v == 0 { continue }
                totals[k] += v
                let rule = RuleKind(rawValue: k)!
                if rule.level == .hard {
                    breaks.append(RuleBreak(rule: rule, person: people[p].id, units: v, detail: "\(people[p].id): \(rule)"))
                }
            }
            var shifts = 0, minutes = 0, nights = 0
            var weekends = Set<Int32>()
            let r = Int(cp.personProfile[p])
            for d in 0..<D where row[d] >= 0 {
                let j = Int(row[d])
                assignments.append(Assignment(person: people[p].id, demand: demands[j].id))
                shifts += 1
                minutes += Int(cp.paidMinutes[cp.paidRow[r] + j])
                if cp.isNight[cp.nightRow[r] + j] { nights += 1 }
                if cp.dayWeekend[d] >= 0 { weekends.insert(cp.dayWeekend[d]) }
            }
            let contract = Double(cp.personContract[p]) * horizonWeeks
            load.append(PersonLoad(person: people[p].id, shifts: shifts, workedMinutes: minutes, nights: nights,
                                   weekendsWorked: weekends.count, contractRatio: contract > 0 ? Double(minutes) / contract : 0))
        }
        var unfilledDemands: [Int] = []
        for j in 0..<cp.demandCount {
            let n = Int(s.headcount[j])
            let mx = Int(cp.demandMax[j]), mn = Int(cp.demandMin[j]), tg = Int(cp.demandTarget[j])
            if n > mx {
                totals[RuleKind.maxHeadcount.rawValue] += n - mx
                breaks.append(RuleBreak(rule: .maxHeadcount, demand: demands[j].id, day: cp.days[Int(cp.demandDay[j])], units: n - mx,
                                        detail: "\(demands[j].id): \(n) assigned, maximum \(mx)"))
            }
            if n < mn { totals[RuleKind.minimumHeadcount.rawValue] += (mn - n) * cp.demandPriorityWeight[j] }
            for m in Int(cp.mixStart[j])..<Int(cp.mixStart[j + 1]) where s.mixCount[m] < cp.mixNeed[m] {
                totals[RuleKind.competenceMix.rawValue] += Int(cp.mixNeed[m] - s.mixCount[m]) * cp.demandPriorityWeight[j]
            }
            if n < tg { totals[RuleKind.targetShortfall.rawValue] += (tg - n) * cp.demandShortfallWeight[j]; unfilledDemands.append(j) }
            else { totals[RuleKind.targetSurplus.rawValue] += (n - tg) * cp.demandSurplusWeight[j] }
        }
        for q in 0..<cp.departmentCount {
            for d in 0..<D {
                let cell = q * D + d
                let n = Int(s.quotaPersons[cell])
                let lim = Int(cp.quotaPersons[q])
                if lim >= 0 {
                    if n > lim {
                        totals[RuleKind.releaseQuotaPersons.rawValue] += n - lim
                        breaks.append(RuleBreak(rule: .releaseQuotaPersons, department: cp.departmentNames[q], day: cp.days[d], units: n - lim,
                                                detail: "\(cp.departmentNames[q]) gives \(n) persons on \(cp.days[d]), quota \(lim)"))
                    }
                    let near = lim * 4 / 5
                    if n > near { totals[RuleKind.nearQuota.rawValue] += (n - near) * cp.weights.nearQuota }
                }
                let lm = cp.quotaMinutes[q]
                if lm >= 0 && s.quotaMinutes[cell] > lm {
                    let ft = max(1, cp.weights.fullTimeMinutesPerWeek)
                    let u = (s.quotaMinutes[cell] - lm + ft - 1) / ft
                    totals[RuleKind.releaseQuotaFTE.rawValue] += u
                    breaks.append(RuleBreak(rule: .releaseQuotaFTE, department: cp.departmentNames[q], day: cp.days[d], units: u,
                                            detail: "\(cp.departmentNames[q]) gives \(Double(s.quotaMinutes[cell]) / Double(ft)) FTE on \(cp.days[d])"))
                }
            }
        }
        let breakdown = RuleKind.allCases.filter { totals[$0.rawValue] != 0 }.map { ScoreTerm(rule: $0, penalty: totals[$0.rawValue]) }
        let unfilled = unfilledDemands.map { Explainer.explain(demand: $0, in: s) }
        return Plan(assignments: assignments, score: s.score, breakdown: breakdown, hardBreaks: breaks, unfilled: unfilled, load: load)
    }
}
