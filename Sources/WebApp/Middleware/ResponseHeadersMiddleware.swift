import HTTPTypes
import Hummingbird

/// The outermost layer: refuses methods the application never serves (405), and adds the request
/// id (the one in the logs) and the security headers to every response — errors that escaped
/// every other layer (a 404 under /static/) included. A response to a signed-in request, or a
/// download, is never stored by a cache.
struct ResponseHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    static let servedMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete]
    static let allow = "GET, HEAD, POST, PUT, PATCH, DELETE"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if !Self.servedMethods.contains(request.method) {
            response = Response(status: .methodNotAllowed, headers: [.allow: Self.allow])
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
        }
        response.headers[.requestID] = context.id
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        let signedIn = request.headers[.authorization] != nil || request.headers[.cookie]?.contains(AppCookies.session + "=") == true
        let download = response.headers[.contentDisposition]?.hasPrefix("attachment") == true
        if signedIn || download, !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Refuses, before any route reads it, a body declared larger than any route takes (413) and a
/// query string holding a NUL or an overlong value (422, naming the parameter). Bodies sent
/// without a declared length are cut by each route's own limit as they arrive.
struct InputBoundsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The largest upload of any route (an import of 50 MB) with its form around it.
    static let largestBody = 51 << 20

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > Self.largestBody {
            throw HTTPError(.contentTooLarge, message: "Dữ liệu gửi lên (\(declared >> 20) MB) vượt quá dung lượng lớn nhất hệ thống nhận.")
        }
        if let problem = QueryCheck.problem(in: request) { throw APIValidationError(message: problem.message, errors: [problem.field]) }
        return try await next(request, context)
    }
}
