import Foundation
import Geography
import Logging
import PostgresNIO

/// The figures units report each period for the indicators only they know (association cadres
/// briefed, commune staff trained, centres an association chair manages): entered on a form,
/// never overwritten — a correction is a new revision, so who entered what and when stays.
public struct ReportedFigureStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// One revision of a figure.
    public struct Revision: Sendable, Equatable {
        public let revision: Int
        public let achieved: Int
        public let base: Int
        public let note: String
        public let enteredBy: String
        public let enteredAt: Date
    }

    /// A reported indicator of a unit for a year: its current figure (the last revision) and
    /// every earlier one, newest first.
    public struct Entry: Sendable {
        public let indicator: ProgramIndicator
        public let revisions: [Revision]
        public var current: Revision? { revisions.first }
    }

    /// What a form sends for one indicator.
    public struct Figure: Sendable, Equatable {
        public let indicator: String
        public let achieved: Int
        public let base: Int
        public let note: String
        /// The revision the person saw (0 for none): a figure changed since is refused, not overwritten.
        public let seenRevision: Int

        public init(indicator: String, achieved: Int, base: Int, note: String = "", seenRevision: Int) {
            self.indicator = indicator
            self.achieved = achieved
            self.base = base
            self.note = note
            self.seenRevision = seenRevision
        }
    }

    /// Why figures were refused: every problem at once, by field name (`<indicator>.achieved`…).
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case fields([String: String])
        /// Someone saved the indicator since the form was opened.
        case stale(indicators: [String])

        public var description: String {
            switch self {
            case .fields(let problems): problems.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")
            case .stale(let ids):
                "Số liệu \(ids.joined(separator: ", ")) vừa được người khác cập nhật: hãy xem số liệu mới rồi nhập lại."
            }
        }
    }

    /// "Tổng số cán bộ…" → "tổng số cán bộ…": only the first letter, names keep theirs.
    static func inSentence(_ label: String) -> String { label.prefix(1).lowercased() + label.dropFirst() }

    /// The most a reported count may be (people or centres of a province).
    public static let largest = 100_000_000

    /// The reported indicators with the unit's figures for the year.
    public func entries(provinceCode: String, unitID: Int, year: Int) async throws -> [Entry] {
        let indicators = try await ProgramIndicator.all(client: client, logger: logger).filter { $0.kind == .reported }
        let rows = try await client.query(
            """
            SELECT f.indicator, f.revision, f.achieved, f.base, f.note, u.full_name || ' (' || u.username || ')', f.entered_at
            FROM reported_figures f JOIN users u ON u.id = f.entered_by
            WHERE f.province_code = \(provinceCode) AND f.unit_id = \(unitID) AND f.year = \(year)
            ORDER BY f.indicator, f.revision DESC
            """,
            logger: logger
        )
        var revisions: [String: [Revision]] = [:]
        for try await (indicator, revision, achieved, base, note, by, at) in rows.decode((String, Int, Int, Int, String, String, Date).self) {
            revisions[indicator, default: []].append(
                Revision(revision: revision, achieved: achieved, base: base, note: note, enteredBy: by, enteredAt: at)
            )
        }
        return indicators.map { Entry(indicator: $0, revisions: revisions[$0.id] ?? []) }
    }

    /// Checks every figure, then stores those that changed as new revisions in one transaction.
    /// Returns how many were stored. The caller has checked that the person may report for the unit.
    @discardableResult
    public func record(provinceCode: String, unitID: Int, year: Int, figures: [Figure], userID: Int) async throws -> Int {
        let indicators = Dictionary(
            uniqueKeysWithValues: try await ProgramIndicator.all(client: client, logger: logger).filter { $0.kind == .reported }.map { ($0.id, $0) }
        )
        var problems: [String: String] = [:]
        for figure in figures {
            guard let indicator = indicators[figure.indicator] else {
                problems[figure.indicator] = "Không có chỉ tiêu báo cáo \"\(figure.indicator)\"."
                continue
            }
            let name = indicator.name
            if figure.base < 0 || figure.base > Self.largest {
                problems["\(figure.indicator).base"] = "\(indicator.baseLabel ?? "Tổng số") (\(name)) phải là số từ 0 đến \(Self.largest)."
            }
            if figure.achieved < 0 || figure.achieved > Self.largest {
                problems["\(figure.indicator).achieved"] = "\(indicator.achievedLabel ?? "Số đạt") (\(name)) phải là số từ 0 đến \(Self.largest)."
            } else if figure.achieved > figure.base, figure.base >= 0 {
                problems["\(figure.indicator).achieved"] =
                    "\(indicator.achievedLabel ?? "Số đạt") (\(figure.achieved)) lớn hơn \(Self.inSentence(indicator.baseLabel ?? "Tổng số")) (\(figure.base)) — \(name)."
            }
            if figure.note.count > 1000 { problems["\(figure.indicator).note"] = "Ghi chú (\(name)) dài quá 1000 ký tự." }
        }
        guard problems.isEmpty else { throw Refusal.fields(problems) }
        guard RecordYears.contains(year) else { throw Refusal.fields(["year": RecordYears.refusal(year)]) }

        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            var stored = 0
            var stale: [String] = []
            var unexplained: [String: String] = [:]
            for figure in figures {
                // Optimistic: the next revision's key is taken by whoever saves first; the other
                // save inserts nothing and is told to look again.
                let current = try await connection.query(
                    """
                    SELECT revision, achieved, base, note FROM reported_figures
                    WHERE province_code = \(provinceCode) AND unit_id = \(unitID) AND indicator = \(figure.indicator) AND year = \(year)
                    ORDER BY revision DESC LIMIT 1
                    """,
                    logger: logger
                )
                var last: (Int, Int, Int, String)?
                for try await row in current.decode((Int, Int, Int, String).self) { last = row }
                let revision = last?.0 ?? 0
                if let last, last.1 == figure.achieved, last.2 == figure.base, last.3 == figure.note { continue }
                guard revision == figure.seenRevision else {
                    stale.append(figure.indicator)
                    continue
                }
                // A correction of a reported figure says why: the history shows each reason.
                if let last, last.1 != figure.achieved || last.2 != figure.base, figure.note.isEmpty || figure.note == last.3 {
                    let name = indicators[figure.indicator]?.name ?? figure.indicator
                    unexplained["\(figure.indicator).note"] = "Sửa số liệu đã báo cáo (\(name)): ghi lý do sửa vào ô ghi chú."
                    continue
                }
                let inserted = try await connection.query(
                    """
                    INSERT INTO reported_figures (province_code, unit_id, indicator, year, revision, achieved, base, note, entered_by)
                    VALUES (\(provinceCode), \(unitID), \(figure.indicator), \(year), \(revision + 1), \(figure.achieved), \(figure.base),
                            \(figure.note), \(userID))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """,
                    logger: logger
                )
                var made = false
                for try await _ in inserted.decode(Int.self) { made = true }
                if made { stored += 1 } else { stale.append(figure.indicator) }
            }
            guard unexplained.isEmpty else { throw Refusal.fields(unexplained) }
            guard stale.isEmpty else { throw Refusal.stale(indicators: stale) }
            return stored
        }
    }
}
