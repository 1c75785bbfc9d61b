import Foundation
import Hummingbird
import Storage
import Tabular

/// Many nominations from a spreadsheet: upload, preview with every problem by line and column,
/// then confirm — the file travels back with the confirmation, is checked again, and is stored in
/// one transaction or not at all.
struct NominationImportPage {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        // The round's awards fill the drop-down (`?round=`); without one, every award in force.
        routes.get("/nominations/import/mau.xlsx") { request, signedIn -> Response in
            let context = signedIn.app
            var awards: [String] = []
            if let roundID = request.uri.queryParameters.get("round").flatMap(Int.init),
                let round = try await rounds(of: signedIn.account, context: context).first(where: { $0.id == roundID })
            {
                awards = try await services.workflows.definition(round.workflow).awards.map(\.title)
            } else {
                for definition in try await services.workflows.all() where definition.validTo == nil {
                    for award in definition.awards where !awards.contains(award.title) { awards.append(award.title) }
                }
            }
            return .workbook(NominationImport.template(awards: awards), fileName: "mau-ho-so-de-nghi.xlsx")
        }
        routes.get("/nominations/import") { request, context in
            let (account, context) = (context.account, context.app)
            return try await page(account, values: [:], context: context).response(from: request, context: context)
        }
        routes.post("/nominations/import") { request, context in
            let (account, context) = (context.account, context.app)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: 3 * FileKind.maximumSize)
            let roundText = form.part("roundID")?.text ?? ""
            let unitCode = form.part("unitCode")?.text ?? ""
            guard let roundID = Int(roundText) else { throw HTTPError(.badRequest, message: "Chưa chọn đợt.") }
            let unit = try await UnitAccess(services: services).unit(code: unitCode, for: account)
            // A clerk of this unit, for the body whose process the round runs (the People's
            // Committee, or the Hội Khuyến học serving the unit).
            let kind = try await NominationDesk(services, account: account, context: context).processKind(
                provinceCode: unit.provinceCode,
                roundID: roundID
            )
            guard account.acting(in: kind).contains(where: { $0.role == .submitter && $0.unitID == unit.id }) else {
                throw HTTPError(.forbidden, message: "Chỉ cán bộ lập hồ sơ của đơn vị được nhập hồ sơ.")
            }
            var bytes: [UInt8]
            if let content = form.part("content")?.text, let data = Data(base64Encoded: content) {
                bytes = Array(data)
            } else if let file = form.part("file"), !file.body.isEmpty {
                bytes = file.body
            } else {
                return try await page(
                    account,
                    values: ["error": "Chưa chọn tệp.", "roundID": roundText, "unitCode": unitCode],
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            let kept: [String: Any] = ["roundID": roundText, "unitCode": unitCode]
            switch await SpreadsheetConversion.csv(bytes) {
            case .success(let csv): bytes = csv
            case .failure(let problem):
                return try await page(
                    account,
                    values: kept.merging(["error": problem.description]) { $1 },
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            let importer = NominationImport(store: NominationAccess(services: services).store(context))
            if form.part("confirm")?.text == "1" {
                do {
                    let created = try await importer.commit(
                        bytes,
                        provinceCode: unit.provinceCode,
                        roundID: roundID,
                        unitID: unit.id,
                        createdBy: account.id
                    )
                    // Next: the reports and the sending, for all of them at once.
                    return .redirect(to: "/nominations/drafts?da=nhap&n=\(created.count)", type: .normal)
                } catch let refused as NominationImport.Refused {
                    return try await preview(account, plan: .init(rows: [], problems: refused.problems), bytes: nil, kept: kept, context: context)
                        .response(from: request, context: context)
                }
            }
            let plan = try await importer.plan(bytes, provinceCode: unit.provinceCode, roundID: roundID)
            return try await preview(account, plan: plan, bytes: plan.problems.isEmpty ? bytes : nil, kept: kept, context: context)
                .response(from: request, context: context)
        }
        return routes
    }

    private func preview(_ account: Account, plan: NominationImport.Plan, bytes: [UInt8]?, kept: [String: Any], context: AppRequestContext)
        async throws -> HTMLPage
    {
        var values = kept
        values["rows"] = plan.rows.map {
            [
                "line": $0.line, "name": $0.nomineeName, "kind": services.localized(NomineeKind.title($0.nomineeKind), context), "key": $0.nomineeKey,
                "award": $0.awardTitle, "typed": $0.awardTyped.folded == $0.awardTitle.folded ? "" : $0.awardTyped,
            ]
                as [String: Any]
        }
        values["hasRows"] = !plan.rows.isEmpty
        values["count"] = plan.rows.count
        values["problems"] = plan.problems.map(\.description)
        values["problemCount"] = plan.problems.count
        values["hasProblems"] = !plan.problems.isEmpty
        if let bytes { values["content"] = Data(bytes).base64EncodedString() }
        if !plan.problems.isEmpty { values["error"] = "Tệp có \(plan.problems.count) lỗi: chưa lưu hồ sơ nào. Sửa tệp rồi tải lên lại." }
        return try await page(account, values: values, status: plan.problems.isEmpty ? .ok : .unprocessableContent, context: context)
    }

    /// The rounds the person nominates in as a clerk.
    private func rounds(of account: Account, context: AppRequestContext) async throws -> [RoundStore.Round] {
        let desk = NominationDesk(services, account: account, context: context)
        return try await desk.submittingRounds(try await desk.submittingPlaces())
    }

    private func page(_ account: Account, values: [String: Any], status: HTTPResponse.Status = .ok, context: AppRequestContext) async throws
        -> HTMLPage
    {
        let desk = NominationDesk(services, account: account, context: context)
        let places = try await desk.submittingPlaces()
        var units: [[String: Any]] = []
        for place in places where !units.contains(where: { $0["code"] as? String == place.unit.code }) {
            units.append(["code": place.unit.code, "name": place.label, "selected": place.unit.code == values["unitCode"] as? String])
        }
        guard !units.isEmpty else { throw HTTPError(.forbidden, message: "Chỉ cán bộ lập hồ sơ được nhập hồ sơ đề nghị.") }
        let rounds = try await desk.submittingRounds(places)
        var data = values
        data["title"] = "Nhập nhiều hồ sơ đề nghị"
        data["units"] = units
        data["rounds"] = rounds.map { ["id": $0.id, "name": $0.name, "selected": String($0.id) == values["roundID"] as? String] as [String: Any] }
        data["templateRound"] = (rounds.first { String($0.id) == values["roundID"] as? String } ?? rounds.first)?.id ?? 0
        return services.page("nomination-import", data, context: context, status: status)
    }
}
