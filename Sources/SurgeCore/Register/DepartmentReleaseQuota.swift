/// How much staff a department can give to crisis work at a crisis level without stopping essential work.
///
/// Formula (per department, its own staff and its own regular tasks, not its sub-units):
///
///     present   = the department's staff with no absence (any category) covering the day
///     staffCount = |present|
///     staffFTE  = Σ fte of present
///     neededFTE = Σ over its regular tasks of fte needed at the crisis level
///     quotaFTE  = max(0, staffFTE − neededFTE)
///     usedFTE   = Σ fte of the secondments of its staff active on the day (startsOn ≤ day ≤ endsOn)
///     usedPersons = number of distinct people in those secondments
///     leftFTE   = quotaFTE − usedFTE          (negative: drained below what its tasks need)
///     quotaPersons = ⌊quotaFTE / (staffFTE / staffCount) + 1e-9⌋   (0 when staffCount is 0)
///
/// FTE figures are rounded to 3 decimals after computing; `quotaPersons` and `leftFTE` use the unrounded quota.
///
/// Class C tasks may pause, so a department sets their FTE to 0 at higher levels; the formula
/// itself does not look at classes: the FTE per level is the department's statement of need.
public struct DepartmentReleaseQuota: Codable, Hashable, Sendable {
    public var departmentCode: String
    public var level: Int
    public var staffCount: Int
    public var staffFTE: Double
    public var neededFTE: Double
    public var quotaFTE: Double
    public var quotaPersons: Int
    public var usedFTE: Double
    public var usedPersons: Int
    public var leftFTE: Double

    public init(departmentCode: String, level: CrisisLevel, staffCount: Int, staffFTE: Double, neededFTE: Double,
                usedFTE: Double, usedPersons: Int) {
        self.departmentCode = departmentCode
        self.level = level.rawValue
        self.staffCount = staffCount
        self.staffFTE = Self.round(staffFTE)
        self.neededFTE = Self.round(neededFTE)
        let quota = max(0, staffFTE - neededFTE)
        self.quotaFTE = Self.round(quota)
        let meanFTE = staffCount > 0 ? staffFTE / Double(staffCount) : 1
        self.quotaPersons = meanFTE > 0 ? Int((quota / meanFTE + 1e-9).rounded(.down)) : 0
        self.usedFTE = Self.round(usedFTE)
        self.usedPersons = usedPersons
        self.leftFTE = Self.round(quota - usedFTE)
    }

    private static func round(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
}
