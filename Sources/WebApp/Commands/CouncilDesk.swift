import Geography
import Hummingbird
import Storage

/// Everything a signed-in person does with council sessions, for the pages and the API alike:
/// loading one checks its scope once (outside it: 404), each command asks the policy (the
/// secretary of the council's own unit runs it; a member with an account may cast their own
/// vote), the store keeps the rules and answers with the session as it now stands.
struct CouncilDesk {
    let services: AppServices
    let account: Account
    let store: CouncilSessionStore

    init(_ services: AppServices, account: Account, context: AppRequestContext) {
        self.services = services
        self.account = account
        self.store = CouncilSessionStore(client: services.client, workflows: services.workflows, logger: context.logger)
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

    func mayRun(_ session: CouncilSession) -> Bool { !session.isClosed && account.may(.runCouncilSession, at: session.unitID) }

    /// Opens a session of the council of `unitCode` for nominations waiting at its council step.
    func open(
        unitCode: String,
        title: String,
        heldOn: Day,
        place: String,
        members: [CouncilSessionStore.NewMember],
        nominationIDs: [Int]
    ) async throws -> CouncilSession {
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        try services.require(account, .runCouncilSession, at: unit.id)
        let id = try await store.open(
            provinceCode: unit.provinceCode,
            unitID: unit.id,
            title: title,
            heldOn: heldOn,
            place: place,
            members: members,
            nominations: nominationIDs,
            openedBy: account.id
        )
        return try await reread(CouncilSessionKey(provinceCode: unit.provinceCode, id: id))
    }

    func recordAttendance(_ session: CouncilSession, present: Set<Int>) async throws -> CouncilSession {
        try services.require(account, .runCouncilSession, at: session.unitID)
        try await store.recordAttendance(session.key, present: present, recordedBy: account.id)
        return try await reread(session)
    }

    /// Open ballots: the secretary records any present member's vote; a member their own.
    func recordVotes(_ session: CouncilSession, _ votes: [(nominationID: Int, member: Int, vote: CouncilSessionStore.Vote)]) async throws
        -> CouncilSession
    {
        let asSecretary = account.may(.runCouncilSession, at: session.unitID)
        for vote in votes {
            try await store.recordVote(
                in: session.key,
                nominationID: vote.nominationID,
                member: vote.member,
                vote: vote.vote,
                recordedBy: account.id,
                asSecretary: asSecretary
            )
        }
        return try await reread(session)
    }

    /// Secret ballots: the vote-counting committee's totals for each nomination.
    func recordTallies(_ session: CouncilSession, _ tallies: [(nominationID: Int, yes: Int, no: Int)]) async throws -> CouncilSession {
        try services.require(account, .runCouncilSession, at: session.unitID)
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
        try services.require(account, .runCouncilSession, at: session.unitID)
        try await store.withdraw(from: session.key, nominationID: nominationID, by: account.id)
        return try await reread(session)
    }

    /// Closes the session: each nomination on the agenda moves by its result.
    func close(_ session: CouncilSession) async throws -> CouncilSession {
        try services.require(account, .runCouncilSession, at: session.unitID)
        try await store.close(session.key, closedBy: account.id)
        return try await reread(session)
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
