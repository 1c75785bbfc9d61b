import Hummingbird
import Storage

/// The start page after sign-in: what waits for me ("Việc cần làm", with counts and links), the
/// pages my roles can use, and my roles with the units I work for.
struct HomePage {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/") { request, context in
            try await home(context).response(from: request, context: context.app)
        }
        return routes
    }

    private func home(_ signedIn: SignedInContext) async throws -> HTMLPage {
        let (account, context) = (signedIn.account, signedIn.app)
        let work = MyWork(services, context: signedIn)
        let tasks = try await work.tasks().map { task -> [String: Any] in
            ["title": services.localized(task.title, context), "count": task.count, "link": task.link, "attention": task.urgent && task.count > 0]
        }
        let links = work.links().map { ["title": services.localized($0.title, context), "href": $0.href] }
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
        // Staff of an organisation (the Hội Khuyến học): its titles to recognise at the unit it serves.
        for grant in account.organisationGrants {
            var row: [String: Any] = ["role": services.localized(grant.role.vietnamese, context), "unitName": grant.organisationName]
            if let code = grant.unitCode { row["organisationLink"] = "/units/\(code)/recognised?set=cong-dan-hoc-tap" }
            grants.append(row)
        }
        return services.page(
            "home",
            ["title": "Trang chủ", "grants": grants, "fullName": account.fullName, "tasks": tasks, "hasTasks": !tasks.isEmpty, "links": links],
            context: context
        )
    }
}
