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
            SessionList(
                items: try await services.councils(context).visible().map {
                    .init(provinceCode: $0.provinceCode, id: $0.id, title: $0.title, heldOn: $0.heldOn, isClosed: $0.isClosed)
                }
            )
        }
        routes.post("/council-sessions") { request, context -> Response in
            let body = try await request.decode(as: OpenRequest.self, context: context.app)
            guard let day = Day(parsing: body.heldOn) else {
                throw APIValidationError(message: "Ngày họp không hợp lệ: \(body.heldOn) (dạng dd/MM/yyyy).", errors: ["heldOn"])
            }
            let session = try await services.councils(context).open(
                unitCode: body.unitCode,
                title: body.title,
                heldOn: day,
                place: body.place ?? "",
                members: body.members,
                nominationIDs: body.nominationIDs
            )
            var response = try session.response(from: request, context: context.app)
            response.status = .created
            return response
        }
        routes.get("/council-sessions/:province/:id") { _, context in
            try await services.councils(context).load(context.app)
        }
        routes.put("/council-sessions/:province/:id/attendance") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let body = try await request.decode(as: AttendanceRequest.self, context: context.app)
            return try await desk.recordAttendance(session, present: Set(body.present))
        }
        routes.post("/council-sessions/:province/:id/votes") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let body = try await request.decode(as: VoteRequest.self, context: context.app)
            return try await desk.recordVotes(session, [(body.nominationID, body.member, body.vote)])
        }
        routes.post("/council-sessions/:province/:id/tallies") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let body = try await request.decode(as: TallyRequest.self, context: context.app)
            return try await desk.recordTallies(session, [(body.nominationID, body.yes, body.no)])
        }
        routes.delete("/council-sessions/:province/:id/agenda/:nomination") { _, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            guard let nomination = Int(try context.app.parameters.require("nomination")) else { throw CouncilError.notOnAgenda(0) }
            return try await desk.withdraw(session, nominationID: nomination)
        }
        routes.post("/council-sessions/:province/:id/close") { _, context in
            let desk = services.councils(context)
            return try await desk.close(try await desk.load(context.app))
        }
        return routes
    }
}

extension CouncilSession: ResponseEncodable {}
