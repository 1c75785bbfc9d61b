import Foundation
import Hummingbird
import Storage

/// Finds who is signed in (session cookie or `Authorization: Bearer`), and hands every browser a
/// CSRF token for its forms.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The scraper's bearer token is the metrics token, not a session: nothing to look up
        // (and nothing to wait for while the database is away).
        if request.uri.path == "/metrics" { return try await next(request, context) }
        var context = context
        var newCSRF: String?
        context.language = Language(cookie: request.cookies[AppCookies.language]?.value)
        context.forwardedFor = request.headers[.forwardedFor]
        if let token = request.cookies[AppCookies.csrf]?.value, token.count == 43 {
            context.csrfToken = token
        } else {
            let token = SessionStore.randomToken()
            context.csrfToken = token
            newCSRF = token
        }

        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            context.sessionToken = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if let cookie = request.cookies[AppCookies.session]?.value, !cookie.isEmpty {
            context.sessionToken = cookie
            context.sessionFromCookie = true
        }
        if let token = context.sessionToken, let account = try await services.accounts.account(sessionToken: token) {
            context.account = account
            context.logger[metadataKey: "user.id"] = "\(account.id)"
        }

        // A page on another site can post a form with our cookie, but cannot send JSON without
        // the browser asking us first (CORS preflight, which we never allow).
        if request.uri.path.hasPrefix("/api/"), context.sessionFromCookie, request.method != .get, request.method != .head {
            let type = request.headers[.contentType]?.lowercased() ?? ""
            guard type.hasPrefix("application/json") else {
                throw HTTPError(.forbidden, message: "Yêu cầu API dùng phiên trình duyệt phải gửi dữ liệu JSON.")
            }
        }

        var response = try await next(request, context)
        if let newCSRF {
            response.setCookie(AppCookies.csrf(newCSRF, secure: services.isSecure(request)))
        }
        return response
    }
}
