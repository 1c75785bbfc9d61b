import Foundation
import Geography
import Hummingbird
import Storage

/// Council sessions: a secretary opens one for nominations waiting at the council step of a unit,
/// records attendance and votes (members with an account may vote themselves), reads the result
/// computed by the step's rule, and closes it, which moves every nomination on the agenda.
struct CouncilSessionsAPI {
    let services: AppServices

    struct OpenRequest: Decodable {
        let unitCode: String
        let title: String
        /// dd/MM/yyyy or yyyy-MM-dd.
        let heldOn: String
        let place: String?
        let members: [CouncilSessionStore.NewMember]
        let nominationIDs: [Int]
    }

    struct AttendanceRequest: Decodable { let present: [Int] }
    struct VoteRequest: Decodable {
        let nominationID: Int
        let member: Int
        let vote: CouncilSessionStore.Vote
    }
    struct TallyRequest: Decodable {
        let nominationID: Int
        let yes: Int
        let no: Int
    }

    struct SessionList: ResponseEncodable {
        struct Entry: Codable {
            let provinceCode: String
            let id: Int
            let title: String
            let heldOn: String
            let isClosed: Bool
        }
        let items: [Entry]
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/council-sessions") { _, context in
            let (account, context) = (context.account, context.app)
            let sessions = try await store(context).sessions(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
            return SessionList(
                items: sessions.map { .init(provinceCode: $0.provinceCode, id: $0.id, title: $0.title, heldOn: $0.heldOn, isClosed: $0.isClosed) }
            )
        }
        routes.post("/council-sessions") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let body = try await request.decode(as: OpenRequest.self, context: context)
            let unit = try await UnitAccess(services: services).unit(code: body.unitCode, for: account)
            try requireSecretary(account, unitID: unit.id)
            guard let day = Day(parsing: body.heldOn) else {
                throw APIValidationError(message: "Ngày họp không hợp lệ: \(body.heldOn) (dạng dd/MM/yyyy).", errors: ["heldOn"])
            }
            guard !body.title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIValidationError(message: "Cần tên phiên họp.", errors: ["title"])
            }
            let id = try await store(context).open(
                provinceCode: unit.provinceCode,
                unitID: unit.id,
                title: body.title,
                heldOn: day,
                place: body.place ?? "",
                members: body.members,
                nominations: body.nominationIDs,
                openedBy: account.id
            )
            var response = try await session(context, province: unit.provinceCode, id: id).response(from: request, context: context)
            response.status = .created
            return response
        }
        routes.get("/council-sessions/:province/:id") { _, context in
            let (account, context) = (context.account, context.app)
            return try await visible(context, account: account)
        }
        routes.put("/council-sessions/:province/:id/attendance") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            let body = try await request.decode(as: AttendanceRequest.self, context: context)
            try await store(context).recordAttendance(
                provinceCode: session.provinceCode,
                sessionID: session.id,
                present: Set(body.present),
                recordedBy: account.id
            )
            return try await self.session(context, province: session.provinceCode, id: session.id)
        }
        routes.post("/council-sessions/:province/:id/votes") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            let body = try await request.decode(as: VoteRequest.self, context: context)
            let isSecretary = (try? requireSecretary(account, unitID: session.unitID)) != nil
            try await store(context).recordVote(
                provinceCode: session.provinceCode,
                sessionID: session.id,
                nominationID: body.nominationID,
                member: body.member,
                vote: body.vote,
                recordedBy: account.id,
                asSecretary: isSecretary
            )
            return try await self.session(context, province: session.provinceCode, id: session.id)
        }
        routes.post("/council-sessions/:province/:id/tallies") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            let body = try await request.decode(as: TallyRequest.self, context: context)
            try await store(context).recordSecretTally(
                provinceCode: session.provinceCode,
                sessionID: session.id,
                nominationID: body.nominationID,
                yes: body.yes,
                no: body.no,
                recordedBy: account.id
            )
            return try await self.session(context, province: session.provinceCode, id: session.id)
        }
        routes.delete("/council-sessions/:province/:id/agenda/:nomination") { _, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            guard let nomination = Int(try context.parameters.require("nomination")) else { throw CouncilError.notOnAgenda(0) }
            try await store(context).withdraw(provinceCode: session.provinceCode, sessionID: session.id, nominationID: nomination, by: account.id)
            return try await self.session(context, province: session.provinceCode, id: session.id)
        }
        routes.post("/council-sessions/:province/:id/close") { _, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            try await store(context).close(provinceCode: session.provinceCode, sessionID: session.id, closedBy: account.id)
            return try await self.session(context, province: session.provinceCode, id: session.id)
        }
        return routes
    }

    /// Sessions are run by the secretary of the council's own unit.
    private func requireSecretary(_ account: Account, unitID: Int) throws {
        try services.require(account, .runCouncilSession, at: unitID)
    }

    private func store(_ context: AppRequestContext) -> CouncilSessionStore {
        CouncilSessionStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    private func session(_ context: AppRequestContext, province: String, id: Int) async throws -> CouncilSession {
        guard let session = try await store(context).session(provinceCode: province, id: id) else { throw CouncilError.notFound }
        return session
    }

    /// The session, if the caller works in the scope of its council's unit.
    private func visible(_ context: AppRequestContext, account: Account) async throws -> CouncilSession {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let session = try await store(context).session(provinceCode: province, id: id),
            try await services.accounts.canAccess(account, unitID: session.unitID)
        else { throw HTTPError(.notFound, message: "Không tìm thấy phiên họp trong phạm vi của bạn.") }
        return session
    }
}

extension CouncilSession: ResponseEncodable {}
