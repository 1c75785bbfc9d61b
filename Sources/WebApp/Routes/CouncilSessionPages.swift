import Documents
import Foundation
import Geography
import Hummingbird
import Storage
import Workflow

/// Council sessions in the browser: the secretary opens one for the nominations waiting at the
/// council step (members from the council's standing roster), records attendance and every
/// member's vote in one stroke ("all present agree", with exceptions) or the secret-ballot
/// totals, sees the result the rule gives, closes it, and has the numbered minutes (biên bản)
/// as a page to print, Word and PDF — already in every dossier the session decided. Every
/// successful change redirects to the session's page (a refresh repeats nothing).
struct CouncilSessionPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/council-sessions") { request, context -> Response in
            let desk = services.councils(context)
            if request.uri.queryParameters.get("format") == "xlsx" {
                // "Xuất Excel": the sessions in the person's scope, newest first.
                let rows: [[XlsxCell]] = try await desk.visible().enumerated().map { index, session in
                    [.number(index + 1), .text(session.heldOn), .text(session.title), .text(session.isClosed ? "Đã kết thúc" : "Đang họp")]
                }
                let bytes = XlsxWriter.table(
                    headers: ["STT", "Ngày họp", "Phiên họp", "Tình trạng"],
                    rows: rows,
                    widths: [6, 12, 60, 14],
                    sheetName: "Phiên họp"
                )
                return Response.workbook(bytes, fileName: "phien-hop-\(Day.todayInVietnam.iso).xlsx")
            }
            return try await list(desk, error: nil, context: context.app).response(from: request, context: context.app)
        }
        routes.post("/council-sessions") { request, context -> Response in
            let desk = services.councils(context)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            // Typed members are for a session outside the standing roster; none typed: the roster.
            let members = (form["members"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> CouncilSessionStore.NewMember? in
                let parts = line.split(separator: "|", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = parts.first, !name.isEmpty else { return nil }
                return .init(
                    fullName: name,
                    position: parts.count > 1 ? parts[1] : "",
                    role: parts.count > 2 ? CouncilRole(words: parts[2]) ?? .member : .member
                )
            }
            let nominations = form.keys.compactMap { $0.hasPrefix("n-") ? Int($0.dropFirst(2)) : nil }.sorted()
            func refused(_ message: String) async throws -> Response {
                // Everything typed and ticked comes back with the reason.
                try await list(desk, error: message, typed: form, context: context.app).response(from: request, context: context.app)
            }
            guard let day = Day(parsing: form["heldOn"] ?? "") else { return try await refused("Ngày họp không hợp lệ (dạng dd/MM/yyyy).") }
            guard !nominations.isEmpty else { return try await refused("Chọn ít nhất một hồ sơ đưa ra phiên họp.") }
            do {
                let body = form["unitCode"] ?? ""
                let session = try await desk.open(
                    unitCode: body,
                    title: form["title"] ?? "",
                    heldOn: day,
                    startsAt: form["startsAt"],
                    place: form["place"] ?? "",
                    members: members,
                    nominationIDs: nominations,
                    organisationCode: body.hasPrefix("to-chuc:") ? String(body.dropFirst(8)) : nil
                )
                return .redirect(to: "/council-sessions/\(session.provinceCode)/\(session.id)?da=mo", type: .normal)
            } catch let error as CouncilError {
                return try await refused(error.description)
            }
        }
        routes.get("/council-sessions/:province/:id") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let done = request.uri.queryParameters.get("da").flatMap(Self.doneMessage)
            return try await page(session, desk: desk, message: done.map { services.localized($0, context.app) }, error: nil, context: context.app)
                .response(from: request, context: context.app)
        }
        routes.get("/council-sessions/:province/:id/minutes") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            switch request.uri.queryParameters.get("format") {
            case nil, "html": return try minutes(session).response(from: request, context: context.app)
            case "docx", "pdf":
                let file = try await desk.minutesFile(session, pdf: request.uri.queryParameters.get("format") == "pdf")
                return Response.download(file.bytes, contentType: file.type, fileName: file.name)
            default: throw HTTPError(.badRequest, message: "Định dạng biên bản chỉ có: html, docx, pdf.")
            }
        }
        routes.post("/council-sessions/:province/:id/attendance") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            let present = Set(form.keys.compactMap { $0.hasPrefix("present-") ? Int($0.dropFirst(8)) : nil })
            return try await run(session, desk: desk, request: request, context: context.app, done: "diem-danh") {
                try await desk.recordAttendance(session, present: present)
            }
        }
        routes.post("/council-sessions/:province/:id/votes") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            try desk.requireRun(session)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            var tallies: [(nominationID: Int, yes: Int, no: Int)] = []
            var votes: [(nominationID: Int, member: Int, vote: CouncilSessionStore.Vote)] = []
            // "All present agree": every present member without a choice of their own votes yes.
            let everyone = form["all-yes"] != nil
            for item in session.agenda {
                if item.secretBallot {
                    if let yes = form["yes-\(item.nominationID)"].flatMap({ Int($0) }), let no = form["no-\(item.nominationID)"].flatMap({ Int($0) })
                    {
                        tallies.append((item.nominationID, yes, no))
                    }
                    continue
                }
                let allAgree = everyone || form["all-yes-\(item.nominationID)"] != nil
                for member in session.members where member.present {
                    if let raw = form["vote-\(item.nominationID)-\(member.number)"], let vote = CouncilSessionStore.Vote(rawValue: raw) {
                        votes.append((item.nominationID, member.number, vote))
                    } else if allAgree {
                        votes.append((item.nominationID, member.number, .yes))
                    }
                }
            }
            return try await run(session, desk: desk, request: request, context: context.app, done: "phieu") {
                _ = try await desk.recordTallies(session, tallies)
                return try await desk.recordVotes(session, votes)
            }
        }
        routes.post("/council-sessions/:province/:id/close") { request, context in
            let desk = services.councils(context)
            let session = try await desk.load(context.app)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            var done = "ket-thuc"
            return try await run(session, desk: desk, request: request, context: context.app, done: done) {
                let (closed, pdfProblem) = try await desk.close(session, endsAt: form["endsAt"])
                if pdfProblem != nil { done = "ket-thuc-chua-pdf" }
                return closed
            }
        }
        return routes
    }

    /// What `?da=` on a session's page says was just done.
    static func doneMessage(_ code: String) -> String? {
        switch code {
        case "mo": "Đã mở phiên họp. Hãy ghi điểm danh."
        case "diem-danh": "Đã ghi điểm danh."
        case "phieu": "Đã ghi phiếu."
        case "ket-thuc": "Đã kết thúc phiên họp; kết quả và biên bản (Word, PDF) đã ghi vào từng hồ sơ."
        case "ket-thuc-chua-pdf":
            "Đã kết thúc phiên họp; kết quả và biên bản (Word) đã ghi vào từng hồ sơ. Bản PDF chưa tạo được trên máy chủ: tải bản Word hoặc thử tải PDF sau."
        default: nil
        }
    }

    /// Runs a change, then redirects to the session's page saying what was done (`done`: a
    /// `doneMessage` code); a refusal shows the session as it stands with the reason.
    private func run(
        _ session: CouncilSession,
        desk: CouncilDesk,
        request: Request,
        context: AppRequestContext,
        done: @autoclosure () -> String,
        _ change: () async throws -> CouncilSession
    ) async throws -> Response {
        do {
            let changed = try await change()
            return .redirect(to: "/council-sessions/\(changed.provinceCode)/\(changed.id)?da=\(done())", type: .normal)
        } catch let error as CouncilError {
            var page = try await page(try await desk.reread(session), desk: desk, message: nil, error: error.description, context: context)
            page.status = .unprocessableContent
            return try page.response(from: request, context: context)
        }
    }

    /// The sessions, and the form to open one; `typed` is what a refused form carried.
    private func list(_ desk: CouncilDesk, error: String?, typed: [String: String] = [:], context: AppRequestContext) async throws -> HTMLPage {
        let sessions = try await desk.visible()
        var units: [[String: Any]] = []
        var councils: [(id: Int, level: AdminLevel, kind: String?)] = []
        for council in try await desk.councils() {
            guard let unit = try await services.units.unit(id: council.unitID) else { continue }
            units.append([
                "code": unit.code, "name": unit.name, "selected": unit.code == typed["unitCode"], "memberCount": council.members.count,
                "hasRoster": !council.members.isEmpty, "chair": council.chair?.fullName ?? "", "secretary": council.secretary?.fullName ?? "",
            ])
            councils.append((council.unitID, unit.level, nil))
        }
        // An organisation's Ban Thường vụ (the Hội Khuyến học's), kept by its secretary: chosen as
        // "to-chuc:<code>", it sits for its own process only.
        for organisation in try await desk.organisations() {
            guard let unit = try await services.units.unit(id: organisation.unitID) else { continue }
            units.append([
                "code": "to-chuc:\(organisation.code)", "name": "Ban Thường vụ \(organisation.name)",
                "selected": "to-chuc:\(organisation.code)" == typed["unitCode"], "memberCount": 0, "hasRoster": false, "chair": "", "secretary": "",
                "isOrganisation": true,
            ])
            councils.append((organisation.unitID, unit.level, organisation.kind))
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
                    councils.contains(where: { state.level.isServed(by: $0.level) && $0.kind == definition.organisationKind })
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
            "hasOrganisation": units.contains { $0["isOrganisation"] as? Bool == true },
            "hasCommittee": units.contains { $0["isOrganisation"] as? Bool != true },
            "waiting": waiting,
            "hasWaiting": !waiting.isEmpty,
            "heldOn": typed["heldOn"] ?? Day.todayInVietnam.vietnamese,
            "startsAt": typed["startsAt"] ?? "",
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
                "resultText": translate(CouncilSession.outcomeText(item.result)),
                "resultClass": item.result == "passed" ? "result-passed" : "result-failed",
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

    private func page(_ session: CouncilSession, desk: CouncilDesk, message: String?, error: String?, context: AppRequestContext) async throws
        -> HTMLPage
    {
        let canRun = desk.mayRun(session)
        var values: [String: Any] = [
            "title": session.title, "province": session.provinceCode, "id": session.id,
            "unitName": session.organisation.map { "Ban Thường vụ \($0.name)" } ?? session.unitName, "heldOn": session.heldOn,
            "place": session.place, "closed": session.isClosed, "canRun": canRun, "minutesNumber": session.minutesNumberText ?? "",
            "startsAt": session.startsAt ?? "", "endsAt": session.endsAt ?? "", "now": Self.nowInVietnam(),
            "hasOpenBallot": session.agenda.contains { !$0.secretBallot },
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

    /// "14:05" now in Vietnam: the end time the closing form proposes.
    static func nowInVietnam() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let parts = calendar.dateComponents([.hour, .minute], from: Date())
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The print page of the minutes: the same text as the Word and PDF files.
    private func minutes(_ session: CouncilSession) throws -> HTMLPage {
        let m = session.minutes
        let values: [String: Any] = [
            "authority": m.authority.enumerated().map { ["line": $0.element, "bold": $0.offset > 0] as [String: Any] },
            "number": m.number, "placeAndDate": m.placeAndDate, "heading": m.title, "basis": m.basis ?? "", "opening": m.opening,
            "chair": m.chair, "secretary": m.secretary, "attendance": m.attendance, "present": m.present, "rule": m.rule,
            "councilWord": m.councilWord,
            "results": m.results.enumerated().map { index, result in
                [
                    "position": index + 1, "nominee": result.nominee, "award": result.award, "yes": result.yes, "no": result.no,
                    "outcome": result.outcome,
                ] as [String: Any]
            },
            "closing": m.closing, "secretaryName": m.secretaryName, "chairName": m.chairName, "draft": m.isDraft, "title": session.title,
        ]
        guard let html = services.render("council-minutes", values) else {
            throw HTTPError(.internalServerError, message: "Thiếu mẫu biên bản.")
        }
        return HTMLPage(html: html)
    }
}
