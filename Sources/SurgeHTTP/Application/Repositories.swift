import SurgeStore

/// Everything the controllers read and write, built once from a `Database`.
public struct Repositories: Sendable {
    public let db: Database
    public let organisations: OrganisationRepository
    public let departments: DepartmentRepository
    public let tokens: TokenRepository
    public let audit: AuditLog
    // Section B (stateless: built on demand from `db`, so the initialiser stays untouched).
    public var absences: AbsenceRepository { AbsenceRepository(db: db) }
    public var availability: AvailabilityRepository { AvailabilityRepository(db: db) }
    public var pool: PoolRepository { PoolRepository(db: db) }
    public var regularTasks: RegularTaskRepository { RegularTaskRepository(db: db) }
    public var secondments: SecondmentRepository { SecondmentRepository(db: db) }
    public var releaseQuotas: ReleaseQuotaRepository { ReleaseQuotaRepository(db: db) }

    public init(db: Database) {
        self.db = db
        self.organisations = OrganisationRepository(db: db)
        self.departments = DepartmentRepository(db: db)
        self.tokens = TokenRepository(db: db)
        self.audit = AuditLog(db: db)
    }
}
