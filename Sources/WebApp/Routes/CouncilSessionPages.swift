import Foundation
import Geography
import Hummingbird
import Storage
import Workflow

/// Council sessions in the browser: the secretary opens one for the nominations waiting at the
/// council step, records attendance and every member's vote (or the secret-ballot totals), sees
/// the result the rule gives, closes it, and prints the minutes (biên bản).
struct CouncilSessionPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/council-sessions") { request, context in
            try await list(services.councils(context), error: nil, context: context.app).response(from: request, context: context.app)
        }
        routes.post("/council-sessions") { request, context -> Response in
            let desk = services.councils(context)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            let members = (form["members"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> CouncilSessionStore.NewMember? in
                let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = parts.first, !name.isEmpty else { return nil }
                return .init(fullName: name, position: parts.count > 1 ? parts[1] : "")
            }
            let nominations = form.keys.compactMap { $0.hasPrefix("n-") ? Int($0.dropFirst(2)) : nil }.sorted()
            func refused(_ message: String) async throws -> Response {
                // Everything typed and ticked comes back with the reason.
                try await list(desk, error: message, typed: form, context: context.app).response(from: request, context: context.app)
            }
            guard let day = Day(parsing: form["heldOn"] ?? "") else { return try await refused("Ngày họp không hợp lệ (dạng dd/MM/yyyy).") }
            guard !nominations.isEmpty else { return try await refused("Chọn ít nhất một hồ sơ đưa ra phiên họp.") }
            do {
                let session = try await desk.open(
                    unitCode: form["unitCode"] ?? "",
                    title: form["title"] ?? "",
                    heldOn: day,
                    place: form["place"] ?? "",
                    members: members,
                    nominationIDs: nominations
                )
                return .redirect(to: "/council-sessions/\(session.provinceCode)/\(session.id)", type: .normal)
            } catch let error as CouncilError {
                return try await refused(error.description)
            }
        }
        routes.get("/council-sessions/:province/:id") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            return try await page(session, desk: desk, message: nil, error: nil, context: context.app).response(from: request, context: context.app)
        }
        routes.get("/council-sessions/:province/:id/minutes") { request, context in
            let session = try await services.councils(context).load(context.app)
            return try minutes(session).response(from: request, context: context.app)
        }
        routes.post("/council-sessions/:province/:id/attendance") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            let present = Set(form.keys.compactMap { $0.hasPrefix("present-") ? Int($0.dropFirst(8)) : nil })
            return try await run(session, desk: desk, context: context.app, done: "Đã ghi điểm danh.") {
                try await desk.recordAttendance(session, present: present)
            }.response(from: request, context: context.app)
        }
        routes.post("/council-sessions/:province/:id/votes") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            try services.require(context.account, .runCouncilSession, at: session.unitID)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            var tallies: [(nominationID: Int, yes: Int, no: Int)] = []
            var votes: [(nominationID: Int, member: Int, vote: CouncilSessionStore.Vote)] = []
            for item in session.agenda {
                if item.secretBallot {
                    if let yes = form["yes-\(item.nominationID)"].flatMap({ Int($0) }), let no = form["no-\(item.nominationID)"].flatMap({ Int($0) })
                    {
                        tallies.append((item.nominationID, yes, no))
                    }
                    continue
                }
                for member in session.members where member.present {
                    if let raw = form["vote-\(item.nominationID)-\(member.number)"], let vote = CouncilSessionStore.Vote(rawValue: raw) {
                        votes.append((item.nominationID, member.number, vote))
                    }
                }
            }
            return try await run(session, desk: desk, context: context.app, done: "Đã ghi phiếu.") {
                _ = try await desk.recordTallies(session, tallies)
                return try await desk.recordVotes(session, votes)
            }.response(from: request, context: context.app)
        }
        routes.post("/council-sessions/:province/:id/close") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            _ = try await FormReader.read([String: String].self, request: request, context: context.app)
            return try await run(session, desk: desk, context: context.app, done: "Đã kết thúc phiên họp; kết quả đã ghi vào từng hồ sơ.") {
                try await desk.close(session)
            }.response(from: request, context: context.app)
        }
        return routes
    }

    /// Runs a change and shows the session as it now stands, with the change's refusal if any.
    private func run(
        _ session: CouncilSession,
        desk: CouncilDesk,
        context: AppRequestContext,
        done: String,
        _ change: () async throws -> CouncilSession
    ) async throws -> HTMLPage {
        do {
            let changed = try await change()
            return try await page(changed, desk: desk, message: done, error: nil, context: context)
        } catch let error as CouncilError {
            var page = try await page(try await desk.reread(session), desk: desk, message: nil, error: error.description, context: context)
            page.status = .unprocessableContent
            return page
        }
    }

    /// The sessions, and the form to open one; `typed` is what a refused form carried.
    private func list(_ desk: CouncilDesk, error: String?, typed: [String: String] = [:], context: AppRequestContext) async throws -> HTMLPage {
        let account = desk.account
        let sessions = try await desk.visible()
        var units: [[String: Any]] = []
        var councils: [(id: Int, level: AdminLevel)] = []
        for grant in account.grants where grant.role == .councilSecretary {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID) else { continue }
            units.append(["code": unit.code, "name": unit.name, "selected": unit.code == typed["unitCode"]])
            councils.append((unitID, unit.level))
        }
        // Only nominations waiting at the council step of the secretary's own level: a province's
        // secretary is not offered the communes' councils' items. None is ticked until chosen.
        var waiting: [[String: Any]] = []
        if !councils.isEmpty {
            let queue = try await NominationQueue(client: services.client, logger: context.logger).list(
                NominationQueue.Filter(scopes: councils.map(\.id)),
                page: 1,
                pageSize: 500
            )
            for item in queue.items {
                let definition = try await services.workflows.definition(item.workflow)
                guard let state = definition.state(item.state), state.council != nil,
                    councils.contains(where: { state.level.isServed(by: $0.level) })
                else { continue }
                waiting.append([
                    "id": item.id, "name": item.nomineeName, "award": definition.award(item.award)?.title ?? item.award, "state": state.title,
                    "checked": typed["n-\(item.id)"] != nil,
                ])
            }
        }
        var values: [String: Any] = [
            "title": "Phiên họp Hội đồng Thi đua – Khen thưởng",
            "sessions": sessions.map {
                [
                    "province": $0.provinceCode, "id": $0.id, "title": $0.title, "heldOn": $0.heldOn,
                    "status": services.localized($0.isClosed ? "Đã kết thúc" : "Đang họp", context),
                ] as [String: Any]
            },
            "hasSessions": !sessions.isEmpty,
            "canOpen": !units.isEmpty,
            "units": units,
            "waiting": waiting,
            "hasWaiting": !waiting.isEmpty,
            "heldOn": typed["heldOn"] ?? Day.todayInVietnam.vietnamese,
            "sessionTitle": typed["title"] ?? "",
            "place": typed["place"] ?? "",
            "members": typed["members"] ?? "",
        ]
        if let error { values["error"] = error }
        return services.page("council-sessions", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    /// The agenda with each result in words: in the reader's language on the page, in Vietnamese in the minutes.
    private func agendaValues(_ session: CouncilSession, translate: (String) -> String = { $0 }) -> [[String: Any]] {
        session.agenda.enumerated().map { index, item in
            [
                "position": index + 1, "nominationID": item.nominationID, "nomineeName": item.nomineeName, "award": item.award, "rule": item.rule,
                "secretBallot": item.secretBallot, "yes": item.secretBallot ? String(item.yes) : "", "no": item.secretBallot ? String(item.no) : "",
                "yesCount": item.yes, "noCount": item.no, "reason": item.result == "passed" ? "" : item.reason,
                "resultText": translate(Self.resultText(item.result)), "resultClass": item.result == "passed" ? "result-passed" : "result-failed",
                "ballots": session.members.map { member -> [String: Any] in
                    let vote = item.votes[member.number]
                    return [
                        "nominationID": item.nominationID, "number": member.number, "fullName": member.fullName, "present": member.present,
                        "yes": vote == "yes", "no": vote == "no", "abstain": vote == "abstain",
                    ]
                },
            ]
        }
    }

    static func resultText(_ result: String) -> String {
        switch result {
        case "passed": "Thông qua"
        case "failed": "Không thông qua"
        case "no_quorum": "Chưa đủ số thành viên dự họp"
        default: "Chưa đủ phiếu hợp lệ"
        }
    }

    private func page(_ session: CouncilSession, desk: CouncilDesk, message: String?, error: String?, context: AppRequestContext) async throws
        -> HTMLPage
    {
        let canRun = desk.mayRun(session)
        var values: [String: Any] = [
            "title": session.title, "province": session.provinceCode, "id": session.id, "unitName": session.unitName, "heldOn": session.heldOn,
            "place": session.place, "closed": session.isClosed, "canRun": canRun,
            "members": session.members.map {
                ["number": $0.number, "fullName": $0.fullName, "position": $0.position, "present": $0.present, "closed": session.isClosed]
                    as [String: Any]
            },
            "present": session.tallyBase.present, "memberCount": session.members.count,
            "agenda": agendaValues(session) { services.localized($0, context) },
        ]
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("council-session", values, context: context)
    }

    private func minutes(_ session: CouncilSession) throws -> HTMLPage {
        let values: [String: Any] = [
            "title": session.title, "unitUpper": session.unitName.uppercased(), "heldOn": session.heldOn,
            "place": session.place.isEmpty ? "…" : session.place,
            "memberCount": session.members.count, "present": session.tallyBase.present, "absent": session.members.count - session.tallyBase.present,
            "members": session.members.map {
                ["fullName": $0.fullName, "position": $0.position, "present": $0.present] as [String: Any]
            },
            "agenda": agendaValues(session), "rule": session.agenda.first?.rule ?? "", "closed": session.isClosed,
        ]
        guard let html = services.render("council-minutes", values) else {
            throw HTTPError(.internalServerError, message: "Thiếu mẫu biên bản.")
        }
        return HTMLPage(html: html)
    }
}
