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
            let (account, context) = (context.account, context.app)
            return try await list(account, error: nil, context: context).response(from: request, context: context)
        }
        routes.post("/council-sessions") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let form = try await FormReader.read([String: String].self, request: request, context: context)
            let unit = try await UnitAccess(services: services).unit(code: form["unitCode"] ?? "", for: account)
            try requireSecretary(account, unitID: unit.id)
            let members = (form["members"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> CouncilSessionStore.NewMember? in
                let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = parts.first, !name.isEmpty else { return nil }
                return .init(fullName: name, position: parts.count > 1 ? parts[1] : "")
            }
            let nominations = form.keys.compactMap { $0.hasPrefix("n-") ? Int($0.dropFirst(2)) : nil }.sorted()
            guard let day = Day(parsing: form["heldOn"] ?? "") else {
                return try await list(account, error: "Ngày họp không hợp lệ (dạng dd/MM/yyyy).", context: context).response(
                    from: request,
                    context: context
                )
            }
            do {
                let id = try await store(context).open(
                    provinceCode: unit.provinceCode,
                    unitID: unit.id,
                    title: form["title"] ?? "Phiên họp",
                    heldOn: day,
                    place: form["place"] ?? "",
                    members: members,
                    nominations: nominations,
                    openedBy: account.id
                )
                return .redirect(to: "/council-sessions/\(unit.provinceCode)/\(id)", type: .normal)
            } catch let error as CouncilError {
                return try await list(account, error: error.description, context: context).response(from: request, context: context)
            }
        }
        routes.get("/council-sessions/:province/:id") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            return try await page(session, account: account, message: nil, error: nil, context: context).response(from: request, context: context)
        }
        routes.get("/council-sessions/:province/:id/minutes") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            return try minutes(session).response(from: request, context: context)
        }
        routes.post("/council-sessions/:province/:id/attendance") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            let form = try await FormReader.read([String: String].self, request: request, context: context)
            let present = Set(form.keys.compactMap { $0.hasPrefix("present-") ? Int($0.dropFirst(8)) : nil })
            return try await run(session, account: account, context: context, done: "Đã ghi điểm danh.") {
                try await store(context).recordAttendance(
                    provinceCode: session.provinceCode,
                    sessionID: session.id,
                    present: present,
                    recordedBy: account.id
                )
            }.response(from: request, context: context)
        }
        routes.post("/council-sessions/:province/:id/votes") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            let form = try await FormReader.read([String: String].self, request: request, context: context)
            return try await run(session, account: account, context: context, done: "Đã ghi phiếu.") {
                for item in session.agenda {
                    if item.secretBallot {
                        guard let yes = form["yes-\(item.nominationID)"].flatMap({ Int($0) }),
                            let no = form["no-\(item.nominationID)"].flatMap({ Int($0) })
                        else { continue }
                        try await store(context).recordSecretTally(
                            provinceCode: session.provinceCode,
                            sessionID: session.id,
                            nominationID: item.nominationID,
                            yes: yes,
                            no: no,
                            recordedBy: account.id
                        )
                        continue
                    }
                    for member in session.members where member.present {
                        guard let raw = form["vote-\(item.nominationID)-\(member.number)"], let vote = CouncilSessionStore.Vote(rawValue: raw) else {
                            continue
                        }
                        try await store(context).recordVote(
                            provinceCode: session.provinceCode,
                            sessionID: session.id,
                            nominationID: item.nominationID,
                            member: member.number,
                            vote: vote,
                            recordedBy: account.id,
                            asSecretary: true
                        )
                    }
                }
            }.response(from: request, context: context)
        }
        routes.post("/council-sessions/:province/:id/close") { request, context in
            let (account, context) = (context.account, context.app)
            let session = try await visible(context, account: account)
            try requireSecretary(account, unitID: session.unitID)
            _ = try await FormReader.read([String: String].self, request: request, context: context)
            return try await run(session, account: account, context: context, done: "Đã kết thúc phiên họp; kết quả đã ghi vào từng hồ sơ.") {
                try await store(context).close(provinceCode: session.provinceCode, sessionID: session.id, closedBy: account.id)
            }.response(from: request, context: context)
        }
        return routes
    }

    private func store(_ context: AppRequestContext) -> CouncilSessionStore {
        CouncilSessionStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    private func requireSecretary(_ account: Account, unitID: Int) throws {
        try services.require(account, .runCouncilSession, at: unitID)
    }

    private func visible(_ context: AppRequestContext, account: Account) async throws -> CouncilSession {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let session = try await store(context).session(provinceCode: province, id: id),
            try await services.accounts.canAccess(account, unitID: session.unitID)
        else { throw HTTPError(.notFound, message: "Không tìm thấy phiên họp trong phạm vi của bạn.") }
        return session
    }

    /// Runs a change and shows the session again, with the change's refusal if any.
    private func run(
        _ session: CouncilSession,
        account: Account,
        context: AppRequestContext,
        done: String,
        _ change: () async throws -> Void
    ) async throws -> HTMLPage {
        do {
            try await change()
        } catch let error as CouncilError {
            let current = try await store(context).session(provinceCode: session.provinceCode, id: session.id) ?? session
            var page = try await page(current, account: account, message: nil, error: error.description, context: context)
            page.status = .unprocessableContent
            return page
        }
        let current = try await store(context).session(provinceCode: session.provinceCode, id: session.id) ?? session
        return try await page(current, account: account, message: done, error: nil, context: context)
    }

    private func list(_ account: Account, error: String?, context: AppRequestContext) async throws -> HTMLPage {
        let sessions = try await store(context).sessions(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
        var units: [[String: Any]] = []
        var unitIDs: [Int] = []
        for grant in account.grants where grant.role == .councilSecretary {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID) else { continue }
            units.append(["code": unit.code, "name": unit.name])
            unitIDs.append(unitID)
        }
        var waiting: [[String: Any]] = []
        if !unitIDs.isEmpty {
            var filter = NominationQueue.Filter(scopes: unitIDs)
            filter.overdueOnly = false
            let queue = try await NominationQueue(client: services.client, logger: context.logger).list(filter, page: 1, pageSize: 500)
            for item in queue.items {
                let definition = try await services.workflows.definition(item.workflow)
                guard let state = definition.state(item.state), state.council != nil else { continue }
                waiting.append([
                    "id": item.id, "name": item.nomineeName, "award": definition.award(item.award)?.title ?? item.award, "state": state.title,
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
            "today": Day.todayInVietnam.vietnamese,
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

    private func page(_ session: CouncilSession, account: Account, message: String?, error: String?, context: AppRequestContext) async throws
        -> HTMLPage
    {
        let canRun =
            !session.isClosed && account.may(.runCouncilSession, at: session.unitID)
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
