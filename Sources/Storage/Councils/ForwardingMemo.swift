import Documents
import Logging
import PostgresNIO
import Workflow

/// The tờ trình a level sends with the dossiers its council passed up to the next level: the
/// People's Committee of the council's unit asks the chair of the receiving one to award them,
/// citing the law, the decree and the session's minutes, with the list attached. Made when the
/// session closes and put into each forwarded dossier as its "Tờ trình" (Word: the văn thư
/// numbers it and the chair signs it before it leaves).
enum ForwardingMemo {
    static let kind = "to_trinh"

    /// The memo for the nominations of `session` that its closing moved to `level`, or nil when
    /// none went up.
    static func document(
        _ connection: PostgresConnection,
        logger: Logger,
        session: CouncilSession,
        forwarded ids: [Int],
        to level: WorkflowDefinition.Level,
        awardTitles: [Int: String]
    ) async throws -> DecisionDocument? {
        guard !ids.isEmpty else { return nil }
        // The unit the dossiers go to: the session's unit's ancestor at that level.
        let receivers = try await connection.query(
            """
            SELECT a.name FROM admin_unit_scope s JOIN admin_units a ON a.id = s.scope_id
            WHERE s.unit_id = \(session.unitID) AND a.level = \(level.rawValue) LIMIT 1
            """,
            logger: logger
        )
        var receiver: String?
        for try await name in receivers.decode(String.self) { receiver = name }
        let rows = try await connection.query(
            """
            SELECT n.id, n.nominee_name, n.nominee_kind, n.nominee_detail, u.name, n.achievement
            FROM nominations n JOIN admin_units u ON u.id = n.unit_id
            WHERE n.province_code = \(session.provinceCode) AND n.id = ANY(\(ids))
            ORDER BY CASE n.nominee_kind WHEN 'individual' THEN 3 WHEN 'household' THEN 2 ELSE 1 END, n.nominee_name, n.id
            """,
            logger: logger
        )
        var nominees: [CentralProposal.Nominee] = []
        for try await (id, name, kind, detail, unit, achievement) in rows.decode((Int, String, String, String, String, String).self) {
            nominees.append(
                CentralProposal.Nominee(
                    id: id,
                    name: name,
                    kind: kind,
                    detail: detail,
                    unitName: unit,
                    achievement: achievement,
                    award: awardTitles[id] ?? ""
                )
            )
        }
        let awards = Array(Set(nominees.map(\.award))).sorted()
        let award = awards.count == 1 ? awards[0] : "hình thức khen thưởng ghi trong danh sách kèm theo"
        let parts = session.heldOn.split(separator: "/")
        let minutes = session.minutesNumberText.map { "số \($0) " } ?? ""
        let placeAndDate = "\(DecisionStore.place(session.unitName)), ngày      tháng      năm \(parts.last.map(String.init) ?? "")"
        if let organisation = session.organisation {
            return try await organisationMemo(
                connection,
                logger: logger,
                session: session,
                organisation: organisation,
                level: level,
                nominees: nominees,
                award: award,
                minutes: minutes,
                placeAndDate: placeAndDate
            )
        }
        let sender = "Ủy ban nhân dân \(session.unitName.inSentence)"
        let to = receiver.map { "Chủ tịch Ủy ban nhân dân \($0.inSentence)" } ?? "Chủ tịch Ủy ban nhân dân cấp trên"
        var memo = DecisionDocument(
            authority: ["ỦY BAN NHÂN DÂN", session.unitName.uppercased()],
            number: "      /TTr-UBND",
            placeAndDate: placeAndDate,
            title: "Về việc đề nghị tặng \(award)",
            issuerTitle: "Kính gửi: \(to)" + (level == .province ? " (qua Sở Nội vụ)" : ""),
            bases: [
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng;",
                "Căn cứ Biên bản \(minutes)ngày \(session.heldOn) của Hội đồng Thi đua – Khen thưởng \(session.unitName.inSentence);",
            ],
            proposal:
                "\(sender) kính đề nghị \(to) xem xét, tặng \(award) cho \(nominees.count) tập thể, hộ gia đình và cá nhân đã có thành tích xuất sắc trong phong trào thi đua (có danh sách, báo cáo thành tích và biên bản họp Hội đồng kèm theo).",
            articles: ["\(sender) kính trình \(to) xem xét, quyết định./."],
            recipients: ["- Như trên;", "- Lưu: VT."],
            signerTitle: "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            signerName: session.chair?.fullName ?? "",
            listCaption: "(Kèm theo Tờ trình số      /TTr-UBND của \(sender))",
            sections: CentralProposal.sections(nominees),
            isDraft: true
        )
        memo.heading = "TỜ TRÌNH"
        memo.operativeHeading = nil
        memo.listHeading = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
        return memo
    }

    /// An organisation's tờ trình: its Ban Thường vụ asks the organisation of the same kind at the
    /// receiving level (the commune association, the province's) to award, citing its charter and
    /// the Ban Thường vụ's minutes, under its own header and symbol.
    private static func organisationMemo(
        _ connection: PostgresConnection,
        logger: Logger,
        session: CouncilSession,
        organisation: CouncilSession.Body,
        level: WorkflowDefinition.Level,
        nominees: [CentralProposal.Nominee],
        award: String,
        minutes: String,
        placeAndDate: String
    ) async throws -> DecisionDocument {
        let rows = try await connection.query(
            """
            SELECT parent.name,
                   (SELECT r.name FROM admin_unit_scope s JOIN admin_units a ON a.id = s.scope_id
                    JOIN organisations r ON r.unit_id = a.id AND r.kind = o.kind
                    WHERE s.unit_id = o.unit_id AND a.level = \(level.rawValue) ORDER BY r.id LIMIT 1)
            FROM organisations o LEFT JOIN organisations parent ON parent.id = o.parent_id
            WHERE o.id = \(organisation.id)
            """,
            logger: logger
        )
        var parentName: String?
        var receiver: String?
        for try await (parent, found) in rows.decode((String?, String?).self) { (parentName, receiver) = (parent, found) }
        let own = organisation.symbol.split(separator: "-").dropFirst().joined(separator: "-")
        let symbol = "TTr-" + (own.isEmpty ? organisation.symbol : own)
        let to = "Ban Thường vụ \(receiver ?? parentName ?? "cấp trên")"
        var memo = DecisionDocument(
            authority: [parentName?.uppercased(), organisation.name.uppercased()].compactMap { $0 },
            number: "      /\(symbol)",
            placeAndDate: placeAndDate,
            title: "Về việc đề nghị tặng \(award)",
            issuerTitle: "Kính gửi: \(to)",
            bases: [
                RecognitionDecision.basis(session.foundingDecision),
                "Căn cứ Biên bản \(minutes)ngày \(session.heldOn) của Ban Thường vụ \(organisation.name);",
            ],
            proposal:
                "Ban Thường vụ \(organisation.name) kính đề nghị \(to) xem xét, tặng \(award) cho \(nominees.count) tập thể, hộ gia đình và cá nhân đã có thành tích xuất sắc trong công tác khuyến học, khuyến tài, xây dựng xã hội học tập (có danh sách, báo cáo thành tích và biên bản họp kèm theo).",
            articles: ["Ban Thường vụ \(organisation.name) kính trình \(to) xem xét, quyết định./."],
            recipients: ["- Như trên;", "- Lưu: VP."],
            signerTitle: "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH",
            signerName: session.chair?.fullName ?? "",
            listCaption: "(Kèm theo Tờ trình số      /\(symbol) của Ban Thường vụ \(organisation.name))",
            sections: CentralProposal.sections(nominees),
            isDraft: true
        )
        memo.heading = "TỜ TRÌNH"
        memo.operativeHeading = nil
        memo.listHeading = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
        return memo
    }
}
