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
            let desk = ExternalDecisionDesk(services, account: account, context: context)
            _ = try await desk.recordingProvince()
            let round = fields["round"].flatMap(Int.init)
            func refuse(_ message: String) async throws -> Response {
                try await page(signedIn, form: fields, round: round, error: message).response(from: request, context: context)
            }
            guard let day = Day(parsing: (fields["issuedOn"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                return try await refuse("Ngày ký \"\(fields["issuedOn"] ?? "")\" không hợp lệ (dd/MM/yyyy).")
            }
            guard let file = form.part("document"), !file.body.isEmpty else { return try await refuse("Chưa chọn tệp PDF bản quét quyết định.") }
            var awardees: [ExternalDecisionDesk.TypedAwardee] = []
            for index in 0..<500 {
                if let nomination = fields["n-\(index)"].flatMap(Int.init) {
                    if fields["pick-\(index)"] == "on" {
                        awardees.append(
                            .init(
                                name: fields["name-\(index)"] ?? "",
                                kind: "individual",
                                detail: "",
                                unitCode: "",
                                achievement: "",
                                nominationID: nomination
                            )
                        )
                    }
                    continue
                }
                let name = (fields["name-\(index)"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                awardees.append(
                    .init(
                        name: name,
                        kind: fields["kind-\(index)"] ?? "individual",
                        key: fields["key-\(index)"],
                        detail: fields["detail-\(index)"] ?? "",
                        unitCode: fields["unit-\(index)"] ?? "",
                        achievement: fields["achievement-\(index)"] ?? ""
                    )
                )
            }
            do {
                let recorded = try await desk.record(
                    issuerKind: ExternalDecisionStore.IssuerKind(rawValue: fields["issuerKind"] ?? "") ?? .other,
                    issuer: fields["issuer"] ?? "",
                    number: fields["number"] ?? "",
                    issuedOn: day,
                    awardTitle: fields["awardTitle"] ?? "",
                    roundID: round,
                    awardees: awardees,
                    document: (file.body, file.fileName ?? "quyet-dinh.pdf")
                )
                return .redirect(to: "/decisions/external/\(recorded.provinceCode)/\(recorded.id)?da=ghi", type: .normal)
            } catch let refused as ExternalDecisionStore.RecordError {
                return try await refuse(refused.description)
            } catch let refused as ExternalDecisionDesk.UnknownUnitCode {
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
        routes.get("/decisions/external/:province/:id/ceremony") { request, signedIn in
            let decision = try await load(signedIn)
            var roundName = ""
            if let round = decision.roundID {
                roundName =
                    try await RoundStore(client: services.client, workflows: services.workflows, logger: signedIn.app.logger)
                    .rounds(provinceCodes: [decision.provinceCode]).first { $0.id == round }?.name ?? ""
            }
            return try DecisionPages.ceremony(
                services: services,
                authority: decision.issuer,
                awardTitle: decision.awardTitle,
                number: decision.number,
                issuedOn: decision.issuedOn,
                roundName: roundName,
                sections: decision.sections
            ).response(from: request, context: signedIn.app)
        }
        return routes
    }

    /// The decision named by the path, if it belongs to a province the person works in (else 404).
    private func load(_ signedIn: SignedInContext) async throws -> ExternalDecisionStore.ExternalDecision {
        let context = signedIn.app
        let province = try context.parameters.require("province")
        guard let id = context.parameters.get("id").flatMap(Int.init) else {
            throw HTTPError(.notFound, message: "Không có quyết định này trong phạm vi của bạn.")
        }
        return try await ExternalDecisionDesk(services, account: signedIn.account, context: context).load(provinceCode: province, id: id)
    }

    private func page(_ signedIn: SignedInContext, form: [String: String], round: Int?, error: String?) async throws -> HTMLPage {
        let (account, context) = (signedIn.account, signedIn.app)
        let desk = ExternalDecisionDesk(services, account: account, context: context)
        let store = desk.store
        let decisions = try await desk.visible()
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
        if let province = try? await desk.recordingProvince() {
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
