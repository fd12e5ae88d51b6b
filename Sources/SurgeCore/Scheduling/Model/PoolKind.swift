/// How a person came into the reserve pool (stadtinterne Personalreserve). `none` means a regular
/// department member who is only deployed if their department releases them.
public enum PoolKind: String, Sendable, Codable, CaseIterable {
    case none, volunteer, designated, trainee, retiree, lent

    /// Pool members are preferred: taking them does not weaken a department's regular work.
    public var isPoolMember: Bool { self != .none }
}
