import Foundation
import Geography
import Hummingbird
import Storage

/// Decisions issued elsewhere: the list, the form that records one (pre-filled, for a proposal
/// round, with the dossiers waiting for the decision above the province), and each decision with
/// its scan and awardees.
struct ExternalDecisionPages {
    let services: AppServices

    /// Empty rows the form offers for awardees the province did not nominate.
    static let extraRows = 5

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/decisions/external") { request, signedIn in
            let query = request.uri.queryParameters
            let round = query.get("round").flatMap(Int.init)
            return try await page(signedIn, form: [:], round: round, error: nil).response(from: request, context: signedIn.app)
        }
        routes.post("/decisions/external") { request, signedIn -> Response in
            let (account, context) = (signedIn.account, signedIn.app)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: FileKind.maximumSize + (2 << 20))
            var fields: [String: String] = [:]
            for part in form.parts where part.fileName == nil { fields[part.name] = part.text }
            let province = try await provinceUnit(of: account)
            let round = fields["round"].flatMap(Int.init)
            func refuse(_ message: String) async throws -> Response {
                try await page(signedIn, form: fields, round: round, error: message).response(from: request, context: context)
            }
            guard let day = Day(parsing: (fields["issuedOn"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                return try await refuse("Ngày ký \"\(fields["issuedOn"] ?? "")\" không hợp lệ (dd/MM/yyyy).")
            }
            guard let file = form.part("document"), !file.body.isEmpty else { return try await refuse("Chưa chọn tệp PDF bản quét quyết định.") }
            var awardees: [ExternalDecisionStore.NewAwardee] = []
            for index in 0..<500 {
                if let nomination = fields["n-\(index)"].flatMap(Int.init) {
                    if fields["pick-\(index)"] == "on" {
                        awardees.append(.init(name: fields["name-\(index)"] ?? "", kind: "individual", unitID: province.id, nominationID: nomination))
                    }
                    continue
                }
                let name = (fields["name-\(index)"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                var unitID = province.id
                let code = (fields["unit-\(index)"] ?? "").trimmingCharacters(in: .whitespaces)
                if !code.isEmpty {
                    guard let unit = try await services.units.unit(code: code), unit.provinceCode == province.provinceCode else {
                        return try await refuse("Dòng \(index + 1): không có đơn vị mã \(code) trong tỉnh.")
                    }
                    unitID = unit.id
                }
                awardees.append(
                    .init(
                        name: name,
                        kind: fields["kind-\(index)"] ?? "individual",
                        key: fields["key-\(index)"],
                        detail: fields["detail-\(index)"] ?? "",
                        unitID: unitID,
                        achievement: fields["achievement-\(index)"] ?? ""
                    )
                )
            }
            do {
                let recorded = try await ExternalDecisionStore(client: services.client, workflows: services.workflows, logger: context.logger).record(
                    .init(
                        provinceCode: province.provinceCode,
                        issuerKind: ExternalDecisionStore.IssuerKind(rawValue: fields["issuerKind"] ?? "") ?? .other,
                        issuer: fields["issuer"] ?? "",
                        number: fields["number"] ?? "",
                        issuedOn: day,
                        awardTitle: fields["awardTitle"] ?? "",
                        roundID: round,
                        awardees: awardees,
                        document: (file.body, file.fileName ?? "quyet-dinh.pdf")
                    ),
                    by: account.id
                )
                return .redirect(to: "/decisions/external/\(recorded.provinceCode)/\(recorded.id)?da=ghi", type: .normal)
            } catch let refused as ExternalDecisionStore.RecordError {
                return try await refuse(refused.description)
            }
        }
        routes.get("/decisions/external/:province/:id") { request, signedIn in
            let context = signedIn.app
            let decision = try await load(signedIn)
            let saved = request.uri.queryParameters.get("da") == "ghi"
            return try services.page(
                "external-decision",
                [
                    "title": "Quyết định số \(decision.number)", "reference": decision.reference, "issuer": decision.issuer,
                    "issuerKind": services.localized(decision.issuerKind.vietnamese, context), "number": decision.number,
                    "issuedOn": decision.issuedOn, "awardTitle": decision.awardTitle, "recordedAt": decision.recordedAt,
                    "documentName": decision.documentName, "province": decision.provinceCode, "id": decision.id,
                    "message": saved ? services.localized("Đã ghi quyết định.", context) : "",
                    "awardees": decision.awardees.map { awardee -> [String: Any] in
                        [
                            "position": awardee.position, "name": awardee.name, "kind": services.localized(NomineeKind.title(awardee.kind), context),
                            "key": awardee.key ?? "", "detail": awardee.detail, "unit": awardee.unitName, "achievement": awardee.achievement,
                            "nomination": awardee.nominationID ?? 0, "linked": awardee.nominationID != nil,
                        ]
                    },
                ],
                context: context
            ).response(from: request, context: context)
        }
        routes.get("/decisions/external/:province/:id/document") { _, signedIn -> Response in
            let decision = try await load(signedIn)
            guard
                let content = try await ExternalDecisionStore(client: services.client, workflows: services.workflows, logger: signedIn.app.logger)
                    .document(of: decision)
            else { throw HTTPError(.notFound) }
            return .download(content, contentType: FileKind.pdf.rawValue, fileName: "quyet-dinh-\(decision.provinceCode)-\(decision.id).pdf")
        }
        return routes
    }

    /// The decision named by the path, if it belongs to a province the person works in (else 404).
    private func load(_ signedIn: SignedInContext) async throws -> ExternalDecisionStore.ExternalDecision {
        let context = signedIn.app
        let province = try context.parameters.require("province")
        guard let id = context.parameters.get("id").flatMap(Int.init),
            try await services.provinceCodes(of: signedIn.account).map({ $0.contains(province) }) ?? true,
            let decision = try await ExternalDecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
                .decision(provinceCode: province, id: id)
        else { throw HTTPError(.notFound, message: "Không có quyết định này trong phạm vi của bạn.") }
        return decision
    }

    /// The province where the person records decisions: held at the province's own unit.
    private func provinceUnit(of account: Account) async throws -> UnitRepository.UnitRecord {
        for grant in account.grants where Permission.recordExternalDecision.roles.contains(grant.role) {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID), unit.level == .province else { continue }
            return unit
        }
        throw HTTPError(
            .forbidden,
            message: "Chỉ chuyên viên hoặc quản trị cấp tỉnh được ghi quyết định khen thưởng do cơ quan khác ban hành."
        )
    }

    private func page(_ signedIn: SignedInContext, form: [String: String], round: Int?, error: String?) async throws -> HTMLPage {
        let (account, context) = (signedIn.account, signedIn.app)
        let store = ExternalDecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
        let decisions = try await store.decisions(provinceCodes: try await services.provinceCodes(of: account))
        var values: [String: Any] = [
            "title": services.localized("Quyết định khen thưởng của cơ quan khác", context),
            "decisions": decisions.map {
                [
                    "province": $0.provinceCode, "id": $0.id, "number": $0.number, "issuedOn": $0.issuedOn, "issuer": $0.issuer,
                    "awardTitle": $0.awardTitle, "awardees": $0.awardees,
                ] as [String: Any]
            },
            "hasDecisions": !decisions.isEmpty,
        ]
        if let province = try? await provinceUnit(of: account) {
            let rounds = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger)
                .rounds(provinceCodes: [province.provinceCode])
            var waiting: [NominationStore.Nomination] = []
            if let round { waiting = try await store.awaiting(provinceCode: province.provinceCode, roundID: round) }
            let kinds = ["individual", "household", "clan", "collective", "enterprise", "administrative_unit"]
            var rows: [[String: Any]] = waiting.enumerated().map { index, nomination in
                [
                    "index": index, "nomination": nomination.id, "name": nomination.nomineeName, "key": nomination.nomineeKey,
                    "picked": form.isEmpty || form["pick-\(index)"] == "on",
                ]
            }
            for index in waiting.count..<(waiting.count + Self.extraRows) {
                rows.append([
                    "index": index, "extra": true, "name": form["name-\(index)"] ?? "", "key": form["key-\(index)"] ?? "",
                    "detail": form["detail-\(index)"] ?? "", "unit": form["unit-\(index)"] ?? "", "achievement": form["achievement-\(index)"] ?? "",
                    "kinds": kinds.map {
                        ["id": $0, "title": services.localized(NomineeKind.title($0), context), "selected": form["kind-\(index)"] == $0]
                    },
                ])
            }
            let kind = form["issuerKind"] ?? ExternalDecisionStore.IssuerKind.primeMinister.rawValue
            values["canRecord"] = true
            values["rows"] = rows
            values["hasWaiting"] = !waiting.isEmpty
            values["round"] = round ?? 0
            values["rounds"] = rounds.map { ["id": $0.id, "name": $0.name, "selected": $0.id == round] as [String: Any] }
            values["issuerKinds"] = ExternalDecisionStore.IssuerKind.allCases.map {
                ["id": $0.rawValue, "title": services.localized($0.vietnamese, context), "selected": $0.rawValue == kind] as [String: Any]
            }
            values["issuer"] = form["issuer"] ?? "Thủ tướng Chính phủ"
            values["number"] = form["number"] ?? ""
            values["issuedOn"] = form["issuedOn"] ?? ""
            values["awardTitle"] = form["awardTitle"] ?? "Bằng khen của Thủ tướng Chính phủ"
        }
        if let error { values["error"] = error }
        return services.page("external-decisions", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
