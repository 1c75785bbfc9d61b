import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WebApp

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy máy chủ web (configuration from THIDUA_* environment variables; see docs/operations.md)."
    )

    @Option(help: "Địa chỉ lắng nghe (default $THIDUA_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Cổng (default $THIDUA_PORT or 8080).")
    var port: Int?

    func run() async throws {
        var configuration = try AppConfiguration.fromEnvironment()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        let environment = ProcessInfo.processInfo.environment
        // Traces, when an OTLP endpoint is configured: started before the server, stopped after.
        let tracing = try ServerTracing.bootstrap(environment: environment)
        let metadata = tracing == nil ? nil : ServerTracing.loggingMetadata
        if configuration.logFormat == .json {
            LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, metadataProvider: provider) }, metadataProvider: metadata)
        } else if let metadata {
            LoggingSystem.bootstrap(
                { label, provider in StreamLogHandler.standardError(label: label, metadataProvider: provider) },
                metadataProvider: metadata
            )
        }
        var logger = Logger(label: "thidua")
        logger.logLevel = configuration.logLevel
        let app = try await buildApplication(configuration: configuration, logger: logger)
        logger.info(
            "ThiDua đang chạy",
            metadata: ["address": "http://\(configuration.host):\(configuration.port)", "traces": tracing == nil ? "off" : "OTLP/HTTP"]
        )
        // SIGTERM drains open requests; one that never ends (a stalled stream, a stuck upload)
        // must not keep the process alive for ever: after the bound its task is cancelled, and
        // the service group names each service as it starts and stops (logged at debug).
        var lifecycle = logger
        lifecycle.logLevel = min(logger.logLevel, .debug)
        var group = ServiceGroupConfiguration(
            services: (tracing.map { [$0] } ?? []) + [app],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: lifecycle
        )
        group.maximumGracefulShutdownDuration = .seconds(20)
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
        logger.info("ThiDua đã dừng")
    }
}
