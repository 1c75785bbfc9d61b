import Foundation
import Hummingbird
import Storage

/// Transparency, without signing in: per province, the issued decisions with their awardees, and
/// the nominations put up for comment with a form to send one (kept on the nomination).
struct PublicPages {
    let services: AppServices

    struct CommentForm: Decodable {
        let nomination: Int
        let author: String
        let comment: String
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/cong-khai/:province") { request, context in
            let province = try context.parameters.require("province")
            let thanks = request.uri.queryParameters.get("da-gui") != nil
            return try await page(province: province, thanks: thanks, context: context).response(from: request, context: context)
        }
        routes.post("/cong-khai/:province/y-kien") { request, context -> Response in
            let province = try context.parameters.require("province")
            let form = try await FormReader.read(CommentForm.self, request: request, context: context)
            do {
                try await consultation(context).comment(
                    provinceCode: province,
                    nominationID: form.nomination,
                    author: form.author,
                    text: form.comment
                )
            } catch let error as PublicConsultation.CommentError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
            return .redirect(to: "/cong-khai/\(province)?da-gui=1", type: .normal)
        }
        return routes
    }

    private func consultation(_ context: AppRequestContext) -> PublicConsultation {
        PublicConsultation(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    private func page(province: String, thanks: Bool, context: AppRequestContext) async throws -> HTMLPage {
        guard let unit = try await services.units.unit(code: province), unit.level == .province else {
            throw HTTPError(.notFound, message: "Không có tỉnh mã \(province).")
        }
        let store = DecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
        var decisions: [[String: Any]] = []
        for summary in try await store.decisions(provinceCodes: [province], issuedOnly: true).prefix(50) {
            guard let decision = try await store.decision(provinceCode: province, id: summary.id) else { continue }
            decisions.append([
                "number": decision.numberText ?? "", "issuedOn": decision.issuedOn ?? "", "title": decision.title,
                "authority": decision.authorityName.replacingOccurrences(of: "\n", with: " "),
                "awardees": decision.awardees.map { ["name": $0.name, "detail": $0.detail] as [String: Any] },
            ])
        }
        let postings = try await consultation(context).postings(provinceCode: province)
        var values: [String: Any] = [
            "title": "Công khai khen thưởng — \(unit.name)",
            "province": province,
            "provinceName": unit.name,
            "decisions": decisions,
            "postings": postings.map { ["id": $0.id, "name": $0.name, "unit": $0.unitName, "award": $0.award, "until": $0.until] },
            "hasPostings": !postings.isEmpty,
            "thanks": thanks,
        ]
        if unit.isDemo { values["demo"] = true }
        return services.page("public-decisions", values, context: context)
    }
}
