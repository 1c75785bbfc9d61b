import Documents
import Geography
import Hummingbird
import Logging
import Storage

/// Everything a signed-in person does with council sessions, for the pages and the API alike:
/// loading one checks its scope once (outside it: 404), each command asks the policy (the
/// secretary of the council's own unit runs it; a member with an account may cast their own
/// vote), the store keeps the rules and answers with the session as it now stands.
struct CouncilDesk {
    let services: AppServices
    let account: Account
    let store: CouncilSessionStore

    let rosters: CouncilStore
    let logger: Logger

    init(_ services: AppServices, account: Account, context: AppRequestContext) {
        self.services = services
        self.account = account
        self.store = CouncilSessionStore(client: services.client, workflows: services.workflows, logger: context.logger)
        self.rosters = CouncilStore(client: services.client, logger: context.logger)
        self.logger = context.logger
    }

    /// The councils this person keeps (a secretary's units), with their rosters.
    func councils() async throws -> [Council] {
        var out: [Council] = []
        for grant in account.grants where grant.role == .councilSecretary {
            guard let unitID = grant.unitID, let council = try await rosters.council(unitID: unitID) else { continue }
            out.append(council)
        }
        return out
    }

    /// The council of a unit in scope; its secretary (or anyone who may run its sessions) keeps it.
    func council(unitCode: String) async throws -> Council {
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        guard let council = try await rosters.council(unitID: unit.id) else { throw CouncilError.notFound }
        return council
    }

    func mayKeep(_ council: Council) -> Bool { account.may(.runCouncilSession, at: council.unitID) }

    /// Replaces the council's founding decision and standing roster.
    func saveCouncil(_ council: Council, foundingDecision: String, members: [CouncilStore.NewMember]) async throws -> Council {
        try services.require(account, .runCouncilSession, at: council.unitID)
        return try await rosters.save(unitID: council.unitID, foundingDecision: foundingDecision, members: members, by: account.id)
    }

    /// The session named by the `:province` and `:id` parameters, if its council's unit is in scope.
    func load(_ context: AppRequestContext) async throws -> CouncilSession {
        try await services.scopedRecord(context, for: account, notFound: "Không tìm thấy phiên họp trong phạm vi của bạn.", unitID: \.unitID) {
            try await store.session($0)
        }
    }

    /// The sessions of the councils in the person's scope, newest first.
    func visible() async throws -> [(provinceCode: String, id: Int, title: String, heldOn: String, isClosed: Bool)] {
        try await store.sessions(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
    }

    func mayRun(_ session: CouncilSession) -> Bool { !session.isClosed && runs(session) }

    /// Whether the person keeps this session's council: the secretary of the People's Committee's
    /// council at its unit, or of the organisation whose Ban Thường vụ sat.
    func runs(_ session: CouncilSession) -> Bool {
        if let organisation = session.organisation {
            return account.holds(Permission.runCouncilSession.roles, atOrganisation: organisation.id)
        }
        return account.may(.runCouncilSession, at: session.unitID)
    }

    /// Refuses, in the policy's words, anyone who does not keep the session's council.
    func requireRun(_ session: CouncilSession) throws {
        guard runs(session) else { throw HTTPError(.forbidden, message: Permission.runCouncilSession.refusal) }
    }

    /// The organisations whose council this person keeps (a secretary at a Hội Khuyến học).
    func organisations() async throws -> [Organisation] {
        var out: [Organisation] = []
        let store = OrganisationStore(client: services.client, logger: logger)
        for grant in account.organisationGrants where Permission.runCouncilSession.roles.contains(grant.role) {
            if let organisation = try await store.organisation(id: grant.organisationID), !out.contains(organisation) { out.append(organisation) }
        }
        return out
    }

    /// Opens a session of the council of `unitCode` for nominations waiting at its council step.
    func open(
        unitCode: String,
        title: String,
        heldOn: Day,
        startsAt: String? = nil,
        place: String,
        members: [CouncilSessionStore.NewMember],
        nominationIDs: [Int],
        organisationCode: String? = nil
    ) async throws -> CouncilSession {
        // An organisation's session: its secretary opens it at the unit it serves.
        var organisation: Organisation?
        var unitCode = unitCode
        if let organisationCode {
            guard let found = try await OrganisationStore(client: services.client, logger: logger).organisation(code: organisationCode),
                account.holds(Permission.runCouncilSession.roles, atOrganisation: found.id)
            else { throw HTTPError(.forbidden, message: Permission.runCouncilSession.refusal) }
            organisation = found
            unitCode = found.unitCode
        }
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        if organisation == nil { try services.require(account, .runCouncilSession, at: unit.id) }
        let id = try await store.open(
            provinceCode: unit.provinceCode,
            unitID: unit.id,
            title: title,
            heldOn: heldOn,
            startsAt: startsAt,
            place: place,
            members: members,
            nominations: nominationIDs,
            openedBy: account.id,
            organisation: organisation
        )
        return try await reread(CouncilSessionKey(provinceCode: unit.provinceCode, id: id))
    }

    func recordAttendance(_ session: CouncilSession, present: Set<Int>) async throws -> CouncilSession {
        try requireRun(session)
        try await store.recordAttendance(session.key, present: present, recordedBy: account.id)
        return try await reread(session)
    }

    /// Open ballots: the secretary records any present member's vote; a member their own.
    func recordVotes(_ session: CouncilSession, _ votes: [(nominationID: Int, member: Int, vote: CouncilSessionStore.Vote)]) async throws
        -> CouncilSession
    {
        let asSecretary = runs(session)
        try await store.recordVotes(in: session.key, votes, recordedBy: account.id, asSecretary: asSecretary)
        return try await reread(session)
    }

    /// Secret ballots: the vote-counting committee's totals for each nomination.
    func recordTallies(_ session: CouncilSession, _ tallies: [(nominationID: Int, yes: Int, no: Int)]) async throws -> CouncilSession {
        try requireRun(session)
        for tally in tallies {
            try await store.recordSecretTally(
                in: session.key,
                nominationID: tally.nominationID,
                yes: tally.yes,
                no: tally.no,
                recordedBy: account.id
            )
        }
        return try await reread(session)
    }

    func withdraw(_ session: CouncilSession, nominationID: Int) async throws -> CouncilSession {
        try requireRun(session)
        try await store.withdraw(from: session.key, nominationID: nominationID, by: account.id)
        return try await reread(session)
    }

    /// Closes the session: each nomination on the agenda moves by its result and receives the
    /// numbered minutes (Word at once, then PDF). The PDF needs LibreOffice: when it cannot be
    /// made the closing stands, and `pdfProblem` says why (the Word file is in every dossier).
    func close(_ session: CouncilSession, endsAt: String? = nil) async throws -> (session: CouncilSession, pdfProblem: String?) {
        try requireRun(session)
        try await store.close(session.key, closedBy: account.id, endsAt: endsAt)
        let closed = try await reread(session)
        do {
            let pdf = try await DecisionExport.pdf(fromDocx: MinutesDocx.write(closed.minutes))
            try await store.attachMinutesPDF(closed.key, pdf: pdf, by: account.id)
            return (closed, nil)
        } catch let problem as DecisionExport.ExportError {
            logger.warning("minutes PDF not made", metadata: ["session": "\(closed.id)", "error": "\(problem)"])
            return (closed, problem.description)
        }
    }

    /// The minutes as a file: Word, or PDF (converted by LibreOffice).
    func minutesFile(_ session: CouncilSession, pdf: Bool) async throws -> (name: String, type: String, bytes: [UInt8]) {
        let docx = MinutesDocx.write(session.minutes)
        if pdf {
            do {
                return (CouncilSessionStore.minutesFileName(session, kind: .pdf), FileKind.pdf.rawValue, try await DecisionExport.pdf(fromDocx: docx))
            } catch let problem as DecisionExport.ExportError {
                throw HTTPError(.serviceUnavailable, message: problem.description)
            }
        }
        return (CouncilSessionStore.minutesFileName(session, kind: .docx), FileKind.docx.rawValue, docx)
    }

    /// The session as stored now (after a change, or after a refusal that left it as it was).
    func reread(_ session: CouncilSession) async throws -> CouncilSession {
        try await reread(session.key)
    }

    private func reread(_ key: CouncilSessionKey) async throws -> CouncilSession {
        guard let session = try await store.session(key) else { throw CouncilError.notFound }
        return session
    }
}

extension AppServices {
    /// The council desk of the person signed in to this request.
    func councils(_ context: SignedInContext) -> CouncilDesk {
        CouncilDesk(self, account: context.account, context: context.app)
    }
}
