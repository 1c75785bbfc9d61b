import Foundation
import Hummingbird
import Storage
import Tabular
import Workflow

/// "Hồ sơ đang lập": the clerk's dossiers not yet sent (after a spreadsheet import, dozens at
/// once), with what each still lacks; the achievement reports of many dossiers in one upload
/// (each file named by the nominee's identifier) and one click to send every checked dossier.
struct DraftDossiersPage {
    let services: AppServices

    /// The most dossiers one page lists, and the most files one upload carries.
    static let listLimit = 500
    static let filesLimit = 50

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/nominations/drafts") { request, signedIn in
            let query = request.uri.queryParameters
            let done = Self.doneMessage(query.get("da"), count: query.get("n").flatMap(Int.init) ?? 0)
            return try await page(signedIn, message: done.map { services.localized($0, signedIn.app) }, error: nil)
                .response(from: request, context: signedIn.app)
        }
        routes.post("/nominations/drafts") { request, signedIn in
            let context = signedIn.app
            let form = try await FormReader.readMultipart(
                request: request,
                context: context,
                limit: Self.filesLimit * FileKind.maximumSize / 5 + (1 << 20)
            )
            let desk = NominationDesk(services, account: signedIn.account, context: context)
            let drafts = try await self.drafts(signedIn)
            // Reports first: a dossier checked for sending may get its report in the same post.
            let files = form.parts.filter { $0.name == "files" && !$0.body.isEmpty }
            guard files.count <= Self.filesLimit else {
                throw HTTPError(.contentTooLarge, message: "Mỗi lần tải lên tối đa \(Self.filesLimit) tệp.")
            }
            var attached = 0
            var problems: [String] = []
            for file in files {
                let name = file.fileName ?? ""
                guard let owner = Self.owner(of: name, among: drafts.map(\.nomination)) else {
                    problems.append("Tệp \"\(name)\": không có hồ sơ đang lập nào có mã định danh trùng với tên tệp.")
                    continue
                }
                do {
                    try await desk.attach(owner, kind: "bao_cao_thanh_tich", bytes: file.body, fileName: name)
                    attached += 1
                } catch let refused as EvidenceStore.EvidenceError {
                    problems.append("Tệp \"\(name)\" (\(owner.nomineeName)): \(refused.description)")
                } catch let refused as NominationStore.NominationError {
                    problems.append("Tệp \"\(name)\" (\(owner.nomineeName)): \(refused.description)")
                }
            }
            var sent = 0
            if form.part("do")?.text == "submit" {
                // Each pick is "province:id:version": the version the clerk saw (attaching a
                // report leaves it as it is).
                let picks = form.parts.filter { $0.name == "pick" }.compactMap { part -> (key: NominationKey, version: Int)? in
                    let fields = part.text.split(separator: ":")
                    guard fields.count == 3, let id = Int(fields[1]), let version = Int(fields[2]) else { return nil }
                    return (NominationKey(provinceCode: String(fields[0]), id: id), version)
                }
                guard !picks.isEmpty else {
                    return try await page(signedIn, message: nil, error: services.localized("Chưa chọn hồ sơ nào để gửi.", context))
                        .response(from: request, context: context)
                }
                let result = try await desk.actOnEach(picks, action: .submit, comment: nil)
                sent = result.done
                problems += result.problems
            }
            guard problems.isEmpty else {
                let message = Self.summary(attached: attached, sent: sent)
                return try await page(signedIn, message: message.map { services.localized($0, context) }, error: problems.joined(separator: "\n"))
                    .response(from: request, context: context)
            }
            return sent > 0
                ? .redirect(to: "/nominations/drafts?da=gui&n=\(sent)", type: .normal)
                : .redirect(to: "/nominations/drafts?da=dinh-kem&n=\(attached)", type: .normal)
        }
        return routes
    }

    static func doneMessage(_ code: String?, count: Int) -> String? {
        switch code {
        case "nhap": "Đã lưu \(count) hồ sơ từ tệp. Tải lên báo cáo thành tích rồi gửi các hồ sơ dưới đây."
        case "gui": "Đã gửi \(count) hồ sơ."
        case "dinh-kem": "Đã đính kèm \(count) tệp."
        default: nil
        }
    }

    static func summary(attached: Int, sent: Int) -> String? {
        switch (attached, sent) {
        case (0, 0): nil
        case (_, 0): "Đã đính kèm \(attached) tệp."
        case (0, _): "Đã gửi \(sent) hồ sơ."
        default: "Đã đính kèm \(attached) tệp và gửi \(sent) hồ sơ."
        }
    }

    /// The dossier a file belongs to: its name without extension is the nominee's identifier,
    /// alone or followed by a separator ("001085012345.pdf", "001085012345-bao-cao.pdf").
    static func owner(of fileName: String, among drafts: [NominationStore.Nomination]) -> NominationStore.Nomination? {
        let stem = (fileName as NSString).deletingPathExtension.folded
        return drafts.filter { stem == $0.nomineeKey.folded || stem.hasPrefix($0.nomineeKey.folded + "_") }
            .max { $0.nomineeKey.count < $1.nomineeKey.count }
    }

    struct Draft {
        let nomination: NominationStore.Nomination
        let missing: [String]
    }

    /// Dossiers at the first step of their process in the units where the person is the clerk.
    private func drafts(_ signedIn: SignedInContext) async throws -> [Draft] {
        let account = signedIn.account
        let all = try await services.workflows.all()
        guard let filter = MyWork.drafts(of: account, in: all) else { return [] }
        var definitions: [String: WorkflowDefinition] = [:]
        for definition in all { definitions[definition.reference] = definition }
        let listed = try await NominationQueue(client: services.client, logger: signedIn.app.logger)
            .list(filter, page: 1, pageSize: Self.listLimit)
        let store = NominationAccess(services: services).store(signedIn.app)
        var drafts: [Draft] = []
        for nomination in listed.items {
            let attached = Set(try await store.documents(of: nomination.key).filter { $0.replacedAt == nil }.map(\.kind))
            let level = definitions[nomination.workflow]?.state(nomination.state)?.level ?? .commune
            let required = definitions[nomination.workflow]?.award(nomination.award)?.requiredDocuments(at: level) ?? []
            drafts.append(Draft(nomination: nomination, missing: required.filter { !attached.contains($0) }))
        }
        return drafts
    }

    private func page(_ signedIn: SignedInContext, message: String?, error: String?) async throws -> HTMLPage {
        let context = signedIn.app
        let drafts = try await drafts(signedIn)
        var definitions: [String: WorkflowDefinition] = [:]
        for definition in try await services.workflows.all() { definitions[definition.reference] = definition }
        var values: [String: Any] = [
            "title": services.localized("Hồ sơ đang lập", context),
            "drafts": drafts.map { draft -> [String: Any] in
                let nomination = draft.nomination
                var row: [String: Any] = [
                    "province": nomination.provinceCode, "id": nomination.id, "version": nomination.version, "name": nomination.nomineeName,
                    "key": nomination.nomineeKey,
                    "award": definitions[nomination.workflow]?.award(nomination.award)?.title ?? nomination.award,
                    "ready": draft.missing.isEmpty && nomination.holdReason == nil,
                ]
                if !draft.missing.isEmpty {
                    row["missing"] = draft.missing.map { services.localized(DocumentKinds.title($0), context) }.joined(separator: ", ")
                }
                if let hold = nomination.holdReason { row["hold"] = hold }
                return row
            },
            "hasDrafts": !drafts.isEmpty,
            "count": drafts.count,
            "readyCount": drafts.filter { $0.missing.isEmpty && $0.nomination.holdReason == nil }.count,
        ]
        if let message { values["message"] = message }
        if let error {
            values["error"] = true
            values["problems"] = error.split(separator: "\n").map(String.init)
        }
        return services.page("drafts", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
