import Foundation
import Geography
import Logging
import Mustache
import PostgresNIO
import Storage

/// Everything the routes need, built once at start-up.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let client: PostgresClient
    public let units: UnitRepository
    public let accounts: AccountRepository
    public let sessions: SessionStore
    /// Failed logins per user name.
    public let userThrottle: LoginThrottle
    /// Failed logins per address: more lenient, since a commune office shares one address.
    public let addressThrottle: LoginThrottle
    public let migrationsDirectory: URL
    /// Loaded workflow definitions, parsed once.
    public let workflows: WorkflowRepository
    /// Changes to nominations, for open queues (server-sent events).
    public let hub: NotificationHub
    public let templates: MustacheLibrary
    public let logger: Logger

    public init(configuration: AppConfiguration, client: PostgresClient, logger: Logger) async throws {
        self.configuration = configuration
        self.client = client
        self.logger = logger
        units = UnitRepository(client: client, logger: logger)
        accounts = AccountRepository(client: client, hasher: PasswordHasher(cost: configuration.bcryptCost), logger: logger)
        sessions = SessionStore(client: client, lifetime: .seconds(configuration.sessionHours * 3600), logger: logger)
        userThrottle = LoginThrottle(client: client, freeFailures: 5, logger: logger)
        addressThrottle = LoginThrottle(client: client, freeFailures: 30, logger: logger)
        migrationsDirectory = URL(fileURLWithPath: configuration.migrationsDirectory)
        workflows = WorkflowRepository(client: client, logger: logger)
        hub = NotificationHub(client: client, logger: logger)
        guard let templatesURL = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        templates = try await MustacheLibrary(directory: templatesURL.path)
    }

    /// Static files (styles) shipped with the module.
    public static var publicDirectory: String? { Bundle.module.url(forResource: "Public", withExtension: nil)?.path }
}
