import Foundation
import Geography
import Logging
import PostgresNIO
import Storage

/// Everything the routes need, built once at start-up.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let client: PostgresClient
    public let units: UnitRepository
    public let accounts: AccountRepository
    public let sessions: SessionStore
    /// Sign-in attempts per user name and address, and per address (`loginRules`).
    public let loginThrottle: LoginThrottle
    public let migrationsDirectory: URL
    /// Loaded workflow definitions, parsed once.
    public let workflows: WorkflowRepository
    /// Changes to nominations, for open queues (server-sent events).
    public let hub: NotificationHub
    /// The queues' counts per step, emptied by every change the hub hears of.
    public let queueCounts: QueueCountsCache
    /// The movement's public pages, computed once every five minutes per province and year.
    let movementPages = TimedCache<MovementPage.Snapshot>(lifetime: .seconds(300))
    /// Whether the database answers (a service of the application; see `DatabaseMonitor`).
    let monitor: DatabaseMonitor
    /// The read replica and how closely it follows, when `THIDUA_READ_DATABASE_URL` names one.
    let replica: ReplicaMonitor?
    /// The page templates in every language, and the catalogs of translated texts.
    let templates: LocalizedTemplates
    public let logger: Logger

    /// Where reads that tolerate a few seconds of lag go (reports, the public pages, lookup,
    /// exports): the replica while it follows within the bound, else the primary. Writes, and
    /// reads inside a transaction, always use `client`.
    var reader: PostgresClient {
        if let replica, replica.serves { return replica.replica }
        return client
    }

    public init(configuration: AppConfiguration, client: PostgresClient, logger: Logger, readClient: PostgresClient? = nil) async throws {
        self.configuration = configuration
        self.client = client
        self.logger = logger
        units = UnitRepository(client: client, logger: logger)
        accounts = AccountRepository(client: client, hasher: PasswordHasher(cost: configuration.bcryptCost), logger: logger)
        sessions = SessionStore(client: client, lifetime: .seconds(configuration.sessionHours * 3600), logger: logger)
        loginThrottle = LoginThrottle(client: client, logger: logger)
        migrationsDirectory = URL(fileURLWithPath: configuration.migrationsDirectory)
        workflows = WorkflowRepository(client: client, logger: logger)
        let queueCounts = QueueCountsCache()
        self.queueCounts = queueCounts
        hub = NotificationHub(client: client, logger: logger) { _ in queueCounts.invalidate() }
        monitor = DatabaseMonitor(configuration: try DatabaseURL(configuration.databaseURL).connectionConfiguration(), logger: logger)
        replica = readClient.map {
            ReplicaMonitor(primary: client, replica: $0, maxLag: configuration.readMaxLag, interval: configuration.readCheckInterval, logger: logger)
        }
        guard let folders = Self.resourceDirectories else { throw CocoaError(.fileNoSuchFile) }
        templates = try LocalizedTemplates(templatesDirectory: folders.templates, localesDirectory: folders.locales)
    }

    /// The throttle's counters for one attempt (docs/security.md): a user name from one address
    /// gets 5 free attempts, then one a minute; an address 30, then one every 6 seconds — lenient,
    /// since a commune office shares one address.
    func loginRules(username: String, address: String) -> [LoginThrottle.Rule] {
        [
            .init(key: "user+ip:\(username)|\(address)", freeAttempts: 5, decaySeconds: 60),
            .init(key: "ip:\(address)", freeAttempts: 30, decaySeconds: 6),
        ]
    }

    /// Static files (styles) shipped with the module.
    public static var publicDirectory: String? { Bundle.module.url(forResource: "Public", withExtension: nil)?.path }

    /// The templates and translation catalogs shipped with the module.
    static var resourceDirectories: (templates: URL, locales: URL)? {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let locales = Bundle.module.url(forResource: "Locales", withExtension: nil)
        else { return nil }
        return (templates, locales)
    }
}
