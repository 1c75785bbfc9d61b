import Geography
import Hummingbird
import Storage

/// Everything a signed-in person does with award decisions, for the pages and the API alike:
/// loading one checks its scope once (outside it: 404, as if it did not exist), each command asks
/// the policy before the store, and the store keeps the rules. Controllers decode and render.
struct DecisionDesk {
    let services: AppServices
    let account: Account
    let store: DecisionStore

    init(_ services: AppServices, account: Account, context: AppRequestContext) {
        self.services = services
        self.account = account
        self.store = DecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    /// The decision named by the `:province` and `:id` parameters, if its issuing unit is in scope.
    func load(_ context: AppRequestContext) async throws -> Decision {
        try await services.scopedRecord(context, for: account, notFound: "Không tìm thấy quyết định trong phạm vi của bạn.", unitID: \.unitID) {
            try await store.decision($0)
        }
    }

    /// Every decision of the provinces the person works in whose issuing unit is in scope.
    func visible() async throws -> [DecisionStore.Summary] {
        let all = try await store.decisions(provinceCodes: try await services.provinceCodes(of: account))
        var visible: [DecisionStore.Summary] = []
        for item in all where try await services.accounts.canAccess(account, unitID: item.unitID) { visible.append(item) }
        return visible
    }

    func mayDraft(at unitID: Int) -> Bool { account.may(.draftDecision, at: unitID) }

    /// Whether the person holds a role allowing `permission` for the body that issues the
    /// decision: the People's Committee of its unit, or the organisation named on it (the Hội
    /// Khuyến học's chair signs its decisions, not the commune's).
    func allows(_ permission: Permission, for decision: Decision) -> Bool {
        if let organisation = decision.organisation { return account.holds(permission.roles, atOrganisation: organisation.id) }
        return account.may(permission, at: decision.unitID)
    }

    func require(_ permission: Permission, for decision: Decision) throws {
        guard allows(permission, for: decision) else { throw HTTPError(.forbidden, message: permission.refusal) }
    }

    /// A draft's text is edited by whoever drafts there and by the chair who signs it.
    func mayEdit(_ decision: Decision) -> Bool {
        !decision.isIssued && (allows(.draftDecision, for: decision) || allows(.issueDecision, for: decision))
    }

    func mayIssue(_ decision: Decision) -> Bool { !decision.isIssued && allows(.issueDecision, for: decision) }

    func mayRevoke(_ decision: Decision) -> Bool { decision.isIssued && decision.kind == .award && allows(.draftDecision, for: decision) }

    /// A draft listing every nomination of the round that waits for this unit's decision on
    /// `award` — for a round of an organisation's process, the decision of the organisation of
    /// that kind serving the unit, drafted by its own staff.
    func draft(unitCode: String, roundID: Int, award: String) async throws -> Decision {
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        let round = try await RoundStore(client: services.client, workflows: services.workflows, logger: store.logger)
            .round(RoundKey(provinceCode: unit.provinceCode, id: roundID))
        var organisation: Organisation?
        if let round, let kind = try await services.workflows.definition(round.workflow).organisationKind {
            let kindName = Organisation.knownKinds[kind] ?? kind
            guard let serving = try await OrganisationStore(client: services.client, logger: store.logger).serving(kind: kind, unitID: unit.id)
            else {
                throw HTTPError(
                    .unprocessableContent,
                    message: "\(unit.name) chưa có \(kindName) trong ThiDua: đợt “\(round.name)” là của \(kindName)."
                )
            }
            guard account.holds(Permission.draftDecision.roles, atOrganisation: serving.id) else {
                throw HTTPError(
                    .forbidden,
                    message: "Đợt “\(round.name)” là đợt khen thưởng của \(serving.name): dự thảo quyết định do cán bộ của \(serving.name) lập."
                )
            }
            organisation = serving
        } else {
            guard account.may(.draftDecision, at: unit.id) else {
                if account.organisationGrants.contains(where: { Permission.draftDecision.roles.contains($0.role) }) {
                    throw HTTPError(
                        .forbidden,
                        message:
                            "Đợt “\(round?.name ?? "")” là đợt khen thưởng của Ủy ban nhân dân: dự thảo quyết định do cán bộ của Ủy ban nhân dân lập."
                    )
                }
                throw HTTPError(.forbidden, message: Permission.draftDecision.refusal)
            }
        }
        return try await store.draft(
            provinceCode: unit.provinceCode,
            unitID: unit.id,
            roundID: roundID,
            award: award,
            createdBy: account.id,
            organisation: organisation
        )
    }

    /// Changes what a draft says; nil leaves a part as it is.
    func update(
        _ decision: Decision,
        title: String?,
        bases: [String]?,
        proposal: String?,
        articles: [String]? = nil,
        signerName: String?,
        signerTitle: String?
    ) async throws -> Decision {
        if !allows(.issueDecision, for: decision) { try require(.draftDecision, for: decision) }
        return try await store.updateDraft(
            decision.key,
            title: title,
            bases: bases,
            proposal: proposal,
            articles: articles,
            signerName: signerName,
            signerTitle: signerTitle
        )
    }

    /// Numbers, dates and issues the draft; the signer, when given, is written in the same step.
    func issue(_ decision: Decision, on day: Day, number: Int? = nil, signerName: String?, signerTitle: String?) async throws -> Decision {
        try require(.issueDecision, for: decision)
        let signer: (name: String, title: String)? =
            signerName == nil && signerTitle == nil ? nil : (signerName ?? decision.signerName, signerTitle ?? decision.signerTitle)
        return try await store.issue(decision.key, on: day, number: number, signer: signer, issuedBy: account.id)
    }

    /// A draft revoking the awards of `nominationIDs` (nil: all) of an issued decision.
    func revoke(_ decision: Decision, nominationIDs: [Int]?, reason: String) async throws -> Decision {
        try require(.draftDecision, for: decision)
        return try await store.draftRevocation(
            of: decision.key,
            nominationIDs: nominationIDs,
            reason: reason,
            createdBy: account.id
        )
    }

    /// A draft correcting what an issued decision says of some awardees.
    func correct(_ decision: Decision, corrections: [DecisionStore.Correction], reason: String) async throws -> Decision {
        try require(.draftDecision, for: decision)
        return try await store.draftCorrection(
            of: decision.key,
            corrections: corrections,
            reason: reason,
            createdBy: account.id
        )
    }
}

extension AppServices {
    /// The decisions desk of the person signed in to this request.
    func decisions(_ context: SignedInContext) -> DecisionDesk {
        DecisionDesk(self, account: context.account, context: context.app)
    }
}
