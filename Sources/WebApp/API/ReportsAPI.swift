import Foundation
import Geography
import Hummingbird
import Storage

/// Progress against the targets as JSON, for the systems a province reports to: the same figures
/// as the page and `thidua report targets`, within the reader's scope.
struct ReportsAPI {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/reports/targets") { request, context -> TargetReport in
            let account = context.account
            let query = request.uri.queryParameters
            let years = try TargetReportAccess.years(stage: query.get("stage"), year: query.get("year"))
            return try await TargetReportAccess(services: services).report(for: account, years: years, level: try level(query.get("level")))
        }
        routes.get("/reports/targets/stages") { request, context -> StageReport in
            let account = context.account
            let level = try level(request.uri.queryParameters.get("level"))
            return try await TargetReportAccess(services: services).stageReport(for: account, level: level)
        }
        return routes
    }

    private func level(_ text: String?) throws -> AdminLevel? {
        guard let text else { return nil }
        guard let level = AdminLevel(rawValue: text) else {
            throw APIValidationError(message: "Cấp không hợp lệ: \(text) (province, district, commune, village).", errors: ["level"])
        }
        return level
    }
}

extension TargetReport: ResponseEncodable {}
extension StageReport: ResponseEncodable {}
