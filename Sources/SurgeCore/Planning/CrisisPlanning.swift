import Foundation

/// Puts a declared crisis and the register together into one scheduling problem.
public enum CrisisPlanning {
    public static func problem(scenario: CrisisScenario, people: [Person], quotas: [DepartmentReleaseQuota],
                               profile: RuleProfile) throws -> SchedulingProblem {
        let demands = try scenario.demands()
        guard let zone = TimeZone(identifier: scenario.timeZone) else {
            throw ValidationFailure([FieldError("timeZone", "'\(scenario.timeZone)' is not an IANA time zone")])
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var profile = profile
        profile.id = scenario.ruleProfile
        let people = people.map { p -> Person in
            var q = p
            q.ruleProfile = scenario.ruleProfile
            return q
        }
        // Shifts may run past midnight of the last day: the horizon ends after the latest shift.
        let dayAfter = scenario.startDay.adding(days: scenario.days).start(in: calendar)
        let lastEnd = demands.map(\.end).max() ?? dayAfter
        return SchedulingProblem(
            horizonStart: scenario.startDay.start(in: calendar),
            horizonEnd: max(lastEnd, dayAfter),
            timeZone: scenario.timeZone,
            people: people,
            demands: demands,
            ruleProfiles: [profile],
            releaseQuotas: quotas.map { ReleaseQuota(department: $0.departmentCode, maxPersonsPerDay: $0.quotaPersons, maxFTEPerDay: max(0, $0.leftFTE)) })
    }
}
