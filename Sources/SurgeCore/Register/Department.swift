/// A unit of the administration: Dezernat > Amt > Abteilung.
public struct Department: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case dezernat, amt, abteilung }

    public var code: String
    public var name: String
    public var kind: Kind
    public var parentCode: String?

    public init(code: String, name: String, kind: Kind, parentCode: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
    }

    public func validate() throws(ValidationFailure) {
        var v = Validator()
        v.code(code, "code")
        v.text(name, "name")
        if let parentCode {
            v.code(parentCode, "parentCode")
            v.require(parentCode != code, "parentCode", "a department cannot be its own parent")
        }
        try v.check()
    }
}
