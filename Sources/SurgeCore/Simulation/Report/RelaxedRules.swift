import Foundation

/// Counts, per rule of the baseline profile (normally the ArbZG profile), the people whose worked
/// shifts went beyond it: each is a use of a crisis relaxation (§14 ArbZG) that the staff council
/// must be able to see. Recomputed from the shifts, independent of the solver's own scoring.
struct RelaxedRules {
    let baseline: RuleProfile
    let calendar: Calendar
    private var people: [String: Set<String>] = [:]
    private var occurrences: [String: Int] = [:]

    init(baseline: RuleProfile, calendar: Calendar) { self.baseline = baseline; self.calendar = calendar }

    private mutating func note(_ rule: String, _ person: String, _ n: Int) {
        guard n > 0 else { return }
        people[rule, default: []].insert(person)
        occurrences[rule, default: 0] += n
    }

    mutating func check(person: String, shifts: [WorkedShiftRecord], longestRun: Int, nightMemo: [String: Bool]) {
        if let max = baseline.maxDailyMinutes { note(Self.daily, person, shifts.filter { $0.minutes > max }.count) }
        if let max = baseline.maxWeeklyMinutes {
            var perWeek: [String: Int] = [:]
            for s in shifts {
                let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: s.start)
                perWeek["\(c.yearForWeekOfYear ?? 0)-\(c.weekOfYear ?? 0)", default: 0] += s.minutes
            }
            note(Self.weekly, person, perWeek.values.filter { $0 > max }.count)
        }
        if let rest = baseline.minRestMinutes {
            var n = 0
            for k in shifts.indices.dropFirst() where shifts[k].start.timeIntervalSince(shifts[k - 1].end) < Double(rest * 60) { n += 1 }
            note(Self.rest, person, n)
        }
        if let max = baseline.maxConsecutiveWorkingDays, longestRun > max { note(Self.consecutive, person, 1) }
        if let rule = baseline.nights {
            let nights = shifts.filter { nightMemo[$0.demand] == true }.map(\.start)
            var worst = 0
            for (k, start) in nights.enumerated() {
                let windowEnd = start.addingTimeInterval(Double(rule.windowDays) * 86_400)
                worst = max(worst, nights[k...].prefix { $0 < windowEnd }.count)
            }
            if worst > rule.maxNights { note(Self.nights, person, 1) }
        }
    }

    static let daily = "daily working time", weekly = "weekly working time", rest = "daily rest",
               consecutive = "consecutive working days", nights = "nights in window"

    var uses: [SimulationReport.RelaxedRuleUse] {
        let limits: [String: String] = [
            Self.daily: baseline.maxDailyMinutes.map { "\($0 / 60) h per shift" } ?? "-",
            Self.weekly: baseline.maxWeeklyMinutes.map { "\($0 / 60) h per calendar week" } ?? "-",
            Self.rest: baseline.minRestMinutes.map { "\($0 / 60) h rest" } ?? "-",
            Self.consecutive: baseline.maxConsecutiveWorkingDays.map { "\($0) days" } ?? "-",
            Self.nights: baseline.nights.map { "\($0.maxNights) nights in \($0.windowDays) days" } ?? "-",
        ]
        return [Self.daily, Self.weekly, Self.rest, Self.consecutive, Self.nights].map {
            SimulationReport.RelaxedRuleUse(rule: $0, baselineLimit: limits[$0] ?? "-", people: people[$0]?.count ?? 0, occurrences: occurrences[$0] ?? 0)
        }
    }
}
