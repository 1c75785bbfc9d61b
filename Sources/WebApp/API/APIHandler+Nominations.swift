import APIContract
import Foundation
import Hummingbird
import OpenAPIRuntime
import Storage
import Workflow

/// Nominations: create, read with history and the actions the caller may take, act (with the
/// version the caller saw and an optional `Idempotency-Key`), attach dossier documents, hold, and
/// the caller's queue. All through the nominations' desk the pages use.
extension APIHandler {
    func createNomination(_ input: Operations.CreateNomination.Input) async throws -> Operations.CreateNomination.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        do {
            let created = try await services.nominations(context).create(
                unitCode: body.unitCode,
                roundID: body.roundID,
                award: body.award,
                nomineeKind: body.nomineeKind,
                nomineeKey: body.nomineeKey,
                nomineeName: body.nomineeName,
                achievement: body.achievement ?? ""
            )
            return .created(.init(body: .json(try await detail(created, context: context))))
        } catch let error as NominationStore.NominationError {
            throw APIValidationError(message: error.description, errors: [error.description])
        }
    }

    func getNomination(_ input: Operations.GetNomination.Input) async throws -> Operations.GetNomination.Output {
        let context = try signedIn()
        let nomination = try await services.nominations(context).load(context.app)
        return .ok(.init(body: .json(try await detail(nomination, context: context))))
    }

    func actOnNomination(_ input: Operations.ActOnNomination.Input) async throws -> Operations.ActOnNomination.Output {
        let context = try signedIn()
        let desk = services.nominations(context)
        let nomination = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        guard let action = Action(rawValue: body.action) else {
            throw APIValidationError(message: "Thao tác không hợp lệ: \(body.action).", errors: ["action"])
        }
        do {
            let result = try await desk.act(
                nomination,
                action: action,
                expectedVersion: body.expectedVersion,
                comment: body.comment,
                idempotencyKey: try Self.idempotencyKey(input.headers.idempotencyKey),
                tally: body.tally.map { .init(members: $0.members, present: $0.present, yes: $0.yes, no: $0.no) },
                requestedDocuments: body.requestedDocuments?.map(\.rawValue)
            )
            return .ok(.init(body: .json(try await detail(result.nomination, context: context))))
        } catch NominationStore.NominationError.refused(let refusal) {
            if case .roleNotAllowed = refusal { throw HTTPError(.forbidden, message: refusal.description) }
            throw APIValidationError(message: refusal.description, errors: [refusal.description])
        }
    }

    func attachNominationDocument(_ input: Operations.AttachNominationDocument.Input) async throws -> Operations.AttachNominationDocument.Output {
        let context = try signedIn()
        let desk = services.nominations(context)
        let nomination = try await desk.load(context.app)
        guard case .any(let file) = input.body else { throw HTTPError(.badRequest) }
        try await desk.attach(
            nomination,
            kind: input.query.kind,
            bytes: try await [UInt8](collecting: file, upTo: FileKind.maximumSize + 1),
            fileName: input.query.name,
            replacing: input.query.replace == true
        )
        return .created(.init())
    }

    func holdNomination(_ input: Operations.HoldNomination.Input) async throws -> Operations.HoldNomination.Output {
        let context = try signedIn()
        let desk = services.nominations(context)
        let nomination = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let held = try await desk.hold(nomination, reason: body.reason)
        return .ok(.init(body: .json(try await detail(held, context: context))))
    }

    func releaseNomination(_ input: Operations.ReleaseNomination.Input) async throws -> Operations.ReleaseNomination.Output {
        let context = try signedIn()
        let desk = services.nominations(context)
        let released = try await desk.hold(try await desk.load(context.app), reason: nil)
        return .ok(.init(body: .json(try await detail(released, context: context))))
    }

    func listQueue(_ input: Operations.ListQueue.Input) async throws -> Operations.ListQueue.Output {
        let context = try signedIn()
        let query = input.query
        let page = max(1, query.page ?? 1)
        let pageSize = query.pageSize ?? 50
        guard (1...200).contains(pageSize) else {
            throw APIValidationError(message: "Tham số pageSize phải từ 1 đến 200.", errors: ["pageSize"])
        }
        let account = context.account
        var filter = NominationQueue.Filter(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
        filter.state = query.state
        filter.award = query.award
        filter.search = query.q
        filter.roundID = query.round
        filter.nomineeKind = query.nomineeKind
        filter.overdueOnly = query.overdue == true
        let result = try await NominationQueue(client: services.client, logger: context.app.logger, counts: services.queueCounts).list(
            filter,
            page: page,
            pageSize: pageSize
        )
        let body = Components.Schemas.QueuePage(
            items: try result.items.map(Components.Schemas.Nomination.init),
            countsByState: .init(additionalProperties: result.countsByState),
            page: page,
            pageSize: pageSize
        )
        return .ok(.init(body: .json(body)))
    }

    /// The `Idempotency-Key` header: at most 255 visible ASCII characters, or none.
    static func idempotencyKey(_ key: String?) throws -> String? {
        guard let key else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIValidationError(
                message: "Khoá Idempotency-Key phải gồm 1–255 ký tự ASCII nhìn thấy được.",
                errors: ["Idempotency-Key"]
            )
        }
        return key
    }

    /// The nomination with its step's title, its history, and what the caller may do next.
    private func detail(_ nomination: NominationStore.Nomination, context: SignedInContext) async throws -> Components.Schemas.NominationDetail {
        let definition = try await services.workflows.definition(nomination.workflow)
        let roles = try await NominationAccess(services: services).rolesAtCurrentLevel(context.account, nomination: nomination)
        let history = try await NominationStore(client: services.client, workflows: services.workflows, logger: context.app.logger)
            .history(of: nomination.key)
        return .init(
            nomination: try .init(nomination),
            stateTitle: definition.state(nomination.state)?.title ?? nomination.state,
            history: history.map { .init(seq: $0.seq, action: $0.action, from: $0.from, to: $0.to, comment: $0.comment) },
            allowedActions: WorkflowEngine.availableActions(definition, .init(state: nomination.state, award: nomination.award), roles: roles)
                .map(\.rawValue)
        )
    }
}

extension Components.Schemas.Nomination {
    init(_ nomination: NominationStore.Nomination) throws {
        self.init(
            provinceCode: nomination.provinceCode,
            id: nomination.id,
            roundID: nomination.roundID,
            workflow: nomination.workflow,
            award: nomination.award,
            basis: try contractValue(nomination.basis.rawValue),
            nomineeKind: try contractValue(nomination.nomineeKind.rawValue),
            nomineeKey: nomination.nomineeKey,
            nomineeName: nomination.nomineeName,
            unitID: nomination.unitID,
            state: nomination.state,
            version: nomination.version,
            holdReason: nomination.holdReason,
            dueOn: nomination.dueOn,
            overdue: nomination.overdue
        )
    }
}
