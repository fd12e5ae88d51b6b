/// How long and how the solver searches. Time is a parameter: the core has no clock of its own,
/// callers inject one; with only a move budget a run is fully deterministic.
public struct SolverOptions: Sendable {
    func effectiveHardWeight(_ weights: ObjectiveWeights) -> Int {
        hardWeight ?? max(1000, 10 * coverageWeight * (weights.priorityWeights.max() ?? 0))
    }
    /// The divisor in force on a horizon of `days` (see `hardWeightFloorDivisor`).
    func hardWeightFloorDivisor(days: Int) -> Int {
        if let d = hardWeightFloorDivisor { return max(1, d) }
        return rebuildWindowDays > 0 && days >= 2 * rebuildWindowDays ? 1 : 4
    }

    public var seed: UInt64
    /// Stop after this many evaluated moves per thread (deterministic stop).
    public var moveBudget: Int?
    /// Stop after this many seconds of `clock` (needs a clock).
    public var timeLimit: Double?
    /// Seconds since some fixed point, e.g. `{ Date().timeIntervalSince1970 }`.
    public var clock: (@Sendable () -> Double)?
    /// Independent searches run in parallel with derived seeds; the best plan wins (ties: lowest index).
    public var threads: Int
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var isCancelled: (@Sendable () -> Bool)?
    /// Scalar weight of one hard unit during search (the reported score stays lexicographic).
    /// nil: 10 × the largest coverage step (coverageWeight × largest priority weight), at least 1000,
    /// so that the annealing never trades a hard break for coverage.
    public var hardWeight: Int?
    /// Scalar weight of one coverage unit during search; high enough that annealing does not
    /// trade coverage for soft terms (the best plan is kept lexicographically anyway).
    public var coverageWeight: Int
    /// Raise the hard weight while the current plan is illegal and lower it while legal.
    public var adaptiveHardWeight: Bool
    /// While the plan is legal, the adaptive hard weight falls to the base weight divided by this,
    /// so the search may cross illegal plans; nil: 4, but 1 (no lower than the base) on horizons
    /// of at least twice `rebuildWindowDays` (8 weeks), where getting back to a legal plan costs
    /// far more moves. Measured on Curtois & Qu, one thread, seeds 1-3, mean, 1 against 4, 60 s:
    /// 19 (84 days): 3654 / 3937; 21 (182): 22,014 / 22,143; 23 (364): 20,930 / 21,425; 40 s: 17
    /// (56 days): 5801 / 5996. On the short ones 4 wins: 15 (42 days, 60 s): 4020 against 4568
    /// with 1; 5 at 10 s: 1254 against 1324; 2 and 8 are worse on 15 and 5 too.
    public var hardWeightFloorDivisor: Int?
    public var startTemperature: Double
    public var endTemperature: Double
    /// Stop early when the best score reaches this (e.g. a known optimum).
    public var target: Score?
    /// Share of the search work spent on whole-row rebuilds (one person's row re-planned by a
    /// dynamic program with everyone else fixed); 0 switches them off.
    public var rebuildShare: Double = 0.1
    /// `rebuildShare` on horizons whose rebuilds re-plan windows of weeks (longer than twice
    /// `rebuildWindowDays`). The work model charges an ordinary move by the row length, which
    /// overstates what a move costs on such horizons, so the rebuilds take far more time than their
    /// nominal share (Instance23, one thread: 39 % of the time in the row program at 0.1). Curtois
    /// & Qu, 60 s, 2 threads, 0.05 against 0.1: 23 (364 days), seeds 1-5, 18,911 / 18,806 /
    /// 18,925 / 18,916 / 19,026 against 19,067 / 18,844 / 19,031 / 19,173 / 18,973 (median
    /// 18,916 against 19,031); 21 (182 days) 21,595 / 21,600 / 21,622 against 21,659 / 21,618 /
    /// 21,601; 19 (84 days) 3429 / 3430 / 3495 against 3542 / 3415 / 3399, both level.
    public var windowedRebuildShare: Double = 0.05
    /// Share of rebuilds while the current plan breaks a hard rule (at least `rebuildShare`).
    public var repairRebuildShare: Double = 0.5
    /// Percent of rebuilds that free more people (2 up to `ruinPeople`) and re-plan them together.
    public var pairRebuildPercent: Int = 0
    /// Percent of drawn moves that grant an unmet wish by exchanging shifts with someone (taken
    /// from the one-day swaps' 25 %). Measured on Curtois & Qu, same move budgets, seeds 1-4: 10 %
    /// beats 0 % on 9, 11, 13, 19, 21 and 23 (9: 470 against 545), level on 5, 7, 15 and 17.
    public var wishSwapPercent: Int = 10
    /// Percent of aimed assignment moves whose taker comes from a position above target that day
    /// (else a random candidate). Measured on Curtois & Qu, same move budgets, seeds 1-4: 50 %
    /// beats 0 % on 9, 13, 17, 19 and 23, level on 11, 15 and 21, and beats 100 % on 9, 13 and 17.
    public var surplusTakerPercent: Int = 50
    /// Percent of drawn moves that fill a position below target by extending an adjacent run of
    /// someone's working days into it (giving up the run's far end); taken from the assignments.
    /// Measured on Curtois & Qu, same move budgets, seeds 1-4, mean against 0 %: 23: 38,621 /
    /// 50,523; 21: 23,503 / 24,120; 13: 2291 / 2595; 15: 4764 / 4986; 19: 4468 / 4603; 9: 478 /
    /// 506; 11: 3549 / 3609; level on 5 and 17 (8 seeds), worse on 7 (1255 / 1196). With the
    /// exchange on the neighbouring day, 20 % against 10 %: 23: 35,318 / 38,617 (30 s: 26,924 /
    /// 27,852); 21: 23,085 / 23,506; 15: 4764 / 4862; level on 13 (8 seeds); worse on 17 (6176 /
    /// 6062) and 19 (4437 / 4358).
    public var holeRunPercent: Int = 20
    /// Percent of hole-run draws on a weekend that fill the hole with someone off that weekend,
    /// who gives up a weekend worked on one day only instead (weekends worked stay as many).
    /// Measured on Curtois & Qu, same move budgets, seeds 1-4, mean against 0 %: 23: 25,303 /
    /// 31,196; 13: 1824 / 1984; 21: 22,778 / 22,967; level on 15, 19 and 7; worse on 17 (6180 /
    /// 6106), 5, 9 and 11 by an outlier each, but better on 5 and 9 at 10 s, one thread (1240 /
    /// 1248, 458 / 465). 15 % against 30 %: worse on 23 and 13, better on 5 and 9.
    public var weekendMovePercent: Int = 30
    /// `weekendMovePercent` on horizons whose rebuilds work in windows (longer than twice
    /// `rebuildWindowDays`), where a weekend hole is rarely next to a run that may grow into it:
    /// everyone has used the weekends the rules allow, so a hole is filled by moving someone's half
    /// weekend. Measured on Curtois & Qu at 60 s, 2 threads, against 30 %, the same seeds one after
    /// another: Instance19 (84 days), seeds 5-14, median 3312.5 against 3403 (better in 9 of 10;
    /// 30 positions short in 7 of 10 runs against 0 of 10); 60 %: 3356.5; 23: 18,761 and 18,791
    /// against 18,993 and 18,883; 21 level (21,534 and 21,582 against 21,538 and 21,567). Not on
    /// short horizons: on 13 (28 days) 90 % left a 12th position short in 2 of 7 runs.
    public var longHorizonWeekendMovePercent: Int = 90
    /// Percent of wish swaps that, instead of a one-day exchange, swap the wisher's and the
    /// holder's cells over the shortest block of days around the wish that both have off at its
    /// ends: whole runs change hands, so minimum and maximum run lengths stay kept. Measured on
    /// Curtois & Qu, same move budgets, seeds 1-4, mean, 50 % against 0 %: 13: 1788 / 1824; 15:
    /// 4573 / 4692; 17: 6114 / 6180; 19: 3904 / 4150; 21: 22,688 / 22,778; 23: 25,039 / 25,303;
    /// 7: 1144 / 1196; level on 9 and 11; 5 bimodal (1M moves, 8 seeds: 1279 / 1302 on 5-8,
    /// 1330 / 1276 on 1-4; 10 s: 1225 / 1240). 100 % is worse than 50 % on 13 and 9.
    public var wishBlockPercent: Int = 50
    /// Percent of the two-person block swaps that take the block around the drawn day that both
    /// people have off at its ends (whole runs change hands, as in the wish block exchange)
    /// instead of 2-7 days from it. Measured on Curtois & Qu, same move budgets, seeds 1-4, mean,
    /// 25 % against 0 %: 15: 4399 / 4573; 13: 1754 / 1788; 23: 24,909 / 25,039; 21: 22,507 /
    /// 22,688; level on 17, 7 and 19 (8 seeds: 4029 / 3962). 50 %: better on 13, 23, 21 and 9,
    /// worse on 15 (4667), 19 and 7.
    public var alignedBlockPercent: Int = 25
    /// Percent of rebuild turns that instead re-assign one day's cells among a group of people
    /// exactly (`DayMatcher`: an assignment problem, exact for one day with the other days fixed).
    /// Measured on Curtois & Qu, 20 s, 2 threads, seeds 1-2, with meetings: Instance11 3450 / 3447
    /// against 3459 / 3454 without (3464 / 3461 with neither); 50 % against 20 % worse on 17
    /// (5905 / 5907 against 5784 / 5792), level on 7, 9, 11 and 13.
    public var dayMatchPercent: Int = 20
    /// Most people in one day's re-assignment (the rest keep their cells).
    public var dayMatchPeople: Int = 40
    /// Share of the move budget or time limit at the end of a run that polishes the best plan
    /// (`LocalSearch.polish`); nil chooses `transferPolishShare`, or `groupPolishShare` where
    /// exact group re-plans run.
    public var polishShare: Double? = nil
    /// The polish share when it makes transfer re-plans only. Measured on Curtois & Qu Instance11,
    /// 60 s, 2 threads, seeds 1-3: 0.1: 3449, 3445, 3446; 0.2: 3450, 3446, 3443; without: 3453,
    /// 3449, 3449.
    public static let transferPolishShare = 0.1
    /// The polish share when its turns re-plan groups exactly (`groupReplanPercent`). Measured on
    /// Curtois & Qu at 60 s, 2 threads, seeds 1-3, against the transfer polish at 0.1: 11 3443,
    /// 3443, 3443 (the optimum) against 3447, 3449, 3446 (0.1 with group re-plans: 3445, 3443,
    /// 3443); 5 1144, 1145, 1143 against 1153, 1151, 1154; 7 1065, 1061, 1060 against 1073, 1069,
    /// 1075; 9 445, 444, 445 against 445, 442, 445. Raised from 0.3 once held-cover re-plans closed
    /// on Instance9 (session 27, seeds 1-8 at 60 s): 9 439 ×5, 440 ×3 against 0.3's 439 ×3, 440,
    /// 441, 443 ×3 (0.45: 439 ×5, 440 ×2, 442); 7 1056, 1056, 1057 and 5, 11 at their optima as
    /// before; at 10 s the medians of 7, 9 and 11 went from 1060, 452, 3445 to 1058, 446, 3443.
    public static let groupPolishShare = 0.6
    /// Largest problem (people × days) that gets the polish. Larger problems are still improving
    /// at the end of a run and lose more by the shorter annealing than the polish gains. Curtois
    /// & Qu, seeds 1-3, with the polish against without: at 60 s (session 17, against session
    /// 14's table) 5 (448 cells) 1150, 1155, 1153 against 1185, 1160, 1156; 11 (1400) 3449, 3445,
    /// 3446 against 3452, 3453, 3451; 7 and 9 level; 13 (3360) 1446, 1466, 1441 against 1436,
    /// 1421, 1423; 19 (3360) 3500, 3422, 3509 against 3441, 3332, 3420. At 10 s (session 18,
    /// paired) 17 (1792) 6117, 5993, 5994 against 5901, 5808, 5791 and 15 (1890) 4404, 4298,
    /// 4606 against 4392, 4199, 4269; at 60 s both level (15, seeds 1-5: median 3969 against
    /// 3979; 17: 5807 against 5798).
    public var polishMaxCells: Int = 1500
    /// With several threads that meet (`exchangeMeetings`), all threads start the polish from the
    /// best plan of all instead of each from its own (the explorer's included). Curtois & Qu, 60 s,
    /// 2 threads, against each from its own: 9 441, 443, 440, 443, 442, 442 against 443, 442, 443,
    /// 446, 444, 446 (seeds 1-6, better in 5 of 6); 7 1056, 1058, 1058 against 1058, 1058, 1056.
    public var polishFromBestOfAll: Bool = true
    /// With several threads and a time limit but no move budget, the polishing threads keep one
    /// plan in step (`PolishBoard`): each posts every change it keeps and takes the others' before
    /// its next re-plan, so the run keeps the gains of all threads instead of the better thread's.
    /// Only where every polish turn is an exact group re-plan and the threads start the polish
    /// from the best plan of all. Off under a move budget: the order of the posts depends on
    /// timing, and budgeted runs are reproducible. Curtois & Qu, 60 s, 2 threads (session 36),
    /// Instance19, 18 runs (seeds 1-6 twice, 7-12 once): median 3383.5, mean 3362.9, against
    /// 3391.5 and 3369.9 polishing apart (better in 10 pairs, worse in 8): the runs differ mostly
    /// by the annealing's plan (30 or 31 positions short), and in step the plan keeps both
    /// threads' gains. At the share of `longHorizonWindowShare`, seeds 1-6: 3299, 3286, 3302,
    /// 3298, 3333, 3304 (median 3300.5) against 3346, 3310, 3279, 3319, 3296, 3323 (3314.5)
    /// apart. Level on 9 (seeds 1-4: 439, 439, 440, 440 against 439, 439, 440, 439) and 15
    /// (seeds 1-3: 3959, 4042, 3964 against 3957, 3955, 3979; the polish gained 17, 11, 32
    /// points against 12, 31, 16).
    public var sharesPolishGains: Bool = true
    /// Percent of the polish turns that re-plan a group exactly (`GroupReplan`: branch and price
    /// over the rows of `groupReplanPeople` people around an unmet wish, everyone else fixed).
    /// Where the relaxation is not valid (quotas, mixes, minimum headcounts) the polish makes
    /// transfer re-plans only.
    public var groupReplanPercent: Int = 100
    /// People in one group re-plan. Curtois & Qu, 60 s, 2 threads: 12 against 10: 7 1058, 1060,
    /// 1058, 1059, 1056 against 1073, 1059, 1062, 1069, 1062 (seeds 1-5); 9 444, 443, 444 against
    /// 448, 443, 444; 5 1143 x3 against 1143, 1145, 1143; 11 3443 x3 both. 10 against 8: 9 443,
    /// 443 against 448, 446; 7 1065, 1062 against 1068, 1066. 14 people with 100 nodes: 7 1069,
    /// 1064, 1058; 9 445, 443, 447 (no gain). 150 nodes with 8 people: 9 448, 444; 7 1066, 1067.
    public var groupReplanPeople: Int = 12
    /// Largest group of a re-plan, and the size the polish starts with. The size adapts to what
    /// closes: after four re-plans in a row that stopped at the node limit without a gain (blind
    /// dives), the groups fall back to `groupReplanPeople`; after
    /// `groupReplanBarrenLimit` re-plans that closed (the group's optimum found) with nothing to
    /// gain, the plan is optimal for groups of that size as far as the draws can tell, and the
    /// groups grow by two, up to this. Equal to `groupReplanPeople`: a fixed size. Curtois & Qu,
    /// 60 s, 2 threads (session 25, with the faster simplex), against 12 fixed (7 1058 x3, 1056,
    /// 1058, 1058, seeds 1-6; 9 440, 439, 444, 444, 444, 443, seeds 1-3 twice): this, 7 1056, 1056,
    /// 1057, 9 443, 444, 446; 16 fixed, 7 1056, 1058, 1056, 1056, 1056, 1056, 9 445, 445, 446 (seeds
    /// 4-6); falling back when the first 4 re-plans at a size do not close (gains or not), 7 1057,
    /// 1056, 1057, 9 440, 442, 444. 5 and 11 reach their optima either way, 11 later (45-60 s
    /// against 43-44 s).
    public var groupReplanMostPeople: Int = 16
    /// Closed re-plans without a gain after which the groups grow (see `groupReplanMostPeople`).
    public var groupReplanBarrenLimit: Int = 30
    /// Most branch-and-price nodes of one group re-plan.
    public var groupReplanNodes: Int = 40
    /// Whether group re-plans branch first on a position at a kink of 1 that the master covers in
    /// part (the group covers it, or nobody in it works there), then on members' cells. Curtois &
    /// Qu, 60 s, 2 threads, seeds 1-3, against cells only: 9 443, 444, 442 against 443, 444, 443;
    /// 7 1059, 1056, 1059 against 1058, 1059, 1059 (9's re-plans still do not close).
    public var groupReplanCoverBranching = false
    /// Percent of the polish's group re-plans (those over the whole horizon) that hold the cover,
    /// while three in four of the thread's free ones stop open (100: every one, always): leaving
    /// the group's headcount on a position gains nothing, so what they find is in the members' own
    /// terms (wishes). With a free cover the master fills holes by fractions of rows: Instance9's
    /// groups almost never close (linear bound 182 against 439); held, groups of 16 close there.
    /// Curtois & Qu, 60 s, 2 threads: 9's median 440 over 9 runs (439-442) against 444 over 9
    /// without (440-448); 7 and 11 at 1056 and 3443 as without. Held in about half the re-plans
    /// whatever the free ones do, 9 was at 441.5 over 12 runs, but 7 at 1057 over 9 runs and 11 at
    /// 3445 in 2 of 3, hence the gate. On 13 and 15 (above `polishMaxCells`) held groups of 6-14
    /// closed without a gain or did not close.
    public var groupHeldCoverPercent: Int = 50
    /// People in one held-cover re-plan (0: the current group size).
    public var groupHeldCoverPeople: Int = 0
    /// Days in one window re-plan: an exact group re-plan of up to `windowReplanPeople` people
    /// (everyone on small problems) where only the cells of those consecutive days may change.
    /// 0 makes none. Curtois & Qu, 60 s, 2 threads, seeds 1-3, everyone in half the re-plans:
    /// 7 14 days 1057, 1056, 1058 and 21 days 1060, 1056, 1058 against 1060, 1056, 1057; 9 level
    /// (443-446). On 13 and 19 every window of everyone over 7 days closes at the root with
    /// nothing to gain.
    public var windowReplanDays: Int = 0
    /// Percent of the exact re-plans of the polish that re-plan a window of days.
    public var windowReplanPercent: Int = 50
    /// Most people in one window re-plan (drawn at random when the problem has more).
    public var windowReplanPeople: Int = 40
    /// Most branch-and-price nodes of one window re-plan.
    public var windowReplanNodes: Int = 40
    /// Largest problem (people × days) above `polishMaxCells` that still gets a polish, of window
    /// re-plans only (`longHorizonWindowDays` days of `longHorizonWindowPeople` people), where the
    /// horizon holds at least three such windows, else of `longHorizonShortWindowDays` days where
    /// it holds three of those (Instance15 and 17). There the whole-horizon groups' masters are too
    /// large (Instance19, 40 × 84: 4 s a node with 16 people), while a window's closes in a
    /// fraction of a second. Curtois & Qu Instance19, 60 s, 2 threads, seeds 1-13 (session 32):
    /// 3406, 3366, 3388, 3399, 3318, 3422, 3320, 3403, 3401, 3313, 3315, 3393, 3426 (median 3393,
    /// mean 3375, better on 9 of 13 seeds) against 3599, 3313, 3311, 3413, 3361, 3408, 3327, 3435,
    /// 3417, 3530, 3329, 3502, 3401 (median 3408, mean 3411) without a polish; the same windows
    /// through `windowReplanDays` (another random stream), seeds 1-8: 3334, 3319, 3312, 3368,
    /// 3310, 3304, 3317, 3332. The windows fill holes the annealing left: 30 or 31 positions short
    /// in all 13 runs, against 30-32 without on seeds 4-13 (and more on seed 1). At 30 s it is
    /// ahead too (3449, 3422, 3406 against 3492, 3437, 3513), but at 10 s, where the annealing
    /// still fills holes, it costs (3902, 3874, 3783 against 3759, 3599, 3945). On 15 (45 × 42, a
    /// window two thirds of the horizon) the same windows rarely closed and gained nothing: 3998,
    /// 3962, 4193 against 3977, 3979, 3951; there windows of `longHorizonShortWindowDays` gain.
    public var longHorizonPolishMaxCells: Int = 4000
    /// Days in one window re-plan of the long-horizon polish where the horizon holds three such
    /// windows (0: only `longHorizonShortWindowDays`). Instance19, 60 s,
    /// seeds 1-3, 12 people: 56 days 3564, 3372, 3412 (3-6 re-plans a run, 2 of 13 closed)
    /// against 28 days 3496, 3541, 3477.
    public var longHorizonWindowDays: Int = 28
    /// Most people in one window re-plan of the long-horizon polish. Instance19, 60 s, seeds 1-3:
    /// 12 people 3496, 3541, 3477; 30 people 3505, 3394, 3276; 40 people 3618, 3357, 3612; against
    /// 20 people 3334, 3319, 3312.
    public var longHorizonWindowPeople: Int = 20
    /// Days in one window re-plan of the long-horizon polish where the horizon holds fewer than
    /// three windows of `longHorizonWindowDays` but three of these (0: no polish there). Curtois &
    /// Qu Instance15 (45 × 42), 60 s, 2 threads, seeds 1-8 (session 33), windows of 14 days and 20
    /// people at a polish share of 0.3: 3944, 3959, 3953, 3955, 3944, 3971, 3967, 4036 (median
    /// 3957) against 4073, 3998, 3996, 4000, 3977, 3986, 3960, 4048 (median 3997) without a
    /// polish. Windows of 28 days (two thirds of 15's horizon) gained nothing (session 32).
    public var longHorizonShortWindowDays: Int = 14
    /// The polish's share of a run with windows of `longHorizonWindowDays` (unless `polishShare`
    /// is set). Instance19, 60 s, 2 threads (session 36), with the threads polishing in step
    /// (`sharesPolishGains`): 0.45, seeds 1-12: 3299, 3286, 3302, 3298, 3333, 3304, 3321, 3324,
    /// 3398, 3278, 3361, 3299 (median 3303, mean 3316.9), against 0.6 (the share before), 18
    /// runs on seeds 1-12: median 3383.5, mean 3362.9 (seeds 7-12: 3405, 3409, 3366, 3472, 3381,
    /// 3300). The gain is the longer annealing: a polish from a good plan gains 40-60 points, one
    /// from a plan a few positions shorter 200-370, and ends no better.
    public var longHorizonWindowShare: Double = 0.45
    /// The polish's share of a run with windows of `longHorizonShortWindowDays` (unless
    /// `polishShare` is set): the annealing still gains where 0.6 of the run would go to windows.
    public var longHorizonShortWindowShare: Double = 0.3
    /// Most people one rebuild frees.
    public var ruinPeople: Int = 2
    /// Horizons longer than twice this many days rebuild a window of whole weeks of about this
    /// length instead of the whole row (measured: better on 84 to 364 days, worse on 56); 0 always
    /// rebuilds whole rows.
    public var rebuildWindowDays: Int = 28
    /// Percent of rebuilds on such long horizons that move one person's weekend to a far weekend
    /// with a hole and re-plan the weeks around both (see `LocalSearch.drawWeekendTransfer`).
    /// Measured on Instance19 (84 days), 12M moves, one thread, seeds 1-8, mean: 0 %: 3947;
    /// 20 %: 3802 (10, 30 and 50 %, measured with an earlier draft: no better than 20 %); at 20 s,
    /// 20 % against 0 %: 3804 / 3883. Level on 21 and 23 (3 seeds each, equal moves).
    public var weekendTransferPercent: Int = 20
    /// Start the search from the problem's `previousPlan` (minus what became impossible) instead of
    /// an empty plan: a rolling horizon keeps yesterday's teams unless changing them pays.
    public var warmStartFromPreviousPlan: Bool = false
    /// Annealing cycles per thread: each cycle restarts from a new construction (from the plan
    /// the search began with when it was given one) and cools from the start temperature again;
    /// the best plan of all cycles wins. nil = chosen from the budget: as many as give every
    /// cycle `restartMovesPerCell` moves per (person, day) cell, at most 8 (a small problem then
    /// tries several basins instead of polishing one).
    /// One cycle by default: on Instance5 at 60 s, one thread, seeds 1-9, restarts reached the
    /// lower of its two basins in 4 of 9 runs, as one cycle did.
    public var restartCycles: Int? = 1
    /// With several cycles, the last one starts from the best plan found so far instead.
    public var lastCycleFromBest: Bool = false
    /// Moves per (person, day) cell one cycle needs when the cycles are chosen from the budget.
    public var restartMovesPerCell: Int = 20_000
    /// With two or more threads, every second one explores (cycles chosen from the budget, each
    /// from a new construction) while the others polish one long cycle; see `Solver.threadOptions`.
    /// Measured on Curtois & Qu, one thread, 60 s: on Instance5 cycles from new constructions
    /// reached the lower of its two basins in 12 of 18 runs (6 or 8 cycles), against 4 of 9 for
    /// one cycle or cycles from one start; level on 7, 11 and 15 (20,000 moves per cell), worse
    /// on 9 (447-450 against 442-445), where the polishing thread still runs.
    public var portfolio: Bool = true
    /// The exploring thread's end temperature as a share of `endTemperature`. Measured on Curtois
    /// & Qu, one thread, 60 s, seeds 1-2, 0.12 against 0.25: 23 18,950 / 19,257 and 19,104 /
    /// 19,339; 13 level (1484 / 1487, 1475 / 1461); session 9 found 0.12 better on 21 and worse on
    /// 19 and 15, which the polishing thread keeps at 0.25. 0.06 and 0.03 on 23: 19,230, 19,104;
    /// 19,252, 19,277.
    public var explorerEndTemperatureFactor: Double = 0.5
    /// Shares of the budget (or time limit) at which parallel threads meet: each offers its best
    /// plan, and a thread running one annealing cycle goes on from the best of all offers when it
    /// beats its own. Empty: the threads search independently to the end. Measured on Curtois &
    /// Qu, 20 s, 2 threads, seeds 1-2, against none: Instance11 3459 / 3454 against 3464 / 3461,
    /// 19 3532 / 3440 against 3617 / 3467; level on 13, 15 and 23 (noise of one position, 100).
    public var exchangeMeetings: [Double] = [0.5, 0.75, 0.9]
    /// With two threads or more and a time limit, one thread first converges column generation's
    /// linear master (`MasterStart`) while the other searches; where the master over rows that
    /// keep every cap is tight, every thread then searches from its rounding for the time left.
    public var masterStart: Bool = true
    /// Problems (people × days) above this and up to `masterStartMaxCells` get the master start.
    /// Curtois & Qu at 60 s, 2 threads, seeds 1-3: Instance13 (3360 cells) 1389, 1373, 1376
    /// against 1464, 1439, 1460 without (session 38); 19 (3360) 3193 and 3299 (one run under
    /// load 3489, before masters far from their bound were refused). Below: 15 (1890) 3907, 4073,
    /// 4003 against 3965, 4067, 3969; 17 (1792) 5848, 5755, 5848 against 5783, 5894, 5779 (from
    /// the rounding the cool search kept a position short more). 1-11 reach their optima
    /// without it; on larger problems the master does not converge within a run (21) or does
    /// not exist (23).
    public var masterStartMinCells: Int = 3000
    public var masterStartMaxCells: Int = 4000
    /// Shortest time limit that gets the master start: the masters of Instance13 and 19 take
    /// 15-31 s, and at 10 s (master given up after 5-6 s) the thread left alone did worse than
    /// two searching together (19: 4094 against 3954, the median of session 38).
    public var masterStartMinSeconds: Double = 30
    /// Share of the time limit the master may take (the other thread searches meanwhile).
    public var masterStartShare: Double = 0.5
    /// Share of the time limit of the short search whose plan the master's warm start aims at.
    public var masterStartProbeShare: Double = 0.02
    /// Subgradient steps that warm-start the master (`CoverMaster.run`'s `warmSteps`; 0: none).
    public var masterStartWarmSteps: Int = 100
    /// Most the master over legal rows may lie above the master over all rows, as a share, for
    /// its rounding to start the search. Curtois & Qu at 60 s: Instance15's master over legal
    /// rows lies 4-5 % above the master (3998-4016 against 3816), and its rounding gave 3907 and
    /// 3890 against 3943-4067 without a master start.
    public var masterStartSlack: Double = 0.1
    /// Most the master's value may lie above its bound, as a share, when the deadline cuts it
    /// short: further off, its rows are those of early rounds. On Instance13 at the deadline of a
    /// 60 s run: 1228 and 1220 against 1349 and 1350 gave 1389 and 1372; 1122 against 1351 was
    /// refused at 0.1 and the run ended at 1511. On 19 under load 2259 against 3463 gave 3489.
    public var masterStartBoundSlack: Double = 0.25
    /// Start temperature of the search from the rounding: cool, to stay in its basin.
    public var masterStartTemperature: Double = 0.5

    public init(seed: UInt64 = 1, moveBudget: Int? = nil, timeLimit: Double? = nil, clock: (@Sendable () -> Double)? = nil,
                threads: Int = 1, progress: (@Sendable (SolverProgress) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil,
                hardWeight: Int? = nil, coverageWeight: Int = 100, adaptiveHardWeight: Bool = false, startTemperature: Double = 8, endTemperature: Double = 0.3, target: Score? = nil) {
        self.seed = seed; self.moveBudget = moveBudget; self.timeLimit = timeLimit; self.clock = clock
        self.threads = threads; self.progress = progress; self.isCancelled = isCancelled
        self.hardWeight = hardWeight; self.coverageWeight = coverageWeight; self.adaptiveHardWeight = adaptiveHardWeight; self.startTemperature = startTemperature; self.endTemperature = endTemperature
        self.target = target
    }
}

/// Reported during the search (best score so far).
public struct SolverProgress: Sendable {
    public var thread: Int
    public var moves: Int
    public var best: Score
    public var elapsed: Double?
}

/// Solver statistics alongside the plan.
public struct SolverStatistics: Sendable, Codable {
    public var moves: Int
    public var constructionScore: Score
    public var secondsToFirstLegal: Double?
    public var secondsToBest: Double?
    public var elapsed: Double?
    /// Seconds in local search on the winning thread (without compile and construction).
    public var searchSeconds: Double?
    /// Moves evaluated by the winning thread.
    public var winnerMoves: Int
    public var winningThread: Int
    /// Exact group re-plans over all threads (see `GroupReplanTally`); nil when none ran, and in
    /// plan documents written before the tally existed.
    public var groupReplans: GroupReplanTally? = nil
    /// How the start from the linear master went (`SolverOptions.masterStart`); nil when the run
    /// had none.
    public var masterStart: MasterStartReport? = nil
}

/// How the exact group re-plans of a run went, summed over its threads.
public struct GroupReplanTally: Sendable, Codable, Equatable {
    /// Re-plans run, searches that closed (the group's optimum found), and re-plans kept.
    public var runs = 0, complete = 0, kept = 0
    /// Soft points gained by the kept ones, and branch-and-price nodes over all.
    public var gain = 0, nodes = 0
    /// Seconds spent in them (0 without a clock).
    public var seconds = 0.0
    /// Of those, the window re-plans (`SolverOptions.windowReplanDays`): run, closed, kept, gain.
    public var windowRuns = 0, windowComplete = 0, windowKept = 0, windowGain = 0
    /// Of those, the re-plans that held the cover (`SolverOptions.groupHeldCoverPercent`).
    public var heldRuns = 0, heldComplete = 0, heldKept = 0, heldGain = 0
    /// Times a thread's groups grew and fell back (`SolverOptions.groupReplanMostPeople`), and
    /// the largest group.
    public var grown = 0, shrunk = 0, largest = 0
    /// Changes of other polishing threads taken into the plan (`PolishBoard`), the soft points
    /// they gained, and re-plans of this thread's own refused once those were taken.
    public var sharedKept = 0, sharedGain = 0, sharedRefused = 0
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case runs, complete, kept, gain, nodes, seconds, windowRuns, windowComplete, windowKept, windowGain
        case heldRuns, heldComplete, heldKept, heldGain, grown, shrunk, largest
        case sharedKept, sharedGain, sharedRefused
    }

    /// Tallies written before a count existed decode with it at 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        runs = try count(.runs); complete = try count(.complete); kept = try count(.kept)
        gain = try count(.gain); nodes = try count(.nodes)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        windowRuns = try count(.windowRuns); windowComplete = try count(.windowComplete)
        windowKept = try count(.windowKept); windowGain = try count(.windowGain)
        heldRuns = try count(.heldRuns); heldComplete = try count(.heldComplete)
        heldKept = try count(.heldKept); heldGain = try count(.heldGain)
        grown = try count(.grown); shrunk = try count(.shrunk); largest = try count(.largest)
        sharedKept = try count(.sharedKept); sharedGain = try count(.sharedGain); sharedRefused = try count(.sharedRefused)
    }

    static func + (a: Self, b: Self) -> Self {
        var c = a
        c.runs += b.runs; c.complete += b.complete; c.kept += b.kept; c.gain += b.gain; c.nodes += b.nodes; c.seconds += b.seconds
        c.windowRuns += b.windowRuns; c.windowComplete += b.windowComplete; c.windowKept += b.windowKept; c.windowGain += b.windowGain
        c.heldRuns += b.heldRuns; c.heldComplete += b.heldComplete; c.heldKept += b.heldKept; c.heldGain += b.heldGain
        c.grown += b.grown; c.shrunk += b.shrunk; c.largest = max(a.largest, b.largest)
        c.sharedKept += b.sharedKept; c.sharedGain += b.sharedGain; c.sharedRefused += b.sharedRefused
        return c
    }
}
