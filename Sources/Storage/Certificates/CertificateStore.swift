import DataFiles
import Documents
import Foundation
import Logging
import PostgresNIO

/// Certificate layouts in the database (loaded from checked files, all or none, audited) and the
/// certificates of an issued decision: one per awardee in the decision's order (collectives,
/// households, individuals, each by Vietnamese name order), on the province's layout for the form.
public struct CertificateStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public enum CertificateError: Error, Equatable, CustomStringConvertible {
        case noLayout(form: String)
        case notIssued

        public var description: String {
            switch self {
            case .noLayout(let form):
                "Chưa có mẫu in trên phôi cho hình thức \"\(form)\": đề nghị quản trị viên của tỉnh nạp mẫu in (lệnh thidua certificates import, thư mục certificate-layouts/)."
            case .notIssued: "Chỉ in được giấy khen, bằng khen của quyết định đã ban hành."
            }
        }
    }

    /// Reads and checks every file, then stores them in one transaction; unchanged ones are skipped.
    public func load(files: [URL]) async throws -> (loaded: Int, unchanged: Int) {
        let items = try DataFileCatalog.load(
            files: files,
            read: { text, file throws(DataFileError) in try CertificateLayoutReader.read(text, file: file) },
            reference: \.id,
            kind: "mẫu in"
        )
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            try await DataFileRows.store(
                items,
                on: connection,
                logger: logger,
                chain: "certificate-layouts",
                action: "load_certificate_layout",
                upsert: { layout, json, checksum in
                    """
                    INSERT INTO certificate_layouts (province_code, id, layout, checksum) VALUES (\(layout.province), \(layout.id), \(json)::jsonb, \(checksum))
                    ON CONFLICT (province_code, id) DO UPDATE SET layout = EXCLUDED.layout, checksum = EXCLUDED.checksum, loaded_at = now()
                    WHERE certificate_layouts.checksum <> EXCLUDED.checksum
                    RETURNING 1
                    """
                },
                audit: { layout, checksum in (layout.province == "*" ? "00" : layout.province, ["layout": layout.id, "checksum": checksum]) }
            )
        }
    }

    /// The layout printing `form` in the province: its own first, else the default.
    public func layout(provinceCode: String, form: String) async throws -> CertificateLayout? {
        let rows = try await client.query(
            """
            SELECT layout::text FROM certificate_layouts
            WHERE province_code IN (\(provinceCode), '*') AND layout -> 'forms' ? \(form)
            ORDER BY province_code = '*', id LIMIT 1
            """,
            logger: logger
        )
        for try await json in rows.decode(String.self) { return try JSONDecoder().decode(CertificateLayout.self, from: Data(json.utf8)) }
        return nil
    }

    /// The certificates of an issued award decision, with the layout they print on.
    public func certificates(of decision: Decision) async throws -> (layout: CertificateLayout, texts: [CertificateText]) {
        guard decision.isIssued, decision.kind == .award else { throw CertificateError.notIssued }
        guard let layout = try await layout(provinceCode: decision.provinceCode, form: decision.award) else {
            throw CertificateError.noLayout(form: decision.awardTitle)
        }
        let document = decision.document
        let texts = decision.awardees.map { awardee -> CertificateText in
            [
                "issuer": document.issuerTitle,
                "award": decision.namedAwardTitle.uppercased(),
                "name": awardee.name,
                "detail": awardee.detail,
                "unit": awardee.unitName,
                "achievement": awardee.achievement.isEmpty
                    ? "Đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập năm \(decision.roundYear)" : awardee.achievement,
                "decision": "Quyết định số \(decision.numberText ?? "") ngày \(decision.issuedOn ?? "")",
                "place_date": document.placeAndDate,
                "signer_title": decision.signerTitle,
                "signer_name": decision.signerName,
                "number": "Số: \(decision.numberText ?? "")-\(awardee.section.prefix(1).uppercased())\(awardee.position)",
            ]
        }
        return (layout, texts)
    }

    /// The learning-model certificates (Giấy công nhận) of a recorded recognition decision: one
    /// per subject it recognised, on the province's layout for `recognition`.
    public func recognitionCertificates(
        provinceCode: String,
        unitName: String,
        setTitle: String,
        year: Int,
        decision: RecognitionDecisionStore.Recorded,
        subjects: [AssessmentRepository.RecognisedSubject],
        organisation: Organisation? = nil
    ) async throws -> (layout: CertificateLayout, texts: [CertificateText]) {
        guard let layout = try await layout(provinceCode: provinceCode, form: "recognition") else {
            throw CertificateError.noLayout(form: "Giấy công nhận \(setTitle)")
        }
        let parts = decision.issuedOn.split(separator: "/")
        let placeAndDate =
            parts.count == 3 ? "\(DecisionStore.place(unitName)), ngày \(parts[0]) tháng \(parts[1]) năm \(parts[2])" : DecisionStore.place(unitName)
        let texts = subjects.filter { $0.recognisedBy == decision.reference }.map { subject -> CertificateText in
            [
                "issuer": organisation?.issuerTitle ?? "CHỦ TỊCH ỦY BAN NHÂN DÂN \(unitName.uppercased())",
                "award": "\(setTitle.uppercased()) NĂM \(year)",
                "name": subject.subjectName,
                "unit": subject.villageName,
                "achievement": "Đã đạt các tiêu chí danh hiệu “\(setTitle)” năm \(year)",
                "decision": "Quyết định số \(decision.reference)",
                "place_date": placeAndDate,
                "signer_title": decision.signerTitle,
                "signer_name": decision.signerName,
            ]
        }
        return (layout, texts)
    }
}
