import Documents
import Foundation
import Geography
import Logging
import PostgresNIO
import Tabular
import Workflow

/// Award decisions issued outside ThiDua, recorded by the province: the Prime Minister's answer to
/// a proposal (which closes the nominations it answers), the President's, a ministry's, a central
/// mass organisation's. Each awardee is linked to the nomination waiting for that decision when
/// exactly one fits; when several fit, the recording is refused until the right one is named —
/// never guessed. One transaction: the scan, the decision, its awardees, the nominations closed.
public struct ExternalDecisionStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public enum IssuerKind: String, Sendable, Codable, CaseIterable {
        case primeMinister = "prime_minister"
        case president
        case ministry
        case centralOrganisation = "central_organisation"
        case other

        public var vietnamese: String {
            switch self {
            case .primeMinister: "Thủ tướng Chính phủ"
            case .president: "Chủ tịch nước"
            case .ministry: "Bộ, ban, ngành Trung ương"
            case .centralOrganisation: "Tổ chức chính trị – xã hội, đoàn thể Trung ương"
            case .other: "Cơ quan khác"
            }
        }
    }

    public struct NewAwardee: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var key: String?
        public var detail: String
        /// The unit the awardee belongs to; a linked nomination's own unit wins.
        public var unitID: Int
        public var achievement: String
        /// The nomination this award answers, when the official picked it.
        public var nominationID: Int?

        public init(
            name: String,
            kind: String,
            key: String? = nil,
            detail: String = "",
            unitID: Int,
            achievement: String = "",
            nominationID: Int? = nil
        ) {
            self.name = name
            self.kind = kind
            self.key = key
            self.detail = detail
            self.unitID = unitID
            self.achievement = achievement
            self.nominationID = nominationID
        }
    }

    public struct NewDecision: Sendable {
        public var provinceCode: String
        public var issuerKind: IssuerKind
        public var issuer: String
        public var number: String
        public var issuedOn: Day
        public var awardTitle: String
        public var roundID: Int?
        public var awardees: [NewAwardee]
        public var document: (bytes: [UInt8], fileName: String)

        public init(
            provinceCode: String,
            issuerKind: IssuerKind,
            issuer: String,
            number: String,
            issuedOn: Day,
            awardTitle: String,
            roundID: Int? = nil,
            awardees: [NewAwardee],
            document: (bytes: [UInt8], fileName: String)
        ) {
            self.provinceCode = provinceCode
            self.issuerKind = issuerKind
            self.issuer = issuer
            self.number = number
            self.issuedOn = issuedOn
            self.awardTitle = awardTitle
            self.roundID = roundID
            self.awardees = awardees
            self.document = document
        }
    }

    public struct Awardee: Sendable, Equatable, Codable {
        public let position: Int
        public let name: String
        public let kind: String
        public let key: String?
        public let detail: String
        public let unitName: String
        public let achievement: String
        public let nominationID: Int?
    }

    public struct ExternalDecision: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let issuerKind: IssuerKind
        public let issuer: String
        public let number: String
        /// dd/MM/yyyy.
        public let issuedOn: String
        public let awardTitle: String
        public let roundID: Int?
        public let documentSHA: String
        public let documentName: String
        public let recordedAt: String
        public let awardees: [Awardee]

        /// "1234/QĐ-TTg ngày 20/12/2026 của Thủ tướng Chính phủ".
        public var reference: String { "\(number) ngày \(issuedOn) của \(issuer)" }

        /// The awardees in the sections a decision reads them in, each in the decision's order.
        public var sections: [DecisionDocument.Section] {
            CentralProposal.sections(
                awardees.map {
                    .init(
                        id: $0.nominationID ?? 0,
                        name: $0.name,
                        kind: $0.kind,
                        detail: $0.detail,
                        unitName: $0.unitName,
                        achievement: $0.achievement,
                        award: awardTitle
                    )
                }
            )
        }
    }

    public enum RecordError: Error, Equatable, CustomStringConvertible {
        case missing(String)
        case tooLong(String, most: Int)
        case dateOutOfRange(Day)
        case noAwardees
        case tooManyAwardees(Int)
        case duplicate(reference: String, recordedOn: String, id: Int)
        case ambiguous(name: String, candidates: [String])
        case notWaiting(name: String, state: String)
        case unknownNomination(Int)
        case unknownUnit(Int)
        case badKind(String)
        case document(String)

        public var description: String {
            switch self {
            case .missing(let field): "Chưa ghi \(field)."
            case .tooLong(let field, let most): "\(field) quá dài (tối đa \(most) ký tự)."
            case .dateOutOfRange(let day): "Ngày ký \(day.vietnamese) nằm ngoài khoảng năm hệ thống ghi nhận."
            case .noAwardees: "Quyết định phải có ít nhất một đối tượng được khen thưởng."
            case .tooManyAwardees(let count): "Một lần ghi tối đa 10000 đối tượng (đã có \(count))."
            case .duplicate(let reference, let recordedOn, let id):
                "Quyết định số \(reference) đã được ghi ngày \(recordedOn) (bản ghi số \(id)): không ghi lần thứ hai."
            case .ambiguous(let name, let candidates):
                "\"\(name)\" trùng với nhiều hồ sơ đang chờ quyết định: \(candidates.joined(separator: "; ")). Chọn đúng hồ sơ (hoặc ghi mã định danh) cho dòng này."
            case .notWaiting(let name, let state): "Hồ sơ của \(name) đang ở bước \"\(state)\", chưa chờ quyết định của cấp trên."
            case .unknownNomination(let id): "Không có hồ sơ số \(id) trong tỉnh."
            case .unknownUnit(let id): "Đơn vị \(id) không thuộc tỉnh."
            case .badKind(let kind): "Loại đối tượng không hợp lệ: \(kind)."
            case .document(let problem): "Bản quét quyết định: \(problem)"
            }
        }
    }

    /// Records the decision and closes every nomination it answers.
    public func record(_ new: NewDecision, by actorID: Int?) async throws -> ExternalDecision {
        let issuer = new.issuer.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let number = new.number.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let title = new.awardTitle.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        for (field, value, most) in [("cơ quan ban hành", issuer, 300), ("số quyết định", number, 60), ("hình thức khen thưởng", title, 300)] {
            guard !value.isEmpty else { throw RecordError.missing(field) }
            guard value.count <= most else { throw RecordError.tooLong(field.prefix(1).uppercased() + field.dropFirst(), most: most) }
        }
        guard RecordYears.contains(new.issuedOn.year) else { throw RecordError.dateOutOfRange(new.issuedOn) }
        let awardees = new.awardees.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty || $0.nominationID != nil }
        guard !awardees.isEmpty else { throw RecordError.noAwardees }
        guard awardees.count <= 10_000 else { throw RecordError.tooManyAwardees(awardees.count) }
        let kinds: Set<String> = ["individual", "household", "clan", "collective", "enterprise", "administrative_unit"]
        for awardee in awardees where !kinds.contains(awardee.kind) { throw RecordError.badKind(awardee.kind) }
        let (fileKind, digest): (FileKind, [UInt8])
        do {
            (fileKind, digest) = try EvidenceStore.check(new.document.bytes, fileName: new.document.fileName)
        } catch {
            throw RecordError.document(error.description)
        }
        guard fileKind == .pdf else { throw RecordError.document("cần tệp PDF (bản quét quyết định).") }
        let logger = logger
        let workflows = workflows
        let provinceCode = new.provinceCode
        let (recorded, events) = try await client.transaction(logger: logger) { connection in
            // The same issuer's same number, recorded before: named, never twice.
            let earlier = try await connection.query(
                """
                SELECT id, number || ' ngày ' || to_char(issued_on, 'DD/MM/YYYY') || ' của ' || issuer,
                       to_char(recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY')
                FROM external_decisions
                WHERE province_code = \(provinceCode) AND thidua_fold(issuer) = thidua_fold(\(issuer)) AND upper(number) = upper(\(number))
                """,
                logger: logger
            )
            for try await (id, reference, on) in earlier.decode((Int, String, String).self) {
                throw RecordError.duplicate(reference: reference, recordedOn: on, id: id)
            }
            try await EvidenceStore.storeContent(connection, logger: logger, bytes: new.document.bytes, digest: digest, kind: fileKind)
            let inserted = try await connection.query(
                """
                INSERT INTO external_decisions (province_code, issuer_kind, issuer, number, issued_on, award_title, round_id, document_sha,
                                                document_name, recorded_by)
                VALUES (\(provinceCode), \(new.issuerKind.rawValue), \(issuer), \(number), \(new.issuedOn.iso)::date, \(title), \(new.roundID),
                        \(Data(digest)), \(String(new.document.fileName.prefix(255))), \(actorID))
                RETURNING id
                """,
                logger: logger
            )
            var id = 0
            for try await value in inserted.decode(Int.self) { id = value }
            let reference = "\(number) ngày \(new.issuedOn.vietnamese) của \(issuer)"
            var closed = 0
            var events: [String] = []
            for (index, awardee) in awardees.enumerated() {
                let nomination = try await Self.match(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    awardee,
                    provinceCode: provinceCode,
                    roundID: new.roundID
                )
                let name = nomination?.nomineeName ?? awardee.name.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
                if nomination == nil {
                    let unit = try await connection.query(
                        "SELECT 1 FROM admin_units WHERE id = \(awardee.unitID) AND province_code = \(provinceCode)",
                        logger: logger
                    )
                    var known = false
                    for try await _ in unit { known = true }
                    guard known else { throw RecordError.unknownUnit(awardee.unitID) }
                }
                try await connection.query(
                    """
                    INSERT INTO external_awardees (province_code, decision_id, position, name, nominee_kind, nominee_key, detail, unit_id,
                                                   achievement, nomination_id)
                    VALUES (\(provinceCode), \(id), \(index + 1), \(name), \(nomination?.nomineeKind.rawValue ?? awardee.kind),
                            \(nomination?.nomineeKey ?? awardee.key?.trimmingCharacters(in: .whitespaces).nilIfEmpty), \(String(awardee.detail.prefix(500))),
                            \(nomination?.unitID ?? awardee.unitID), \(String(awardee.achievement.prefix(2000))), \(nomination?.id))
                    """,
                    logger: logger
                )
                if let nomination {
                    let result = try await NominationStore.act(
                        connection,
                        workflows: workflows,
                        logger: logger,
                        nomination.key,
                        action: .decide,
                        expectedVersion: nomination.version,
                        actorID: actorID,
                        roles: [.provinceAdmin],
                        comment: "Quyết định số \(reference)",
                        idempotencyKey: nil,
                        tally: nil,
                        eligible: true
                    )
                    if let event = result.queueEvent { events.append(event) }
                    closed += 1
                }
            }
            _ = try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "external-decision:\(id)",
                actorID: actorID,
                action: "record_external_decision",
                payload: NominationStore.json([
                    "reference": reference, "awardees": String(awardees.count), "nominations_closed": String(closed),
                    "document": digest.map { String(format: "%02x", $0) }.joined(),
                ])
            )
            return (try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id)!, events)
        }
        await QueueNotifications.send(events, client: client, logger: logger)
        return recorded
    }

    /// The nomination an awardee answers: the one named, or the only open nomination waiting for
    /// a decision above the province with the awardee's identifier (or, without one, name).
    static func match(
        _ connection: PostgresConnection,
        workflows: WorkflowRepository,
        logger: Logger,
        _ awardee: NewAwardee,
        provinceCode: String,
        roundID: Int?
    ) async throws -> NominationStore.Nomination? {
        var candidates: [NominationStore.Nomination] = []
        if let id = awardee.nominationID {
            guard let named = try await NominationStore.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw RecordError.unknownNomination(id)
            }
            candidates = [named]
        } else {
            let key = awardee.key?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            let folded = awardee.name.folded
            let rows = try await connection.query(
                """
                SELECT id FROM nominations
                WHERE province_code = \(provinceCode) AND is_open AND (\(roundID)::bigint IS NULL OR round_id = \(roundID))
                  AND (CASE WHEN \(key)::text IS NOT NULL THEN nominee_key = \(key) ELSE nominee_folded = \(folded) END)
                ORDER BY id
                """,
                logger: logger
            )
            var ids: [Int] = []
            for try await id in rows.decode(Int.self) { ids.append(id) }
            for id in ids {
                guard let found = try await NominationStore.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true),
                    try await Self.waitsAbove(found, workflows: workflows, connection: connection)
                else { continue }
                candidates.append(found)
            }
            guard candidates.count <= 1 else {
                var names: [String] = []
                for candidate in candidates {
                    let unit = try await connection.query("SELECT name FROM admin_units WHERE id = \(candidate.unitID)", logger: logger)
                    var unitName = ""
                    for try await name in unit.decode(String.self) { unitName = name }
                    names.append("hồ sơ số \(candidate.id) — \(candidate.nomineeName), \(unitName), mã \(candidate.nomineeKey)")
                }
                throw RecordError.ambiguous(name: awardee.name, candidates: names)
            }
        }
        guard let nomination = candidates.first else { return nil }
        guard try await Self.waitsAbove(nomination, workflows: workflows, connection: connection) else {
            let definition = try await workflows.definition(nomination.workflow, on: connection)
            throw RecordError.notWaiting(name: nomination.nomineeName, state: definition.state(nomination.state)?.title ?? nomination.state)
        }
        return nomination
    }

    /// At a step of the central level where the decision is awaited (a final step is closed).
    static func waitsAbove(_ nomination: NominationStore.Nomination, workflows: WorkflowRepository, connection: PostgresConnection) async throws
        -> Bool
    {
        let definition = try await workflows.definition(nomination.workflow, on: connection)
        guard let state = definition.state(nomination.state), state.level == .central, !state.isFinal else { return false }
        return definition.transitions.contains { $0.from == state.id && $0.action == .decide }
    }

    /// One recorded decision with its awardees.
    public func decision(provinceCode: String, id: Int) async throws -> ExternalDecision? {
        let logger = logger
        return try await client.withConnection { connection in try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id) }
    }

    static func read(_ connection: PostgresConnection, logger: Logger, provinceCode: String, id: Int) async throws -> ExternalDecision? {
        let head = try await connection.query(
            """
            SELECT issuer_kind, issuer, number, to_char(issued_on, 'DD/MM/YYYY'), award_title, round_id, encode(document_sha, 'hex'), document_name,
                   to_char(recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')
            FROM external_decisions WHERE province_code = \(provinceCode) AND id = \(id)
            """,
            logger: logger
        )
        var found: (String, String, String, String, String, Int?, String, String, String)?
        for try await row in head.decode((String, String, String, String, String, Int?, String, String, String).self) { found = row }
        guard let h = found else { return nil }
        let rows = try await connection.query(
            """
            SELECT a.position, a.name, a.nominee_kind, a.nominee_key, a.detail, u.name, a.achievement, a.nomination_id
            FROM external_awardees a JOIN admin_units u ON u.id = a.unit_id
            WHERE a.province_code = \(provinceCode) AND a.decision_id = \(id) ORDER BY a.position
            """,
            logger: logger
        )
        var awardees: [Awardee] = []
        for try await row in rows.decode((Int, String, String, String?, String, String, String, Int?).self) {
            awardees.append(
                Awardee(
                    position: row.0,
                    name: row.1,
                    kind: row.2,
                    key: row.3,
                    detail: row.4,
                    unitName: row.5,
                    achievement: row.6,
                    nominationID: row.7
                )
            )
        }
        return ExternalDecision(
            provinceCode: provinceCode,
            id: id,
            issuerKind: IssuerKind(rawValue: h.0) ?? .other,
            issuer: h.1,
            number: h.2,
            issuedOn: h.3,
            awardTitle: h.4,
            roundID: h.5,
            documentSHA: h.6,
            documentName: h.7,
            recordedAt: h.8,
            awardees: awardees
        )
    }

    /// The scan of a recorded decision.
    public func document(of decision: ExternalDecision) async throws -> [UInt8]? {
        let rows = try await client.query(
            "SELECT content FROM evidence_files WHERE sha256 = decode(\(decision.documentSHA), 'hex')",
            logger: logger
        )
        for try await content in rows.decode(ByteBuffer.self) { return Array(buffer: content) }
        return nil
    }

    public struct Summary: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let issuer: String
        public let number: String
        public let issuedOn: String
        public let awardTitle: String
        public let awardees: Int
    }

    /// The recorded decisions of the provinces (nil: all), newest first.
    public func decisions(provinceCodes: [String]?) async throws -> [Summary] {
        let rows = try await client.query(
            """
            SELECT d.province_code, d.id, d.issuer, d.number, to_char(d.issued_on, 'DD/MM/YYYY'), d.award_title,
                   (SELECT count(*)::int FROM external_awardees a WHERE a.province_code = d.province_code AND a.decision_id = d.id)
            FROM external_decisions d
            WHERE \(provinceCodes == nil) OR d.province_code = ANY(\(provinceCodes ?? []))
            ORDER BY d.issued_on DESC, d.id DESC LIMIT 500
            """,
            logger: logger
        )
        var out: [Summary] = []
        for try await row in rows.decode((String, Int, String, String, String, String, Int).self) {
            out.append(
                Summary(provinceCode: row.0, id: row.1, issuer: row.2, number: row.3, issuedOn: row.4, awardTitle: row.5, awardees: row.6)
            )
        }
        return out
    }

    /// The open nominations of a round waiting for a decision above the province: the awardees a
    /// Prime Minister's decision on the province's proposal is expected to list.
    public func awaiting(provinceCode: String, roundID: Int) async throws -> [NominationStore.Nomination] {
        let logger = logger
        let workflows = workflows
        return try await client.withConnection { connection in
            let rows = try await connection.query(
                "SELECT id FROM nominations WHERE province_code = \(provinceCode) AND round_id = \(roundID) AND is_open ORDER BY nominee_name, id",
                logger: logger
            )
            var ids: [Int] = []
            for try await id in rows.decode(Int.self) { ids.append(id) }
            var out: [NominationStore.Nomination] = []
            for id in ids {
                guard let nomination = try await NominationStore.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false),
                    try await Self.waitsAbove(nomination, workflows: workflows, connection: connection)
                else { continue }
                out.append(nomination)
            }
            return out
        }
    }
}
