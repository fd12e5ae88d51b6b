import ArgumentParser
import Foundation
import SurgeCore

/// `surge bench curtois FILE... --time 60 --seed 1 [--roster-dir DIR]`
struct BenchCurtoisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curtois",
        abstract: "Solve Curtois & Qu instances and verify each result with the independent checker."
    )

    @Argument(help: "Instance files (InstanceN.txt).") var files: [String]
    @Option(help: "Seconds per instance.") var time: Double = 60
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Move budget per thread (deterministic stop); overrides nothing, both limits apply.") var moves: Int?
    @Option(help: "Parallel searches (keep best).") var threads: Int = 2
    @Option(name: .customLong("hard-weight"), help: "Scalar weight of a hard unit during the search.") var hardWeight: Int = 40
    @Flag(name: .customLong("fixed-weight"), help: "Keep the hard weight fixed (no strategic oscillation).") var fixedWeight = false
    @Option(name: .customLong("t0"), help: "Start temperature.") var t0: Double = 10
    @Option(name: .customLong("t1"), help: "End temperature (0.25: measured at 60 s against 0.5 better on 13, 21 and 23, worse on 19).") var t1: Double = 0.25
    @Option(name: .customLong("rebuild-share"), help: "Share of the search work spent on whole-row rebuilds (0 = off).") var rebuildShare: Double = 0.1
    @Option(name: .customLong("windowed-rebuild-share"), help: "The rebuild share on horizons that rebuild windows of weeks (more than twice --window-days).") var windowedRebuildShare: Double?
    @Option(name: .customLong("pair-percent"), help: "Percent of rebuilds that free two people.") var pairPercent: Int = 0
    @Option(name: .customLong("repair-share"), help: "Share of rebuilds while the plan is illegal.") var repairShare: Double = 0.5
    @Option(name: .customLong("ruin-people"), help: "Most people one multi-person rebuild frees.") var ruinPeople: Int = 2
    @Option(name: .customLong("wish-percent"), help: "Percent of moves that grant an unmet wish by exchanging shifts.") var wishPercent: Int?
    @Option(name: .customLong("hole-run-percent"), help: "Percent of moves that extend a run into an adjacent hole.") var holeRunPercent: Int?
    @Option(name: .customLong("floor-divisor"), help: "The adaptive hard weight never drops below the base weight divided by this.") var floorDivisor: Int?
    @Option(name: .customLong("weekend-percent"), help: "Percent of hole-run draws on weekends that move a half weekend into the hole.") var weekendPercent: Int?
    @Option(name: .customLong("long-weekend-percent"), help: "--weekend-percent on horizons whose rebuilds work in windows (longer than twice --window-days).") var longWeekendPercent: Int?
    @Option(name: .customLong("wish-block-percent"), help: "Percent of wish swaps that exchange whole runs between the two people.") var wishBlockPercent: Int?
    @Option(name: .customLong("aligned-percent"), help: "Percent of block swaps cut where both people are off.") var alignedPercent: Int?
    @Option(name: .customLong("surplus-percent"), help: "Percent of aimed assignments taken from a surplus position.") var surplusPercent: Int?
    @Option(name: .customLong("window-days"), help: "Rebuild windows of about this many days on longer horizons (0 = whole rows).") var windowDays: Int = 28
    @Option(name: .customLong("transfer-percent"), help: "Percent of rebuilds on windowed horizons that move a weekend to a far weekend with a hole.") var transferPercent: Int?
    @Option(name: .customLong("cycles"), help: "Annealing cycles per thread, each from a new construction (0 = chosen from the budget).") var cycles: Int = 1
    @Option(name: .customLong("cycle-moves-per-cell"), help: "Moves per person-day cell one cycle needs when the cycles are chosen from the budget.") var cycleMovesPerCell: Int?
    @Flag(name: .customLong("no-portfolio"), help: "With several threads, all run the same cycles (no exploring thread).") var noPortfolio = false
    @Option(name: .customLong("explorer-t1-factor"), help: "The exploring thread's end temperature as a share of --t1.") var explorerT1Factor: Double?
    @Flag(name: .customLong("polish-last"), help: "With several cycles, the last one starts from the best plan found.") var polishLast = false
    @Option(name: .customLong("day-match-percent"), help: "Percent of rebuild turns that re-assign one day's cells among a group exactly.") var dayMatchPercent: Int?
    @Option(name: .customLong("day-match-people"), help: "Most people in one day's re-assignment.") var dayMatchPeople: Int?
    @Option(name: .customLong("master-rounds"), help: "After each solve, column generation over the cover with up to this many rounds (0 = none): its bound and linear master value, on a line of its own.") var masterRounds: Int = 0
    @Option(name: .customLong("master-smoothing"), help: "Share of the best bound's prices in the prices rows are generated at (Wentges smoothing, 0 to below 1).") var masterSmoothing: Double = 0.5
    @Option(name: .customLong("master-warm-steps"), help: "Subgradient steps aimed at the best value known whose rows start the master (0 = none).") var masterWarmSteps: Int = 0
    @Option(name: .customLong("master-seconds"), help: "Time limit of --master-rounds, in seconds (the bound reached by then is printed).") var masterSeconds: Double = 600
    @Option(name: .customLong("bound-steps"), help: "After each solve, a lower bound by Lagrangian relaxation of the cover with up to this many subgradient steps (0 = none); printed on a line of its own.") var boundSteps: Int = 0
    @Option(name: .customLong("polish-share"), help: "Share of the run at the end that polishes the best plan by exact group re-plans or transfer re-plans (0 = none; default 0.6 with group re-plans, else 0.1).") var polishShare: Double?
    @Option(name: .customLong("polish-max-cells"), help: "Largest problem (people × days) that gets the polish.") var polishMaxCells: Int?
    @Flag(name: .customLong("polish-apart"), help: "Threads polish apart (default: they keep one plan in step, taking each other's kept changes).") var polishApart = false
    @Flag(name: .customLong("polish-from-own"), help: "Each thread polishes its own best plan (default: all start from the best plan of all).") var polishFromOwn = false
    @Option(name: .customLong("group-percent"), help: "Percent of the polish turns that re-plan a group around an unmet wish exactly (branch and price).") var groupPercent: Int?
    @Option(name: .customLong("group-people"), help: "People in one exact group re-plan.") var groupPeople: Int?
    @Option(name: .customLong("group-most-people"), help: "Largest group of a re-plan and the polish's first size: groups fall back to --group-people after four re-plans in a row neither closed nor gained, and grow by two after --group-barren closed ones gained nothing (default 16; equal to --group-people: a fixed size).") var groupMostPeople: Int?
    @Option(name: .customLong("group-barren"), help: "Closed re-plans without a gain after which the groups grow by two.") var groupBarren: Int?
    @Option(name: .customLong("group-nodes"), help: "Most branch-and-price nodes of one group re-plan.") var groupNodes: Int?
    @Option(name: .customLong("replan-window-days"), help: "Days in one exact window re-plan of the polish (0: none).") var replanWindowDays: Int?
    @Option(name: .customLong("replan-window-percent"), help: "Percent of the polish's exact re-plans that re-plan a window of days.") var replanWindowPercent: Int?
    @Option(name: .customLong("replan-window-people"), help: "Most people in one window re-plan.") var replanWindowPeople: Int?
    @Option(name: .customLong("held-cover-percent"), help: "Percent of the polish's group re-plans that hold the group's cover (valued as it stands, never better) while three in four free ones stop open (100: every one).") var heldCoverPercent: Int?
    @Option(name: .customLong("held-cover-people"), help: "People in one held-cover re-plan (0: the current group size).") var heldCoverPeople: Int?
    @Option(name: .customLong("replan-window-nodes"), help: "Most branch-and-price nodes of one window re-plan.") var replanWindowNodes: Int?
    @Option(name: .customLong("long-window-days"), help: "Days in one window re-plan of the long-horizon polish (0: only --long-short-window-days).") var longWindowDays: Int?
    @Option(name: .customLong("long-window-people"), help: "Most people in one window re-plan of the long-horizon polish.") var longWindowPeople: Int?
    @Option(name: .customLong("long-short-window-days"), help: "Days in one window re-plan of the long-horizon polish where the horizon holds fewer than three windows of --long-window-days (0: no polish there).") var longShortWindowDays: Int?
    @Option(name: .customLong("long-window-share"), help: "The polish's share of a run with windows of --long-window-days.") var longWindowShare: Double?
    @Option(name: .customLong("long-short-window-share"), help: "The polish's share of a run with those shorter windows.") var longShortWindowShare: Double?
    @Option(name: .customLong("long-polish-max-cells"), help: "Largest problem (people × days) that gets the long-horizon polish of window re-plans.") var longPolishMaxCells: Int?
    @Flag(name: .customLong("no-master-start"), help: "No start from column generation's linear master (see SolverOptions.masterStart).") var noMasterStart = false
    @Option(name: .customLong("master-start-share"), help: "Share of the time the master of the master start may take.") var masterStartShare: Double?
    @Option(name: .customLong("master-start-t0"), help: "Start temperature of the search from the master's rounding.") var masterStartT0: Double?
    @Option(name: .customLong("master-start-slack"), help: "Most the master over legal rows may lie above the master, as a share, for the master start.") var masterStartSlack: Double?
    @Option(name: .customLong("master-start-warm-steps"), help: "Subgradient steps that warm-start the master of the master start.") var masterStartWarmSteps: Int?
    @Flag(name: .customLong("cover-branching"), help: "Exact re-plans branch first on positions their master covers in part.") var coverBranching = false
    @Option(name: .customLong("exchange"), help: "Comma-separated shares of the time at which the threads meet to adopt the best plan (\"none\" = never).") var exchange: String?
    @Option(name: .customLong("roster-dir"), help: "Write each roster as tab-separated grid here.") var rosterDir: String?

    func validate() throws {
        guard cycles >= 0 else { throw ValidationError("--cycles: must be 0 (chosen from the budget) or more, got \(cycles)") }
        if let explorerT1Factor, !(explorerT1Factor > 0) { throw ValidationError("--explorer-t1-factor: must be above 0, got \(explorerT1Factor)") }
        _ = try exchangeMeetings()
        if let dayMatchPercent, !(0...100).contains(dayMatchPercent) { throw ValidationError("--day-match-percent: must be 0 to 100, got \(dayMatchPercent)") }
        if boundSteps < 0 { throw ValidationError("--bound-steps: must be 0 or more, got \(boundSteps)") }
        if !(masterSmoothing >= 0 && masterSmoothing < 1) { throw ValidationError("--master-smoothing: must be at least 0 and below 1, got \(masterSmoothing)") }
        if masterWarmSteps < 0 { throw ValidationError("--master-warm-steps: must be 0 or more, got \(masterWarmSteps)") }
        if !(masterSeconds > 0) { throw ValidationError("--master-seconds: must be above 0, got \(masterSeconds)") }
        if masterRounds < 0 { throw ValidationError("--master-rounds: must be 0 or more, got \(masterRounds)") }
        if let masterStartShare, !(masterStartShare > 0 && masterStartShare <= 1) { throw ValidationError("--master-start-share: must be above 0 and at most 1, got \(masterStartShare)") }
        if let masterStartT0, !(masterStartT0 > 0) { throw ValidationError("--master-start-t0: must be above 0, got \(masterStartT0)") }
        if let masterStartSlack, !(masterStartSlack >= 0) { throw ValidationError("--master-start-slack: must be 0 or more, got \(masterStartSlack)") }
        if let masterStartWarmSteps, masterStartWarmSteps < 0 { throw ValidationError("--master-start-warm-steps: must be 0 or more, got \(masterStartWarmSteps)") }
        if let dayMatchPeople, dayMatchPeople < 2 { throw ValidationError("--day-match-people: must be at least 2, got \(dayMatchPeople)") }
        if let polishMaxCells, polishMaxCells < 0 { throw ValidationError("--polish-max-cells: must be 0 or more, got \(polishMaxCells)") }
        if let groupPercent, !(0...100).contains(groupPercent) { throw ValidationError("--group-percent: must be 0 to 100, got \(groupPercent)") }
        if let groupPeople, !(1...32).contains(groupPeople) { throw ValidationError("--group-people: must be 1 to 32, got \(groupPeople)") }
        if let groupMostPeople, !(1...32).contains(groupMostPeople) { throw ValidationError("--group-most-people: must be 1 to 32, got \(groupMostPeople)") }
        if let groupBarren, groupBarren < 1 { throw ValidationError("--group-barren: must be at least 1, got \(groupBarren)") }
        if let groupNodes, groupNodes < 1 { throw ValidationError("--group-nodes: must be at least 1, got \(groupNodes)") }
        if let replanWindowDays, replanWindowDays < 0 { throw ValidationError("--replan-window-days: must be 0 or more, got \(replanWindowDays)") }
        if let replanWindowPercent, !(0...100).contains(replanWindowPercent) { throw ValidationError("--replan-window-percent: must be 0 to 100, got \(replanWindowPercent)") }
        if let replanWindowPeople, replanWindowPeople < 1 { throw ValidationError("--replan-window-people: must be at least 1, got \(replanWindowPeople)") }
        if let heldCoverPercent, !(0...100).contains(heldCoverPercent) { throw ValidationError("--held-cover-percent: must be 0 to 100, got \(heldCoverPercent)") }
        if let heldCoverPeople, heldCoverPeople < 0 { throw ValidationError("--held-cover-people: must be 0 or more, got \(heldCoverPeople)") }
        if let longWindowDays, longWindowDays < 0 { throw ValidationError("--long-window-days: must be 0 or more, got \(longWindowDays)") }
        if let longWindowPeople, longWindowPeople < 1 { throw ValidationError("--long-window-people: must be at least 1, got \(longWindowPeople)") }
        if let longShortWindowDays, longShortWindowDays < 0 { throw ValidationError("--long-short-window-days: must be 0 or more, got \(longShortWindowDays)") }
        if let weekendPercent, !(0...100).contains(weekendPercent) { throw ValidationError("--weekend-percent: must be 0 to 100, got \(weekendPercent)") }
        if let longWeekendPercent, !(0...100).contains(longWeekendPercent) { throw ValidationError("--long-weekend-percent: must be 0 to 100, got \(longWeekendPercent)") }
        if let longWindowShare, !(0...0.9).contains(longWindowShare) { throw ValidationError("--long-window-share: must be 0 to 0.9, got \(longWindowShare)") }
        if let longShortWindowShare, !(0...0.9).contains(longShortWindowShare) { throw ValidationError("--long-short-window-share: must be 0 to 0.9, got \(longShortWindowShare)") }
        if let longPolishMaxCells, longPolishMaxCells < 0 { throw ValidationError("--long-polish-max-cells: must be 0 or more, got \(longPolishMaxCells)") }
        if let replanWindowNodes, replanWindowNodes < 1 { throw ValidationError("--replan-window-nodes: must be at least 1, got \(replanWindowNodes)") }
        if let polishShare, !(polishShare >= 0 && polishShare <= 0.9) { throw ValidationError("--polish-share: must be 0 to 0.9, got \(polishShare)") }
        if let windowedRebuildShare, !(windowedRebuildShare > 0 && windowedRebuildShare <= 0.95) { throw ValidationError("--windowed-rebuild-share: must be above 0 and at most 0.95, got \(windowedRebuildShare)") }
        if let cycleMovesPerCell, cycleMovesPerCell < 1 { throw ValidationError("--cycle-moves-per-cell: must be at least 1, got \(cycleMovesPerCell)") }
    }

    /// The meetings `--exchange` asks for (nil: the solver's default).
    func exchangeMeetings() throws -> [Double]? {
        guard let exchange else { return nil }
        if exchange == "none" { return [] }
        return try exchange.split(separator: ",").map { part in
            guard let x = Double(part.trimmingCharacters(in: .whitespaces)), x > 0, x < 1 else {
                throw ValidationError("--exchange: expected shares between 0 and 1 separated by commas, or none; got '\(part)'")
            }
            return x
        }
    }

    func run() async throws {
        var mismatches = 0
        let meetings = try exchangeMeetings()
        // The last four columns split the objective (checker's penalties): positions short, surplus, requests.
        print("instance\tobjective\tbest_known\tgap_%\tfeasible\tchecker\tfirst_feasible_s\tbest_s\tmoves\tunder\tover\ton_req\toff_req")
        for file in files {
            let text = try readTextFile(file)
            let instance: CurtoisInstance
            do { instance = try CurtoisParser.parse(text) } catch { throw ValidationError("\(file): \(error)") }
            let model = CurtoisModel(instance)
            let number = CurtoisBestKnown.instanceNumber(fileName: file)
            let options = SolverOptions(seed: seed, moveBudget: moves, timeLimit: time, clock: benchClock, threads: threads,
                                        hardWeight: hardWeight, adaptiveHardWeight: !fixedWeight, startTemperature: t0, endTemperature: t1,
                                        target: number.flatMap { CurtoisBestKnown.upperBound[$0] }.map { Score(hard: 0, coverage: 0, soft: $0) })
            var tuned = options
            tuned.rebuildShare = rebuildShare
            tuned.pairRebuildPercent = pairPercent
            tuned.repairRebuildShare = repairShare
            tuned.rebuildWindowDays = windowDays
            tuned.ruinPeople = ruinPeople
            if let wishPercent { tuned.wishSwapPercent = wishPercent }
            if let holeRunPercent { tuned.holeRunPercent = holeRunPercent }
            if let weekendPercent { tuned.weekendMovePercent = weekendPercent }
            if let longWeekendPercent { tuned.longHorizonWeekendMovePercent = longWeekendPercent }
            if let floorDivisor { tuned.hardWeightFloorDivisor = floorDivisor }
            if let wishBlockPercent { tuned.wishBlockPercent = wishBlockPercent }
            if let alignedPercent { tuned.alignedBlockPercent = alignedPercent }
            if let surplusPercent { tuned.surplusTakerPercent = surplusPercent }
            if let transferPercent { tuned.weekendTransferPercent = transferPercent }
            tuned.restartCycles = cycles > 0 ? cycles : nil
            if let cycleMovesPerCell { tuned.restartMovesPerCell = cycleMovesPerCell }
            tuned.lastCycleFromBest = polishLast
            tuned.portfolio = !noPortfolio
            if let meetings { tuned.exchangeMeetings = meetings }
            if let dayMatchPercent { tuned.dayMatchPercent = dayMatchPercent }
            if let dayMatchPeople { tuned.dayMatchPeople = dayMatchPeople }
            if let polishShare { tuned.polishShare = polishShare }
            if polishApart { tuned.sharesPolishGains = false }
            if let polishMaxCells { tuned.polishMaxCells = polishMaxCells }
            if let groupPercent { tuned.groupReplanPercent = groupPercent }
            if polishFromOwn { tuned.polishFromBestOfAll = false }
            if let groupPeople { tuned.groupReplanPeople = groupPeople }
            if let groupMostPeople { tuned.groupReplanMostPeople = groupMostPeople }
            if let groupBarren { tuned.groupReplanBarrenLimit = groupBarren }
            if let groupNodes { tuned.groupReplanNodes = groupNodes }
            if let replanWindowDays { tuned.windowReplanDays = replanWindowDays }
            if let replanWindowPercent { tuned.windowReplanPercent = replanWindowPercent }
            if let replanWindowPeople { tuned.windowReplanPeople = replanWindowPeople }
            if let heldCoverPercent { tuned.groupHeldCoverPercent = heldCoverPercent }
            if let heldCoverPeople { tuned.groupHeldCoverPeople = heldCoverPeople }
            if let replanWindowNodes { tuned.windowReplanNodes = replanWindowNodes }
            if let longWindowDays { tuned.longHorizonWindowDays = longWindowDays }
            if let longWindowPeople { tuned.longHorizonWindowPeople = longWindowPeople }
            if let longShortWindowDays { tuned.longHorizonShortWindowDays = longShortWindowDays }
            if let longWindowShare { tuned.longHorizonWindowShare = longWindowShare }
            if let longShortWindowShare { tuned.longHorizonShortWindowShare = longShortWindowShare }
            if let longPolishMaxCells { tuned.longHorizonPolishMaxCells = longPolishMaxCells }
            if coverBranching { tuned.groupReplanCoverBranching = true }
            if let windowedRebuildShare { tuned.windowedRebuildShare = windowedRebuildShare }
            if let explorerT1Factor { tuned.explorerEndTemperatureFactor = explorerT1Factor }
            if noMasterStart { tuned.masterStart = false }
            if let masterStartShare { tuned.masterStartShare = masterStartShare }
            if let masterStartT0 { tuned.masterStartTemperature = masterStartT0 }
            if let masterStartWarmSteps { tuned.masterStartWarmSteps = masterStartWarmSteps }
            if let masterStartSlack { tuned.masterStartSlack = masterStartSlack }
            let result = try Solver.solve(model.problem, options: tuned)
            let roster = model.roster(of: result.plan)
            let check = CurtoisChecker.evaluate(instance, roster: roster)
            let best = number.flatMap { CurtoisBestKnown.upperBound[$0] }
            let gap = best.map { String(format: "%.2f", 100 * Double(check.objective - $0) / Double($0)) } ?? "-"
            let agrees = check.objective == result.plan.score.soft && check.isFeasible == result.plan.isLegal
            if !agrees { mismatches += 1 }
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            print("\(name)\t\(check.objective)\t\(best.map(String.init) ?? "-")\t\(gap)\t\(check.isFeasible)\t\(agrees ? "agrees" : "MISMATCH core=\(result.plan.score)")\t\(formatSeconds(result.statistics.secondsToFirstLegal))\t\(formatSeconds(result.statistics.secondsToBest))\t\(result.statistics.moves)\t\(check.underCover)\t\(check.overCover)\t\(check.onRequestPenalty)\t\(check.offRequestPenalty)")
            if !check.isFeasible { for v in check.violations.prefix(10) { print("  hard: \(v)") } }
            if let m = result.statistics.masterStart {
                // On standard error, as the tally below.
                let figures = [m.masterSeconds.map { "master \(formatSeconds($0)) s" }, m.bound.map { "bound \(String(format: "%.2f", $0))" }, m.masterValue.map { "value \(String(format: "%.2f", $0))" }, m.legalValue.map { "over legal rows \(String(format: "%.2f", $0))" }].compactMap { $0 }
                let line = "\(name)\tmaster start: \(m.used ? "used" : "not used") after \(formatSeconds(m.seconds)) s\(figures.isEmpty ? "" : "; " + figures.joined(separator: ", "))\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            if let tally = result.statistics.groupReplans {
                // On standard error, so that the table's lines stay as they are.
                let line = "\(name)\tgroup re-plans \(tally.runs), closed \(tally.complete), kept \(tally.kept), gain \(tally.gain), nodes \(tally.nodes), \(String(format: "%.1f", tally.seconds)) s; windows \(tally.windowRuns), closed \(tally.windowComplete), kept \(tally.windowKept), gain \(tally.windowGain); held cover \(tally.heldRuns), closed \(tally.heldComplete), kept \(tally.heldKept), gain \(tally.heldGain); grown \(tally.grown), fell back \(tally.shrunk), largest \(tally.largest); shared kept \(tally.sharedKept), gain \(tally.sharedGain), refused \(tally.sharedRefused)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            // Bounds aim at the best value known: the published one, or this plan's if lower.
            let known = [best, check.isFeasible ? check.objective : nil].compactMap { $0 }.min()
            // Objectives are whole points, so a bound's ceiling holds too; a legal plan is then at
            // most this far above the optimum (nothing to say for a bound of 0 or less).
            func planAbove(_ proven: Double) -> String {
                guard check.isFeasible && proven > 0 else { return "" }
                return "; this plan is at most \(String(format: "%.2f", 100 * (Double(check.objective) - proven) / proven)) % above the optimum"
            }
            if boundSteps > 0 {
                let started = benchClock()
                if let aim = known, let bound = try Solver.coverBound(model.problem, steps: boundSteps, upperBound: aim) {
                    let proven = (bound.value - 1e-6).rounded(.up)
                    print("  bound: \(String(format: "%.2f", bound.value)), so every legal plan scores at least \(Int(proven))\(planAbove(proven)) (\(bound.steps) steps, best at step \(bound.bestStep), \(formatSeconds(benchClock() - started)) s)")
                } else {
                    print("  bound: not available (no legal value to aim at, or rules the row program does not relax exactly here)")
                }
            }
            if masterRounds > 0 {
                let started = benchClock()
                let deadline = started + masterSeconds
                if let m = try Solver.coverMaster(model.problem, rounds: masterRounds, smoothing: masterSmoothing, warmSteps: masterWarmSteps,
                                                   upperBound: known, isCancelled: { benchClock() >= deadline }) {
                    let above = planAbove((m.bound - 1e-6).rounded(.up))
                    print("  master: bound \(String(format: "%.2f", m.bound)), master value \(String(format: "%.2f", m.masterValue)), \(m.rounds) rounds, \(m.columns) columns, \(m.pivots) pivots, \(m.masterRows) rows, \(m.integralPeople) of \(instance.employees.count) people on one row (\(formatSeconds(benchClock() - started)) s)\(above)")
                } else {
                    print("  master: not available (rules the row program does not relax exactly here)")
                }
            }
            if let dir = rosterDir {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try CurtoisRosterWriter.write(roster).write(toFile: "\(dir)/\(name).roster.txt", atomically: true, encoding: .utf8)
            }
        }
        if mismatches > 0 { throw ValidationError("\(mismatches) instance(s) where the solver's score differs from the independent checker") }
    }
}
