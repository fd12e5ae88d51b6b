import Configuration
import Hummingbird
import Logging
import PostgresNIO
import Prometheus
import ServiceLifecycle
import SurgeStore

/// Builds the router: public operations routes, then everything under `/v1` behind token auth.
/// `metrics` is the registry `/metrics` exposes (main bootstraps swift-metrics with it).
public func buildRouter(repositories: Repositories, migrator: Migrator,
                        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                        crisis: CrisisServices? = nil) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: MetricsMiddleware())
    OperationsController(db: repositories.db, migrator: migrator, metrics: metrics).addRoutes(to: router)

    let v1 = router.group("v1").add(middleware: TokenAuthMiddleware(tokens: repositories.tokens))
    DepartmentController(departments: repositories.departments).addRoutes(to: v1.group("departments"))
    AuditController(audit: repositories.audit).addRoutes(to: v1.group("audit"))

    // Section A: staff, competences, search, import/export.
    StaffController(staff: repositories.staff, holdings: repositories.holdings, departments: repositories.departments).addRoutes(to: v1.group("staff"))
    CompetenceController(competences: repositories.competences, holdings: repositories.holdings, departments: repositories.departments).addRoutes(to: v1.group("competences"))
    SearchController(search: repositories.competenceSearch, departments: repositories.departments).addRoutes(to: v1.group("search"))
    let importExport = ImportExportController(importer: repositories.registerImport, exporter: repositories.registerExport)
    importExport.addImportRoutes(to: v1.group("import"))
    importExport.addExportRoutes(to: v1.group("export"))

    // Section B: absences, availability, pool, regular tasks, quotas.
    let services = crisis ?? CrisisServices(db: repositories.db)
    AbsenceController(absences: repositories.absences, availability: repositories.availability, departments: repositories.departments, db: repositories.db,
                      crisis: services)
        .addRoutes(staff: v1.group("staff"), absences: v1.group("absences"))
    PoolController(pool: repositories.pool).addRoutes(to: v1.group("pool"))
    RegularTaskController(tasks: repositories.regularTasks, departments: repositories.departments).addRoutes(to: v1.group("departments"))
    QuotaController(quotas: repositories.releaseQuotas, departments: repositories.departments, today: { RegisterQuery.today() })
        .addRoutes(to: v1.group("quotas"))
    SecondmentController(secondments: repositories.secondments, departments: repositories.departments).addRoutes(to: v1.group("secondments"))
    CrisisLevelController(organisations: repositories.organisations).addRoutes(to: v1.group("organisation"))

    // Crisis deployment (issue 5).
    CrisisController(services: services).addRoutes(to: v1.group("crises"))
    AllocationController(services: services).addRoutes(crises: v1.group("crises"), jobs: v1.group("jobs"), positions: v1.group("positions"),
                                                       assignments: v1.group("assignments"))
    ReleaseController(services: services, departments: repositories.departments).addRoutes(to: v1.group("release-requests"))
    MyShiftsController(services: services).addRoutes(me: v1.group("me"), router: router)
    MyPoolController(pool: repositories.pool, today: { RegisterQuery.today(now: services.now()) }).addRoutes(to: v1.group("me"))

    return router
}

/// Server settings read through swift-configuration: environment first, then the config file, then defaults.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    public init(reader: ConfigReader) {
        self.host = reader.string(forKey: "http.host", default: "127.0.0.1")
        self.port = reader.int(forKey: "http.port", default: 8080)
    }
}

/// Builds the whole service: the PostgreSQL client as a service beside the HTTP server, migrations
/// applied at start, graceful shutdown on SIGTERM/SIGINT (requests in flight finish).
public func buildApplication(settings: ServerSettings, database: DatabaseSettings, metrics: PrometheusCollectorRegistry,
                             logger: Logger) async throws -> some ApplicationProtocol {
    let client = PostgresClient(configuration: database.clientConfiguration(), backgroundLogger: logger)
    let db = Database(client: client, logger: logger)
    let migrator = try Migrator.bundled()
    let crisis = CrisisServices(db: db)
    let router = buildRouter(repositories: Repositories(db: db), migrator: migrator, metrics: metrics, crisis: crisis)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "surge"),
        services: [client, ReleaseExpiryService(services: crisis, logger: logger)],
        onServerRunning: { _ in
            logger.info("surge is serving", metadata: ["host": "\(settings.host)", "port": "\(settings.port)", "database": "\(database)"])
        },
        logger: logger
    )
    app.beforeServerStarts {
        try await migrator.migrate(client: client, logger: logger)
        for pending in try await crisis.allocations.recoverAfterRestart() {
            crisis.runner.enqueue(org: pending.org, job: pending.job, urgent: pending.urgent)
        }
    }
    return app
}
