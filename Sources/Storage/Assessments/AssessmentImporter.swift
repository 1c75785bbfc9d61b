import Crypto
import Foundation
import Logging
import PostgresNIO
import Scoring
import Tabular

/// Imports a spreadsheet of assessments for one criteria set, the way communes send them.
///
/// The whole file is checked before anything is kept: every row is read, checked against the set
/// and scored while it streams into a staging table by `COPY`; then units, duplicates within the
/// file and clashes with stored assessments are checked set-based. Any problem refuses the file
/// whole, with row and column. A good file lands in one transaction; importing it again changes
/// nothing. Memory stays flat whatever the file's size.
public struct AssessmentImporter: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    /// At most this many problems are listed; a file with more is usually the wrong file.
    public static let problemLimit = 200

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Options: Sendable {
        public var fileName: String
        /// Only units inside these scopes may appear (a commune's staff import their own commune);
        /// nil for administrators.
        public var scopeUnitIDs: [Int]?
        /// The decision that recognises the rows meeting the criteria ("Quyết định số … của …");
        /// without it rows are stored as assessed, awaiting recognition.
        public var recognisedBy: String?
        public var importedBy: Int?
        /// The units whose People's Committee the importer decides for (their chair's or
        /// administrator's grants): the recognition decision must be recorded at one of them at
        /// the rule's level. nil: `scopeUnitIDs`.
        public var deciderUnitIDs: [Int]? = nil

        public init(
            fileName: String,
            scopeUnitIDs: [Int]? = nil,
            recognisedBy: String? = nil,
            importedBy: Int? = nil,
            deciderUnitIDs: [Int]? = nil
        ) {
            self.fileName = fileName
            self.scopeUnitIDs = scopeUnitIDs
            self.recognisedBy = recognisedBy
            self.importedBy = importedBy
            self.deciderUnitIDs = deciderUnitIDs
        }
    }

    public struct Summary: Sendable, Equatable {
        public let rows: Int
        public let inserted: Int
        public let unchanged: Int
        public let meetingCriteria: Int

        public init(rows: Int, inserted: Int, unchanged: Int, meetingCriteria: Int) {
            self.rows = rows
            self.inserted = inserted
            self.unchanged = unchanged
            self.meetingCriteria = meetingCriteria
        }
    }

    /// Imports the file at `path`, reading it in chunks. `progress` is told the rows read so far.
    public func importFile(
        at path: String,
        set: CriteriaSet,
        options: Options,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Summary {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AssessmentImportRefused(problems: [.init(line: 0, message: "không mở được tệp \(path)")])
        }
        defer { try? handle.close() }
        return try await importChunks(
            { try handle.read(upToCount: 1 << 20).map { Array($0) } },
            set: set,
            options: options,
            progress: progress
        )
    }

    /// Imports bytes held in memory (uploads, tests).
    public func importBytes(_ bytes: [UInt8], set: CriteriaSet, options: Options) async throws -> Summary {
        var remaining = bytes.isEmpty ? [] : [bytes]
        return try await importChunks({ remaining.isEmpty ? nil : remaining.removeFirst() }, set: set, options: options, progress: { _ in })
    }

    /// Counted for the operators' metrics: rows stored, files refused.
    private func importChunks(
        _ nextChunk: @escaping () throws -> [UInt8]?,
        set: CriteriaSet,
        options: Options,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws -> Summary {
        do {
            let summary = try await importStaged(nextChunk, set: set, options: options, progress: progress)
            StoreMetrics.imported(.assessments, rows: summary.inserted)
            return summary
        } catch let refused as AssessmentImportRefused {
            StoreMetrics.importRefused(.assessments)
            throw refused
        }
    }

    private func importStaged(
        _ nextChunk: @escaping () throws -> [UInt8]?,
        set: CriteriaSet,
        options: Options,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws -> Summary {
        let program = ScoringProgram(set)
        let logger = logger
        var reader = RowReader(program: program, setReference: set.reference)
        var hasher = SHA256()

        let clock = ContinuousClock()
        let started = clock.now
        return try await client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                CREATE TEMP TABLE assessment_staging (
                    line integer, unit_code text, subject_key text, subject_name text, year smallint,
                    answers jsonb, facts jsonb, total integer, level smallint, meets boolean, criteria_points jsonb,
                    adults integer, adults_holding integer
                ) ON COMMIT DROP
                """,
                logger: logger
            )
            try await connection.copyFrom(
                table: "assessment_staging",
                columns: [
                    "line", "unit_code", "subject_key", "subject_name", "year", "answers", "facts", "total", "level", "meets", "criteria_points",
                    "adults",
                    "adults_holding",
                ],
                logger: logger
            ) { writer in
                var out = [UInt8]()
                out.reserveCapacity(1 << 20)
                var first = true
                while let chunk = try nextChunk() {
                    hasher.update(data: chunk)
                    if first, !chunk.isEmpty {
                        reader.detectDelimiter(chunk)
                        first = false
                    }
                    try reader.feed(chunk, into: &out)
                    if out.count >= 1 << 19 {
                        try await writer.write(ByteBuffer(bytes: out))
                        out.removeAll(keepingCapacity: true)
                        progress(reader.rows)
                    }
                }
                try reader.finish(into: &out)
                if !out.isEmpty { try await writer.write(ByteBuffer(bytes: out)) }
                progress(reader.rows)
            }
            let staged = clock.now
            // A temporary table has no statistics until analysed; without them the planner picks
            // nested loops over a million rows.
            try await connection.query("ANALYZE assessment_staging", logger: logger)
            if reader.rows == 0 && reader.problems.isEmpty {
                reader.problems.append(.init(line: 1, message: "tệp không có dòng dữ liệu nào sau dòng tiêu đề"))
            }
            // The rows that read well were staged: check them against the database too, so that
            // one pass reports every problem of the file.
            let checks = StagingChecks(connection: connection, logger: logger, set: set, options: options)
            let problems = reader.problems + (try await checks.problems())
            if !problems.isEmpty {
                let limit = AssessmentImporter.problemLimit
                throw AssessmentImportRefused(
                    problems: Array(problems.sorted { $0.line < $1.line }.prefix(limit)),
                    truncated: reader.truncated || problems.count > limit
                )
            }
            let checked = clock.now
            let fileHash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            let summary = try await checks.insert(rows: reader.rows, fileSHA256: fileHash)
            logger.info(
                "assessment import",
                metadata: [
                    "import.rows": "\(reader.rows)", "import.inserted": "\(summary.inserted)",
                    "import.read_and_copy": "\(staged - started)", "import.checks": "\(checked - staged)",
                    "import.insert": "\(clock.now - checked)",
                ]
            )
            return summary
        }
    }
}
