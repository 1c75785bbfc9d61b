import Foundation
import Hummingbird

/// The language switch in every page's header: `/ngon-ngu/en` or `/ngon-ngu/vi` keeps the choice in
/// a cookie and returns to the page the reader came from (only its path: never another site).
struct LanguageSwitch {
    let services: AppServices

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/ngon-ngu/:code") { request, context in
            guard let language = Language(rawValue: try context.parameters.require("code")) else {
                throw HTTPError(.notFound, message: "Không có ngôn ngữ này.")
            }
            var response = Response.redirect(to: Self.returnPath(request), type: .normal)
            response.setCookie(AppCookies.language(language, secure: services.isSecure(request)))
            return response
        }
        return routes
    }

    /// The path and query of the referring page, or the start page.
    static func returnPath(_ request: Request) -> String {
        guard let referer = request.headers[.referer], let url = URLComponents(string: referer) else { return "/" }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        let back = url.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        return AuthPages.safeNext(back)
    }
}
