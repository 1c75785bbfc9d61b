import Foundation
import Geography
import Logging
import PostgresNIO
import Workflow

/// Award decisions in PostgreSQL. A draft takes the nominations waiting for the authority's
/// decision in a round; issuing numbers it (per issuing body and calendar year, under the
/// counter's row lock, so numbers never repeat), moves every nomination to "awarded" and makes the
/// decision immutable — all in one transaction, or nothing. Corrections and revocations are new
/// decisions that refer to the old one.
public struct DecisionStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    /// Drafts the decision of the People's Committee of `unitID` on `award` in a round, listing
    /// every nomination waiting for that decision which no other decision lists yet. An award of
    /// a process an organisation runs is drafted by that organisation (`organisation`, serving
    /// the unit): its header, charter, Ban Thường vụ's proposal, symbol and signer.
    public func draft(
        provinceCode: String,
        unitID: Int,
        roundID: Int,
        award: String,
        createdBy: Int?,
        organisation: Organisation? = nil
    ) async throws -> Decision {
        let logger = logger
        let round = try await roundInfo(provinceCode: provinceCode, roundID: roundID)
        let definition = try await workflows.definition(round.workflow)
        guard let awardDefinition = definition.award(award) else { throw DecisionError.unknownAward(award) }
        let unit = try await unitInfo(unitID)
        guard awardDefinition.decidedAt != .central, awardDefinition.decidedAt.isServed(by: unit.level),
            awardDefinition.decidedAt != .province || unit.level == .province
        else {
            throw DecisionError.notDecidedHere(award: awardDefinition.title, level: unit.level.vietnamese.lowercased())
        }
        guard definition.organisationKind == organisation?.kind, organisation.map({ $0.unitID == unitID }) ?? true else {
            let body = definition.organisationKind.map { Organisation.knownKinds[$0] ?? $0 } ?? "Chủ tịch Ủy ban nhân dân"
            throw DecisionError.otherBody(award: awardDefinition.title, body: body)
        }
        let waiting = Self.waitingStates(definition, level: awardDefinition.decidedAt)
        // The award with its body named ("… Ủy ban nhân dân xã Yên Bình", not "… cấp xã"), and
        // the proposal of whoever proposes at that level.
        let bodyName = organisation?.name ?? unit.name.inSentence
        let named = Decision.namedTitle(awardDefinition.title, body: unit.name.inSentence, organisation: organisation?.name)
        let authority =
            organisation.map { [$0.parentName, $0.name].compactMap { $0?.uppercased() }.joined(separator: "\n") }
            ?? Self.authorityName(unit.name)
        return try await client.transaction(logger: logger) { connection in
            // The province's wording for this level (its file, else the default), kept with the
            // draft; an organisation's own wording under its charter.
            let wording =
                if let organisation {
                    DecisionTexts.organisation(charter: RecognitionDecision.basis(organisation.charterBasis))
                } else {
                    try await DecisionTextsStore.texts(for: provinceCode, on: connection, logger: logger).level(unit.level)
                }
            let values = ["don_vi": bodyName]
            let bases = wording.bases.map { DecisionTexts.fill($0, values) }.joined(separator: "\n")
            let proposal = DecisionTexts.fill(wording.proposal, values)
            let wordingJSON = String(decoding: try JSONEncoder().encode(wording), as: UTF8.self)
            let created = try await connection.query(
                """
                INSERT INTO decisions (province_code, unit_id, organisation_id, round_id, award, kind, authority_name, place, symbol, signer_title,
                                       title, bases, proposal, award_title, texts, created_by)
                VALUES (\(provinceCode), \(unitID), \(organisation?.id), \(roundID), \(award), 'award', \(authority), \(Self.place(unit.name)),
                        \(organisation?.symbol ?? "QĐ-UBND"), \(organisation?.signerTitle ?? "CHỦ TỊCH"),
                        \("Về việc tặng " + named), \(bases), \(proposal), \(awardDefinition.title), \(wordingJSON)::jsonb, \(createdBy))
                RETURNING id
                """,
                logger: logger
            )
            var id = 0
            for try await value in created.decode(Int.self) { id = value }
            let listed = try await connection.query(
                """
                WITH waiting AS (
                    SELECT n.id, n.nominee_name, n.nominee_detail, u.name AS unit_name, n.achievement,
                           CASE n.nominee_kind WHEN 'household' THEN 'household' WHEN 'individual' THEN 'individual' ELSE 'collective' END AS section
                    FROM nominations n JOIN admin_units u ON u.id = n.unit_id
                    WHERE n.province_code = \(provinceCode) AND n.round_id = \(roundID) AND n.award = \(award) AND n.is_open
                      AND n.state = ANY(\(waiting))
                      AND EXISTS (SELECT 1 FROM admin_unit_scope s WHERE s.unit_id = n.unit_id AND s.scope_id = \(unitID))
                      AND NOT EXISTS (SELECT 1 FROM decision_awardees a JOIN decisions d ON d.province_code = a.province_code AND d.id = a.decision_id
                                      WHERE a.province_code = n.province_code AND a.nomination_id = n.id AND d.kind = 'award')
                )
                INSERT INTO decision_awardees (province_code, decision_id, nomination_id, section, position, name, detail, unit_name, achievement)
                SELECT \(provinceCode), \(id), id, section,
                       row_number() OVER (PARTITION BY section ORDER BY nominee_name, id), nominee_name, nominee_detail, unit_name, achievement
                FROM waiting
                RETURNING 1
                """,
                logger: logger
            )
            var count = 0
            for try await _ in listed.decode(Int.self) { count += 1 }
            guard count > 0 else { throw DecisionError.nothingToDecide }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "decision:\(id)",
                actorID: createdBy,
                action: "draft",
                payload: NominationStore.json(["award": award, "awardees": String(count), "round": String(roundID)])
            )
            return try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)!
        }
    }

    /// Changes what a draft says (not its list). `articles`: the drafter's text of the articles,
    /// or [] to go back to the text written from the list; nil leaves them as they are.
    public func updateDraft(
        _ key: DecisionKey,
        title: String?,
        bases: [String]?,
        proposal: String?,
        articles: [String]? = nil,
        signerName: String?,
        signerTitle: String?
    ) async throws -> Decision {
        let cleaned = { (lines: [String]) in
            lines.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping }.filter { !$0.isEmpty }
        }
        let bases = bases.map(cleaned)
        let articles = articles.map(cleaned)
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty { throw DecisionError.emptyText("Trích yếu") }
        for (field, text, most) in [
            ("Trích yếu", title ?? "", 500), ("Căn cứ", (bases ?? []).joined(separator: "\n"), 8_000),
            ("Đề nghị", proposal ?? "", 2_000), ("Các điều", (articles ?? []).joined(separator: "\n"), 16_000),
            ("Người ký", signerName ?? "", 200), ("Chức vụ người ký", signerTitle ?? "", 200),
        ] where text.unicodeScalars.count > most {
            throw DecisionError.tooLong(field: field, most: most)
        }
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let current = try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw DecisionError.notFound
            }
            guard !current.isIssued else { throw DecisionError.alreadyIssued }
            try await connection.query(
                """
                UPDATE decisions SET title = \(title?.precomposedStringWithCanonicalMapping ?? current.title),
                       bases = \((bases ?? current.bases).map(\.precomposedStringWithCanonicalMapping).joined(separator: "\n")),
                       proposal = \(proposal?.precomposedStringWithCanonicalMapping ?? current.proposal),
                       articles = \(articles.map { $0.isEmpty ? nil : $0.joined(separator: "\n") } ?? (current.editedArticles.isEmpty ? nil : current.editedArticles.joined(separator: "\n"))),
                       signer_name = \(signerName?.precomposedStringWithCanonicalMapping ?? current.signerName),
                       signer_title = \(signerTitle?.precomposedStringWithCanonicalMapping ?? current.signerTitle)
                WHERE province_code = \(provinceCode) AND id = \(id)
                """,
                logger: logger
            )
            return try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)!
        }
    }

    /// Takes a nomination off a draft (it waits for a later decision).
    public func removeAwardee(from key: DecisionKey, nominationID: Int) async throws -> Decision {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let current = try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw DecisionError.notFound
            }
            guard !current.isIssued else { throw DecisionError.alreadyIssued }
            guard current.awardees.contains(where: { $0.nominationID == nominationID }) else { throw DecisionError.notOnDecision(nominationID) }
            try await connection.query(
                """
                WITH removed AS (
                    DELETE FROM decision_awardees WHERE province_code = \(provinceCode) AND decision_id = \(id) AND nomination_id = \(nominationID)
                ), renumbered AS (
                    SELECT nomination_id, row_number() OVER (PARTITION BY section ORDER BY position) AS position
                    FROM decision_awardees WHERE province_code = \(provinceCode) AND decision_id = \(id) AND nomination_id <> \(nominationID)
                )
                UPDATE decision_awardees a SET position = r.position FROM renumbered r
                WHERE a.province_code = \(provinceCode) AND a.decision_id = \(id) AND a.nomination_id = r.nomination_id
                """,
                logger: logger
            )
            return try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)!
        }
    }

    /// Issues a draft: its number, its date, every nomination on it awarded, immutable after.
    /// `signer`, when given, is written in the same transaction: a refused issue leaves the draft
    /// exactly as it was.
    /// `number`: the number the văn thư took from the People's Committee's register (it must be
    /// free for this body, symbol and year); nil: the next of ThiDua's own series. Either way the
    /// series moves past it, so an automatic number never repeats one entered by hand.
    public func issue(
        _ key: DecisionKey,
        on day: Day,
        number entered: Int? = nil,
        signer: (name: String, title: String)? = nil,
        issuedBy: Int?
    ) async throws -> Decision {
        if let entered, !(1...999_999).contains(entered) { throw DecisionError.badNumber(entered) }
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        let workflows = workflows
        let (issued, events) = try await client.transaction(logger: logger) { connection in
            guard let draft = try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw DecisionError.notFound
            }
            guard !draft.isIssued else { throw DecisionError.alreadyIssued }
            guard RecordYears.contains(day.year) else { throw DecisionError.issueDateOutOfRange(day) }
            if let signer {
                try await connection.query(
                    """
                    UPDATE decisions SET signer_name = \(signer.name.precomposedStringWithCanonicalMapping),
                           signer_title = \(signer.title.precomposedStringWithCanonicalMapping)
                    WHERE province_code = \(provinceCode) AND id = \(id)
                    """,
                    logger: logger
                )
            }
            guard
                let number = try await DecisionRegister.take(
                    connection,
                    logger: logger,
                    unitID: draft.unitID,
                    organisationID: draft.organisation?.id,
                    symbol: draft.symbol,
                    year: day.year,
                    entered: entered
                )
            else { throw DecisionError.numberTaken("\(entered ?? 0)/\(draft.symbol)", year: day.year) }
            let reference = "\(number)/\(draft.symbol) ngày \(day.vietnamese)"
            // Every nomination on it awarded at once: locked and read together, each asked of the
            // engine, written set-based (a decision of 10,000 awardees is one statement).
            var events: [String] = []
            if draft.kind == .award {
                do {
                    let results = try await NominationStore.actOnAll(
                        connection,
                        workflows: workflows,
                        logger: logger,
                        provinceCode: provinceCode,
                        ids: draft.awardees.map(\.nominationID),
                        action: .decide,
                        actorID: issuedBy,
                        roles: Permission.issueDecision.roles,
                        comment: "Quyết định số \(reference)"
                    )
                    events = results.compactMap(\.queueEvent)
                } catch let refusal as NominationStore.BulkRefusal {
                    guard let nomination = refusal.nomination else { throw DecisionError.notOnDecision(refusal.id) }
                    throw DecisionError.cannotIssue(nomination: nomination.id, nominee: nomination.nomineeName, reason: refusal.error.description)
                }
            }
            try await connection.query(
                """
                UPDATE decisions SET status = 'issued', number = \(number), year = \(day.year), issued_on = \(day.iso)::date,
                       issued_by = \(issuedBy), issued_at = now()
                WHERE province_code = \(provinceCode) AND id = \(id)
                """,
                logger: logger
            )
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "decision:\(id)",
                actorID: issuedBy,
                action: "issue",
                payload: NominationStore.json(["awardees": String(draft.awardees.count), "number": "\(number)/\(draft.symbol)", "on": day.iso])
            )
            return (try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)!, events)
        }
        await QueueNotifications.send(events, client: client, logger: logger)
        return issued
    }

    /// Drafts a decision revoking (all or some of) the awards of an issued decision: a new
    /// decision, referring to the old one, which itself never changes.
    public func draftRevocation(of key: DecisionKey, nominationIDs: [Int]?, reason: String, createdBy: Int?) async throws -> Decision {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DecisionError.emptyReason }
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let original = try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false) else {
                throw DecisionError.notFound
            }
            guard original.isIssued, let number = original.numberText, let issuedOn = original.issuedOn else { throw DecisionError.notIssued }
            let chosen = nominationIDs.map(Set.init) ?? Set(original.awardees.map(\.nominationID))
            for nomination in chosen where !original.awardees.contains(where: { $0.nominationID == nomination }) {
                throw DecisionError.notOnDecision(nomination)
            }
            let newID = try await Self.insertFollowUp(
                connection,
                logger: logger,
                of: (provinceCode, id),
                kind: "revocation",
                title: "Về việc thu hồi \(original.awardTitle) đã tặng tại Quyết định số \(number) ngày \(issuedOn)",
                reason: reason,
                createdBy: createdBy
            )
            try await connection.query(
                """
                INSERT INTO decision_awardees (province_code, decision_id, nomination_id, section, position, name, detail, unit_name, achievement)
                SELECT province_code, \(newID), nomination_id, section,
                       row_number() OVER (PARTITION BY section ORDER BY position), name, detail, unit_name, achievement
                FROM decision_awardees WHERE province_code = \(provinceCode) AND decision_id = \(id) AND nomination_id = ANY(\(chosen.sorted()))
                """,
                logger: logger
            )
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "decision:\(newID)",
                actorID: createdBy,
                action: "draft_revocation",
                payload: NominationStore.json(["reason": reason, "refers_to": String(id)])
            )
            return try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: newID, lock: false)!
        }
    }

    /// A correction of an awardee's entry (name, position or address, achievement) on an issued
    /// decision.
    public struct Correction: Sendable, Decodable {
        public let nominationID: Int
        public let name: String?
        public let detail: String?
        public let achievement: String?

        public init(nominationID: Int, name: String? = nil, detail: String? = nil, achievement: String? = nil) {
            self.nominationID = nominationID
            self.name = name
            self.detail = detail
            self.achievement = achievement
        }
    }

    /// Drafts a decision correcting entries of an issued decision: a new decision referring to the
    /// old one, listing the corrected entries as they should read; the old one never changes.
    public func draftCorrection(of key: DecisionKey, corrections: [Correction], reason: String, createdBy: Int?) async throws -> Decision {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DecisionError.emptyReason }
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let original = try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false) else {
                throw DecisionError.notFound
            }
            guard original.isIssued, original.kind == .award, let number = original.numberText, let issuedOn = original.issuedOn else {
                throw DecisionError.notIssued
            }
            var entries: [(Decision.Awardee, Correction)] = []
            var seen: Set<Int> = []
            for correction in corrections {
                guard seen.insert(correction.nominationID).inserted else { throw DecisionError.correctedTwice(correction.nominationID) }
                guard let entry = original.awardees.first(where: { $0.nominationID == correction.nominationID }) else {
                    throw DecisionError.notOnDecision(correction.nominationID)
                }
                entries.append((entry, correction))
            }
            guard !entries.isEmpty else { throw DecisionError.nothingToCorrect }
            let newID = try await Self.insertFollowUp(
                connection,
                logger: logger,
                of: (provinceCode, id),
                kind: "correction",
                title: "Về việc đính chính Quyết định số \(number) ngày \(issuedOn)",
                reason: reason,
                createdBy: createdBy
            )
            for (entry, correction) in entries {
                try await connection.query(
                    """
                    INSERT INTO decision_awardees (province_code, decision_id, nomination_id, section, position, name, detail, unit_name, achievement)
                    VALUES (\(provinceCode), \(newID), \(entry.nominationID), \(entry.section), \(entry.position),
                            \((correction.name ?? entry.name).precomposedStringWithCanonicalMapping),
                            \((correction.detail ?? entry.detail).precomposedStringWithCanonicalMapping), \(entry.unitName),
                            \((correction.achievement ?? entry.achievement).precomposedStringWithCanonicalMapping))
                    """,
                    logger: logger
                )
            }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "decision:\(newID)",
                actorID: createdBy,
                action: "draft_correction",
                payload: NominationStore.json(["reason": reason, "refers_to": String(id), "entries": String(entries.count)])
            )
            return try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: newID, lock: false)!
        }
    }

    public func decision(_ key: DecisionKey) async throws -> Decision? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        return try await client.withConnection { connection in
            try await Self.read(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)
        }
    }

    /// A short line per decision of the given provinces (nil: all), newest first.
    public struct Summary: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let unitID: Int
        public let kind: Decision.Kind
        public let status: Decision.Status
        public let number: String?
        public let issuedOn: String?
        public let title: String
        public let roundName: String
        public let awardees: Int
        /// The organisation that issues it (nil: the People's Committee of `unitID`).
        public var organisationID: Int? = nil
    }

    public func decisions(provinceCodes: [String]?, issuedOnly: Bool = false) async throws -> [Summary] {
        let rows = try await client.query(
            """
            SELECT d.province_code, d.id, d.unit_id, d.kind, d.status, d.number || '/' || d.symbol, to_char(d.issued_on, 'DD/MM/YYYY'), d.title, r.name,
                   (SELECT count(*)::int FROM decision_awardees a WHERE a.province_code = d.province_code AND a.decision_id = d.id),
                   d.organisation_id
            FROM decisions d JOIN rounds r ON r.province_code = d.province_code AND r.id = d.round_id
            WHERE (\(provinceCodes == nil) OR d.province_code = ANY(\(provinceCodes ?? []))) AND (NOT \(issuedOnly) OR d.status = 'issued')
            ORDER BY d.issued_on DESC NULLS FIRST, d.id DESC
            """,
            logger: logger
        )
        var out: [Summary] = []
        for try await row in rows.decode((String, Int, Int, String, String, String?, String?, String, String, Int, Int?).self) {
            out.append(
                Summary(
                    provinceCode: row.0,
                    id: row.1,
                    unitID: row.2,
                    kind: try Decision.Kind(stored: row.3, column: "decisions.kind"),
                    status: try Decision.Status(stored: row.4, column: "decisions.status"),
                    number: row.5,
                    issuedOn: row.6,
                    title: row.7,
                    roundName: row.8,
                    awardees: row.9,
                    organisationID: row.10
                )
            )
        }
        return out
    }

    static func read(_ connection: PostgresConnection, logger: Logger, provinceCode: String, id: Int, lock: Bool) async throws -> Decision? {
        let head = try await connection.query(
            """
            SELECT d.unit_id, d.round_id, r.name, r.year::int, d.articles, d.award, d.award_title, d.kind, d.refers_to,
                   (SELECT o.number || '/' || o.symbol || ' ngày ' || to_char(o.issued_on, 'DD/MM/YYYY') FROM decisions o
                    WHERE o.province_code = d.province_code AND o.id = d.refers_to),
                   d.status, d.authority_name, d.place, d.symbol, d.title, d.bases, d.proposal, d.signer_name, d.signer_title,
                   d.number, d.year::int, to_char(d.issued_on, 'DD/MM/YYYY'), u.level, d.texts::text, o.id, o.name, o.issuer_title
            FROM decisions d JOIN rounds r ON r.province_code = d.province_code AND r.id = d.round_id
                 JOIN admin_units u ON u.id = d.unit_id LEFT JOIN organisations o ON o.id = d.organisation_id
            WHERE d.province_code = \(provinceCode) AND d.id = \(id) \(unescaped: lock ? "FOR UPDATE OF d" : "")
            """,
            logger: logger
        )
        typealias Head = (
            Int, Int, String, Int, String?, String, String, String, Int?, String?, String, String, String, String, String, String, String, String,
            String, Int?, Int?, String?, String, String?, Int?, String?, String?
        )
        var found: Head?
        for try await row in head.decode(Head.self) { found = row }
        guard let h = found else { return nil }
        let rows = try await connection.query(
            """
            SELECT nomination_id, section, position, name, detail, unit_name, achievement FROM decision_awardees
            WHERE province_code = \(provinceCode) AND decision_id = \(id)
            ORDER BY CASE section WHEN 'collective' THEN 1 WHEN 'household' THEN 2 ELSE 3 END, position
            """,
            logger: logger
        )
        var awardees: [Decision.Awardee] = []
        for try await (nomination, section, position, name, detail, unitName, achievement) in rows.decode(
            (Int, String, Int, String, String, String, String).self
        ) {
            awardees.append(
                .init(
                    nominationID: nomination,
                    section: section,
                    position: position,
                    name: name,
                    detail: detail,
                    unitName: unitName,
                    achievement: achievement
                )
            )
        }
        return Decision(
            provinceCode: provinceCode,
            id: id,
            unitID: h.0,
            roundID: h.1,
            roundName: h.2,
            roundYear: h.3,
            award: h.5,
            awardTitle: h.6,
            kind: try Decision.Kind(stored: h.7, column: "decisions.kind"),
            refersTo: h.8,
            refersToText: h.9,
            status: try Decision.Status(stored: h.10, column: "decisions.status"),
            authorityName: h.11,
            place: h.12,
            symbol: h.13,
            title: h.14,
            bases: h.15.split(separator: "\n").map(String.init),
            proposal: h.16,
            editedArticles: h.4.map { $0.split(separator: "\n").map(String.init) } ?? [],
            signerName: h.17,
            signerTitle: h.18,
            number: h.19,
            year: h.20,
            issuedOn: h.21,
            issuerLevel: try AdminLevel(stored: h.22, column: "admin_units.level"),
            texts: try h.23.map { try JSONDecoder().decode(DecisionTexts.Level.self, from: Data($0.utf8)) },
            awardees: awardees,
            organisation: h.24.map { Decision.Issuer(id: $0, name: h.25 ?? "", issuerTitle: h.26 ?? "") }
        )
    }

    /// The states where nominations wait for the chair's decision at `level`.
    static func waitingStates(_ definition: WorkflowDefinition, level: WorkflowDefinition.Level) -> [String] {
        let awarded = definition.awardedStates
        return definition.states.filter { state in
            state.level == level
                && definition.transitions(from: state.id).contains { $0.action == .decide && $0.roles.contains(.chair) && awarded.contains($0.to) }
        }.map(\.id)
    }

    /// "ỦY BAN NHÂN DÂN\nXÃ AN HÒA".
    static func authorityName(_ unitName: String) -> String { "ỦY BAN NHÂN DÂN\n" + unitName.uppercased() }

    /// "An Hòa" from "Xã An Hòa": the place in the date line.
    static func place(_ unitName: String) -> String {
        for prefix in ["Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "]
        where unitName.hasPrefix(prefix) {
            return String(unitName.dropFirst(prefix.count))
        }
        return unitName
    }

    struct RoundInfo {
        let workflow: String
        let name: String
    }

    func roundInfo(provinceCode: String, roundID: Int) async throws -> RoundInfo {
        let rows = try await client.query(
            "SELECT workflow_id || '@' || workflow_version, name FROM rounds WHERE province_code = \(provinceCode) AND id = \(roundID)",
            logger: logger
        )
        for try await (workflow, name) in rows.decode((String, String).self) { return RoundInfo(workflow: workflow, name: name) }
        throw NominationStore.NominationError.unknownRound
    }

    func unitInfo(_ id: Int) async throws -> (name: String, level: AdminLevel) {
        let rows = try await client.query("SELECT name, level FROM admin_units WHERE id = \(id)", logger: logger)
        for try await (name, level) in rows.decode((String, String).self) {
            if let level = AdminLevel(rawValue: level) { return (name, level) }
        }
        throw DecisionError.notFound
    }

    /// A draft revoking or correcting an issued decision: the original's authority, place, symbol,
    /// bases and award, a title saying what it does, and the council's proposal with the reason.
    private static func insertFollowUp(
        _ connection: PostgresConnection,
        logger: Logger,
        of original: (provinceCode: String, id: Int),
        kind: String,
        title: String,
        reason: String,
        createdBy: Int?
    ) async throws -> Int {
        let created = try await connection.query(
            """
            INSERT INTO decisions (province_code, unit_id, organisation_id, round_id, award, kind, refers_to, authority_name, place, symbol,
                                   signer_title, title, bases, proposal, award_title, texts, created_by)
            SELECT province_code, unit_id, organisation_id, round_id, award, \(kind), id, authority_name, place, symbol, signer_title, \(title), bases,
                   CASE WHEN organisation_id IS NULL THEN 'Xét đề nghị của Hội đồng Thi đua – Khen thưởng' ELSE 'Xét đề nghị của Ban Thường vụ' END
                       || \("; lý do: \(reason.precomposedStringWithCanonicalMapping)"), award_title,
                   texts, \(createdBy)
            FROM decisions WHERE province_code = \(original.provinceCode) AND id = \(original.id)
            RETURNING id
            """,
            logger: logger
        )
        for try await value in created.decode(Int.self) { return value }
        throw DecisionError.notFound
    }
}
