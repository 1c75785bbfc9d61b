import APIContract
import Geography
import Hummingbird
import OpenAPIRuntime
import Storage

/// Council sessions: a secretary opens one for nominations waiting at the council step of a unit,
/// records attendance and votes (members with an account may vote themselves) or tallies, reads
/// the result computed by the step's rule, and closes it, which moves every nomination on the
/// agenda. All through the council desk the pages use.
extension APIHandler {
    func listCouncilSessions(_ input: Operations.ListCouncilSessions.Input) async throws -> Operations.ListCouncilSessions.Output {
        let context = try signedIn()
        let items = try await services.councils(context).visible().map {
            Components.Schemas.CouncilSessionSummary(
                provinceCode: $0.provinceCode,
                id: $0.id,
                title: $0.title,
                heldOn: $0.heldOn,
                isClosed: $0.isClosed
            )
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func createCouncilSession(_ input: Operations.CreateCouncilSession.Input) async throws -> Operations.CreateCouncilSession.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        guard let day = Day(parsing: body.heldOn) else {
            throw APIValidationError(message: "Ngày họp không hợp lệ: \(body.heldOn) (dạng dd/MM/yyyy).", errors: ["heldOn"])
        }
        let session = try await services.councils(context).open(
            unitCode: body.unitCode,
            title: body.title,
            heldOn: day,
            startsAt: body.startsAt,
            place: body.place ?? "",
            members: try (body.members ?? []).map {
                .init(fullName: $0.fullName, position: $0.position ?? "", role: try contractValue($0.role?.rawValue ?? "member"), userID: $0.userID)
            },
            nominationIDs: body.nominationIDs,
            organisationCode: body.organisationCode
        )
        return .created(.init(body: .json(try .init(converting: session))))
    }

    func getCouncilSession(_ input: Operations.GetCouncilSession.Input) async throws -> Operations.GetCouncilSession.Output {
        let context = try signedIn()
        return .ok(.init(body: .json(try .init(converting: try await services.councils(context).load(context.app)))))
    }

    func recordAttendance(_ input: Operations.RecordAttendance.Input) async throws -> Operations.RecordAttendance.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let session = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        return .ok(.init(body: .json(try .init(converting: try await desk.recordAttendance(session, present: Set(body.present))))))
    }

    func castVotes(_ input: Operations.CastVotes.Input) async throws -> Operations.CastVotes.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let session = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let vote: CouncilSessionStore.Vote = try contractValue(body.vote.rawValue)
        return .ok(.init(body: .json(try .init(converting: try await desk.recordVotes(session, [(body.nominationID, body.member, vote)])))))
    }

    func recordTallies(_ input: Operations.RecordTallies.Input) async throws -> Operations.RecordTallies.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let session = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        return .ok(.init(body: .json(try .init(converting: try await desk.recordTallies(session, [(body.nominationID, body.yes, body.no)])))))
    }

    func removeFromAgenda(_ input: Operations.RemoveFromAgenda.Input) async throws -> Operations.RemoveFromAgenda.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let session = try await desk.load(context.app)
        return .ok(.init(body: .json(try .init(converting: try await desk.withdraw(session, nominationID: input.path.nomination)))))
    }

    func closeCouncilSession(_ input: Operations.CloseCouncilSession.Input) async throws -> Operations.CloseCouncilSession.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        return .ok(.init(body: .json(try .init(converting: try await desk.close(try await desk.load(context.app)).session))))
    }

    func getCouncil(_ input: Operations.GetCouncil.Input) async throws -> Operations.GetCouncil.Output {
        let context = try signedIn()
        return .ok(.init(body: .json(try .init(converting: try await services.councils(context).council(unitCode: input.path.code)))))
    }

    func saveCouncil(_ input: Operations.SaveCouncil.Input) async throws -> Operations.SaveCouncil.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let council = try await desk.council(unitCode: input.path.code)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let members: [CouncilStore.NewMember] = try body.members.map {
            .init(fullName: $0.fullName, position: $0.position ?? "", role: try contractValue($0.role?.rawValue ?? "member"), username: $0.username)
        }
        let saved = try await desk.saveCouncil(council, foundingDecision: body.foundingDecision ?? "", members: members)
        return .ok(.init(body: .json(try .init(converting: saved))))
    }

    func getCouncilMinutes(_ input: Operations.GetCouncilMinutes.Input) async throws -> Operations.GetCouncilMinutes.Output {
        let context = try signedIn()
        let desk = services.councils(context)
        let pdf = input.query.format == .pdf
        let file = try await desk.minutesFile(try await desk.load(context.app), pdf: pdf)
        let body: Operations.GetCouncilMinutes.Output.Ok.Body =
            pdf ? .pdf(HTTPBody(file.bytes)) : .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(HTTPBody(file.bytes))
        return .ok(.init(headers: .init(contentDisposition: "attachment; filename=\"\(file.name)\""), body: body))
    }
}
