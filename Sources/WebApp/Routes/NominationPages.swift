import Foundation
import Hummingbird
import Storage
import Workflow

/// A nomination in the browser: the form that starts one (with its achievement report), the page
/// with its dossier, recognitions, history and the actions the reader may take now, and uploads
/// and downloads of dossier documents.
struct NominationPages {
    let services: AppServices

    struct ActForm: Decodable {
        let action: String
        let version: Int
        let comment: String?
        /// Document kinds a return asks for (checkboxes named `request`).
        let request: [String]?
        let members: String?
        let present: String?
        let yes: String?
        let no: String?
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/nominations/new") { request, context in
            let (account, context) = (context.account, context.app)
            return try await newForm(account, values: [:], errors: [:], error: nil, context: context).response(from: request, context: context)
        }
        routes.post("/nominations/new") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: FileKind.maximumSize + 256 * 1024)
            return try await create(form, account: account, request: request, context: context)
        }
        routes.get("/nominations/:province/:id") { request, context in
            let (account, context) = (context.account, context.app)
            let nomination = try await access.load(context: context, account: account)
            // After a save or an action the browser is sent here (so that refreshing repeats
            // nothing), with what was done named in `da`.
            let done = request.uri.queryParameters.get("da").flatMap(Self.doneMessage)
            return try await detail(nomination, account: account, message: done, error: nil, context: context).response(
                from: request,
                context: context
            )
        }
        routes.post("/nominations/:province/:id/act") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let nomination = try await access.load(context: context, account: account)
            let form = try await FormReader.read(ActForm.self, request: request, context: context)
            return try await act(form, nomination: nomination, account: account, request: request, context: context)
        }
        routes.post("/nominations/:province/:id/documents") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let nomination = try await access.load(context: context, account: account)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: FileKind.maximumSize + 64 * 1024)
            guard let file = form.part("file"), !file.body.isEmpty else {
                return try await detail(
                    nomination,
                    account: account,
                    message: nil,
                    error: "Chưa chọn tệp.",
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            let kind = form.part("kind")?.text ?? "minh_chung"
            guard DocumentKinds.all.contains(where: { $0.id == kind }) else { throw HTTPError(.badRequest, message: "Loại tài liệu không hợp lệ.") }
            do {
                try await NominationDesk(services, account: account, context: context).attach(
                    nomination,
                    kind: kind,
                    bytes: file.body,
                    fileName: file.fileName ?? "tai-lieu",
                    replacing: form.part("replace")?.text == "1"
                )
            } catch NominationStore.NominationError.documentsFrozen(let reason) {
                return try await detail(nomination, account: account, message: nil, error: reason, status: .forbidden, context: context)
                    .response(from: request, context: context)
            } catch let error as EvidenceStore.EvidenceError {
                return try await detail(
                    nomination,
                    account: account,
                    message: nil,
                    error: error.description,
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            return .redirect(to: "/nominations/\(nomination.provinceCode)/\(nomination.id)", type: .normal)
        }
        routes.get("/nominations/:province/:id/documents/:sha") { _, context in
            let (account, context) = (context.account, context.app)
            let nomination = try await access.load(context: context, account: account)
            let hash = try context.parameters.require("sha")
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
                let file = try await access.store(context).documentFile(
                    of: nomination.key,
                    sha256: hash.lowercased()
                )
            else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.type,
                    .contentDisposition:
                        "attachment; filename=\"tai-lieu.\(FileKind(rawValue: file.type)?.fileExtension ?? "bin")\"; filename*=UTF-8''\(file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "tai-lieu")",
                    .cacheControl: "private, no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: file.content))
            )
        }
        return routes
    }

    private var access: NominationAccess { NominationAccess(services: services) }

    // MARK: New nomination

    /// What `?da=` on a nomination's page says was just done.
    static func doneMessage(_ code: String) -> String? {
        if code == "luu" { return "Đã lưu hồ sơ. Kiểm tra tài liệu rồi bấm \"Gửi hồ sơ\"." }
        return Action(rawValue: code).map { "Đã \($0.vietnamese.lowercased())." }
    }

    static func path(of nomination: NominationStore.Nomination, done: String) -> String {
        "/nominations/\(nomination.provinceCode)/\(nomination.id)?da=\(done)"
    }

    private func create(_ form: MultipartForm, account: Account, request: Request, context: AppRequestContext) async throws -> Response {
        let fields = ["roundID", "award", "nomineeKind", "nomineeName", "nomineeKey", "nomineeDetail", "unitCode", "achievement"]
        var values: [String: String] = [:]
        for field in fields { values[field] = (form.part(field)?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [String: String] = [:]
        if (values["nomineeName"] ?? "").count < 2 { errors["nomineeName"] = "Nhập họ tên hoặc tên tập thể, hộ gia đình." }
        if (values["nomineeKey"] ?? "").isEmpty { errors["nomineeKey"] = "Nhập mã định danh để nhận ra đối tượng qua các đợt." }
        if (values["achievement"] ?? "").count < 10 { errors["achievement"] = "Tóm tắt thành tích (ít nhất 10 ký tự)." }
        let report = form.part("report").flatMap { $0.body.isEmpty ? nil : $0 }
        if let report, let problem = EvidenceStore.problem(with: report.body, fileName: report.fileName ?? "bao-cao") {
            errors["report"] = problem
        }
        guard errors.isEmpty, let roundID = Int(values["roundID"] ?? ""), NomineeKind(rawValue: values["nomineeKind"] ?? "") != nil else {
            return try await newForm(
                account,
                values: values,
                errors: errors,
                error: "Hồ sơ chưa lưu: sửa các mục được đánh dấu.",
                status: .unprocessableContent,
                context: context
            ).response(from: request, context: context)
        }
        do {
            let created = try await NominationDesk(services, account: account, context: context).create(
                unitCode: values["unitCode"] ?? "",
                roundID: roundID,
                award: values["award"] ?? "",
                nomineeKind: values["nomineeKind"] ?? "",
                nomineeKey: values["nomineeKey"] ?? "",
                nomineeName: values["nomineeName"] ?? "",
                achievement: values["achievement"] ?? "",
                nomineeDetail: values["nomineeDetail"] ?? "",
                report: report.map { ($0.body, $0.fileName ?? "bao-cao") }
            )
            return .redirect(to: Self.path(of: created, done: "luu"), type: .normal)
        } catch NominationStore.NominationError.duplicateOpen(let existing) {
            // Saved before (a second click, a refresh of the old form): lead to that dossier.
            return try await newForm(
                account,
                values: values,
                errors: errors,
                error: NominationStore.NominationError.duplicateOpen(existing: existing).description,
                existing: existing.map { "/nominations/\($0.provinceCode)/\($0.id)" },
                status: .conflict,
                context: context
            ).response(from: request, context: context)
        } catch let error as NominationStore.NominationError {
            return try await newForm(
                account,
                values: values,
                errors: errors,
                error: error.description,
                status: .unprocessableContent,
                context: context
            ).response(from: request, context: context)
        }
    }

    private func newForm(
        _ account: Account,
        values: [String: String],
        errors: [String: String],
        error: String?,
        existing: String? = nil,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        // The People's Committee's clerk nominates in its rounds; an organisation's clerk (the Hội
        // Khuyến học's) in the rounds of its own process, for the unit it serves.
        let desk = NominationDesk(services, account: account, context: context)
        let places = try await desk.submittingPlaces()
        var units: [[String: Any]] = []
        for place in places where !units.contains(where: { $0["code"] as? String == place.unit.code }) {
            units.append(["code": place.unit.code, "name": place.label, "selected": place.unit.code == values["unitCode"]])
        }
        guard !units.isEmpty else { throw HTTPError(.forbidden, message: "Chỉ cán bộ lập hồ sơ được tạo hồ sơ đề nghị khen thưởng.") }
        let rounds = try await desk.submittingRounds(places)
        var awards: [[String: Any]] = []
        for round in rounds {
            for award in try await services.workflows.definition(round.workflow).awards
            where !awards.contains(where: { $0["id"] as? String == award.id }) {
                awards.append(["id": award.id, "title": award.title, "selected": award.id == values["award"]])
            }
        }
        var data: [String: Any] = values
        data["title"] = "Lập hồ sơ đề nghị khen thưởng"
        data["units"] = units
        data["rounds"] = rounds.map {
            ["id": $0.id, "name": "\($0.name) — \($0.workflowTitle)", "selected": String($0.id) == values["roundID"]] as [String: Any]
        }
        data["awards"] = awards
        data["kinds"] = NomineeKind.allCases.map {
            ["id": $0.rawValue, "title": services.localized($0.vietnamese, context), "selected": $0.rawValue == values["nomineeKind"]]
                as [String: Any]
        }
        data["errors"] = errors
        if let error { data["error"] = error }
        if let existing { data["existing"] = existing }
        return services.page("nomination-new", data, context: context, status: status)
    }

    // MARK: Acting

    private func act(
        _ form: ActForm,
        nomination: NominationStore.Nomination,
        account: Account,
        request: Request,
        context: AppRequestContext
    ) async throws -> Response {
        guard let action = Action(rawValue: form.action) else { throw HTTPError(.badRequest, message: "Thao tác không hợp lệ.") }
        var tally: VoteRule.Tally?
        if action == .recordVote {
            let numbers = [form.members, form.present, form.yes, form.no].map { $0.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
            guard let members = numbers[0], let present = numbers[1], let yes = numbers[2], let no = numbers[3] else {
                return try await detail(
                    nomination,
                    account: account,
                    message: nil,
                    error: "Nhập đủ số thành viên, số có mặt, số đồng ý và không đồng ý (số nguyên).",
                    status: .unprocessableContent,
                    context: context
                ).response(from: request, context: context)
            }
            tally = .init(members: members, present: present, yes: yes, no: no)
        }
        do {
            let result = try await NominationDesk(services, account: account, context: context).act(
                nomination,
                action: action,
                expectedVersion: form.version,
                comment: form.comment?.nilIfBlank,
                tally: tally,
                requestedDocuments: form.request
            )
            return .redirect(to: Self.path(of: result.nomination, done: action.rawValue), type: .normal)
        } catch NominationStore.NominationError.stale(let current) {
            return try await detail(
                current,
                account: account,
                message: nil,
                error: NominationStore.NominationError.stale(current: current).description,
                status: .conflict,
                context: context
            ).response(from: request, context: context)
        } catch let error as NominationStore.NominationError {
            return try await detail(
                nomination,
                account: account,
                message: nil,
                error: error.description,
                status: .unprocessableContent,
                context: context
            ).response(from: request, context: context)
        }
    }

    // MARK: Detail

    private func detail(
        _ nomination: NominationStore.Nomination,
        account: Account,
        message: String?,
        error: String?,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let store = access.store(context)
        let definition = try await services.workflows.definition(nomination.workflow)
        let roles = try await access.rolesAtCurrentLevel(account, nomination: nomination)
        let actions = WorkflowEngine.availableActions(definition, .init(state: nomination.state, award: nomination.award), roles: roles)
        let documents = try await store.documents(of: nomination.key)
        let returned = try await store.pendingReturn(of: nomination.key)
        let level = definition.state(nomination.state)?.level ?? .commune
        let checklist = definition.documentChecklist(award: nomination.award, from: level)
        let missing = checklist.first?.level == level ? checklist[0].kinds.filter { kind in !documents.contains { $0.kind == kind } } : []
        let round = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger)
            .round(RoundKey(provinceCode: nomination.provinceCode, id: nomination.roundID))
        let unit = try await services.units.unit(id: nomination.unitID)
        let detailText = try await nomineeDetail(nomination)
        let history = try await store.timeline(of: nomination.key)
        let standards = try await store.standards(of: nomination)
        let recognitions = try await store.recognitions(provinceCode: nomination.provinceCode, nomineeKey: nomination.nomineeKey)
        let isOfficial = account.may(.readPublicComments)
        let comments =
            isOfficial
            ? try await PublicConsultation(client: services.client, workflows: services.workflows, logger: context.logger)
                .comments(on: nomination.key) : []
        var values: [String: Any] = [
            "title": nomination.nomineeName,
            "province": nomination.provinceCode,
            "id": nomination.id,
            "version": nomination.version,
            "name": nomination.nomineeName,
            "kind": services.localized(nomination.nomineeKind.vietnamese, context),
            "detail": detailText.detail,
            "achievement": detailText.achievement,
            "key": nomination.nomineeKey,
            "unit": unit?.name ?? "",
            "award": definition.award(nomination.award)?.title ?? nomination.award,
            "round": round?.name ?? "",
            "basis": services.localized(nomination.basis.vietnamese.lowercased(), context),
            "state": definition.state(nomination.state)?.title ?? nomination.state,
            "dueOn": nomination.dueOn ?? "",
            "overdue": nomination.overdue,
            "actions": actions.map { action -> [String: Any] in
                [
                    "action": action.rawValue, "label": services.localized(action.vietnamese, context), "province": nomination.provinceCode,
                    "id": nomination.id,
                    "version": nomination.version,
                    "needsComment": [.return, .reject, .centralReturn].contains(action),
                    "commentLabel": services.localized(action == .return ? "Nội dung cần bổ sung" : "Lý do", context),
                    "needsVote": action == .recordVote,
                    // A return names the documents to add; the resubmission waits for each.
                    "asksDocuments": action.goesBack,
                    "requestable": DocumentKinds.all.map {
                        ["kind": $0.id, "title": services.localized($0.title, context), "action": action.rawValue]
                    },
                ]
            },
            "hasActions": !actions.isEmpty,
            "returned": returned.map { pending -> [String: Any] in
                [
                    "day": pending.day, "comment": pending.comment,
                    "requested": pending.requested.map { services.localized(DocumentKinds.title($0), context) }.joined(separator: ", "),
                    "missing": pending.missing.map { services.localized(DocumentKinds.title($0), context) }.joined(separator: ", "),
                ]
            } as Any,
            "documents": documents.map {
                [
                    "province": nomination.provinceCode, "id": nomination.id, "sha": $0.sha256, "fileName": $0.fileName,
                    "kindTitle": services.localized(DocumentKinds.title($0.kind), context), "uploadedAt": $0.uploadedAt,
                    "replacedAt": $0.replacedAt ?? "",
                ]
            },
            "canUpload": definition.documentRefusal(at: nomination.state, roles: roles) == nil,
            "frozen": definition.documentRefusal(at: nomination.state, roles: roles).map { services.localized($0, context) } ?? "",
            "checklist": checklist.map { step -> [String: Any] in
                [
                    "level": services.localized(step.level.vietnamese, context),
                    "items": step.kinds.map { kind -> [String: Any] in
                        [
                            "title": services.localized(DocumentKinds.title(kind), context),
                            "done": documents.contains { $0.kind == kind && $0.replacedAt == nil },
                            "written": DocumentKinds.written.contains(kind),
                        ]
                    },
                ]
            },
            "documentKinds": DocumentKinds.all.map { ["id": $0.id, "title": services.localized($0.title, context)] },
            "recognitions": recognitions.map {
                [
                    "province": nomination.provinceCode, "assessment": $0.assessmentID, "set": $0.set, "year": $0.year, "total": $0.total,
                    "status": services.localized(
                        $0.state == "recognised" ? "đã công nhận" : $0.state == "not_recognised" ? "không công nhận" : "chờ công nhận",
                        context
                    ),
                ] as [String: Any]
            },
            "standards": standards.map { result -> [String: Any] in
                [
                    "met": result.met, "text": result.standard.text, "reason": result.reason, "source": result.standard.source,
                    "provisional": result.standard.provisional, "evidence": result.evidence,
                ]
            },
            "hasStandards": !standards.isEmpty,
            "comments": comments.map { ["author": $0.author, "text": $0.text, "at": $0.receivedAt] },
            "hasComments": !comments.isEmpty,
            "history": history.map { entry -> [String: Any] in
                var row: [String: Any] = [
                    "at": entry.at,
                    "action": services.localized(
                        Action(rawValue: entry.action)?.vietnamese ?? Self.otherActions[entry.action] ?? entry.action,
                        context
                    ),
                    "to": definition.state(entry.to)?.title ?? entry.to,
                ]
                if let actor = entry.actor { row["actor"] = actor }
                if let comment = entry.comment { row["comment"] = comment }
                return row
            },
        ]
        if let hold = nomination.holdReason { values["hold"] = hold }
        // Staff of the other body (the People's Committee's at an association's dossier, or the
        // other way round) read it only: said once, instead of a refusal per section.
        if account.acting(in: definition.organisationKind).isEmpty, !account.acting(in: nil).isEmpty || !account.organisationGrants.isEmpty {
            let body = definition.organisationKind.map { Organisation.knownKinds[$0] ?? $0 } ?? "Ủy ban nhân dân"
            values["otherBody"] =
                "Hồ sơ thuộc quy trình “\(definition.title)”: các bước do cán bộ của \(body) thực hiện; tài khoản của anh/chị chỉ xem."
            values["frozen"] = ""
        }
        if !missing.isEmpty { values["missing"] = missing.map(DocumentKinds.title).joined(separator: ", ") }
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("nomination", values, context: context, status: status)
    }

    static let otherActions = ["create": "Lập hồ sơ", "migrate": "Chuyển quy trình"]

    private func nomineeDetail(_ nomination: NominationStore.Nomination) async throws -> (detail: String, achievement: String) {
        try await NominationStore(client: services.client, workflows: services.workflows, logger: services.logger)
            .nomineeDetail(of: nomination.key)
    }
}
