import Foundation
import Geography
import HTTPTypes
import Hummingbird
import Storage
import Workflow

/// Nominations: create, read with history and the actions the caller may take, act (with the
/// version the caller saw and an optional `Idempotency-Key`), attach dossier documents, and the
/// caller's queue.
struct NominationsAPI {
    let services: AppServices

    struct CreateRequest: Decodable {
        let roundID: Int
        let award: String
        let nomineeKind: String
        let nomineeKey: String
        let nomineeName: String
        let unitCode: String
        let achievement: String?
    }

    struct ActionRequest: Decodable {
        let action: String
        let expectedVersion: Int
        let comment: String?
        let tally: TallyBody?
    }

    struct TallyBody: Codable {
        let members: Int
        let present: Int
        let yes: Int
        let no: Int
    }

    struct HistoryEntry: Codable {
        let seq: Int
        let action: String
        let from: String?
        let to: String
        let comment: String?
    }

    struct NominationBody: ResponseEncodable {
        let nomination: NominationStore.Nomination
        let stateTitle: String
        let history: [HistoryEntry]
        let allowedActions: [String]
    }

    struct QueueBody: ResponseEncodable {
        let items: [NominationStore.Nomination]
        let countsByState: [String: Int]
        let page: Int
        let pageSize: Int
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.post("/nominations") { request, context -> Response in
            let (account, desk) = (context.account, services.nominations(context))
            let body = try await request.decode(as: CreateRequest.self, context: context.app)
            do {
                let created = try await desk.create(
                    unitCode: body.unitCode,
                    roundID: body.roundID,
                    award: body.award,
                    nomineeKind: body.nomineeKind,
                    nomineeKey: body.nomineeKey,
                    nomineeName: body.nomineeName,
                    achievement: body.achievement ?? ""
                )
                var response = try await detail(created, account: account, context: context.app).response(from: request, context: context.app)
                response.status = .created
                return response
            } catch let error as NominationStore.NominationError {
                throw APIValidationError(message: error.description, errors: [error.description])
            }
        }
        routes.get("/nominations/:province/:id") { _, context in
            let nomination = try await services.nominations(context).load(context.app)
            return try await detail(nomination, account: context.account, context: context.app)
        }
        routes.post("/nominations/:province/:id/actions") { request, context -> Response in
            let (account, desk) = (context.account, services.nominations(context))
            let nomination = try await desk.load(context.app)
            let body = try await request.decode(as: ActionRequest.self, context: context.app)
            guard let action = Action(rawValue: body.action) else {
                throw APIValidationError(message: "Thao tác không hợp lệ: \(body.action).", errors: ["action"])
            }
            do {
                let result = try await desk.act(
                    nomination,
                    action: action,
                    expectedVersion: body.expectedVersion,
                    comment: body.comment,
                    idempotencyKey: try Self.idempotencyKey(of: request),
                    tally: body.tally.map { .init(members: $0.members, present: $0.present, yes: $0.yes, no: $0.no) }
                )
                return try await detail(result.nomination, account: account, context: context.app).response(from: request, context: context.app)
            } catch NominationStore.NominationError.stale(let current) {
                var problem = Problem(
                    title: "Conflict",
                    status: 409,
                    detail: NominationStore.NominationError.stale(current: current).description,
                    instance: request.uri.path
                )
                problem.current = current
                return problem.response(requestID: context.app.id)
            } catch NominationStore.NominationError.refused(let refusal) {
                if case .roleNotAllowed = refusal { throw HTTPError(.forbidden, message: refusal.description) }
                throw APIValidationError(message: refusal.description, errors: [refusal.description])
            }
        }
        routes.post("/nominations/:province/:id/documents") { request, context -> HTTPResponse.Status in
            let desk = services.nominations(context)
            let nomination = try await desk.load(context.app)
            let query = request.uri.queryParameters
            guard let kind = query.get("kind"), let name = query.get("name") else {
                throw APIValidationError(message: "Thiếu tham số kind hoặc name.", errors: ["kind", "name"])
            }
            let body = try await request.body.collect(upTo: FileKind.maximumSize + 1)
            try await desk.attach(nomination, kind: kind, bytes: Array(buffer: body), fileName: name, replacing: query.get("replace") == "true")
            return .created
        }
        routes.post("/nominations/:province/:id/hold") { request, context in
            let desk = services.nominations(context)
            let nomination = try await desk.load(context.app)
            struct HoldRequest: Decodable { let reason: String }
            let body = try await request.decode(as: HoldRequest.self, context: context.app)
            let held = try await desk.hold(nomination, reason: body.reason)
            return try await detail(held, account: context.account, context: context.app)
        }
        routes.delete("/nominations/:province/:id/hold") { _, context in
            let desk = services.nominations(context)
            let released = try await desk.hold(try await desk.load(context.app), reason: nil)
            return try await detail(released, account: context.account, context: context.app)
        }
        routes.get("/queue") { request, context in
            let (account, context) = (context.account, context.app)
            let query = request.uri.queryParameters
            let page = max(1, query.get("page").flatMap(Int.init) ?? 1)
            let pageSize = query.get("pageSize").flatMap(Int.init) ?? 50
            guard (1...200).contains(pageSize) else {
                throw APIValidationError(message: "Tham số pageSize phải từ 1 đến 200.", errors: ["pageSize"])
            }
            var filter = NominationQueue.Filter(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
            filter.state = query.get("state")
            filter.award = query.get("award")
            filter.search = query.get("q")
            filter.roundID = query.get("round").flatMap(Int.init)
            filter.nomineeKind = query.get("nomineeKind")
            filter.overdueOnly = query.get("overdue") == "true"
            let result = try await NominationQueue(client: services.client, logger: context.logger).list(filter, page: page, pageSize: pageSize)
            let (items, counts) = (result.items, result.countsByState)
            return QueueBody(items: items, countsByState: counts, page: page, pageSize: pageSize)
        }
        return routes
    }

    /// The `Idempotency-Key` header: at most 255 visible ASCII characters, or none.
    static func idempotencyKey(of request: Request) throws -> String? {
        guard let key = request.headers[Self.idempotencyKey] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIValidationError(
                message: "Khoá Idempotency-Key phải gồm 1–255 ký tự ASCII nhìn thấy được.",
                errors: ["Idempotency-Key"]
            )
        }
        return key
    }

    private func store(_ context: AppRequestContext) -> NominationStore {
        NominationStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    private func rolesAtCurrentLevel(_ account: Account, nomination: NominationStore.Nomination, context: AppRequestContext) async throws -> Set<
        Workflow.Role
    > {
        try await NominationAccess(services: services).rolesAtCurrentLevel(account, nomination: nomination)
    }

    private func detail(_ nomination: NominationStore.Nomination, account: Account, context: AppRequestContext) async throws -> NominationBody {
        let definition = try await services.workflows.definition(nomination.workflow)
        let roles = try await rolesAtCurrentLevel(account, nomination: nomination, context: context)
        let history = try await store(context).history(provinceCode: nomination.provinceCode, id: nomination.id)
        return NominationBody(
            nomination: nomination,
            stateTitle: definition.state(nomination.state)?.title ?? nomination.state,
            history: history.map { HistoryEntry(seq: $0.seq, action: $0.action, from: $0.from, to: $0.to, comment: $0.comment) },
            allowedActions: WorkflowEngine.availableActions(definition, .init(state: nomination.state, award: nomination.award), roles: roles)
                .map(\.rawValue)
        )
    }
}
