import APIContract
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import Storage

/// Builds the whole application; `thidua serve` runs it and the tests drive the same one.
public func buildApplication(configuration: AppConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    // First, before anything records a metric: swift-metrics binds a metric to the backend of its
    // creation.
    _ = ServerMetrics.bootstrapped
    var logger = logger ?? Logger(label: "thidua")
    logger.logLevel = configuration.logLevel
    let database = try DatabaseURL(configuration.databaseURL)
    let client = PostgresClient(
        configuration: database.clientConfiguration(maximumConnections: configuration.databasePoolSize),
        backgroundLogger: logger
    )
    // A read replica, when configured: its own pool, watched by `ReplicaMonitor`.
    let readClient = try configuration.readDatabaseURL.map { url in
        PostgresClient(
            configuration: try DatabaseURL(url).clientConfiguration(maximumConnections: configuration.databasePoolSize),
            backgroundLogger: logger
        )
    }
    let services = try await AppServices(configuration: configuration, client: client, logger: logger, readClient: readClient)
    let router = buildRouter(services: services)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ThiDua"),
        logger: logger
    )
    // The pool runs as a service: it starts before the server and drains after it on SIGTERM.
    app.addServices(client, services.hub, services.monitor)
    if let readClient, let replica = services.replica { app.addServices(readClient, replica) }
    // Periodic jobs, run once across every server on the database (`JobRunner`).
    if configuration.runsJobs {
        app.addServices(JobScheduler(client: client, logger: logger, tick: configuration.jobsTick))
    }
    return app
}

/// The routes and middleware, in the order a request meets them.
public func buildRouter(services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        ResponseHeadersMiddleware()
        // Requests by route template, method and status, with their latency (GET /metrics).
        MetricsMiddleware()
        // A span per request, named by its route (exported only when traces are configured).
        TracingMiddleware()
        LogRequestsMiddleware(.info)
        // Serves /static/… when the routes answer 404, which ErrorMiddleware lets through for it.
        if let publicDirectory = AppServices.publicDirectory {
            FileMiddleware(publicDirectory, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .text, subType: "css"), [.maxAge(3600)])]))
        }
        // Outer: errors of the session look-up itself (database down) still get a proper answer.
        ErrorMiddleware(services: services)
        RequestDeadlineMiddleware(limit: services.configuration.requestDeadline)
        DatabaseAvailabilityMiddleware(monitor: services.monitor)
        QueueCountsMiddleware(counts: services.queueCounts)
        InputBoundsMiddleware()
        SessionMiddleware(services: services)
        // Inner: errors of the routes are rendered knowing who is signed in.
        ErrorMiddleware(services: services)
        // The door: sign-in and the roles that may open a route, from one table.
        RoutePolicyMiddleware()
    }
    // Public: the process's health, signing in, the language, the province's public page.
    router.addRoutes(MetricsController(services: services).endpoints)
    router.addRoutes(AuthPages(services: services).endpoints)
    router.addRoutes(LanguageSwitch(services: services).endpoints)
    router.addRoutes(PublicPages(services: services).endpoints)
    router.addRoutes(MovementPage(services: services).endpoints)
    router.addRoutes(CitizenPages(services: services).claim)
    // A citizen's own pages run in `CitizenContext`, which cannot exist without a citizen's account.
    router.group(context: CitizenContext.self).addRoutes(CitizenPages(services: services).own)
    // Everything else runs in `SignedInContext`, which cannot exist without an account.
    let signedIn = router.group(context: SignedInContext.self)
    signedIn.addRoutes(HomePage(services: services).endpoints)
    signedIn.addRoutes(AccountPages(services: services).endpoints)
    signedIn.addRoutes(UnitPages(services: services).endpoints)
    signedIn.addRoutes(FigurePages(services: services).endpoints)
    signedIn.addRoutes(ReportPages(services: services).endpoints)
    signedIn.addRoutes(AssessmentImportPage(services: services).endpoints)
    signedIn.addRoutes(AssessmentPages(services: services).endpoints)
    signedIn.addRoutes(RecognitionPages(services: services).endpoints)
    signedIn.addRoutes(RegistrationPages(services: services).endpoints)
    signedIn.addRoutes(DecisionPages(services: services).endpoints)
    signedIn.addRoutes(QueuePage(services: services).endpoints)
    signedIn.addRoutes(NominationImportPage(services: services).endpoints)
    signedIn.addRoutes(DraftDossiersPage(services: services).endpoints)
    signedIn.addRoutes(LookupPages(services: services).endpoints)
    signedIn.addRoutes(ExternalDecisionPages(services: services).endpoints)
    signedIn.addRoutes(CertificatePages(services: services).endpoints)
    signedIn.addRoutes(NominationPages(services: services).endpoints)
    signedIn.addRoutes(CouncilSessionPages(services: services).endpoints)
    signedIn.addRoutes(CouncilPages(services: services).endpoints)
    signedIn.addRoutes(AdministrationPages(services: services).endpoints)
    // The JSON API and /health, /ready: the operations generated from docs/openapi.json, each in
    // the open group or the signed-in one as `RoutePolicy` says.
    let routing = APIRouting(
        open: router.group().add(middleware: APIScope.Middleware<AppRequestContext>()),
        signedIn: signedIn.group().add(middleware: APIScope.Middleware<SignedInContext>())
    )
    do {
        try APIHandler(services: services).registerHandlers(
            on: routing,
            // Compact JSON with a stable key order: what the API answered before it was generated.
            configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
            middlewares: [OperationSpan(), FileNameHeader()]
        )
    } catch {
        // Only a server URL that is not a URL makes registration fail; ours is the default "/".
        preconditionFailure("registering the API failed: \(error)")
    }
    return router
}
