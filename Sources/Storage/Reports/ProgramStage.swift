import Foundation
import Geography
import Logging
import PostgresNIO

/// A stage of the program that recognition is reported by ("Giai đoạn 2021–2025"), as data in
/// `program_stages`: the nation's, and a province's own where it has set any.
public struct ProgramStage: Sendable, Codable, Equatable {
    public let scope: String
    public let firstYear: Int
    public let lastYear: Int
    public let name: String
    public let basis: String

    public init(scope: String, firstYear: Int, lastYear: Int, name: String, basis: String) {
        self.scope = scope
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.name = name
        self.basis = basis
    }

    public var years: ClosedRange<Int> { firstYear...lastYear }

    /// "2021-2025" (ASCII hyphen), the form a stage is named by in URLs and on the command line.
    public var key: String { "\(firstYear)-\(lastYear)" }

    /// The stages that apply to a province (the nation's, then its own), or the nation's for a
    /// national report; in order of their years.
    public static func all(client: PostgresClient, logger: Logger, provinceCode: String?) async throws -> [ProgramStage] {
        let rows = try await client.query(
            """
            SELECT scope, first_year::int, last_year::int, name, basis FROM program_stages
            WHERE scope = 'VN' OR scope = \(provinceCode)
            ORDER BY first_year, last_year, scope
            """,
            logger: logger
        )
        var out: [ProgramStage] = []
        for try await (scope, first, last, name, basis) in rows.decode((String, Int, Int, String, String).self) {
            out.append(ProgramStage(scope: scope, firstYear: first, lastYear: last, name: name, basis: basis))
        }
        return out
    }

    /// Reads "2021-2025" or "2021–2025"; nil for anything else.
    public static func years(parsing text: String) -> ClosedRange<Int>? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let first = parts[0], let last = parts[1], RecordYears.contains(first),
            (first...RecordYears.range.upperBound).contains(last)
        else { return nil }
        return first...last
    }
}
