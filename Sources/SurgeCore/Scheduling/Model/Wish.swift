/// A person's wish for one day: to work (a given shift kind, or any) or not to work it.
public struct Wish: Hashable, Sendable, Codable {
    public var day: CalendarDay
    /// Shift kind the wish is about; nil means any shift that day.
    public var shiftKind: String?
    /// true: "I want to work this"; false: "I do not want to work this".
    public var wantsToWork: Bool
    /// Penalty when the wish is not granted.
    public var weight: Int

    public init(day: CalendarDay, shiftKind: String? = nil, wantsToWork: Bool, weight: Int = 1) {
        self.day = day; self.shiftKind = shiftKind; self.wantsToWork = wantsToWork; self.weight = weight
    }
}
