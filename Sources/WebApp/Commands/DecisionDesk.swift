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

    /// A draft's text is edited by whoever drafts there and by the chair who signs it.
    func mayEdit(_ decision: Decision) -> Bool {
        !decision.isIssued && (mayDraft(at: decision.unitID) || account.may(.issueDecision, at: decision.unitID))
    }

    func mayIssue(_ decision: Decision) -> Bool { !decision.isIssued && account.may(.issueDecision, at: decision.unitID) }

    func mayRevoke(_ decision: Decision) -> Bool { decision.isIssued && decision.kind == .award && mayDraft(at: decision.unitID) }

    /// A draft listing every nomination of the round that waits for this unit's decision on `award`.
    func draft(unitCode: String, roundID: Int, award: String) async throws -> Decision {
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        try services.require(account, .draftDecision, at: unit.id)
        return try await store.draft(provinceCode: unit.provinceCode, unitID: unit.id, roundID: roundID, award: award, createdBy: account.id)
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
        if !account.may(.issueDecision, at: decision.unitID) { try services.require(account, .draftDecision, at: decision.unitID) }
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
        try services.require(account, .issueDecision, at: decision.unitID)
        let signer: (name: String, title: String)? =
            signerName == nil && signerTitle == nil ? nil : (signerName ?? decision.signerName, signerTitle ?? decision.signerTitle)
        return try await store.issue(decision.key, on: day, number: number, signer: signer, issuedBy: account.id)
    }

    /// A draft revoking the awards of `nominationIDs` (nil: all) of an issued decision.
    func revoke(_ decision: Decision, nominationIDs: [Int]?, reason: String) async throws -> Decision {
        try services.require(account, .draftDecision, at: decision.unitID)
        return try await store.draftRevocation(
            of: decision.key,
            nominationIDs: nominationIDs,
            reason: reason,
            createdBy: account.id
        )
    }

    /// A draft correcting what an issued decision says of some awardees.
    func correct(_ decision: Decision, corrections: [DecisionStore.Correction], reason: String) async throws -> Decision {
        try services.require(account, .draftDecision, at: decision.unitID)
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
