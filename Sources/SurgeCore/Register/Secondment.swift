/// A person released from their department to crisis work for a period: what uses up a
/// department's release quota.
public struct Secondment: Codable, Hashable, Sendable {
    public var id: Int64?
    public var personnelNo: String
    public var startsOn: LocalDate
    /// Inclusive.
    public var endsOn: LocalDate
    /// The FTE taken from the home department (usually the person's whole FTE).
    public var fte: Double
    public var note: String?

    public init(id: Int64? = nil, personnelNo: String, startsOn: LocalDate, endsOn: LocalDate, fte: Double, note: String? = nil) {
        self.id = id
        self.personnelNo = personnelNo
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.fte = fte
        self.note = note
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(personnelNo, "personnelNo")
        v.require(endsOn >= startsOn, "endsOn", "must not be before startsOn")
        v.require(fte > 0 && fte <= 1.5 && fte.isFinite, "fte", "must be more than 0 and at most 1.5")
        if let note { v.require(note.count <= 500, "note", "must be at most 500 characters") }
        try v.check()
    }
}
