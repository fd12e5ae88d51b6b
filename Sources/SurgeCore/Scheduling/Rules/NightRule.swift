/// What counts as a night shift, and how many are allowed in a sliding window.
/// Defaults follow §2 ArbZG: more than 2 hours between 23:00 and 06:00 local time.
public struct NightRule: Hashable, Sendable, Codable {
    public var nightStartHour: Int
    public var nightEndHour: Int
    public var minimumNightMinutes: Int
    public var maxNights: Int
    public var windowDays: Int

    public init(nightStartHour: Int = 23, nightEndHour: Int = 6, minimumNightMinutes: Int = 121,
                maxNights: Int, windowDays: Int) {
        self.nightStartHour = nightStartHour; self.nightEndHour = nightEndHour
        self.minimumNightMinutes = minimumNightMinutes; self.maxNights = maxNights; self.windowDays = windowDays
    }
}
