import AnsinhCore
import AnsinhStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Prometheus
import SQLKit
import Vapor

/// Sets up an Ansinh application: database, migrations, sessions, middleware and routes.
/// `now` is the clock (tests pass a fake one); `bcryptCost` is lowered only in tests.
public func configure(
    _ app: Application, _ config: AppConfiguration, postgresSchema: String? = nil,
    bcryptCost: Int? = nil, now: @escaping @Sendable () -> Date = { Date() }
) async throws {
    app.logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info
    Sealed.install(try dataKeyring(config))
    // SQLite has one writer at a time: a write waits for the connection up to 30 s rather than
    // the driver's 10 s (twenty-six writes at once on a busy 2-core machine ran out of time). The
    // test suite runs hundreds of applications side by side on two cores: there a wait is
    // bounded at 2 minutes, so that a test of twenty concurrent writers measures the chain, not
    // the machine (a clean-clone run timed out at 30 s).
    let poolTimeout: TimeAmount = config.mode == .testing ? .seconds(120) : .seconds(30)
    switch config.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: poolTimeout), as: .sqlite)
    case .postgres(let url):
        var pg = try SQLPostgresConfiguration(url: url)
        if let postgresSchema { pg.searchPath = [postgresSchema] }
        // Writers of one commune queue on its audit chain; with one connection per event loop and
        // 10 s, twenty writes at once on a busy machine ran out of time waiting for a connection.
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: poolTimeout), as: .psql)
    }
    if case .sqliteFile = config.database {
        // WAL lets readers go on while one writer writes; it is a property of the file.
        _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
    }
    app.migrations.add(AnsinhMigrations.all)
    app.migrations.add(SessionRecord.migration)

    let cost = bcryptCost ?? (config.mode == .testing ? 4 : 12)
    app.ansinh = AnsinhServices(
        config: config, catalogue: .shared, metrics: PrometheusCollectorRegistry(),
        passwords: BcryptHasher(cost: cost, pool: app.threadPool), now: now)

    // Sessions live in the database so that several server processes can share them; their
    // limits are checked there (`AnsinhSessionDriver`), the cookie only follows.
    app.sessions.use { _ in AnsinhSessionDriver() }
    let secure = config.secureCookies, maxAge = config.sessionMaxHours * 3600
    app.sessions.configuration = SessionsConfiguration(cookieName: "ansinh_session") { id in
        HTTPCookies.Value(
            string: id.string, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(MetricsMiddleware(registry: app.ansinh.metrics))
    app.middleware.use(AnsinhErrorMiddleware())
    app.routes.defaultMaxBodySize = "2mb"

    routes(app)
}

/// Every route of Ansinh, grouped by how it is protected.
func routes(_ app: Application) {
    OpsController().register(app)

    let html = app.grouped(app.sessions.middleware, SessionActorMiddleware(), CSRFMiddleware())
    AuthController().register(public: html)
    FundController().register(public: html)
    PrivacyController().register(public: html)
    FeedbackController().register(public: html)
    AnnouncementController().register(public: html)
    PublicInformationController().register(public: html)
    let authed = html.grouped(RequireLoginMiddleware())
    HomeController().register(authed: authed)
    UnitsController().register(authed: authed)
    UsersController().register(authed: authed)
    AccountController().register(authed: authed)
    AuditController().register(authed: authed)
    RegistryController().register(authed: authed)
    ImportController().register(authed: authed)
    DuplicatesController().register(authed: authed)
    ReviewController().register(authed: authed)
    AllowancesController().register(authed: authed)
    HealthInsuranceController().register(authed: authed)
    OneOffController().register(authed: authed)
    IdentityController().register(authed: authed)
    PrivacyController().register(authed: authed)
    ConsentController().register(authed: authed)
    BreachController().register(authed: authed)
    DecisionsController().register(authed: authed)
    SurveyImportController().register(authed: authed)
    TakeOverController().register(authed: authed)
    CareController().register(authed: authed)
    StaffController().register(authed: authed)
    TherapyController().register(authed: authed)
    EducationController().register(authed: authed)
    PlanController().register(authed: authed)
    ContractController().register(authed: authed)
    PaymentsController().register(authed: authed)
    CasesController().register(authed: authed)
    CaseSharingController().register(authed: authed)
    TasksController().register(authed: authed)
    WardRequestsController().register(authed: authed)
    HotlineController().register(authed: authed)
    FundController().register(authed: authed)
    GiftCampaignController().register(authed: authed)
    FeedbackController().register(authed: authed)
    AnnouncementController().register(authed: authed)
    LivelihoodController().register(authed: authed)
    EducationSupportController().register(authed: authed)
    WorksController().register(authed: authed)

    app.get(.api(.openapi), use: OpenAPI.handler)
    FeedbackAPI().register(public: app)
    AnnouncementAPI().register(public: app)
    PublicInformationAPI().register(public: app)
    let api = app.grouped(BearerAuthMiddleware(), APIRequireActorMiddleware())
    AdminAPI().register(api: api)
    RegistryAPI().register(api: api)
    ReviewAPI().register(api: api)
    AllowancesAPI().register(api: api)
    HealthInsuranceAPI().register(api: api)
    OneOffAPI().register(api: api)
    IdentityAPI().register(api: api)
    PrivacyAPI().register(api: api)
    ConsentAPI().register(api: api)
    BreachAPI().register(api: api)
    HouseholdsAPI().register(api: api)
    ImportsAPI().register(api: api)
    CampaignsAPI().register(api: api)
    DecisionsAPI().register(api: api)
    PaymentsAPI().register(api: api)
    EligibilityAPI().register(api: api)
    RelationshipsAPI().register(api: api)
    HardshipAPI().register(api: api)
    AdminChangesAPI().register(api: api)
    CasesAPI().register(api: api)
    CaseSharingAPI().register(api: api)
    TasksAPI().register(api: api)
    WardRequestsAPI().register(api: api)
    CaseSettingsAPI().register(api: api)
    HotlineAPI().register(api: api)
    SurveyImportAPI().register(api: api)
    TakeOverAPI().register(api: api)
    CareAPI().register(api: api)
    StaffAPI().register(api: api)
    CentreReportAPI().register(api: api)
    TherapyAPI().register(api: api)
    EducationAPI().register(api: api)
    PlanAPI().register(api: api)
    ContractAPI().register(api: api)
    ShiftAPI().register(api: api)
    FundAPI().register(api: api)
    PledgeAPI().register(api: api)
    GiftCampaignAPI().register(api: api)
    FeedbackAPI().register(api: api)
    AnnouncementAPI().register(api: api)
    LivelihoodAPI().register(api: api)
    BusinessAPI().register(api: api)
    EducationSupportAPI().register(api: api)
    WorksAPI().register(api: api)
    LoanAPI().register(api: api)
}

/// API routes need a valid bearer token.
struct APIRequireActorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.actor != nil else { throw AppError.unauthenticated(Message("auth.bearer_required")) }
        return try await next.respond(to: request)
    }
}

/// The keys that seal sensitive fields: `ANSINH_DATA_KEY` (and the retired keys), else the key
/// file beside the database outside production. Tests, and an in-memory database (gone with
/// the process, never backed up), share one fixed key: the keys are the process's, and every
/// application a test process configures must open what the others sealed.
func dataKeyring(_ config: AppConfiguration) throws -> DataKeyring {
    if !config.dataKeys.isEmpty { return try DataKeyring(base64Keys: config.dataKeys) }
    if config.mode != .testing, let file = config.dataKeyFile { return try DataKeyring.fromFile(file) }
    return try DataKeyring(base64Keys: [Data(repeating: 0x74, count: 32).base64EncodedString()])
}
