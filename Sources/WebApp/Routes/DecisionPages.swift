import Documents
import Foundation
import Geography
import Hummingbird
import Storage

/// Decisions in the browser: the list with a form to draft one, a decision with its files and the
/// chair's signing form, and the list read out at the award ceremony.
struct DecisionPages {
    let services: AppServices

    struct DraftForm: Decodable {
        let unitCode: String
        let roundID: Int
        let award: String
    }

    struct IssueForm: Decodable {
        let issuedOn: String
        /// The văn thư's number from the register; empty: the next of ThiDua's series.
        let number: String?
        let signerName: String
        let signerTitle: String
    }

    /// What a draft says, as the drafter edits it (bases and articles one per line).
    struct EditForm: Decodable {
        let title: String
        let bases: String
        let proposal: String
        let articles: String
        let signerName: String
        let signerTitle: String
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/decisions") { request, context in
            if request.uri.queryParameters.get("format") == "xlsx" { return try await spreadsheet(services.decisions(context)) }
            return try await list(services.decisions(context), error: nil, context: context.app).response(from: request, context: context.app)
        }
        routes.post("/decisions") { request, context -> Response in
            let desk = services.decisions(context)
            let form = try await FormReader.read(DraftForm.self, request: request, context: context.app)
            do {
                let draft = try await desk.draft(unitCode: form.unitCode, roundID: form.roundID, award: form.award)
                return .redirect(to: "/decisions/\(draft.provinceCode)/\(draft.id)", type: .normal)
            } catch let error as DecisionError {
                return try await list(desk, error: error.description, status: .unprocessableContent, context: context.app)
                    .response(from: request, context: context.app)
            }
        }
        routes.get("/decisions/:province/:id") { request, context in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let saved = request.uri.queryParameters.get("da") == "sua"
            return try await detail(decision, desk: desk, error: nil, message: saved ? "Đã lưu dự thảo." : nil, context: context.app)
                .response(from: request, context: context.app)
        }
        routes.post("/decisions/:province/:id/edit") { request, context -> Response in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let form = try await FormReader.read(EditForm.self, request: request, context: context.app)
            let lines = { (text: String) in text.split(whereSeparator: \.isNewline).map(String.init) }
            // Articles left as ThiDua wrote them stay written from the list (they follow it if an awardee is taken off).
            let articles = lines(form.articles)
            let edited = articles.map { $0.trimmingCharacters(in: .whitespaces) } == decision.writtenArticles() ? [] : articles
            do {
                _ = try await desk.update(
                    decision,
                    title: form.title,
                    bases: lines(form.bases),
                    proposal: form.proposal,
                    articles: edited,
                    signerName: form.signerName,
                    signerTitle: form.signerTitle
                )
            } catch let error as DecisionError {
                let typed = [
                    "title": form.title, "bases": form.bases, "proposal": form.proposal, "articles": form.articles, "signerName": form.signerName,
                    "signerTitle": form.signerTitle,
                ]
                return try await detail(decision, desk: desk, error: error.description, typed: typed, context: context.app)
                    .response(from: request, context: context.app)
            }
            return .redirect(to: "/decisions/\(decision.provinceCode)/\(decision.id)?da=sua", type: .normal)
        }
        routes.post("/decisions/:province/:id/issue") { request, context -> Response in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let form = try await FormReader.read(IssueForm.self, request: request, context: context.app)
            func refused(_ message: String) async throws -> Response {
                let typed = ["issuedOn": form.issuedOn, "number": form.number ?? "", "signerName": form.signerName, "signerTitle": form.signerTitle]
                return try await detail(decision, desk: desk, error: message, typed: typed, context: context.app)
                    .response(from: request, context: context.app)
            }
            guard let day = Day(parsing: form.issuedOn) else { return try await refused("Ngày ký không hợp lệ: \(form.issuedOn) (dạng dd/MM/yyyy).") }
            let typedNumber = (form.number ?? "").trimmingCharacters(in: .whitespaces)
            var number: Int?
            if !typedNumber.isEmpty {
                // "125" or "125/QĐ-UBND" as the register writes it.
                guard let parsed = Int(typedNumber.prefix { $0 != "/" }.trimmingCharacters(in: .whitespaces)) else {
                    return try await refused("Số quyết định “\(typedNumber)” không hợp lệ: ghi số trong sổ văn bản, ví dụ 125.")
                }
                number = parsed
            }
            do {
                _ = try await desk.issue(decision, on: day, number: number, signerName: form.signerName, signerTitle: form.signerTitle)
            } catch let error as DecisionError {
                return try await refused(error.description)
            }
            return .redirect(to: "/decisions/\(decision.provinceCode)/\(decision.id)", type: .normal)
        }
        routes.post("/decisions/:province/:id/revocation") { request, context -> Response in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            try desk.require(.draftDecision, for: decision)
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            func refused(_ message: String) async throws -> Response {
                try await detail(decision, desk: desk, error: message, typed: ["reason": form["reason"] ?? ""], context: context.app)
                    .response(from: request, context: context.app)
            }
            let chosen = form.keys.compactMap { $0.hasPrefix("n-") ? Int($0.dropFirst(2)) : nil }.sorted()
            guard !chosen.isEmpty else { return try await refused("Chọn ít nhất một đối tượng bị thu hồi.") }
            do {
                let revocation = try await desk.revoke(decision, nominationIDs: chosen, reason: form["reason"] ?? "")
                return .redirect(to: "/decisions/\(revocation.provinceCode)/\(revocation.id)", type: .normal)
            } catch let error as DecisionError {
                return try await refused(error.description)
            }
        }
        routes.get("/decisions/:province/:id/ceremony") { request, context in
            let decision = try await services.decisions(context).load(context.app)
            return try ceremony(decision, context: context.app).response(from: request, context: context.app)
        }
        return routes
    }

    private func list(_ desk: DecisionDesk, error: String?, status: HTTPResponse.Status = .ok, context: AppRequestContext) async throws -> HTMLPage {
        let account = desk.account
        var provinces: Set<String> = []
        var draftingUnits: [[String: Any]] = []
        for grant in account.grants {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID) else { continue }
            provinces.insert(unit.provinceCode)
            if desk.mayDraft(at: unit.id), !draftingUnits.contains(where: { $0["code"] as? String == unit.code }) {
                draftingUnits.append(["code": unit.code, "name": unit.name])
            }
        }
        // An organisation's staff draft its decisions for the unit it serves (the round says whose).
        for grant in account.organisationGrants where Permission.draftDecision.roles.contains(grant.role) {
            guard let unit = try await services.units.unit(id: grant.unitID) else { continue }
            provinces.insert(unit.provinceCode)
            if !draftingUnits.contains(where: { $0["code"] as? String == unit.code }) {
                draftingUnits.append(["code": unit.code, "name": "\(unit.name) — \(grant.organisationName)"])
            }
        }
        let scope = account.isSystemAdmin ? nil : provinces.sorted()
        var rows: [[String: Any]] = []
        for item in try await desk.visible() {
            rows.append([
                "province": item.provinceCode, "id": item.id, "title": item.title, "round": item.roundName, "count": item.awardees,
                "label": services.localized(
                    item.number.map { "Số \($0) ngày \(item.issuedOn ?? "")" }
                        ?? (item.kind == .revocation ? "Dự thảo (thu hồi)" : "Dự thảo (khen thưởng)"),
                    context
                ),
            ])
        }
        // Only the rounds and awards of the bodies the person drafts for: the People's Committee's
        // own, or their organisation's (the Hội Khuyến học's).
        var bodies: Set<String?> = []
        if account.isSystemAdmin || account.grants.contains(where: { Permission.draftDecision.roles.contains($0.role) }) { bodies.insert(nil) }
        for grant in account.organisationGrants where Permission.draftDecision.roles.contains(grant.role) { bodies.insert(grant.kind) }
        var rounds: [RoundStore.Round] = []
        var awards: [[String: String]] = []
        for round in try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger).rounds(provinceCodes: scope)
        {
            let definition = try await services.workflows.definition(round.workflow)
            guard account.isSystemAdmin || bodies.contains(definition.organisationKind) else { continue }
            rounds.append(round)
            for award in definition.awards where award.decidedAt != .central && !awards.contains(where: { $0["id"] == award.id }) {
                awards.append(["id": award.id, "title": award.title])
            }
        }
        var values: [String: Any] = [
            "title": "Quyết định khen thưởng",
            "decisions": rows,
            "hasDecisions": !rows.isEmpty,
            "canDraft": !draftingUnits.isEmpty && !rounds.isEmpty,
            "units": draftingUnits,
            "rounds": rounds.map { ["id": $0.id, "name": $0.name, "opensOn": $0.opensOn] },
            "awards": awards,
        ]
        if let error { values["error"] = error }
        return services.page("decisions", values, context: context, status: status)
    }

    /// The decisions in the person's scope as an Excel workbook ("Xuất Excel"), newest first.
    private func spreadsheet(_ desk: DecisionDesk) async throws -> Response {
        let kinds: [Decision.Kind: String] = [.award: "Khen thưởng", .correction: "Đính chính", .revocation: "Thu hồi"]
        let rows: [[XlsxCell]] = try await desk.visible().enumerated().map { index, item in
            [
                .number(index + 1), .text(item.number ?? "Dự thảo"), .text(item.issuedOn ?? ""), .text(kinds[item.kind] ?? item.kind.rawValue),
                .text(item.title), .text(item.roundName), .number(item.awardees),
            ]
        }
        let bytes = XlsxWriter.table(
            headers: ["STT", "Số quyết định", "Ngày ký", "Loại", "Trích yếu", "Đợt", "Số đối tượng"],
            rows: rows,
            widths: [6, 20, 12, 14, 60, 32, 12],
            sheetName: "Quyết định"
        )
        return .workbook(bytes, fileName: "quyet-dinh-\(Day.todayInVietnam.iso).xlsx")
    }

    /// The decision's page; `typed` is what a refused form carried, shown again in its fields.
    private func detail(
        _ decision: Decision,
        desk: DecisionDesk,
        error: String?,
        message: String? = nil,
        typed: [String: String] = [:],
        context: AppRequestContext
    ) async throws -> HTMLPage {
        // {{title}} is both the page's title and the decision's summary (trích yếu).
        var values: [String: Any] = [
            "title": decision.title,
            "province": decision.provinceCode,
            "id": decision.id,
            "issued": decision.isIssued,
            "printsCertificates": decision.isIssued && decision.kind == .award,
            "number": decision.numberText ?? "",
            "issuedOn": decision.issuedOn ?? "",
            "authority": decision.organisation?.name.uppercased() ?? decision.authorityName.replacingOccurrences(of: "\n", with: " "),
            "roundName": decision.roundName,
            "signerName": decision.signerName,
            "signerTitle": decision.signerTitle,
            "count": decision.awardees.count,
            "canIssue": desk.mayIssue(decision),
            "sections": Self.sections(decision),
            "canRevoke": desk.mayRevoke(decision),
            "formIssuedOn": typed["issuedOn"] ?? Day.todayInVietnam.vietnamese,
            "formSignerName": typed["signerName"] ?? decision.signerName,
            "formSignerTitle": typed["signerTitle"] ?? decision.signerTitle,
            "formNumber": typed["number"] ?? "",
            "canEdit": desk.mayEdit(decision),
            "editTitle": typed["title"] ?? decision.title,
            "editBases": typed["bases"] ?? decision.bases.joined(separator: "\n"),
            "editProposal": typed["proposal"] ?? decision.proposal,
            "editSignerName": typed["signerName"] ?? decision.signerName,
            "editSignerTitle": typed["signerTitle"] ?? decision.signerTitle,
            "editArticles": typed["articles"]
                ?? (decision.editedArticles.isEmpty ? decision.writtenArticles() : decision.editedArticles).joined(separator: "\n"),
            "basesList": decision.bases,
            "proposalText": decision.proposal,
            "articlesList": decision.editedArticles.isEmpty ? decision.writtenArticles() : decision.editedArticles,
            "formReason": typed["reason"] ?? "",
        ]
        if let refersTo = decision.refersToText { values["refersTo"] = refersTo }
        if let error { values["error"] = error }
        if let message { values["message"] = services.localized(message, context) }
        var page = services.page("decision", values, context: context)
        if error != nil { page.status = .unprocessableContent }
        return page
    }

    private func ceremony(_ decision: Decision, context: AppRequestContext) throws -> HTMLPage {
        try Self.ceremony(
            services: services,
            authority: decision.organisation?.name.uppercased() ?? decision.authorityName.replacingOccurrences(of: "\n", with: " "),
            awardTitle: decision.awardTitle,
            number: decision.numberText ?? "(dự thảo)",
            issuedOn: decision.issuedOn ?? "",
            roundName: decision.roundName,
            sections: decision.document.sections
        )
    }

    /// The list read out at the ceremony: the issuer, the award, the decision, and each section's
    /// awardees in the decision's order. Ours and decisions recorded from elsewhere alike.
    static func ceremony(
        services: AppServices,
        authority: String,
        awardTitle: String,
        number: String,
        issuedOn: String,
        roundName: String,
        sections: [DecisionDocument.Section]
    ) throws -> HTMLPage {
        let values: [String: Any] = [
            "authority": authority, "awardTitle": awardTitle, "number": number, "issuedOn": issuedOn,
            "roundName": roundName, "sections": Self.sections(sections),
        ]
        guard let html = services.render("ceremony", values) else {
            throw HTTPError(.internalServerError, message: "Thiếu mẫu trang ceremony.")
        }
        return HTMLPage(html: html)
    }

    /// The sections of a stored decision, with each awardee's nomination (for the revocation form).
    static func sections(_ decision: Decision) -> [[String: Any]] {
        var values = sections(decision.document.sections)
        var index = 0
        let ids = decision.awardees.map(\.nominationID)
        for s in values.indices {
            guard var awardees = values[s]["awardees"] as? [[String: Any]] else { continue }
            for a in awardees.indices where index < ids.count {
                awardees[a]["nominationID"] = ids[index]
                index += 1
            }
            values[s]["awardees"] = awardees
        }
        return values
    }

    static func sections(_ sections: [DecisionDocument.Section]) -> [[String: Any]] {
        sections.map { section in
            [
                "heading": section.heading,
                "awardees": section.awardees.map {
                    ["number": $0.number, "name": $0.name, "detail": $0.detail, "unit": $0.unit, "achievement": $0.achievement] as [String: Any]
                },
            ]
        }
    }
}
