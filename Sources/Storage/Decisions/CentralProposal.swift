import Documents
import Foundation
import Geography
import Logging
import PostgresNIO
import Workflow

/// The dossier a province sends to propose a Bằng khen của Thủ tướng: the memo (tờ trình) with
/// its list, the list as a spreadsheet, the minutes of the province council, and each nominee's
/// achievement report — one ZIP. It lists the round's nominations for central awards that the
/// province council passed (posted for comment, or already sent up).
public struct CentralProposal: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public enum ProposalError: Error, Equatable, CustomStringConvertible {
        case nothingToPropose
        /// Too many or too large achievement reports for one archive (built in memory).
        case tooLarge(reports: Int, megabytes: Int)

        public var description: String {
            switch self {
            case .nothingToPropose: "Không có hồ sơ nào của đợt đang chờ đề nghị Thủ tướng Chính phủ (đã qua Hội đồng cấp tỉnh)."
            case .tooLarge(let reports, let megabytes):
                "Báo cáo thành tích quá nhiều hoặc quá lớn để gộp vào một tệp nén (từ \(reports) tệp, \(megabytes) MB): hãy trình theo từng đợt nhỏ hơn."
            }
        }
    }

    /// The most bytes of reports gathered into one proposal archive.
    static let mostReportBytes = 512 * 1_048_576

    public struct Nominee: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let kind: String
        public let detail: String
        public let unitName: String
        public let achievement: String
        public let award: String
    }

    public func nominees(round key: RoundKey) async throws -> (workflow: WorkflowDefinition, roundName: String, [Nominee]) {
        let (provinceCode, roundID) = (key.provinceCode, key.id)
        let head = try await client.query(
            "SELECT workflow_id || '@' || workflow_version, name FROM rounds WHERE province_code = \(provinceCode) AND id = \(roundID)",
            logger: logger
        )
        var found: (String, String)?
        for try await row in head.decode((String, String).self) { found = row }
        guard let (reference, roundName) = found else { throw NominationStore.NominationError.unknownRound }
        let definition = try await workflows.definition(reference)
        let centralAwards = definition.awards.filter { $0.decidedAt == .central }.map(\.id)
        // Steps after the province council for central awards: posted, or sent up.
        let steps = definition.states.filter { state in
            !state.isFinal && (state.level == .central || state.postingDays != nil)
        }.map(\.id)
        let rows = try await client.query(
            """
            SELECT n.id, n.nominee_name, n.nominee_kind, n.nominee_detail, u.name, n.achievement, n.award
            FROM nominations n JOIN admin_units u ON u.id = n.unit_id
            WHERE n.province_code = \(provinceCode) AND n.round_id = \(roundID) AND n.is_open
              AND n.award = ANY(\(centralAwards)) AND n.state = ANY(\(steps))
            ORDER BY CASE n.nominee_kind WHEN 'individual' THEN 3 WHEN 'household' THEN 2 ELSE 1 END, n.nominee_name, n.id
            """,
            logger: logger
        )
        var out: [Nominee] = []
        for try await (id, name, kind, detail, unit, achievement, award) in rows.decode((Int, String, String, String, String, String, String).self) {
            out.append(Nominee(id: id, name: name, kind: kind, detail: detail, unitName: unit, achievement: achievement, award: award))
        }
        return (definition, roundName, out)
    }

    /// The list of a proposal in the sections a decision reads them in (collectives, households,
    /// individuals), each numbered from 1; shared with the tờ trình of a council's closing.
    static func sections(_ nominees: [Nominee]) -> [DecisionDocument.Section] {
        let section: (String) -> String = { kind in kind == "individual" ? "individual" : kind == "household" ? "household" : "collective" }
        let roman = ["I", "II", "III"]
        var sections: [DecisionDocument.Section] = []
        for key in Decision.sectionOrder {
            let listed = nominees.filter { section($0.kind) == key }
            guard !listed.isEmpty else { continue }
            sections.append(
                .init(
                    heading: "\(roman[sections.count]). \(Decision.sectionTitle(key).uppercased())",
                    awardees: listed.enumerated().map {
                        .init(number: $0 + 1, name: $1.name, detail: $1.detail, unit: $1.unitName, achievement: $1.achievement)
                    }
                )
            )
        }
        return sections
    }

    /// The ZIP of the dossier.
    public func dossier(round key: RoundKey) async throws -> [UInt8] {
        let (provinceCode, roundID) = (key.provinceCode, key.id)
        let (definition, roundName, nominees) = try await nominees(round: RoundKey(provinceCode: provinceCode, id: roundID))
        guard !nominees.isEmpty else { throw ProposalError.nothingToPropose }
        let province = try await client.query(
            "SELECT name FROM admin_units WHERE province_code = \(provinceCode) AND level = 'province' ORDER BY valid_to DESC NULLS FIRST LIMIT 1",
            logger: logger
        )
        var provinceName = "Tỉnh \(provinceCode)"
        for try await name in province.decode(String.self) { provinceName = name }
        let award = definition.awards.first { $0.decidedAt == .central }?.title ?? "Bằng khen của Thủ tướng Chính phủ"
        let sections = Self.sections(nominees)
        var memo = DecisionDocument(
            authority: ["ỦY BAN NHÂN DÂN", provinceName.uppercased()],
            number: "      /TTr-UBND",
            placeAndDate: "\(DecisionStore.place(provinceName)), ngày      tháng      năm \(Day.todayInVietnam.year)",
            title: "Về việc đề nghị Thủ tướng Chính phủ tặng \(award.replacingOccurrences(of: " của Thủ tướng Chính phủ", with: ""))",
            issuerTitle: "Kính gửi: Thủ tướng Chính phủ (qua Ban Thi đua – Khen thưởng Trung ương)",
            bases: [
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng;",
            ],
            proposal:
                "Xét đề nghị của Hội đồng Thi đua – Khen thưởng \(provinceName.inSentence), Ủy ban nhân dân \(provinceName.inSentence) kính trình Thủ tướng Chính phủ xem xét, tặng \(award) cho \(nominees.count) tập thể, hộ gia đình và cá nhân đã có thành tích trong \(roundName) (có danh sách, báo cáo thành tích và biên bản họp Hội đồng kèm theo).",
            articles: ["Ủy ban nhân dân \(provinceName.inSentence) kính trình Thủ tướng Chính phủ xem xét, quyết định./."],
            recipients: ["- Như trên;", "- Ban Thi đua – Khen thưởng Trung ương;", "- Lưu: VT."],
            signerTitle: "CHỦ TỊCH",
            signerName: "",
            listCaption: "(Kèm theo Tờ trình số      /TTr-UBND của Ủy ban nhân dân \(provinceName.inSentence))",
            sections: sections,
            isDraft: true
        )
        memo.heading = "TỜ TRÌNH"
        memo.operativeHeading = nil
        memo.listHeading = "DANH SÁCH ĐỀ NGHỊ TẶNG \(award.uppercased())"

        var zip = ZipArchive()
        zip.add("01-to-trinh.docx", DocxWriter.write(memo))
        zip.add("02-danh-sach.xlsx", XlsxWriter.write(memo, sheetName: "Danh sách đề nghị"))
        zip.add("03-bien-ban-hoi-dong.txt", try await minutes(provinceCode: provinceCode, nominationIDs: nominees.map(\.id)))
        let reports = try await client.query(
            """
            SELECT d.nomination_id, d.file_name, f.content FROM nomination_documents d JOIN evidence_files f ON f.sha256 = d.sha256
            WHERE d.province_code = \(provinceCode) AND d.nomination_id = ANY(\(nominees.map(\.id))) AND d.kind = 'bao_cao_thanh_tich'
              AND d.replaced_at IS NULL
            ORDER BY d.nomination_id, d.uploaded_at
            """,
            logger: logger
        )
        // The archive is built in memory: past the bound the province sends the reports in parts.
        var index = 0
        var total = 0
        for try await (nomination, fileName, content) in reports.decode((Int, String, ByteBuffer).self) {
            index += 1
            total += content.readableBytes
            guard index < ZipArchive.mostEntries, total <= Self.mostReportBytes else {
                throw ProposalError.tooLarge(reports: index, megabytes: total / 1_048_576)
            }
            zip.add("04-bao-cao-thanh-tich/\(String(format: "%03d", index))-ho-so-\(nomination)-\(fileName)", Array(buffer: content))
        }
        return zip.finish()
    }

    /// The province council's results for these nominations, as plain text minutes.
    func minutes(provinceCode: String, nominationIDs: [Int]) async throws -> String {
        let rows = try await client.query(
            """
            SELECT s.id, s.title, to_char(s.held_on, 'DD/MM/YYYY'), n.nominee_name, a.outcome, coalesce(a.reason, '')
            FROM council_agenda a
            JOIN council_sessions s ON s.province_code = a.province_code AND s.id = a.session_id
            JOIN admin_units u ON u.id = s.unit_id AND u.level = 'province'
            JOIN nominations n ON n.province_code = a.province_code AND n.id = a.nomination_id
            WHERE a.province_code = \(provinceCode) AND a.nomination_id = ANY(\(nominationIDs)) AND s.closed_at IS NOT NULL
            ORDER BY s.held_on, s.id, n.nominee_name
            """,
            logger: logger
        )
        var text = "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG CẤP TỈNH (trích kết quả biểu quyết)\r\n\r\n"
        var lastSession = -1
        for try await (session, title, day, name, outcome, reason) in rows.decode((Int, String, String, String, String?, String).self) {
            if session != lastSession {
                text += "\(title) — ngày \(day)\r\n"
                lastSession = session
            }
            text += "  - \(name): \(outcome == "passed" ? "thông qua" : "không thông qua")\(reason.isEmpty ? "" : " (\(reason))")\r\n"
        }
        if lastSession == -1 {
            text += "Chưa có phiên họp cấp tỉnh nào được ghi trên hệ thống cho các hồ sơ này (biểu quyết được ghi trực tiếp vào hồ sơ).\r\n"
        }
        return text
    }
}
