import SurgeStore

/// Everything the controllers read and write, built once from a `Database`.
public struct Repositories: Sendable {
    public let db: Database
    public let organisations: OrganisationRepository
    public let departments: DepartmentRepository
    public let tokens: TokenRepository
    public let audit: AuditLog

    public init(db: Database) {
        self.db = db
        self.organisations = OrganisationRepository(db: db)
        self.departments = DepartmentRepository(db: db)
        self.tokens = TokenRepository(db: db)
        self.audit = AuditLog(db: db)
    }
}
