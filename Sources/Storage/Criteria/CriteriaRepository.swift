import Crypto
import DataFiles
import Foundation
import Logging
import PostgresNIO
import Scoring

/// Criteria sets loaded into the database. A loaded `id@version` never changes: results point at
/// it, so a corrected table is loaded as a new version.
public struct CriteriaRepository: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public enum CriteriaError: Error, Equatable, CustomStringConvertible {
        case changedAfterLoading(String)
        case notLoaded(String)

        public var description: String {
            switch self {
            case .changedAfterLoading(let reference):
                "Bộ tiêu chí \(reference) đã được nạp với nội dung khác. Không sửa bộ đã nạp: hãy đặt phiên bản mới."
            case .notLoaded(let reference):
                "Bộ tiêu chí \(reference) chưa được nạp vào hệ thống (chạy: thidua criteria import)."
            }
        }
    }

    /// Loads checked files; returns how many were new. A file identical to its loaded version
    /// is skipped; a changed one is refused and nothing is loaded.
    @discardableResult
    public func load(files: [URL]) async throws -> (loaded: Int, unchanged: Int) {
        let sets = try CriteriaCatalog.loadWithText(files: files)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            var loaded = 0
            var unchanged = 0
            for (set, text) in sets {
                let checksum = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
                let existing = try await connection.query(
                    "SELECT checksum FROM criteria_sets WHERE id = \(set.id) AND version = \(set.version)",
                    logger: logger
                )
                var stored: String?
                for try await value in existing.decode(String.self) { stored = value }
                if let stored {
                    guard stored == checksum else { throw CriteriaError.changedAfterLoading(set.reference) }
                    unchanged += 1
                    continue
                }
                let (status, source): (String, String?) =
                    switch set.status {
                    case .official: ("official", nil)
                    case .provisional(let source): ("provisional", source)
                    }
                try await connection.query(
                    """
                    INSERT INTO criteria_sets (id, version, title, subject, status, source, definition, checksum)
                    VALUES (\(set.id), \(set.version), \(set.title), \(set.subject.rawValue), \(status), \(source), \(text), \(checksum))
                    """,
                    logger: logger
                )
                loaded += 1
            }
            return (loaded, unchanged)
        }
    }

    /// A loaded set, read back from the text it was loaded from.
    public func set(_ reference: String) async throws -> CriteriaSet {
        let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw CriteriaError.notLoaded(reference) }
        let rows = try await client.query(
            "SELECT definition FROM criteria_sets WHERE id = \(parts[0]) AND version = \(parts[1])",
            logger: logger
        )
        for try await definition in rows.decode(String.self) {
            return try CriteriaSetReader.read(definition, file: "\(reference).yaml")
        }
        throw CriteriaError.notLoaded(reference)
    }

    /// References of every loaded set.
    public func references() async throws -> [String] {
        let rows = try await client.query("SELECT id || '@' || version FROM criteria_sets ORDER BY id, version", logger: logger)
        var out: [String] = []
        for try await reference in rows.decode(String.self) { out.append(reference) }
        return out
    }

    /// The title of each loaded set id (its latest version's).
    public func titles() async throws -> [String: String] {
        let rows = try await client.query(
            "SELECT DISTINCT ON (id) id, title FROM criteria_sets ORDER BY id, version DESC",
            logger: logger
        )
        var out: [String: String] = [:]
        for try await (id, title) in rows.decode((String, String).self) { out[id] = title }
        return out
    }

    /// The subject kind of each loaded set id (its latest version's): "household", "commune"…
    public func subjects() async throws -> [String: String] {
        let rows = try await client.query(
            "SELECT DISTINCT ON (id) id, subject FROM criteria_sets ORDER BY id, version DESC",
            logger: logger
        )
        var out: [String: String] = [:]
        for try await (id, subject) in rows.decode((String, String).self) { out[id] = subject }
        return out
    }

    /// The newest loaded version of a set id, as ID@VERSION; nil when none is loaded.
    public func latestReference(of id: String) async throws -> String? {
        let rows = try await client.query(
            "SELECT id || '@' || version FROM criteria_sets WHERE id = \(id) ORDER BY version DESC LIMIT 1",
            logger: logger
        )
        for try await reference in rows.decode(String.self) { return reference }
        return nil
    }
}
