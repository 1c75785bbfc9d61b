import Logging
import PostgresNIO

/// One thing a programme sets a target for (table `program_indicators`): a title share, a share
/// computed from other records, or a figure units report each period. Data, not code: a province
/// adds its own with a migration or `psql`, and every report, page and export lists what is there.
public struct ProgramIndicator: Sendable, Codable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// Recognised subjects of a kind, of all of them.
        case title
        /// "Công dân học tập" holders among the adults (or staff) of recognised subjects.
        case holders
        /// Title holders of a set whose criterion reached a number of points.
        case criterion
        /// Title holders who entered their own self-assessment with their own account.
        case selfUpdated = "self_updated"
        /// A figure and its base a unit reports for a year.
        case reported
    }

    public let id: String
    public let name: String
    public let kind: Kind
    /// What the share means and how it is measured.
    public let basis: String
    /// For reported figures: what the two numbers of the form count.
    public let achievedLabel: String?
    public let baseLabel: String?
    /// For reported figures: the kind of organisation whose staff report it at a unit (the Hội
    /// Khuyến học's own figures); nil: the unit's own staff.
    public var reporterKind: String? = nil

    public init(id: String, name: String, kind: Kind, basis: String, achievedLabel: String? = nil, baseLabel: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.basis = basis
        self.achievedLabel = achievedLabel
        self.baseLabel = baseLabel
    }

    /// Every indicator in the order reports show them.
    public static func all(client: PostgresClient, logger: Logger) async throws -> [ProgramIndicator] {
        let rows = try await client.query(
            "SELECT id, name, kind, basis, achieved_label, base_label, reporter_kind FROM program_indicators ORDER BY position",
            logger: logger
        )
        var out: [ProgramIndicator] = []
        for try await (id, name, kind, basis, achieved, base, reporter) in rows.decode(
            (String, String, String, String, String?, String?, String?).self
        ) {
            var indicator = ProgramIndicator(
                id: id,
                name: name,
                kind: Kind(rawValue: kind) ?? .reported,
                basis: basis,
                achievedLabel: achieved,
                baseLabel: base
            )
            indicator.reporterKind = reporter
            out.append(indicator)
        }
        return out
    }
}
