import Hummingbird
import Storage

/// The start page after sign-in: who I am, my roles and the units I work for.
struct HomePage {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/") { request, context in
            let (account, context) = (context.account, context.app)
            return try await home(account, context: context).response(from: request, context: context)
        }
        return routes
    }

    private func home(_ account: Account, context: AppRequestContext) async throws -> HTMLPage {
        var grants: [[String: Any]] = []
        for grant in account.grants {
            var row: [String: Any] = ["role": services.localized(grant.role.vietnamese, context)]
            if let code = grant.unitCode, let name = grant.unitName {
                row["unitCode"] = code
                row["unitName"] = name
            } else {
                row["unitName"] = services.localized("Toàn quốc", context)
            }
            grants.append(row)
        }
        return services.page("home", ["title": "Trang chủ", "grants": grants, "fullName": account.fullName], context: context)
    }
}
