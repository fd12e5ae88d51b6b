import Foundation

/// The files a simulation writes: report.json, report.html (self-contained, inline SVG) and CSV
/// tables, as bytes keyed by file name. Pure: the caller writes them.
public enum ReportDocuments {
    public static func files(_ r: SimulationReport) throws -> [(name: String, data: Data)] {
        [("report.json", try json(r)), ("report.html", Data(html(r).utf8)),
         ("coverage-daily.csv", Data(csvDaily(r).utf8)), ("coverage-by-task-daily.csv", Data(csvTasks(r.dailyByTask, "day").utf8)),
         ("coverage-by-task-weekly.csv", Data(csvTasks(r.weeklyByTask, "week").utf8)),
         ("departments.csv", Data(csvDepartments(r).utf8)), ("relaxed-rules.csv", Data(csvRelaxed(r).utf8)),
         ("reserves.csv", Data(csvReserves(r).utf8))]
    }

    public static func json(_ r: SimulationReport) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(r) + Data("\n".utf8)
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func n(_ x: Double) -> String { String(format: "%.3f", x) }

    static func csvDaily(_ r: SimulationReport) -> String {
        let prios = Array(Set(r.daily.flatMap { $0.byPriority.map(\.priority) })).sorted()
        return csv(["day", "level", "profile", "shifts", "shifts_below_minimum", "shifts_missing_competence", "positions_needed", "positions_filled", "coverage"]
                   + prios.map { "coverage_priority_\($0)" }
                   + ["people_deployed", "hours_worked", "candidates", "reserves_active", "absent_sick", "new_sick", "new_sick_deployed",
                      "extra_demand_events", "repair_changes", "hard_breaks", "seconded_fte", "regular_work_lost_fte"],
                   r.daily.map { d in
                       [d.day, String(d.level), d.profile, String(d.shifts), String(d.shiftsBelowMinimum), String(d.shiftsMissingCompetence), String(d.needed), String(d.filled), n(d.coverage)]
                       + prios.map { p in d.byPriority.first { $0.priority == p }.map { n($0.coverage) } ?? "" }
                       + [String(d.peopleDeployed), n(d.hoursWorked), String(d.candidates), String(d.reservesActive), String(d.absentSick),
                          String(d.newSick), String(d.newSickDeployed), String(d.extraDemandEvents), String(d.repairChanges), String(d.hardBreaks),
                          n(d.secondedFTE), n(d.regularWorkLostFTE)]
                   })
    }

    static func csvTasks(_ rows: [SimulationReport.TaskFigures], _ period: String) -> String {
        csv([period, "task", "priority", "shifts", "shifts_below_minimum", "shifts_missing_competence", "positions_needed", "positions_filled", "coverage", "hours"],
            rows.map { [$0.period, $0.task, String($0.priority), String($0.shifts), String($0.shiftsBelowMinimum), String($0.shiftsMissingCompetence), String($0.needed), String($0.filled), n($0.coverage), n($0.hours)] })
    }

    static func csvDepartments(_ r: SimulationReport) -> String {
        csv(["department", "name", "staff", "average_quota_fte", "average_seconded_fte", "peak_seconded_fte", "peak_seconded_persons",
             "days_over_quota", "regular_work_lost_fte_days", "first_day_regular_work_lost"],
            r.departments.map { [$0.department, $0.name, String($0.staff), n($0.averageQuotaFTE), n($0.averageSecondedFTE), n($0.peakSecondedFTE),
                                 String($0.peakSecondedPersons), String($0.daysOverQuota), n($0.regularWorkLostFTEDays), $0.firstDayRegularWorkLost ?? ""] })
    }

    static func csvReserves(_ r: SimulationReport) -> String {
        csv(["kind", "from", "people", "deployed", "hours", "first_day_deployed"],
            r.reserves.map { [$0.kind, $0.from, String($0.people), String($0.deployed), n($0.hours), $0.firstDayDeployed ?? ""] })
    }

    static func csvRelaxed(_ r: SimulationReport) -> String {
        csv(["rule", "baseline_limit", "people", "occurrences"], r.relaxedRules.map { [$0.rule, $0.baselineLimit, String($0.people), String($0.occurrences)] })
    }

    static let style = """
    body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
    table{border-collapse:collapse;font-size:12px;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
    th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}.chart{display:block;margin:10px 0;border:1px solid #eee}
    .kpi{display:inline-block;margin:6px 18px 6px 0}.kpi b{display:block;font-size:20px}
    """

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let esc = SVGChart.esc
        return "<table><tr>" + header.map { "<th>\(esc($0))</th>" }.joined() + "</tr>"
            + rows.map { "<tr>" + $0.map { "<td>\(esc($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }

    public static func html(_ r: SimulationReport) -> String {
        let esc = SVGChart.esc
        let s = r.summary
        var h = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(esc(r.scenario)) — Surge simulation</title><style>\(style)</style></head><body>"
        h += "<h1>\(esc(r.scenario))</h1><p>Simulated \(r.days) days from \(r.startDay), seed \(r.seed). Every figure comes from the daily plans of the scheduling core after the day's events.</p>"
        let kpis: [(String, String)] = [("coverage (positions)", pct(s.coverage)), ("shifts below minimum", "\(s.shiftsBelowMinimum) of \(s.shifts)"),
                                        ("shifts missing a competence", "\(s.shiftsMissingCompetence)"),
                                        ("people deployed", "\(s.peopleDeployed)"), ("hours worked", String(format: "%.0f", s.hoursWorked)),
                                        ("sick spells (deployed)", "\(s.sickSpells) (\(s.sickSpellsAmongDeployed))"),
                                        ("first day below minimum", s.firstDayBelowMinimum ?? "never"),
                                        ("first day regular work lost", s.firstDayRegularWorkLost ?? "never")]
        h += "<div>" + kpis.map { "<span class=\"kpi\"><b>\(esc($0.1))</b>\(esc($0.0))</span>" }.joined() + "</div>"

        h += "<h2>Coverage over time</h2>"
        let prios = Array(Set(r.daily.flatMap { $0.byPriority.map(\.priority) })).sorted()
        var series: [(name: String, values: [Double])] = [("all tasks", r.daily.map(\.coverage))]
        for p in prios { series.append(("priority \(p)", r.daily.map { d in d.byPriority.first { $0.priority == p }?.coverage ?? 1 })) }
        series.append(("off sick (of staff)", r.daily.map { Double($0.absentSick) / Double(max(1, r.staff)) }))
        h += SVGChart.lines(id: "coverage-chart", title: "Filled positions / needed positions per day, and the share of staff off sick", labels: r.daily.map { String($0.day.suffix(5)) }, series: series)
        h += table(["week", "task", "priority", "shifts", "below minimum", "missing competence", "needed", "filled", "coverage", "hours"],
                   r.weeklyByTask.map { [$0.period, $0.task, String($0.priority), String($0.shifts), String($0.shiftsBelowMinimum), String($0.shiftsMissingCompetence), String($0.needed), String($0.filled), pct($0.coverage), String(format: "%.0f", $0.hours)] })

        h += "<h2>Load distribution</h2>"
        h += SVGChart.bars(id: "load-chart", title: "People by hours worked relative to contract hours",
                           labels: r.load.ratioHistogram.map { b in b.to.map { String(format: "%.2f–%.2f", b.from, $0) } ?? String(format: "≥ %.2f", b.from) },
                           values: r.load.ratioHistogram.map(\.people))
        let dist = { (d: Distribution, fmt: String) in [String(d.count), String(format: fmt, d.min), String(format: fmt, d.median), String(format: fmt, d.p90), String(format: fmt, d.max), String(format: "%.3f", d.gini)] }
        h += table(["measure", "people", "min", "median", "p90", "max", "Gini"],
                   [["hours worked"] + dist(r.load.hours, "%.1f"), ["hours / contract hours"] + dist(r.load.contractRatio, "%.2f")])
        let t = r.thresholds
        h += table(["staff-care threshold", "people"], [
            [String(format: "average above %.0f h per week", t.limits.averageWeeklyHours), String(t.aboveAverageWeeklyHours)],
            ["more than \(t.limits.consecutiveDays) consecutive days", String(t.aboveConsecutiveDays)],
            ["more than \(t.limits.nights) night shifts", String(t.aboveNights)],
            ["fewer than \(t.limits.minFreeWeekends) free weekends (of \(t.weekendsInRun))", String(t.belowFreeWeekends)]])

        h += "<h2>Reserve pool</h2>"
        h += table(["kind", "from", "people", "deployed", "hours", "first day deployed"],
                   r.reserves.map { [$0.kind, $0.from, String($0.people), String($0.deployed), String(format: "%.0f", $0.hours), $0.firstDayDeployed ?? "-"] })

        h += "<h2>Department drain</h2>"
        let drained = r.departments.sorted { ($0.averageSecondedFTE, $1.department) > ($1.averageSecondedFTE, $0.department) }.prefix(15)
        h += SVGChart.drain(id: "drain-chart", title: "FTE seconded per department against its release quota (15 most drained)",
                            rows: drained.map { ($0.department, $0.averageSecondedFTE, $0.averageQuotaFTE, $0.regularWorkLostFTEDays / Double(max(1, r.days))) })
        h += table(["department", "name", "staff", "quota FTE (avg)", "seconded FTE (avg)", "peak FTE", "peak persons", "days over quota", "regular work lost (FTE-days)", "first day lost"],
                   r.departments.map { [$0.department, $0.name, String($0.staff), String(format: "%.1f", $0.averageQuotaFTE), String(format: "%.1f", $0.averageSecondedFTE),
                                        String(format: "%.1f", $0.peakSecondedFTE), String($0.peakSecondedPersons), String($0.daysOverQuota),
                                        String(format: "%.1f", $0.regularWorkLostFTEDays), $0.firstDayRegularWorkLost ?? "-"] })

        h += "<h2>Working-time rules</h2>"
        h += table(["profile in force", "legal basis", "decided by", "from", "until", "days"],
                   r.profiles.map { [$0.profile, $0.legalBasis ?? "-", $0.decidedBy ?? "-", $0.from, $0.until, String($0.days)] })
        h += "<p>Relaxed rules used (shifts beyond the baseline profile):</p>"
        h += table(["rule", "baseline limit", "people", "occurrences"], r.relaxedRules.map { [$0.rule, $0.baselineLimit, String($0.people), String($0.occurrences)] })

        h += "<h2>Day by day</h2>"
        h += table(["day", "level", "profile", "coverage", "below min", "deployed", "sick absent", "new sick (deployed)", "reserves", "extra demand", "repairs", "hard breaks"],
                   r.daily.map { [$0.day, String($0.level), $0.profile, pct($0.coverage), String($0.shiftsBelowMinimum), String($0.peopleDeployed), String($0.absentSick),
                                  "\($0.newSick) (\($0.newSickDeployed))", String($0.reservesActive), String($0.extraDemandEvents), String($0.repairChanges), String($0.hardBreaks)] })
        return h + "</body></html>\n"
    }

    /// Several runs side by side: key figures and coverage over time.
    public static func comparison(_ reports: [SimulationReport]) -> String {
        var h = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Surge scenario comparison</title><style>\(style)</style></head><body>"
        h += "<h1>Scenario comparison</h1>"
        let rows: [(String, (SimulationReport) -> String)] = [
            ("days", { String($0.days) }), ("coverage (positions)", { pct($0.summary.coverage) }),
            ("shifts below minimum", { "\($0.summary.shiftsBelowMinimum) of \($0.summary.shifts)" }),
            ("shifts missing a competence", { String($0.summary.shiftsMissingCompetence) }),
            ("first day below minimum", { $0.summary.firstDayBelowMinimum ?? "never" }),
            ("people deployed", { String($0.summary.peopleDeployed) }), ("reserve people deployed", { String($0.summary.reservePeopleDeployed) }),
            ("hours worked", { String(format: "%.0f", $0.summary.hoursWorked) }),
            ("hours / contract: median", { String(format: "%.2f", $0.load.contractRatio.median) }),
            ("hours / contract: p90", { String(format: "%.2f", $0.load.contractRatio.p90) }),
            ("hours / contract: max", { String(format: "%.2f", $0.load.contractRatio.max) }),
            ("Gini of hours / contract", { String(format: "%.3f", $0.load.contractRatio.gini) }),
            ("people above average weekly hours", { String($0.thresholds.aboveAverageWeeklyHours) }),
            ("people above consecutive days", { String($0.thresholds.aboveConsecutiveDays) }),
            ("people relaxed rules used for", { String($0.relaxedRules.map(\.people).max() ?? 0) }),
            ("regular work lost (FTE-days)", { String(format: "%.1f", $0.departments.reduce(0) { $0 + $1.regularWorkLostFTEDays }) }),
            ("first day regular work lost", { $0.summary.firstDayRegularWorkLost ?? "never" }),
            ("sick spells", { String($0.summary.sickSpells) }),
        ]
        h += table(["figure"] + reports.map(\.scenario), rows.map { row in [row.0] + reports.map { row.1($0) } })
        let longest = reports.max { $0.daily.count < $1.daily.count }
        h += SVGChart.lines(id: "comparison-chart", title: "Coverage per day", labels: (longest?.daily ?? []).map { String($0.day.suffix(5)) },
                            series: reports.map { ($0.scenario, $0.daily.map(\.coverage)) })
        return h + "</body></html>\n"
    }

    public static func comparisonCSV(_ reports: [SimulationReport]) -> String {
        csv(["scenario", "days", "coverage", "shifts_below_minimum", "people_deployed", "hours_worked", "ratio_median", "ratio_p90", "ratio_max", "gini",
             "above_average_weekly_hours", "regular_work_lost_fte_days"],
            reports.map { [$0.scenario, String($0.days), n($0.summary.coverage), String($0.summary.shiftsBelowMinimum), String($0.summary.peopleDeployed),
                           n($0.summary.hoursWorked), n($0.load.contractRatio.median), n($0.load.contractRatio.p90), n($0.load.contractRatio.max),
                           n($0.load.contractRatio.gini), String($0.thresholds.aboveAverageWeeklyHours),
                           n($0.departments.reduce(0) { $0 + $1.regularWorkLostFTEDays })] })
    }
}
