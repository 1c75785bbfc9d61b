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
            let query = request.uri.queryParameters
            let thanks = query.get("da-gui") != nil
            let pageNumber = max(1, min(10_000, query.get("trang").flatMap(Int.init) ?? 1))
            return try await page(province: province, thanks: thanks, search: query.get("q"), pageNumber: pageNumber, context: context)
                .response(from: request, context: context)
        }
        routes.post("/cong-khai/:province/y-kien") { request, context -> Response in
            let province = try context.parameters.require("province")
            let form = try await FormReader.read(CommentForm.self, request: request, context: context)
            do {
                try await consultation(context).comment(
                    on: NominationKey(provinceCode: province, id: form.nomination),
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

    private func page(province: String, thanks: Bool, search: String?, pageNumber: Int, context: AppRequestContext) async throws -> HTMLPage {
        guard let unit = try await services.units.unit(code: province), unit.level == .province else {
            throw HTTPError(.notFound, message: "Không có tỉnh mã \(province).")
        }
        let awards = try await PublicAwards(client: services.reader, logger: context.logger).page(
            provinceCode: province,
            search: search,
            page: pageNumber
        )
        let searchText = search?.trimmingCharacters(in: .whitespaces) ?? ""
        func link(_ page: Int) -> String {
            "/cong-khai/\(province)?trang=\(page)"
                + (searchText.isEmpty ? "" : "&q=" + (searchText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        let postings = try await consultation(context).postings(provinceCode: province)
        var values: [String: Any] = [
            "title": "Công khai khen thưởng — \(unit.name)",
            "province": province,
            "provinceName": unit.name,
            "awards": awards.lines.map {
                [
                    "name": $0.name, "unit": $0.unit, "award": $0.award, "number": $0.decisionNumber, "issuedOn": $0.issuedOn,
                    "authority": $0.authority,
                ]
            },
            "hasAwards": !awards.lines.isEmpty,
            "search": searchText,
            "pageNumber": pageNumber,
            "previous": pageNumber > 1 ? link(pageNumber - 1) : "",
            "next": awards.hasMore ? link(pageNumber + 1) : "",
            "postings": postings.map { ["id": $0.id, "name": $0.name, "unit": $0.unitName, "award": $0.award, "until": $0.until] },
            "hasPostings": !postings.isEmpty,
            "thanks": thanks,
        ]
        if unit.isDemo { values["demo"] = true }
        return services.page("public-decisions", values, context: context)
    }
}
