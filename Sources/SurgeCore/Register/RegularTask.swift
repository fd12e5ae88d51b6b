/// One of a department's regular duties, ranked for a crisis (Aufgabenpriorisierung).
public struct RegularTask: Codable, Hashable, Sendable {
    public enum PriorityClass: String, Codable, Sendable, CaseIterable {
        /// Must continue.
        case A
        /// May be reduced.
        case B
        /// May pause.
        case C
    }

    public var departmentCode: String
    public var code: String
    public var name: String
    public var priorityClass: PriorityClass
    /// FTE the task needs at crisis levels 0, 1, 2, 3 (exactly four values).
    public var fteByLevel: [Double]

    public init(departmentCode: String, code: String, name: String, priorityClass: PriorityClass, fteByLevel: [Double]) {
        self.departmentCode = departmentCode
        self.code = code
        self.name = name
        self.priorityClass = priorityClass
        self.fteByLevel = fteByLevel
    }

    public func fteNeeded(atLevel level: CrisisLevel) -> Double { fteByLevel[level.rawValue] }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(departmentCode, "departmentCode")
        v.code(code, "code")
        v.text(name, "name")
        v.require(fteByLevel.count == 4, "fteByLevel", "must give exactly 4 values, for crisis levels 0 to 3")
        for (i, f) in fteByLevel.enumerated() {
            v.require(f >= 0 && f.isFinite && f < 100_000, "fteByLevel[\(i)]", "must be 0 or more")
        }
        try v.check()
    }
}

/// Crisis level 0 (normal operation) to 3 (most severe).
public enum CrisisLevel: Int, Codable, Sendable, CaseIterable {
    case normal = 0, one = 1, two = 2, three = 3
}
