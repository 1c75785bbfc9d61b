import Foundation
import Geography
import Logging
import PostgresNIO
import Tabular

/// Loads how many households, clans and organisations units have in a year (the bases of the
/// target shares). A file is checked whole; counts already entered for the same unit and year
/// are replaced, since they are statistics that get corrected.
public struct UnitCountsImporter: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let columns: [ColumnSpec] = [
        ColumnSpec("unit", required: true, aliases: ["mã đơn vị", "ma_don_vi", "unit_code"]),
        ColumnSpec("year", required: true, aliases: ["năm", "nam", "year"]),
        ColumnSpec("household", required: false, aliases: ["hộ gia đình", "ho_gia_dinh", "số hộ", "households"]),
        ColumnSpec("clan", required: false, aliases: ["dòng họ", "dong_ho", "số dòng họ", "clans"]),
        ColumnSpec("unit_total", required: false, aliases: ["đơn vị", "don_vi", "số đơn vị", "cơ quan, đơn vị", "units"]),
    ]

    /// Returns how many counts were stored.
    @discardableResult
    public func importBytes(_ bytes: [UInt8]) async throws -> Int {
        var problems: [AssessmentImportRefused.Problem] = []
        var codes: [String] = []
        var years: [Int] = []
        var subjects: [String] = []
        var totals: [Int] = []
        var lines: [Int] = []
        do {
            let records = try CSVReader.records(in: bytes).filter { !$0.isBlank }
            guard let header = records.first else { throw AssessmentImportRefused(problems: [.init(line: 1, message: "tệp trống")]) }
            let map: HeaderMap
            do {
                map = try HeaderMap(header: header, columns: Self.columns)
            } catch {
                throw AssessmentImportRefused(problems: error.messages.map { .init(line: header.line, message: $0) })
            }
            for record in records.dropFirst() {
                let code = map.value("unit", in: record)
                let yearText = map.value("year", in: record)
                guard !code.isEmpty else {
                    problems.append(.init(line: record.line, column: "mã đơn vị", message: "thiếu mã đơn vị"))
                    continue
                }
                guard let year = Int(yearText), RecordYears.contains(year) else {
                    problems.append(.init(line: record.line, column: "năm", message: "năm \"\(yearText)\" không hợp lệ"))
                    continue
                }
                for (key, subject, title) in [
                    ("household", "household", "hộ gia đình"), ("clan", "clan", "dòng họ"), ("unit_total", "unit", "đơn vị"),
                ] {
                    let text = map.value(key, in: record)
                    if text.isEmpty { continue }
                    guard let total = Int(text.replacingOccurrences(of: ".", with: "")), total >= 0 else {
                        problems.append(.init(line: record.line, column: title, message: "\"\(text)\" không phải số hợp lệ"))
                        continue
                    }
                    codes.append(code)
                    years.append(year)
                    subjects.append(subject)
                    totals.append(total)
                    lines.append(record.line)
                }
            }
        } catch let error as CSVError {
            throw AssessmentImportRefused(problems: [.init(line: error.line, message: error.vietnamese)])
        }
        if !problems.isEmpty { throw AssessmentImportRefused(problems: problems) }
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let unknown = try await connection.query(
                """
                SELECT r.line, r.code FROM unnest(\(lines)::int[], \(codes)::text[], \(years)::int[]) AS r(line, code, year)
                WHERE NOT EXISTS (
                    SELECT 1 FROM admin_units u WHERE u.code = r.code
                    AND daterange(u.valid_from, u.valid_to, '[]') && daterange(make_date(r.year, 1, 1), make_date(r.year, 12, 31), '[]'))
                ORDER BY r.line
                """,
                logger: logger
            )
            var missing: [AssessmentImportRefused.Problem] = []
            for try await (line, code) in unknown.decode((Int, String).self) {
                missing.append(.init(line: line, column: "mã đơn vị", message: "không có đơn vị mã \(code) có hiệu lực trong năm"))
            }
            if !missing.isEmpty { throw AssessmentImportRefused(problems: missing) }
            let stored = try await connection.query(
                """
                WITH rows AS (
                    SELECT DISTINCT ON (r.code, r.year, r.subject) r.code, r.year, r.subject, r.total, u.id, u.province_code
                    FROM unnest(\(codes)::text[], \(years)::int[], \(subjects)::text[], \(totals)::int[]) AS r(code, year, subject, total)
                    JOIN admin_units u ON u.code = r.code
                     AND daterange(u.valid_from, u.valid_to, '[]') && daterange(make_date(r.year, 1, 1), make_date(r.year, 12, 31), '[]')
                    ORDER BY r.code, r.year, r.subject, u.valid_from DESC
                ), upserted AS (
                    INSERT INTO unit_counts (province_code, unit_id, year, subject, total)
                    SELECT province_code, id, year, subject, total FROM rows
                    ON CONFLICT (province_code, unit_id, year, subject) DO UPDATE SET total = excluded.total
                    RETURNING 1
                )
                SELECT count(*)::int FROM upserted
                """,
                logger: logger
            )
            var count = 0
            for try await n in stored.decode(Int.self) { count = n }
            return count
        }
    }

    /// Sets a province's own targets for a year (percentages by indicator id); an id that is not
    /// in `program_indicators` refuses the whole set, naming it.
    public func setTargets(scope: String, year: Int, percents: [String: Decimal], basis: String) async throws {
        try await setTargets(scope: scope, plan: ProgramPlan(basis: basis, targets: [year: percents]))
    }

    /// Stores every target of a plan for a province, in one transaction.
    public func setTargets(scope: String, plan: ProgramPlan) async throws {
        let logger = logger
        let known = Set(try await ProgramIndicator.all(client: client, logger: logger).map(\.id))
        let unknown = Set(plan.targets.values.flatMap(\.keys)).subtracting(known).sorted()
        guard unknown.isEmpty else { throw ProgramTargetError.unknownIndicators(unknown, known: known.sorted()) }
        try await client.transaction(logger: logger) { connection in
            for (year, percents) in plan.targets {
                for (indicator, percent) in percents {
                    try await connection.query(
                        """
                        INSERT INTO program_targets (scope, year, indicator, percent, basis)
                        VALUES (\(scope), \(year), \(indicator), \(NSDecimalNumber(decimal: percent).stringValue)::numeric, \(plan.basis))
                        ON CONFLICT (scope, year, indicator) DO UPDATE SET percent = excluded.percent, basis = excluded.basis
                        """,
                        logger: logger
                    )
                }
            }
        }
    }
}

/// Why targets were refused.
public enum ProgramTargetError: Error, CustomStringConvertible, Equatable {
    case unknownIndicators([String], known: [String])

    public var description: String {
        switch self {
        case .unknownIndicators(let ids, let known):
            "Không có chỉ tiêu \(ids.joined(separator: ", ")) (các chỉ tiêu: \(known.joined(separator: ", ")))."
        }
    }
}
