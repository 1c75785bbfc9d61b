import Documents
import Foundation
import Geography
import Logging
import PostgresNIO
import Workflow

/// Council sessions in PostgreSQL. Every change locks the session's row, which serialises its
/// audit chain (`council:<id>`); closing applies each nomination's step rule to the recorded votes
/// and moves every nomination on the agenda in one transaction, or none of them.
public struct CouncilSessionStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct NewMember: Sendable, Decodable {
        public let fullName: String
        public let position: String
        public let role: CouncilRole
        public let userID: Int?

        public init(fullName: String, position: String = "", role: CouncilRole = .member, userID: Int? = nil) {
            self.fullName = fullName
            self.position = position
            self.role = role
            self.userID = userID
        }

        enum CodingKeys: String, CodingKey { case fullName, position, role, userID }

        /// The position and the role may be left out of a request.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fullName = try container.decode(String.self, forKey: .fullName)
            position = try container.decodeIfPresent(String.self, forKey: .position) ?? ""
            role = try container.decodeIfPresent(CouncilRole.self, forKey: .role) ?? .member
            userID = try container.decodeIfPresent(Int.self, forKey: .userID)
        }
    }

    /// "08:30" (or "8:30"), as the minutes record the hours; nil for an empty text.
    static func time(_ text: String?, field: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2, (0...23).contains(hour),
            (0...59).contains(minute)
        else { throw CouncilError.badTime(field: field, text) }
        return String(format: "%02d:%02d", hour, minute)
    }

    public enum Vote: String, Sendable, Codable, CaseIterable {
        case yes, no, abstain

        public var vietnamese: String {
            switch self {
            case .yes: "Đồng ý"
            case .no: "Không đồng ý"
            case .abstain: "Không biểu quyết"
            }
        }
    }

    /// Opens a session of the council of `unitID` for nominations waiting at its council step.
    /// Without `members` the session takes the council's standing roster (with roles and
    /// accounts); either way it keeps the founding decision the minutes cite.
    public func open(
        provinceCode: String,
        unitID: Int,
        title: String,
        heldOn: Day,
        startsAt: String? = nil,
        place: String,
        members: [NewMember],
        nominations: [Int],
        openedBy: Int?,
        organisation: Organisation? = nil
    ) async throws -> Int {
        let startsAt = try Self.time(startsAt, field: "Giờ bắt đầu")
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !title.isEmpty else { throw CouncilError.emptyTitle }
        guard RecordYears.contains(heldOn.year) else { throw CouncilError.dateOutOfRange(heldOn) }
        // The schema's bounds, said first in words (its CHECKs count code points, as here).
        guard title.unicodeScalars.count <= 300 else { throw CouncilError.tooLong(field: "Tên phiên họp", most: 300) }
        guard place.unicodeScalars.count <= 500 else { throw CouncilError.tooLong(field: "Địa điểm họp", most: 500) }
        let typed = members.filter { !$0.fullName.trimmingCharacters(in: .whitespaces).isEmpty }
        guard typed.count <= 500 else { throw CouncilError.tooMany(what: "thành viên", most: 500) }
        guard nominations.count <= 5_000 else { throw CouncilError.tooMany(what: "hồ sơ trong chương trình", most: 5_000) }
        for member in typed where member.fullName.unicodeScalars.count > 200 || member.position.unicodeScalars.count > 200 {
            throw CouncilError.tooLong(field: "Họ tên hoặc chức vụ của thành viên \(member.fullName.prefix(40))", most: 200)
        }
        let logger = logger
        let workflows = workflows
        return try await client.transaction(logger: logger) { connection in
            // An organisation's council (its Ban Thường vụ) sits under its charter with the members
            // typed for the session; the People's Committee's, under its founding decision and roster.
            let founding: String
            let members: [NewMember]
            if let organisation {
                guard organisation.unitID == unitID else { throw CouncilError.notFound }
                founding = organisation.charterBasis
                members = typed
                guard !members.isEmpty else { throw CouncilError.noOrganisationMembers(organisation: organisation.name) }
            } else {
                guard let council = try await CouncilStore.read(connection, unitID: unitID, logger: logger) else { throw CouncilError.notFound }
                founding = council.foundingDecision
                members =
                    typed.isEmpty
                    ? council.members.map { NewMember(fullName: $0.fullName, position: $0.position, role: $0.role, userID: $0.userID) } : typed
                guard !members.isEmpty else { throw CouncilError.noCouncil(unit: council.unitName) }
            }
            let linked = Set(members.compactMap(\.userID))
            if !linked.isEmpty {
                let found = try await connection.query("SELECT id FROM users WHERE id = ANY(\(Array(linked)))", logger: logger)
                var known: Set<Int> = []
                for try await id in found.decode(Int.self) { known.insert(id) }
                if let unknown = linked.subtracting(known).min() { throw CouncilError.unknownUser(unknown) }
                // A member votes in person only for the body that sits: an account of the
                // organisation for its Ban Thường vụ, of the People's Committees of the province
                // for its council.
                let elsewhere = try await connection.query(
                    """
                    SELECT u.id FROM users u WHERE u.id = ANY(\(Array(linked))) AND NOT EXISTS (
                        SELECT 1 FROM user_roles r JOIN admin_units a ON a.id = r.unit_id
                        WHERE r.user_id = u.id AND CASE WHEN \(organisation?.id)::bigint IS NULL
                            THEN r.organisation_id IS NULL AND a.province_code = \(provinceCode)
                            ELSE r.organisation_id = \(organisation?.id) END)
                    ORDER BY u.id LIMIT 1
                    """,
                    logger: logger
                )
                for try await id in elsewhere.decode(Int.self) {
                    let name = members.first { $0.userID == id }?.fullName ?? String(id)
                    throw CouncilError.memberAccountElsewhere(member: name, body: organisation.map { "Ban Thường vụ \($0.name)" } ?? "Hội đồng")
                }
            }
            let unitLevel = try await Self.level(of: unitID, connection, logger: logger)
            let created = try await connection.query(
                """
                INSERT INTO council_sessions (province_code, unit_id, organisation_id, title, held_on, starts_at, place, founding_decision, opened_by)
                VALUES (\(provinceCode), \(unitID), \(organisation?.id), \(title.precomposedStringWithCanonicalMapping), \(heldOn.iso)::date,
                        \(startsAt)::time, \(place.precomposedStringWithCanonicalMapping), \(founding), \(openedBy))
                RETURNING id
                """,
                logger: logger
            )
            var sessionID = 0
            for try await id in created.decode(Int.self) { sessionID = id }
            for (index, member) in members.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO council_members (province_code, session_id, member_no, full_name, position, council_role, user_id)
                    VALUES (\(provinceCode), \(sessionID), \(index + 1), \(member.fullName.precomposedStringWithCanonicalMapping),
                            \(member.position.precomposedStringWithCanonicalMapping), \(member.role.rawValue), \(member.userID))
                    """,
                    logger: logger
                )
            }
            for (position, nominationID) in nominations.enumerated() {
                try await Self.addToAgenda(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: provinceCode,
                    sessionID: sessionID,
                    unitID: unitID,
                    unitLevel: unitLevel,
                    organisationKind: organisation?.kind,
                    nominationID: nominationID,
                    position: position + 1
                )
            }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "council:\(sessionID)",
                actorID: openedBy,
                action: "open_session",
                payload: NominationStore.json([
                    "held_on": heldOn.iso, "members": members.map(\.fullName).joined(separator: "; "),
                    "nominations": nominations.map(String.init).joined(separator: ","), "title": title,
                ])
            )
            return sessionID
        }
    }

    static func level(of unitID: Int, _ connection: PostgresConnection, logger: Logger) async throws -> AdminLevel? {
        let rows = try await connection.query("SELECT level FROM admin_units WHERE id = \(unitID)", logger: logger)
        for try await level in rows.decode(String.self) { return AdminLevel(rawValue: level) }
        return nil
    }

    /// Puts a nomination on the agenda: it must wait at a council step of the session's level,
    /// lie in the council's unit, and not sit on another open session.
    static func addToAgenda(
        _ connection: PostgresConnection,
        workflows: WorkflowRepository,
        logger: Logger,
        provinceCode: String,
        sessionID: Int,
        unitID: Int,
        unitLevel: AdminLevel?,
        organisationKind: String?,
        nominationID: Int,
        position: Int
    ) async throws {
        guard let nomination = try await NominationStore.load(connection, logger: logger, provinceCode: provinceCode, id: nominationID, lock: false)
        else { throw CouncilError.notOnAgenda(nominationID) }
        let definition = try await workflows.definition(nomination.workflow, on: connection)
        guard let step = definition.state(nomination.state), step.council != nil, let unitLevel, step.level.isServed(by: unitLevel) else {
            throw CouncilError.notAtCouncil(
                nomination: nominationID,
                nominee: nomination.nomineeName,
                state: definition.state(nomination.state)?.title ?? nomination.state
            )
        }
        // The People's Committee's council does not vote on an organisation's awards, nor the other way round.
        guard definition.organisationKind == organisationKind else {
            throw CouncilError.otherBodysProcess(nominee: nomination.nomineeName, process: definition.title)
        }
        let checks = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM admin_unit_scope WHERE unit_id = \(nomination.unitID) AND scope_id = \(unitID)),
                   (SELECT s.title || ' (' || to_char(s.held_on, 'DD/MM/YYYY') || ')' FROM council_agenda a
                    JOIN council_sessions s ON s.province_code = a.province_code AND s.id = a.session_id
                    WHERE a.province_code = \(provinceCode) AND a.nomination_id = \(nominationID) AND s.closed_at IS NULL AND s.id <> \(sessionID)
                    ORDER BY s.id LIMIT 1)
            """,
            logger: logger
        )
        for try await (within, otherSession) in checks.decode((Bool, String?).self) {
            guard within else { throw CouncilError.outsideUnit(nomination: nominationID, nominee: nomination.nomineeName) }
            if let otherSession {
                throw CouncilError.alreadyOnSession(nomination: nominationID, nominee: nomination.nomineeName, session: otherSession)
            }
        }
        try await connection.query(
            """
            INSERT INTO council_agenda (province_code, session_id, nomination_id, position, step)
            VALUES (\(provinceCode), \(sessionID), \(nominationID), \(position), \(step.id)) ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// The roll call: exactly the members numbered in `present` attended.
    public func recordAttendance(_ key: CouncilSessionKey, present: Set<Int>, recordedBy: Int?) async throws {
        let (provinceCode, sessionID) = (key.provinceCode, key.id)
        try await change(provinceCode: provinceCode, sessionID: sessionID, actorID: recordedBy, action: "attendance") { connection, session in
            for number in present where !session.members.contains(where: { $0.number == number }) { throw CouncilError.memberUnknown(number) }
            try await connection.query(
                """
                UPDATE council_members SET present = (member_no = ANY(\(present.sorted())))
                WHERE province_code = \(provinceCode) AND session_id = \(sessionID)
                """,
                logger: logger
            )
            return ["present": present.sorted().map(String.init).joined(separator: ",")]
        }
    }

    /// A member's vote on one nomination (open ballot). `byUserID` that is not the secretary may
    /// only cast the vote of the member it is.
    public func recordVote(
        in key: CouncilSessionKey,
        nominationID: Int,
        member: Int,
        vote: Vote,
        recordedBy: Int?,
        asSecretary: Bool
    ) async throws {
        try await recordVotes(in: key, [(nominationID, member, vote)], recordedBy: recordedBy, asSecretary: asSecretary)
    }

    /// Several open-ballot votes in one transaction (a whole council's show of hands), all or
    /// none: the first vote refused names its member and nomination and nothing is recorded.
    public func recordVotes(
        in key: CouncilSessionKey,
        _ votes: [(nominationID: Int, member: Int, vote: Vote)],
        recordedBy: Int?,
        asSecretary: Bool
    ) async throws {
        guard !votes.isEmpty else { return }
        guard votes.count <= 100_000 else { throw CouncilError.tooMany(what: "phiếu trong một lần ghi", most: 100_000) }
        let (provinceCode, sessionID) = (key.provinceCode, key.id)
        let logger = logger
        try await change(provinceCode: provinceCode, sessionID: sessionID, actorID: recordedBy, action: "vote") { connection, session in
            for (nominationID, member, _) in votes {
                guard let item = session.agenda.first(where: { $0.nominationID == nominationID }) else {
                    throw CouncilError.notOnAgenda(nominationID)
                }
                guard !item.secretBallot else { throw CouncilError.secretBallot(nomination: nominationID, nominee: item.nomineeName) }
                guard let voter = session.members.first(where: { $0.number == member }) else { throw CouncilError.memberUnknown(member) }
                guard asSecretary || (voter.userID != nil && voter.userID == recordedBy) else { throw CouncilError.notYourVote(member) }
                guard voter.present else { throw CouncilError.memberAbsent(member) }
            }
            try await connection.query(
                """
                INSERT INTO council_votes (province_code, session_id, nomination_id, member_no, vote, recorded_by)
                SELECT \(provinceCode), \(sessionID), v.nomination_id, v.member_no, v.vote, \(recordedBy)
                FROM unnest(\(votes.map(\.nominationID))::bigint[], \(votes.map(\.member))::int[], \(votes.map(\.vote.rawValue))::text[])
                     AS v (nomination_id, member_no, vote)
                ON CONFLICT (province_code, session_id, nomination_id, member_no)
                DO UPDATE SET vote = EXCLUDED.vote, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                """,
                logger: logger
            )
            if votes.count == 1, let only = votes.first {
                return ["member": String(only.member), "nomination": String(only.nominationID), "vote": only.vote.rawValue]
            }
            return ["votes": votes.map { "\($0.nominationID):\($0.member)=\($0.vote.rawValue)" }.joined(separator: ",")]
        }
    }

    /// The vote-counting committee's totals for one nomination (secret ballot).
    public func recordSecretTally(in key: CouncilSessionKey, nominationID: Int, yes: Int, no: Int, recordedBy: Int?) async throws {
        let (provinceCode, sessionID) = (key.provinceCode, key.id)
        try await change(provinceCode: provinceCode, sessionID: sessionID, actorID: recordedBy, action: "secret_tally") { connection, session in
            guard let item = session.agenda.first(where: { $0.nominationID == nominationID }) else { throw CouncilError.notOnAgenda(nominationID) }
            guard item.secretBallot else { throw CouncilError.openBallot(nomination: nominationID, nominee: item.nomineeName) }
            let present = session.tallyBase.present
            guard yes >= 0, no >= 0, yes <= present, no <= present - yes else {  // not yes + no: that could overflow
                throw CouncilError.invalidTally(
                    nomination: nominationID,
                    nominee: item.nomineeName,
                    "\(yes) đồng ý + \(no) không đồng ý nhiều hơn \(present) thành viên có mặt."
                )
            }
            try await connection.query(
                """
                UPDATE council_agenda SET secret_yes = \(yes), secret_no = \(no)
                WHERE province_code = \(provinceCode) AND session_id = \(sessionID) AND nomination_id = \(nominationID)
                """,
                logger: logger
            )
            return ["nomination": String(nominationID), "no": String(no), "yes": String(yes)]
        }
    }

    /// Takes a nomination off the agenda of an open session (its votes go with it).
    public func withdraw(from key: CouncilSessionKey, nominationID: Int, by actorID: Int?) async throws {
        let (provinceCode, sessionID) = (key.provinceCode, key.id)
        try await change(provinceCode: provinceCode, sessionID: sessionID, actorID: actorID, action: "withdraw") { connection, session in
            guard session.agenda.contains(where: { $0.nominationID == nominationID }) else { throw CouncilError.notOnAgenda(nominationID) }
            try await connection.query(
                """
                WITH votes AS (
                    DELETE FROM council_votes WHERE province_code = \(provinceCode) AND session_id = \(sessionID) AND nomination_id = \(nominationID)
                )
                DELETE FROM council_agenda WHERE province_code = \(provinceCode) AND session_id = \(sessionID) AND nomination_id = \(nominationID)
                """,
                logger: logger
            )
            return ["nomination": String(nominationID)]
        }
    }

    /// Closes the session: each nomination's result under its step's rule becomes its
    /// `record_vote` transition (passed → on, failed → not awarded). A nomination without a
    /// quorum or with inconsistent votes stops the whole closing, named in the error. The
    /// minutes take the next number of the council's series for the year and the end time
    /// (`endsAt`, or now), and go into every decided dossier as its "Biên bản họp Hội đồng" (Word),
    /// in the same transaction.
    @discardableResult
    public func close(_ key: CouncilSessionKey, closedBy: Int?, endsAt: String? = nil) async throws -> [NominationStore.ActResult] {
        let (provinceCode, sessionID) = (key.provinceCode, key.id)
        let workflows = workflows
        let logger = logger
        let endsAt = try Self.time(endsAt, field: "Giờ kết thúc")
        let results = try await client.transaction(logger: logger) { connection in
            guard
                let session = try await Self.read(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: provinceCode,
                    id: sessionID,
                    lock: true
                )
            else { throw CouncilError.notFound }
            guard !session.isClosed else { throw CouncilError.closed }
            let (members, present) = session.tallyBase
            var results: [NominationStore.ActResult] = []
            // The dossiers the closing sends up a level, by that level, with their award's title.
            var forwarded: [WorkflowDefinition.Level: [Int]] = [:]
            var awardTitles: [Int: String] = [:]
            for item in session.agenda {
                let tally = VoteRule.Tally(members: members, present: present, yes: item.yes, no: item.no)
                guard
                    let current = try await NominationStore.load(
                        connection,
                        logger: logger,
                        provinceCode: provinceCode,
                        id: item.nominationID,
                        lock: false
                    )
                else { throw CouncilError.notOnAgenda(item.nominationID) }
                do {
                    let result = try await NominationStore.act(
                        connection,
                        workflows: workflows,
                        logger: logger,
                        NominationKey(provinceCode: provinceCode, id: item.nominationID),
                        action: .recordVote,
                        expectedVersion: current.version,
                        actorID: closedBy,
                        roles: Permission.runCouncilSession.roles,
                        comment: "\(session.title) (\(session.heldOn)): \(item.reason)",
                        idempotencyKey: nil,
                        tally: tally,
                        eligible: true
                    )
                    results.append(result)
                    let definition = try await workflows.definition(result.nomination.workflow, on: connection)
                    if let from = definition.state(current.state)?.level, let to = definition.state(result.toState)?.level, to > from,
                        definition.state(result.toState)?.isFinal == false
                    {
                        forwarded[to, default: []].append(item.nominationID)
                        awardTitles[item.nominationID] = definition.award(result.nomination.award)?.title ?? result.nomination.award
                    }
                    try await connection.query(
                        """
                        UPDATE council_agenda SET outcome = \(result.vote?.passed == true ? "passed" : "failed"), reason = \(item.reason)
                        WHERE province_code = \(provinceCode) AND session_id = \(sessionID) AND nomination_id = \(item.nominationID)
                        """,
                        logger: logger
                    )
                } catch let error as NominationStore.NominationError {
                    throw CouncilError.cannotClose(nomination: item.nominationID, nominee: item.nomineeName, error.description)
                }
            }
            // The number after the last of this council's minutes in the year (the session's row
            // lock does not cover the council's other sessions: the unique index does).
            try await connection.query(
                """
                UPDATE council_sessions s SET closed_at = now(), closed_by = \(closedBy),
                    ends_at = coalesce(\(endsAt)::time, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::time(0)),
                    minutes_no = 1 + coalesce((SELECT max(o.minutes_no) FROM council_sessions o
                        WHERE o.unit_id = s.unit_id AND o.organisation_id IS NOT DISTINCT FROM s.organisation_id
                          AND extract(year FROM o.held_on) = extract(year FROM s.held_on)), 0)
                WHERE s.province_code = \(provinceCode) AND s.id = \(sessionID)
                """,
                logger: logger
            )
            guard
                let closed = try await Self.read(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: provinceCode,
                    id: sessionID,
                    lock: false
                )
            else { throw CouncilError.notFound }
            try await Self.attachMinutes(
                connection,
                logger: logger,
                session: closed,
                bytes: MinutesDocx.write(closed.minutes),
                kind: .docx,
                actorID: closedBy
            )
            for (level, ids) in forwarded.sorted(by: { $0.key < $1.key }) {
                guard
                    let memo = try await ForwardingMemo.document(
                        connection,
                        logger: logger,
                        session: closed,
                        forwarded: ids,
                        to: level,
                        awardTitles: awardTitles
                    )
                else { continue }
                try await Self.attach(
                    connection,
                    logger: logger,
                    provinceCode: provinceCode,
                    nominationIDs: ids,
                    kind: ForwardingMemo.kind,
                    bytes: DocxWriter.write(memo),
                    fileName: "to-trinh-de-nghi-khen-thuong-\(closed.heldOn.suffix(4)).docx",
                    note: ["session": String(sessionID)],
                    actorID: closedBy
                )
            }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "council:\(sessionID)",
                actorID: closedBy,
                action: "close_session",
                payload: NominationStore.json(
                    Dictionary(
                        uniqueKeysWithValues: session.agenda.map {
                            ("nomination:\($0.nominationID)", "\($0.result) \($0.yes)/\($0.no)/\(present)/\(members)")
                        }
                    )
                )
            )
            return results
        }
        await QueueNotifications.send(results.compactMap(\.queueEvent), client: client, logger: logger)
        return results
    }

    /// The kind of dossier document the minutes go in as.
    public static let minutesKind = "bien_ban_hoi_dong"

    /// "bien-ban-03-BB-HDTDKT-2026.docx" (ASCII: it travels in a Content-Disposition header).
    public static func minutesFileName(_ session: CouncilSession, kind: FileKind) -> String {
        let symbol = session.minutesSymbol.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "–", with: "-")
        let number = session.minutesNumber.map { String(format: "%02d", $0) + "-" + symbol } ?? "tam"
        return "bien-ban-\(number)-\(session.heldOn.suffix(4)).\(kind.fileExtension)"
    }

    /// The PDF of a closed session's minutes into every dossier it decided, beside the Word file
    /// (made after the closing: LibreOffice takes seconds, too long to hold the session's locks).
    public func attachMinutesPDF(_ key: CouncilSessionKey, pdf: [UInt8], by actorID: Int?) async throws {
        let workflows = workflows
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            guard
                let session = try await Self.read(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: key.provinceCode,
                    id: key.id,
                    lock: true
                ), session.isClosed
            else { throw CouncilError.notFound }
            try await Self.attachMinutes(connection, logger: logger, session: session, bytes: pdf, kind: .pdf, actorID: actorID)
        }
    }

    /// One copy of the minutes in the file store, listed in each dossier on the agenda.
    static func attachMinutes(
        _ connection: PostgresConnection,
        logger: Logger,
        session: CouncilSession,
        bytes: [UInt8],
        kind: FileKind,
        actorID: Int?
    ) async throws {
        try await attach(
            connection,
            logger: logger,
            provinceCode: session.provinceCode,
            nominationIDs: session.agenda.map(\.nominationID),
            kind: minutesKind,
            bytes: bytes,
            fileName: minutesFileName(session, kind: kind),
            note: ["session": String(session.id)],
            actorID: actorID
        )
    }

    /// A file the system made (minutes, tờ trình), stored once and listed in each of these
    /// dossiers, audited on each nomination's chain under its row lock.
    static func attach(
        _ connection: PostgresConnection,
        logger: Logger,
        provinceCode: String,
        nominationIDs: [Int],
        kind: String,
        bytes: [UInt8],
        fileName: String,
        note: [String: String],
        actorID: Int?
    ) async throws {
        guard !nominationIDs.isEmpty else { return }
        let (fileKind, digest) = try EvidenceStore.check(bytes, fileName: fileName)
        try await EvidenceStore.storeContent(connection, logger: logger, bytes: bytes, digest: digest, kind: fileKind)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        for nominationID in nominationIDs {
            try await connection.query(
                "SELECT 1 FROM nominations WHERE province_code = \(provinceCode) AND id = \(nominationID) FOR UPDATE",
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name, uploaded_by)
                VALUES (\(provinceCode), \(nominationID), \(kind), \(ByteBuffer(bytes: digest)), \(fileName), \(actorID))
                ON CONFLICT (province_code, nomination_id, kind, sha256) DO NOTHING
                """,
                logger: logger
            )
            var payload = note
            payload["file"] = fileName
            payload["kind"] = kind
            payload["sha256"] = hex
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(nominationID)",
                actorID: actorID,
                action: "attach_document",
                payload: NominationStore.json(payload)
            )
        }
    }

    public func session(_ key: CouncilSessionKey) async throws -> CouncilSession? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let workflows = workflows
        let logger = logger
        return try await client.withConnection { connection in
            try await Self.read(connection, workflows: workflows, logger: logger, provinceCode: provinceCode, id: id, lock: false)
        }
    }

    /// Sessions of councils whose unit lies in `scopes` (nil: all), newest first.
    public func sessions(scopes: [Int]?, limit: Int = 100) async throws -> [(
        provinceCode: String, id: Int, title: String, heldOn: String, isClosed: Bool
    )] {
        let rows = try await client.query(
            """
            SELECT s.province_code, s.id, s.title, to_char(s.held_on, 'DD/MM/YYYY'), s.closed_at IS NOT NULL FROM council_sessions s
            WHERE \(scopes == nil) OR EXISTS (SELECT 1 FROM admin_unit_scope u WHERE u.unit_id = s.unit_id AND u.scope_id = ANY(\(scopes ?? [])))
            ORDER BY s.held_on DESC, s.id DESC LIMIT \(limit)
            """,
            logger: logger
        )
        var out: [(String, Int, String, String, Bool)] = []
        for try await row in rows.decode((String, Int, String, String, Bool).self) { out.append(row) }
        return out.map { (provinceCode: $0.0, id: $0.1, title: $0.2, heldOn: $0.3, isClosed: $0.4) }
    }

    /// One change to an open session under its row lock, audited with what `body` returns.
    private func change(
        provinceCode: String,
        sessionID: Int,
        actorID: Int?,
        action: String,
        _ body: @escaping @Sendable (PostgresConnection, CouncilSession) async throws -> [String: String]
    ) async throws {
        let workflows = workflows
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            guard
                let session = try await Self.read(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: provinceCode,
                    id: sessionID,
                    lock: true
                )
            else { throw CouncilError.notFound }
            guard !session.isClosed else { throw CouncilError.closed }
            let payload = try await body(connection, session)
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "council:\(sessionID)",
                actorID: actorID,
                action: action,
                payload: NominationStore.json(payload)
            )
        }
    }

    static func read(
        _ connection: PostgresConnection,
        workflows: WorkflowRepository,
        logger: Logger,
        provinceCode: String,
        id: Int,
        lock: Bool
    ) async throws -> CouncilSession? {
        let head = try await connection.query(
            """
            SELECT s.unit_id, u.name, s.title, to_char(s.held_on, 'DD/MM/YYYY'), s.place, s.closed_at IS NOT NULL,
                   to_char(s.starts_at, 'HH24:MI'), to_char(s.ends_at, 'HH24:MI'), s.minutes_no, s.founding_decision,
                   o.id, o.name, o.symbol
            FROM council_sessions s JOIN admin_units u ON u.id = s.unit_id LEFT JOIN organisations o ON o.id = s.organisation_id
            WHERE s.province_code = \(provinceCode) AND s.id = \(id) \(unescaped: lock ? "FOR UPDATE OF s" : "")
            """,
            logger: logger
        )
        typealias Head = (Int, String, String, String, String, Bool, String?, String?, Int?, String, Int?, String?, String?)
        var found: Head?
        for try await row in head.decode(Head.self) { found = row }
        guard
            let (
                unitID, unitName, title, heldOn, place, closed, startsAt, endsAt, minutesNumber, founding, organisationID, organisationName, symbol
            ) = found
        else { return nil }

        var members: [CouncilSession.Member] = []
        let memberRows = try await connection.query(
            """
            SELECT member_no::int, full_name, position, council_role, user_id, present FROM council_members
            WHERE province_code = \(provinceCode) AND session_id = \(id) ORDER BY member_no
            """,
            logger: logger
        )
        for try await (number, name, position, role, userID, present) in memberRows.decode((Int, String, String, String, Int?, Bool).self) {
            members.append(
                .init(
                    number: number,
                    fullName: name,
                    position: position,
                    role: try CouncilRole(stored: role, column: "council_members.council_role"),
                    userID: userID,
                    present: present
                )
            )
        }
        let presentMembers = Set(members.filter(\.present).map(\.number))

        var votesByNomination: [Int: [Int: String]] = [:]
        let voteRows = try await connection.query(
            "SELECT nomination_id, member_no::int, vote FROM council_votes WHERE province_code = \(provinceCode) AND session_id = \(id)",
            logger: logger
        )
        for try await (nomination, member, vote) in voteRows.decode((Int, Int, String).self) {
            votesByNomination[nomination, default: [:]][member] = vote
        }

        var agenda: [CouncilSession.Item] = []
        let itemRows = try await connection.query(
            """
            SELECT a.nomination_id, n.nominee_name, n.award, a.step, n.workflow_id || '@' || n.workflow_version, a.secret_yes, a.secret_no,
                   a.outcome, a.reason
            FROM council_agenda a JOIN nominations n ON n.province_code = a.province_code AND n.id = a.nomination_id
            WHERE a.province_code = \(provinceCode) AND a.session_id = \(id) ORDER BY a.position, a.nomination_id
            """,
            logger: logger
        )
        var rows: [(Int, String, String, String, String, Int?, Int?, String?, String?)] = []
        for try await row in itemRows.decode((Int, String, String, String, String, Int?, Int?, String?, String?).self) { rows.append(row) }
        for (nominationID, nominee, award, step, workflow, secretYes, secretNo, outcome, storedReason) in rows {
            let definition = try await workflows.definition(workflow, on: connection)
            let rule = definition.state(step)?.council
            let secret = rule?.secretBallot ?? false
            let votes = (votesByNomination[nominationID] ?? [:]).filter { presentMembers.contains($0.key) }
            let yes = secret ? (secretYes ?? 0) : votes.values.filter { $0 == "yes" }.count
            let no = secret ? (secretNo ?? 0) : votes.values.filter { $0 == "no" }.count
            let abstain = secret ? max(0, presentMembers.count - yes - no) : votes.values.filter { $0 == "abstain" }.count
            let computed = rule.map { $0.outcome(of: .init(members: members.count, present: presentMembers.count, yes: yes, no: no)) }
            agenda.append(
                .init(
                    nominationID: nominationID,
                    nomineeName: nominee,
                    award: definition.award(award)?.title ?? award,
                    step: definition.state(step)?.title ?? step,
                    secretBallot: secret,
                    rule: rule?.vietnamese ?? "",
                    yes: yes,
                    no: no,
                    abstain: abstain,
                    votes: secret ? [:] : votes,
                    result: outcome ?? computed?.code ?? "invalid",
                    reason: storedReason ?? computed?.reason ?? ""
                )
            )
        }
        return CouncilSession(
            provinceCode: provinceCode,
            id: id,
            unitID: unitID,
            unitName: unitName,
            title: title,
            heldOn: heldOn,
            place: place,
            startsAt: startsAt,
            endsAt: endsAt,
            minutesNumber: minutesNumber,
            foundingDecision: founding,
            isClosed: closed,
            members: members,
            agenda: agenda,
            organisation: organisationID.map { CouncilSession.Body(id: $0, name: organisationName ?? "", symbol: symbol ?? "") }
        )
    }
}
