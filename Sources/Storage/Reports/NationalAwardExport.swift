import Documents
import Foundation
import Logging
import PostgresNIO
import Workflow

/// The awards of a province in a year, for the national emulation and commendation database: one
/// record per awardee of every issued award decision (ThiDua's and those recorded from elsewhere),
/// revocations flagged, in a versioned layout described in docs/national-export.md. The layout
/// never changes under its version: a new field is a new version.
public struct NationalAwardExport: Sendable, Codable, Equatable {
    public static let layout = "thidua-khen-thuong"
    public static let version = 1

    public let layout: String
    public let version: Int
    public let province: String
    public let year: Int
    public let awards: [Record]

    public struct Record: Sendable, Codable, Equatable {
        /// `thidua` (issued in ThiDua) or `external` (recorded from elsewhere).
        public let source: String
        public let decisionNumber: String
        /// yyyy-MM-dd.
        public let decisionDate: String
        public let issuer: String
        public let awardForm: String
        /// `giay-khen`, `bang-khen-bo-tinh`, `bang-khen-thu-tuong`, or empty when not one of these.
        public let awardTier: String
        /// `individual`, `household`, `clan`, `collective`, `enterprise`, `administrative_unit`.
        public let nomineeKind: String
        public let nomineeName: String
        /// CCCD, household code or tax code as recorded; empty when none was recorded.
        public let nomineeID: String
        public let unitCode: String
        public let unitName: String
        public let achievement: String
        /// `merit`, `thematic`, `sudden`, `simplified`, `other`.
        public let basis: String
        /// The award was revoked by a decision issued since (its number in `revokedBy`).
        public let revoked: Bool
        public let revokedBy: String
    }

    /// The CSV columns, in order (the JSON fields of a record, by the same names).
    public static let columns = [
        "source", "decisionNumber", "decisionDate", "issuer", "awardForm", "awardTier", "nomineeKind", "nomineeName", "nomineeID", "unitCode",
        "unitName", "achievement", "basis", "revoked", "revokedBy",
    ]

    public static func build(client: PostgresClient, workflows: WorkflowRepository, logger: Logger, provinceCode: String, year: Int) async throws
        -> NationalAwardExport
    {
        var records: [Record] = []
        let own = try await client.query(
            """
            SELECT d.number || '/' || d.symbol, to_char(d.issued_on, 'YYYY-MM-DD'), replace(d.authority_name, E'\\n', ' '), d.award_title, d.award,
                   r.workflow_id || '@' || r.workflow_version, n.nominee_kind, a.name, n.nominee_key, u.code, u.name, a.achievement, n.basis,
                   (SELECT rd.number || '/' || rd.symbol FROM decision_awardees ra
                    JOIN decisions rd ON rd.province_code = ra.province_code AND rd.id = ra.decision_id
                    WHERE rd.province_code = d.province_code AND rd.refers_to = d.id AND rd.kind = 'revocation' AND rd.status = 'issued'
                      AND ra.nomination_id = n.id LIMIT 1)
            FROM decisions d
            JOIN decision_awardees a ON a.province_code = d.province_code AND a.decision_id = d.id
            JOIN nominations n ON n.province_code = a.province_code AND n.id = a.nomination_id
            JOIN rounds r ON r.province_code = d.province_code AND r.id = d.round_id
            JOIN admin_units u ON u.id = n.unit_id
            WHERE d.province_code = \(provinceCode) AND d.status = 'issued' AND d.kind = 'award' AND d.year = \(year)
            ORDER BY d.issued_on, d.id, CASE a.section WHEN 'collective' THEN 1 WHEN 'household' THEN 2 ELSE 3 END, a.position
            """,
            logger: logger
        )
        for try await r in own.decode(
            (String, String, String, String, String, String, String, String, String, String, String, String, String, String?).self
        ) {
            let level = try? await workflows.definition(r.5).award(r.4)?.decidedAt
            records.append(
                Record(
                    source: "thidua",
                    decisionNumber: r.0,
                    decisionDate: r.1,
                    issuer: r.2,
                    awardForm: r.3,
                    awardTier: level.map { Self.tier($0) } ?? "",
                    nomineeKind: r.6,
                    nomineeName: r.7,
                    nomineeID: r.8,
                    unitCode: r.9,
                    unitName: r.10,
                    achievement: r.11,
                    basis: r.12,
                    revoked: r.13 != nil,
                    revokedBy: r.13 ?? ""
                )
            )
        }
        let external = try await client.query(
            """
            SELECT x.number, to_char(x.issued_on, 'YYYY-MM-DD'), x.issuer, x.award_title, x.issuer_kind, e.nominee_kind, e.name,
                   coalesce(e.nominee_key, ''), u.code, u.name, e.achievement, coalesce(r.basis, 'other')
            FROM external_decisions x
            JOIN external_awardees e ON e.province_code = x.province_code AND e.decision_id = x.id
            JOIN admin_units u ON u.id = e.unit_id
            LEFT JOIN rounds r ON r.province_code = x.province_code AND r.id = x.round_id
            WHERE x.province_code = \(provinceCode) AND extract(year FROM x.issued_on) = \(year)
            ORDER BY x.issued_on, x.id, e.position
            """,
            logger: logger
        )
        for try await r in external.decode((String, String, String, String, String, String, String, String, String, String, String, String).self) {
            let bangKhen = r.3.lowercased().contains("bằng khen")
            let tier =
                !bangKhen
                ? ""
                : r.4 == "prime_minister" ? "bang-khen-thu-tuong" : ["ministry", "central_organisation"].contains(r.4) ? "bang-khen-bo-tinh" : ""
            records.append(
                Record(
                    source: "external",
                    decisionNumber: r.0,
                    decisionDate: r.1,
                    issuer: r.2,
                    awardForm: r.3,
                    awardTier: tier,
                    nomineeKind: r.5,
                    nomineeName: r.6,
                    nomineeID: r.7,
                    unitCode: r.8,
                    unitName: r.9,
                    achievement: r.10,
                    basis: r.11,
                    revoked: false,
                    revokedBy: ""
                )
            )
        }
        return NationalAwardExport(layout: Self.layout, version: Self.version, province: provinceCode, year: year, awards: records)
    }

    static func tier(_ level: WorkflowDefinition.Level) -> String { AwardTier(decidedAt: level).rawValue }

    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// UTF-8 with a byte-order mark, CRLF, a header row of `columns`.
    public var csv: String {
        var out = "\u{FEFF}" + CSVWriter.line(Self.columns) + "\r\n"
        for r in awards {
            out +=
                CSVWriter.line([
                    r.source, r.decisionNumber, r.decisionDate, r.issuer, r.awardForm, r.awardTier, r.nomineeKind, r.nomineeName, r.nomineeID,
                    r.unitCode, r.unitName, r.achievement, r.basis, r.revoked ? "true" : "false", r.revokedBy,
                ]) + "\r\n"
        }
        return out
    }
}
