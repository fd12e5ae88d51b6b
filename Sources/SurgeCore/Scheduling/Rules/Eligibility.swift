import Foundation

/// Whether a person may take a shift at all, independent of the rest of the plan.
public enum Eligibility {
    /// nil when eligible, else the reason (shown in explanations).
    public static func check(person p: Person, demand d: ShiftDemand) -> String? {
        for req in d.requirements {
            guard let c = p.competences.first(where: { $0.id == req.competence }) else { return "missing competence \(req.competence)" }
            if c.level < req.minimumLevel { return "competence \(req.competence) below level \(req.minimumLevel)" }
            if !c.covers(start: d.start, end: d.end) { return "competence \(req.competence) not valid during the shift" }
        }
        for a in p.absences where a.overlaps(start: d.start, end: d.end) { return "absent" }
        if !p.availability.isEmpty && !p.availability.contains(where: { $0.contains(start: d.start, end: d.end) }) {
            return "not available"
        }
        return nil
    }
}
