/// Every constraint of the model, with the level it scores on. The raw value indexes flat
/// per-rule arrays in the scorer, so the order is part of the hot path, not of the API.
public enum RuleKind: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    // hard, person-local
    case eligibility = 0      // competence, absence, availability, assignment outside the horizon
    case shiftsPerDay
    case overlap
    case minRest
    case maxDailyMinutes
    case maxWeeklyMinutes
    case maxAverageWeeklyMinutes
    case maxConsecutiveWorkingDays
    case minConsecutiveWorkingDays
    case minConsecutiveDaysOff
    case maxNights
    case maxWorkedWeekends
    case maxWorkedSundays
    case minTotalMinutes
    case maxTotalMinutes
    case shiftKindCap
    case forbiddenSuccession
    // hard, shared
    case maxHeadcount
    case releaseQuotaPersons
    case releaseQuotaFTE
    // coverage
    case minimumHeadcount
    case competenceMix
    // soft
    case targetShortfall
    case targetSurplus
    case wishes
    case fairness
    case continuity
    case disruption
    case nonPoolMember
    case nearQuota

    public static let count = RuleKind.allCases.count

    public var level: ScoreLevel {
        switch self {
        case .minimumHeadcount, .competenceMix: return .coverage
        case .targetShortfall, .targetSurplus, .wishes, .fairness, .continuity, .disruption, .nonPoolMember, .nearQuota:
            return .soft
        default: return .hard
        }
    }

    public var description: String {
        switch self {
        case .eligibility: return "eligibility (competence, absence, availability)"
        case .shiftsPerDay: return "max shifts per day"
        case .overlap: return "overlapping shifts"
        case .minRest: return "minimum rest between shifts"
        case .maxDailyMinutes: return "max working time per day"
        case .maxWeeklyMinutes: return "max working time per week"
        case .maxAverageWeeklyMinutes: return "max average weekly working time over reference period"
        case .maxConsecutiveWorkingDays: return "max consecutive working days"
        case .minConsecutiveWorkingDays: return "min consecutive working days"
        case .minConsecutiveDaysOff: return "min consecutive days off"
        case .maxNights: return "max nights in window"
        case .maxWorkedWeekends: return "max worked weekends"
        case .maxWorkedSundays: return "max worked Sundays"
        case .minTotalMinutes: return "min total working time in horizon"
        case .maxTotalMinutes: return "max total working time in horizon"
        case .shiftKindCap: return "max shifts of a kind"
        case .forbiddenSuccession: return "forbidden shift succession"
        case .maxHeadcount: return "max headcount"
        case .releaseQuotaPersons: return "release quota (persons per day)"
        case .releaseQuotaFTE: return "release quota (FTE per day)"
        case .minimumHeadcount: return "minimum headcount"
        case .competenceMix: return "competence mix"
        case .targetShortfall: return "below target headcount"
        case .targetSurplus: return "above target headcount"
        case .wishes: return "wishes"
        case .fairness: return "fairness (load relative to contract hours)"
        case .continuity: return "continuity (task changes)"
        case .disruption: return "disruption against previous plan"
        case .nonPoolMember: return "non-pool member deployed"
        case .nearQuota: return "department near its release quota"
        }
    }
}
