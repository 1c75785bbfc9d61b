import Crypto
import DataFiles
import Foundation
import Logging
import PostgresNIO
import Workflow

/// Workflow definitions loaded into the database, immutable per `id@version` (a running
/// nomination is pinned to the version it started on), read back and kept parsed in memory.
public actor WorkflowRepository {
    public let client: PostgresClient
    public let logger: Logger
    private var parsed: [String: WorkflowDefinition] = [:]
    /// The application's one batcher of transitions. It travels with this repository because
    /// every store that moves nominations already receives the application's one repository.
    public let transitions = TransitionBatcher(
        writers: Int(ProcessInfo.processInfo.environment["THIDUA_TRANSITION_WRITERS"] ?? "") ?? 2
    )
    /// The loaded references, read again after `listLifetime`: every page of the queue asks for
    /// them, and a version loaded by another process (the CLI) shows within that time.
    private var listed: (references: [String], at: ContinuousClock.Instant)?
    private let listLifetime: Duration = .seconds(30)

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public enum WorkflowError: Error, Equatable, CustomStringConvertible {
        case changedAfterLoading(String)
        case notLoaded(String)

        public var description: String {
            switch self {
            case .changedAfterLoading(let reference): "Quy trình \(reference) đã được nạp với nội dung khác: hãy đặt phiên bản mới."
            case .notLoaded(let reference): "Quy trình \(reference) chưa được nạp (chạy: thidua workflows import)."
            }
        }
    }

    /// Loads checked files; identical ones are skipped, a changed one refuses the whole load.
    @discardableResult
    public func load(files: [URL]) async throws -> (loaded: Int, unchanged: Int) {
        let definitions = try DataFileCatalog.load(
            files: files,
            read: { text, file throws(DataFileError) in try WorkflowReader.read(text, file: file) },
            reference: \.reference,
            kind: "quy trình"
        )
        let logger = logger
        let result = try await client.transaction(logger: logger) { connection in
            var loaded = 0
            var unchanged = 0
            for (definition, text) in definitions {
                let checksum = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
                let existing = try await connection.query(
                    "SELECT checksum FROM workflow_definitions WHERE id = \(definition.id) AND version = \(definition.version)",
                    logger: logger
                )
                var stored: String?
                for try await value in existing.decode(String.self) { stored = value }
                if let stored {
                    guard stored == checksum else { throw WorkflowError.changedAfterLoading(definition.reference) }
                    unchanged += 1
                    continue
                }
                try await connection.query(
                    """
                    INSERT INTO workflow_definitions (id, version, title, definition, checksum)
                    VALUES (\(definition.id), \(definition.version), \(definition.title), \(text), \(checksum))
                    """,
                    logger: logger
                )
                loaded += 1
            }
            return (loaded, unchanged)
        }
        listed = nil
        return result
    }

    /// Every loaded definition.
    public func all() async throws -> [WorkflowDefinition] {
        var references: [String] = []
        if let listed, ContinuousClock.now - listed.at < listLifetime {
            references = listed.references
        } else {
            let rows = try await client.query("SELECT id || '@' || version FROM workflow_definitions ORDER BY id, version", logger: logger)
            for try await reference in rows.decode(String.self) { references.append(reference) }
            listed = (references, ContinuousClock.now)
        }
        var definitions: [WorkflowDefinition] = []
        for reference in references { definitions.append(try await definition(reference)) }
        return definitions
    }

    public func definition(_ reference: String) async throws -> WorkflowDefinition {
        if let cached = parsed[reference] { return cached }
        guard let query = Self.query(reference) else { throw WorkflowError.notLoaded(reference) }
        return try await remember(reference, from: client.query(query, logger: logger))
    }

    /// The same, read on a connection a transaction already holds: a store inside its
    /// transaction must not wait for a second connection from a pool that may be exhausted by
    /// requests each waiting the same way.
    public func definition(_ reference: String, on connection: PostgresConnection) async throws -> WorkflowDefinition {
        if let cached = parsed[reference] { return cached }
        guard let query = Self.query(reference) else { throw WorkflowError.notLoaded(reference) }
        return try await remember(reference, from: connection.query(query, logger: logger))
    }

    private static func query(_ reference: String) -> PostgresQuery? {
        let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return "SELECT definition FROM workflow_definitions WHERE id = \(parts[0]) AND version = \(parts[1])"
    }

    private func remember(_ reference: String, from rows: PostgresRowSequence) async throws -> WorkflowDefinition {
        for try await text in rows.decode(String.self) {
            let definition = try WorkflowReader.read(text, file: "\(reference).yaml")
            parsed[reference] = definition
            return definition
        }
        throw WorkflowError.notLoaded(reference)
    }
}
