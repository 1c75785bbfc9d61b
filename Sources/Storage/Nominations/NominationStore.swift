import Foundation
import Geography
import Logging
import PostgresNIO
import Tabular
import Workflow

/// Nominations in PostgreSQL. Every action is one transaction: the row is locked, its version
/// compared with the one the caller saw (a stale one is refused with the current state), the
/// engine decides, and the new state, the transition and the audit record commit together.
/// An idempotency key makes a retried request return the first answer instead of acting twice.
public struct NominationStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct Nomination: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let roundID: Int
        public let workflow: String
        public let award: String
        public let basis: AwardBasis
        public let nomineeKind: NomineeKind
        public let nomineeKey: String
        public let nomineeName: String
        public let unitID: Int
        public let state: String
        public let version: Int
        public let holdReason: String?
        /// When the current step falls due (dd/MM/yyyy), counted in working days; nil: no deadline.
        public let dueOn: String?
        public let overdue: Bool
    }

    public struct NewNomination: Sendable {
        public var provinceCode: String
        public var roundID: Int
        public var award: String
        public var nomineeKind: String
        public var nomineeKey: String
        public var nomineeName: String
        public var unitID: Int
        public var achievement: String
        /// Position and workplace of a person, address of a household, seat of a collective.
        public var nomineeDetail: String

        public init(
            provinceCode: String,
            roundID: Int,
            award: String,
            nomineeKind: String,
            nomineeKey: String,
            nomineeName: String,
            unitID: Int,
            achievement: String = "",
            nomineeDetail: String = ""
        ) {
            self.provinceCode = provinceCode
            self.roundID = roundID
            self.award = award
            self.nomineeKind = nomineeKind
            self.nomineeKey = nomineeKey
            self.nomineeName = nomineeName
            self.unitID = unitID
            self.achievement = achievement
            self.nomineeDetail = nomineeDetail
        }
    }

    public enum NominationError: Error, Equatable, CustomStringConvertible {
        case notFound
        /// The caller acted on an old version; here is the current one.
        case stale(current: Nomination)
        case refused(WorkflowEngine.Refusal)
        /// The nominee already has an open dossier for this award in the round: that one.
        case duplicateOpen(existing: NominationKey?)
        case unknownAward(String)
        case unknownRound
        /// The idempotency key was used by this caller for another request.
        case idempotencyKeyReused(String)
        /// The step does not take documents from this person (the reason, in Vietnamese).
        case documentsFrozen(String)
        case unknownDocumentKind(String)
        case unknownNomineeKind(String)
        case tooLong(field: String, most: Int)
        case tooManyDocuments(Int)

        public var description: String {
            switch self {
            case .notFound: "Không tìm thấy hồ sơ."
            case .stale(let current):
                "Hồ sơ của \(current.nomineeName) vừa được người khác cập nhật; trang đã tải lại hồ sơ như hiện nay, hãy xem rồi thao tác lại."
            case .refused(let refusal): refusal.description
            case .duplicateOpen(let existing):
                existing == nil
                    ? "Đối tượng đang có hồ sơ khác đề nghị cùng hình thức khen thưởng trong đợt này."
                    : "Đối tượng đã có hồ sơ đề nghị cùng hình thức khen thưởng trong đợt này (có thể hồ sơ vừa được lưu): mở hồ sơ đã có thay vì lập lại."
            case .unknownAward(let award): "Hình thức khen thưởng \(award) không có trong quy trình của đợt."
            case .unknownRound: "Không tìm thấy đợt thi đua, khen thưởng."
            case .documentsFrozen(let reason): reason
            case .tooLong(let field, let most): "\(field) " + TextBounds.tooLong(most) + "."
            case .tooManyDocuments(let most): "Hồ sơ đã có \(most) tài liệu (kể cả các bản đã thay): không nhận thêm; hãy liên hệ quản trị."
            case .unknownNomineeKind(let kind):
                "Loại đối tượng \"\(kind.prefix(64))\" không hợp lệ (chọn: \(NominationStore.nomineeKinds.sorted().joined(separator: ", ")))."
            case .unknownDocumentKind(let kind):
                "Loại tài liệu \"\(kind.prefix(64))\" không hợp lệ: chỉ chữ thường không dấu, chữ số và dấu gạch dưới, 2–64 ký tự."
            case .idempotencyKeyReused(let key):
                "Khoá Idempotency-Key \"\(key)\" đã được dùng cho một yêu cầu khác; mỗi thao tác cần một khoá mới."
            }
        }
    }

    /// The kinds of nominee the Law on Emulation and Commendation names.
    public static let nomineeKinds = Set(NomineeKind.allCases.map(\.rawValue))
    /// The documents one dossier may hold, earlier versions included.
    public static let mostDocuments = 200

    /// A round on a named workflow version, opening on the first day that version is in force
    /// (tests, demo data, benchmarks); people open rounds through `RoundStore.open`.
    public func createRound(provinceCode: String, name: String, year: Int, basis: String, workflow: String) async throws -> Int {
        let definition = try await workflows.definition(workflow)
        let opens = Day(parsing: definition.validFrom) ?? Day(year: year, month: 1, day: 1)!
        return try await RoundStore(client: client, workflows: workflows, logger: logger).open(
            provinceCode: provinceCode,
            name: name,
            year: year,
            basis: basis,
            opensOn: opens,
            closesOn: nil,
            workflow: workflow
        ).id
    }

    /// Starts a nomination in its round's workflow, at the initial state, audited.
    public func create(_ new: NewNomination, createdBy: Int?) async throws -> Nomination {
        try await createMany([new], createdBy: createdBy)[0]
    }

    /// Starts several nominations of one round in one transaction: all or none (a spreadsheet
    /// import). Each is audited on its own chain.
    public func createMany(_ news: [NewNomination], createdBy: Int?) async throws -> [Nomination] {
        guard let first = news.first else { return [] }
        let logger = logger
        let round = try await client.query(
            "SELECT workflow_id || '@' || workflow_version, basis FROM rounds WHERE province_code = \(first.provinceCode) AND id = \(first.roundID)",
            logger: logger
        )
        var found: (String, String)?
        for try await row in round.decode((String, String).self) { found = row }
        guard let (reference, basis) = found, news.allSatisfy({ $0.roundID == first.roundID && $0.provinceCode == first.provinceCode }) else {
            throw NominationError.unknownRound
        }
        let definition = try await workflows.definition(reference)
        for new in news where definition.award(new.award) == nil { throw NominationError.unknownAward(new.award) }
        for new in news where !Self.nomineeKinds.contains(new.nomineeKind) { throw NominationError.unknownNomineeKind(new.nomineeKind) }
        for new in news {
            if TextBounds.exceeds(new.nomineeKey, TextBounds.key) { throw NominationError.tooLong(field: "Mã định danh", most: TextBounds.key) }
            if TextBounds.exceeds(new.nomineeName, TextBounds.name) { throw NominationError.tooLong(field: "Tên đối tượng", most: TextBounds.name) }
            if TextBounds.exceeds(new.nomineeDetail, TextBounds.detail) {
                throw NominationError.tooLong(field: "Thông tin đối tượng", most: TextBounds.detail)
            }
        }
        do {
            return try await client.transaction(logger: logger) { connection in
                var created: [Nomination] = []
                for new in news {
                    created.append(
                        try await Self.insert(connection, logger: logger, new, definition: definition, basis: basis, createdBy: createdBy)
                    )
                }
                return created
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw NominationError.duplicateOpen(existing: try await openDossier(like: news))
        }
    }

    /// The open dossier that holds one of `news`'s nominees for the same award and round.
    private func openDossier(like news: [NewNomination]) async throws -> NominationKey? {
        for new in news {
            let rows = try await client.query(
                """
                SELECT id FROM nominations WHERE province_code = \(new.provinceCode) AND round_id = \(new.roundID)
                  AND award = \(new.award) AND nominee_key = \(new.nomineeKey) AND is_open
                """,
                logger: logger
            )
            for try await id in rows.decode(Int.self) { return NominationKey(provinceCode: new.provinceCode, id: id) }
        }
        return nil
    }

    static func insert(
        _ connection: PostgresConnection,
        logger: Logger,
        _ new: NewNomination,
        definition: WorkflowDefinition,
        basis: String,
        createdBy: Int?
    ) async throws -> Nomination {
        let name = new.nomineeName.precomposedStringWithCanonicalMapping
        let rows = try await connection.query(
            """
            INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                     nominee_name, nominee_folded, unit_id, achievement, state, created_by, due_on, nominee_detail)
            VALUES (\(new.provinceCode), \(new.roundID), \(definition.id), \(definition.version), \(new.award), \(basis),
                    \(new.nomineeKind), \(new.nomineeKey), \(name), \(name.folded), \(new.unitID),
                    \(new.achievement.precomposedStringWithCanonicalMapping), \(definition.initial), \(createdBy),
                    add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, \(definition.state(definition.initial)?.deadlineWorkingDays)::int),
                    \(new.nomineeDetail.precomposedStringWithCanonicalMapping))
            RETURNING id
            """,
            logger: logger
        )
        var id = 0
        for try await value in rows.decode(Int.self) { id = value }
        try await connection.query(
            """
            INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id)
            VALUES (\(new.provinceCode), \(id), 0, NULL, \(definition.initial), 'create', \(createdBy))
            """,
            logger: logger
        )
        try await AuditTrail.append(
            connection,
            logger: logger,
            provinceCode: new.provinceCode,
            chain: "nomination:\(id)",
            actorID: createdBy,
            action: "create",
            payload: json([
                "award": new.award, "nominee": name, "nominee_key": new.nomineeKey, "state": definition.initial, "workflow": definition.reference,
            ])
        )
        return try await load(connection, logger: logger, provinceCode: new.provinceCode, id: id, lock: false)!
    }

    /// Attaches a dossier document (checked by content, stored once), or — `replacing` — puts
    /// it in place of the current files of its kind, which are kept as earlier versions. Only
    /// the roles the step's `documents:` names may do so (`roles`: the caller's roles at the
    /// step's level); a step that names nobody keeps the dossier frozen. Audited.
    public func attachDocument(
        to key: NominationKey,
        kind: String,
        bytes: [UInt8],
        fileName: String,
        uploadedBy: Int?,
        roles: Set<Role>,
        replacing: Bool = false
    ) async throws {
        let (provinceCode, id) = (key.provinceCode, key.id)
        guard kind.utf8.count >= 2, kind.utf8.count <= 64,
            kind.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F })
        else { throw NominationError.unknownDocumentKind(kind) }
        let (fileKind, digest) = try EvidenceStore.check(bytes, fileName: fileName)
        let name = EvidenceStore.safeName(fileName, kind: fileKind)
        let logger = logger
        let workflows = workflows
        try await client.transaction(logger: logger) { connection in
            // The row lock serialises the nomination's audit chain and holds its step while the
            // file goes in: a vote recorded meanwhile waits, and sees the dossier with the file.
            guard let current = try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw NominationError.notFound
            }
            let definition = try await workflows.definition(current.workflow, on: connection)
            if let refusal = definition.documentRefusal(at: current.state, roles: roles) { throw NominationError.documentsFrozen(refusal) }
            // A dossier holds its documents and their earlier versions, within reason: every
            // export reads them all.
            let held = try await connection.query(
                "SELECT count(*)::int FROM nomination_documents WHERE province_code = \(provinceCode) AND nomination_id = \(id)",
                logger: logger
            )
            for try await count in held.decode(Int.self) where count >= Self.mostDocuments {
                throw NominationError.tooManyDocuments(Self.mostDocuments)
            }
            try await EvidenceStore.storeContent(connection, logger: logger, bytes: bytes, digest: digest, kind: fileKind)
            var replaced: [String] = []
            if replacing {
                let rows = try await connection.query(
                    """
                    UPDATE nomination_documents SET replaced_at = now(), replaced_by = \(ByteBuffer(bytes: digest))
                    WHERE province_code = \(provinceCode) AND nomination_id = \(id) AND kind = \(kind) AND replaced_at IS NULL
                      AND sha256 <> \(ByteBuffer(bytes: digest))
                    RETURNING encode(sha256, 'hex')
                    """,
                    logger: logger
                )
                for try await hash in rows.decode(String.self) { replaced.append(hash) }
            }
            try await connection.query(
                """
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name, uploaded_by)
                VALUES (\(provinceCode), \(id), \(kind), \(ByteBuffer(bytes: digest)), \(name), \(uploadedBy))
                ON CONFLICT (province_code, nomination_id, kind, sha256) DO UPDATE SET replaced_at = NULL, replaced_by = NULL
                """,
                logger: logger
            )
            var payload = ["file": name, "kind": kind, "sha256": digest.map { String(format: "%02x", $0) }.joined()]
            if !replaced.isEmpty { payload["replaced"] = replaced.joined(separator: ",") }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(id)",
                actorID: uploadedBy,
                action: replaced.isEmpty ? "attach_document" : "replace_document",
                payload: Self.json(payload)
            )
        }
    }

    public func nomination(_ key: NominationKey) async throws -> Nomination? {
        try await Self.read(client: client, logger: logger, provinceCode: key.provinceCode, id: key.id)
    }

    static func read(client: PostgresClient, logger: Logger, provinceCode: String, id: Int) async throws -> Nomination? {
        try await client.withConnection { connection in
            try await load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)
        }
    }

    /// Records (with its reason) or lifts (nil) a hold on the nominee: discipline, inspection or an
    /// open complaint. A held nomination takes no step forward (`Action.isStoppedByHold`; the refusal names the reason and the day). Audited,
    /// and it bumps the version so that nobody acts on a view from before the hold.
    @discardableResult
    public func setHold(_ key: NominationKey, reason: String?, actorID: Int?) async throws -> Nomination {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await client.transaction(logger: logger) { connection in
            guard try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) != nil else {
                throw NominationError.notFound
            }
            let rows = try await connection.query(
                """
                UPDATE nominations SET hold_reason = \(reason), version = version + 1,
                    held_since = CASE WHEN \(reason)::text IS NULL THEN NULL
                                      ELSE coalesce(held_since, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) END
                WHERE province_code = \(provinceCode) AND id = \(id)
                RETURNING \(unescaped: Self.columns)
                """,
                logger: logger
            )
            var updated: Nomination?
            for try await row in rows.decode(Row.self) { updated = try Self.nomination(row) }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(id)",
                actorID: actorID,
                action: reason == nil ? "lift_hold" : "hold",
                payload: Self.json(reason.map { ["reason": $0] } ?? [:])
            )
            return updated!
        }
    }

    /// The steps a nomination went through, oldest first (the timeline without who and when).
    public func history(of key: NominationKey) async throws -> [(seq: Int, action: String, from: String?, to: String, comment: String?)] {
        try await timeline(of: key).map { (seq: $0.seq, action: $0.action, from: $0.from, to: $0.to, comment: $0.comment) }
    }

    /// `columns` of the table aliased `n`, for queries that join it.
    static let qualifiedColumns = """
        n.province_code, n.id, n.round_id, n.workflow_id || '@' || n.workflow_version AS workflow, n.award, n.basis, n.nominee_kind,
        n.nominee_key, n.nominee_name, n.unit_id, n.state, n.version, n.hold_reason, to_char(n.due_on, 'DD/MM/YYYY'),
        coalesce(n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false)
        """

    static let columns = """
        province_code, id, round_id, workflow_id || '@' || workflow_version AS workflow, award, basis, nominee_kind, nominee_key,
        nominee_name, unit_id, state, version, hold_reason, to_char(due_on, 'DD/MM/YYYY'),
        coalesce(due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false)
        """

    typealias Row = (String, Int, Int, String, String, String, String, String, String, Int, String, Int, String?, String?, Bool)

    static func nomination(_ row: Row) throws -> Nomination {
        try Nomination(
            provinceCode: row.0,
            id: row.1,
            roundID: row.2,
            workflow: row.3,
            award: row.4,
            basis: try AwardBasis(stored: row.5, column: "nominations.basis"),
            nomineeKind: NomineeKind(stored: row.6, column: "nominations.nominee_kind"),
            nomineeKey: row.7,
            nomineeName: row.8,
            unitID: row.9,
            state: row.10,
            version: row.11,
            holdReason: row.12,
            dueOn: row.13,
            overdue: row.14
        )
    }

    static func load(_ connection: PostgresConnection, logger: Logger, provinceCode: String, id: Int, lock: Bool) async throws -> Nomination? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: columns)
            FROM nominations WHERE province_code = \(provinceCode) AND id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")
            """,
            logger: logger
        )
        for try await row in rows.decode(Row.self) { return try nomination(row) }
        return nil
    }

    /// A small JSON object of strings with sorted keys: the audit payload, hashed exactly as stored.
    /// Written by hand: it runs in every transition, and JSONEncoder cost more than the rest of
    /// the client's work.
    static func json(_ fields: [String: String]) -> String {
        var out = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            appendJSONString(key, to: &out)
            out += ":"
            appendJSONString(fields[key]!, to: &out)
        }
        return out + "}"
    }

    private static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
