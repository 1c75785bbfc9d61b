import APIContract
import Hummingbird
import Storage

/// The JSON API: the operations of docs/openapi.json, as the protocol generated from it
/// (`APIProtocol`) requires them. Each operation decodes nothing and renders nothing itself — the
/// generated code does both from the document — and calls the same desks the pages call. Errors
/// are thrown as domain errors and become problem documents in `ErrorMiddleware`, as for pages.
///
/// The operations live in one extension per resource (`APIHandler+Nominations.swift`, …).
struct APIHandler: APIProtocol {
    let services: AppServices

    /// The request's context, set by `APIScope.Middleware` around every operation.
    func app() throws -> AppRequestContext {
        guard let context = APIScope.app else { throw HTTPError(.internalServerError, message: "Thiếu ngữ cảnh yêu cầu.") }
        return context
    }

    /// The signed-in context: every operation but the three open ones is registered in the
    /// signed-in group (`APIRouting`), so it is always there; a 401 otherwise, never a guess.
    func signedIn() throws -> SignedInContext {
        guard let context = APIScope.signedIn else { throw HTTPError(.unauthorized, message: "Bạn cần đăng nhập.") }
        return context
    }
}

/// The Hummingbird context of the request being served, for the generated operations, which
/// receive only their typed input.
enum APIScope {
    @TaskLocal static var app: AppRequestContext?
    @TaskLocal static var signedIn: SignedInContext?

    /// Sets the scope for everything the route below runs.
    struct Middleware<Context: RequestContext>: RouterMiddleware {
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            switch context {
            case let signedIn as SignedInContext:
                try await APIScope.$signedIn.withValue(signedIn) {
                    try await APIScope.$app.withValue(signedIn.app) { try await next(request, context) }
                }
            case let app as AppRequestContext:
                try await APIScope.$app.withValue(app) { try await next(request, context) }
            default:
                try await next(request, context)
            }
        }
    }
}
