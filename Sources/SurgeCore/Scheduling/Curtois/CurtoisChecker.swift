/// Scores a Curtois roster grid from scratch, straight from the parsed instance and the rules as
/// the benchmark states them. Deliberately shares no code with the core scorer so that each
/// checks the other.
public enum CurtoisChecker {
    public struct Evaluation: Sendable, Equatable {
        /// One line per hard constraint broken (empty = feasible).
        public var violations: [String]
        public var objective: Int
        public var underCover: Int
        public var overCover: Int
        public var onRequestPenalty: Int
        public var offRequestPenalty: Int
        public var isFeasible: Bool { violations.isEmpty }
    }

    /// `roster[e][d]` is a shift id or nil (day off); rows in SECTION_STAFF order.
    public static func evaluate(_ inst: CurtoisInstance, roster: [[String?]]) -> Evaluation {
        var v: [String] = []
        let h = inst.horizon
        if roster.count != inst.employees.count { v.append("roster has \(roster.count) rows, expected \(inst.employees.count)") }
        let length = Dictionary(uniqueKeysWithValues: inst.shifts.map { ($0.id, $0.minutes) })
        let forbidden = Dictionary(uniqueKeysWithValues: inst.shifts.map { ($0.id, Set($0.forbiddenNext)) })
        for (ei, e) in inst.employees.enumerated() where ei < roster.count {
            let row = roster[ei]
            if row.count != h { v.append("\(e.id): \(row.count) days, expected \(h)"); continue }
            // 1 is structural (one cell per day). Unknown shift ids are infeasible.
            for d in 0..<h { if let s = row[d], length[s] == nil { v.append("\(e.id) day \(d): unknown shift \(s)") } }
            // 2 forbidden successions
            for d in 0..<(h - 1) {
                if let a = row[d], let b = row[d + 1], forbidden[a]?.contains(b) == true { v.append("\(e.id) day \(d): \(a) followed by \(b)") }
            }
            // 3 per-type maximum
            for (s, m) in e.maxShifts {
                let n = row.filter { $0 == s }.count
                if n > m { v.append("\(e.id): \(n) shifts \(s), max \(m)") }
            }
            // 4 workload
            let total = row.compactMap { $0 }.reduce(0) { $0 + (length[$1] ?? 0) }
            if total > e.maxTotalMinutes || total < e.minTotalMinutes { v.append("\(e.id): \(total) minutes outside [\(e.minTotalMinutes), \(e.maxTotalMinutes)]") }
            // 5-7 runs
            var d = 0
            while d < h {
                let working = row[d] != nil
                var end = d
                while end + 1 < h && (row[end + 1] != nil) == working { end += 1 }
                let len = end - d + 1
                let interior = d > 0 && end < h - 1
                if working {
                    if len > e.maxConsecutiveShifts { v.append("\(e.id): \(len) consecutive shifts from day \(d)") }
                    if interior && len < e.minConsecutiveShifts { v.append("\(e.id): only \(len) consecutive shifts from day \(d)") }
                } else if interior && len < e.minConsecutiveDaysOff {
                    v.append("\(e.id): only \(len) days off from day \(d)")
                }
                d = end + 1
            }
            // 8 weekends
            var weekends = 0
            var w = 5
            while w < h {
                if row[w] != nil || (w + 1 < h && row[w + 1] != nil) { weekends += 1 }
                w += 7
            }
            if weekends > e.maxWeekends { v.append("\(e.id): \(weekends) weekends, max \(e.maxWeekends)") }
            // 9 days off
            for d in inst.daysOff[e.id] ?? [] where row[d] != nil { v.append("\(e.id) works on day off \(d)") }
        }
        let index = Dictionary(uniqueKeysWithValues: inst.employees.enumerated().map { ($1.id, $0) })
        func cell(_ e: String, _ d: Int) -> String? {
            guard let i = index[e], i < roster.count, d < roster[i].count else { return nil }
            return roster[i][d]
        }
        var onP = 0, offP = 0, under = 0, over = 0
        for r in inst.onRequests where cell(r.employee, r.day) != r.shift { onP += r.weight }
        for r in inst.offRequests where cell(r.employee, r.day) == r.shift { offP += r.weight }
        for c in inst.cover {
            let n = roster.filter { c.day < $0.count && $0[c.day] == c.shift }.count
            under += c.weightUnder * max(0, c.requirement - n)
            over += c.weightOver * max(0, n - c.requirement)
        }
        return Evaluation(violations: v, objective: onP + offP + under + over, underCover: under, overCover: over,
                          onRequestPenalty: onP, offRequestPenalty: offP)
    }
}
