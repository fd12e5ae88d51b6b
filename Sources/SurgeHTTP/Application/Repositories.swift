import SurgeStore

/// Everything the controllers read and write, built once from a `Database`.
public struct Repositories: Sendable {
    public let db: Database
    public let organisations: OrganisationRepository
    public let departments: DepartmentRepository
    public let tokens: TokenRepository
    public let audit: AuditLog
    // Section A: the register.
    public let staff: StaffRepository
    public let competences: CompetenceRepository
    public let holdings: HoldingRepository
    public let competenceSearch: CompetenceSearch
    public let registerImport: RegisterImport
    public let registerExport: RegisterExport
    // Section B: absences, availability, pool, tasks, secondments, quotas.
    public let absences: AbsenceRepository
    public let availability: AvailabilityRepository
    public let pool: PoolRepository
    public let regularTasks: RegularTaskRepository
    public let secondments: SecondmentRepository
    public let releaseQuotas: ReleaseQuotaRepository

    public init(db: Database) {
        self.db = db
        self.organisations = OrganisationRepository(db: db)
        self.departments = DepartmentRepository(db: db)
        self.tokens = TokenRepository(db: db)
        self.audit = AuditLog(db: db)
        // Section A: the register.
        self.staff = StaffRepository(db: db)
        self.competences = CompetenceRepository(db: db)
        self.holdings = HoldingRepository(db: db)
        self.competenceSearch = CompetenceSearch(db: db)
        self.registerImport = RegisterImport(db: db)
        self.registerExport = RegisterExport(db: db)
        self.absences = AbsenceRepository(db: db)
        self.availability = AvailabilityRepository(db: db)
        self.pool = PoolRepository(db: db)
        self.regularTasks = RegularTaskRepository(db: db)
        self.secondments = SecondmentRepository(db: db)
        self.releaseQuotas = ReleaseQuotaRepository(db: db)
    }
}
