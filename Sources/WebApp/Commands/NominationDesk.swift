import Hummingbird
import Storage
import Workflow

/// Everything a signed-in person does with nominations, for the pages and the API alike: the
/// loader checks scope once (`NominationAccess`), the roles that count are those held at the
/// nomination's current level, the policy is asked before the store, and the store applies the
/// workflow under the record's lock. Controllers decode forms or JSON and render the answer.
struct NominationDesk {
    let services: AppServices
    let account: Account
    let access: NominationAccess
    let store: NominationStore

    init(_ services: AppServices, account: Account, context: AppRequestContext) {
        self.services = services
        self.account = account
        self.access = NominationAccess(services: services)
        self.store = access.store(context)
    }

    /// The nomination named by the `:province` and `:id` parameters, if in scope (else 404).
    func load(_ context: AppRequestContext) async throws -> NominationStore.Nomination {
        try await access.load(context: context, account: account)
    }

    /// The nomination if in scope, nil otherwise (lists that name several).
    func find(_ key: NominationKey) async throws -> NominationStore.Nomination? {
        guard let nomination = try await store.nomination(key),
            try await services.accounts.canAccess(account, unitID: nomination.unitID)
        else { return nil }
        return nomination
    }

    /// The person's roles that count at the nomination's current step.
    func roles(at nomination: NominationStore.Nomination) async throws -> Set<Workflow.Role> {
        try await access.rolesAtCurrentLevel(account, nomination: nomination)
    }

    /// A unit where the person nominates as a clerk, and for whom: the People's Committee
    /// (`kind` nil) or an organisation of `kind` serving it (the Hội Khuyến học).
    struct SubmittingPlace {
        let unit: UnitRepository.UnitRecord
        let kind: String?
        /// "Xã Yên Bình", or "Xã Yên Bình — Hội Khuyến học xã Yên Bình" for an organisation's clerk.
        let label: String
    }

    /// Every place the person nominates from, People's Committees' first.
    func submittingPlaces() async throws -> [SubmittingPlace] {
        var places: [SubmittingPlace] = []
        for grant in account.grants where grant.role == .submitter {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID) else { continue }
            places.append(.init(unit: unit, kind: nil, label: unit.name))
        }
        for grant in account.organisationGrants where grant.role == .submitter {
            guard let unit = try await services.units.unit(id: grant.unitID) else { continue }
            places.append(.init(unit: unit, kind: grant.kind, label: "\(unit.name) — \(grant.organisationName)"))
        }
        return places
    }

    /// The rounds the person's clerk roles nominate in: of their provinces, run by the bodies they act for.
    func submittingRounds(_ places: [SubmittingPlace]) async throws -> [RoundStore.Round] {
        let kinds = Set(places.map(\.kind))
        var rounds: [RoundStore.Round] = []
        for round in try await RoundStore(client: services.client, workflows: services.workflows, logger: store.logger).rounds(
            provinceCodes: Array(Set(places.map(\.unit.provinceCode))).sorted()
        ) where kinds.contains(try await services.workflows.definition(round.workflow).organisationKind) {
            rounds.append(round)
        }
        return rounds
    }

    /// The body whose process a round runs: nil for the People's Committees', else the kind of organisation.
    func processKind(provinceCode: String, roundID: Int) async throws -> String? {
        let round = try await RoundStore(client: services.client, workflows: services.workflows, logger: store.logger)
            .round(RoundKey(provinceCode: provinceCode, id: roundID))
        guard let round else { return nil }
        return try await services.workflows.definition(round.workflow).organisationKind
    }

    /// Starts a nomination at a unit in scope, with its achievement report when one is given.
    func create(
        unitCode: String,
        roundID: Int,
        award: String,
        nomineeKind: String,
        nomineeKey: String,
        nomineeName: String,
        achievement: String,
        nomineeDetail: String = "",
        report: (bytes: [UInt8], fileName: String)? = nil
    ) async throws -> NominationStore.Nomination {
        let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
        // The role anywhere, the unit within scope: a commune's clerk nominates for its villages.
        // In a round of an organisation's process, the role held at an organisation of its kind.
        let kind = try await processKind(provinceCode: unit.provinceCode, roundID: roundID)
        guard account.may(.createNomination, in: kind) else { throw HTTPError(.forbidden, message: Permission.createNomination.refusal) }
        let created = try await store.create(
            .init(
                provinceCode: unit.provinceCode,
                roundID: roundID,
                award: award,
                nomineeKind: nomineeKind,
                nomineeKey: nomineeKey,
                nomineeName: nomineeName,
                unitID: unit.id,
                achievement: achievement,
                nomineeDetail: nomineeDetail
            ),
            createdBy: account.id
        )
        if let report {
            try await attach(created, kind: "bao_cao_thanh_tich", bytes: report.bytes, fileName: report.fileName)
        }
        return created
    }

    /// One workflow action at the version the person saw, with the roles held at its level.
    func act(
        _ nomination: NominationStore.Nomination,
        action: Action,
        expectedVersion: Int,
        comment: String?,
        idempotencyKey: String? = nil,
        tally: VoteRule.Tally? = nil,
        requestedDocuments: [String]? = nil
    ) async throws -> NominationStore.ActResult {
        try await store.act(
            nomination.key,
            action: action,
            expectedVersion: expectedVersion,
            actorID: account.id,
            roles: try await roles(at: nomination),
            comment: comment,
            idempotencyKey: idempotencyKey,
            tally: tally,
            requestedDocuments: requestedDocuments
        )
    }

    /// The same action on several nominations (the queue's bulk form), each at the version seen;
    /// how many were done, and each refusal in words naming the nominee.
    func actOnEach(_ picks: [(key: NominationKey, version: Int)], action: Action, comment: String?) async throws -> (
        done: Int, problems: [String]
    ) {
        var done = 0
        var problems: [String] = []
        for pick in picks {
            guard let nomination = try await find(pick.key) else {
                problems.append("Một hồ sơ đã chọn không còn trong phạm vi của bạn.")
                continue
            }
            do {
                _ = try await act(nomination, action: action, expectedVersion: pick.version, comment: comment)
                done += 1
            } catch let error as NominationStore.NominationError {
                problems.append("\(nomination.nomineeName): \(error.description)")
            }
        }
        return (done, problems)
    }

    /// A document added to the dossier, if the step takes documents from the person's roles.
    func attach(_ nomination: NominationStore.Nomination, kind: String, bytes: [UInt8], fileName: String, replacing: Bool = false) async throws {
        try await store.attachDocument(
            to: nomination.key,
            kind: kind,
            bytes: bytes,
            fileName: fileName,
            uploadedBy: account.id,
            roles: try await roles(at: nomination),
            replacing: replacing
        )
    }

    /// Holds the nomination with a recorded reason (disciplinary matter, inspection, complaint),
    /// or releases it (`reason` nil).
    func hold(_ nomination: NominationStore.Nomination, reason: String?) async throws -> NominationStore.Nomination {
        // The role anywhere, for the body whose process it is; the nomination within scope (it
        // was loaded through the scope check).
        let kind = try await services.workflows.definition(nomination.workflow).organisationKind
        guard account.may(.holdNomination, in: kind) else { throw HTTPError(.forbidden, message: Permission.holdNomination.refusal) }
        if let reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).count < 5 {
            throw APIValidationError(message: "Ghi rõ lý do tạm dừng (kỷ luật, thanh tra, khiếu nại…).", errors: ["reason"])
        }
        return try await store.setHold(nomination.key, reason: reason, actorID: account.id)
    }
}

extension AppServices {
    /// The nominations desk of the person signed in to this request.
    func nominations(_ context: SignedInContext) -> NominationDesk {
        NominationDesk(self, account: context.account, context: context.app)
    }
}
