import Hummingbird
import Storage

/// Who may reach each route at all: the public few, named here one by one, and everyone else
/// signed in. Every route the router holds must have an entry — a route added without one is
/// refused to everybody (and fails `RoutePolicyMatrixTests`), so sign-in cannot be forgotten.
/// What a signed-in person may then do with a record is decided after it is loaded in their
/// scope (404 outside it) and by the workflow's rules.
public enum RoutePolicy {
    public enum Access: Equatable, Sendable {
        /// Reachable without signing in.
        case open
        /// Needs a staff session; `roles`, when given, are the roles of which the person must hold
        /// one somewhere (system administrators count only where named). A citizen's own account
        /// is answered 404: for it, nothing here exists.
        case signedIn(roles: Set<Role>?)
        /// Needs a citizen's own account (`Account.citizen`); staff are answered 404.
        case citizen
    }

    static let anyone = Access.signedIn(roles: nil)
    static let administrators = Access.signedIn(roles: Permission.administerAccounts.roles)

    /// "METHOD /path/{parameter}" → access, as the router describes its routes.
    public static let table: [String: Access] = [
        // Public: the process's health, signing in, the language, the province's public page.
        "GET /health": .open,
        "GET /ready": .open,
        // Loopback or the metrics token only: the controller decides, as a session cannot.
        "GET /metrics": .open,
        "GET /login": .open,
        "POST /login": .open,
        "POST /logout": .open,
        "GET /ngon-ngu/{code}": .open,
        "GET /cong-khai/{province}": .open,
        "GET /cong-khai/{province}/phong-trao": .open,
        "POST /cong-khai/{province}/y-kien": .open,
        "POST /api/v1/auth/login": .open,
        // A citizen's first visit: the invitation code, a user name and a password.
        "GET /cong-dan/kich-hoat": .open,
        "POST /cong-dan/kich-hoat": .open,

        // A citizen's own pages.
        "GET /cong-dan": .citizen,
        "GET /cong-dan/phieu": .citizen,
        "POST /cong-dan/phieu": .citizen,
        "POST /cong-dan/mat-khau": .citizen,

        // Pages.
        "GET /": anyone,
        "GET /account": anyone,
        "POST /account/password": anyone,
        "GET /units/{code}": anyone,
        "GET /units/{code}/recognised": anyone,
        "GET /units/{code}/so-lieu": anyone,
        "POST /units/{code}/so-lieu": anyone,
        "GET /units/{code}/recognised/quyet-dinh": anyone,
        "GET /units/{code}/recognised/giay-cong-nhan": anyone,
        "POST /units/{code}/recognise": anyone,
        "GET /units/{code}/registrations": anyone,
        "POST /units/{code}/registrations": anyone,
        "POST /units/{code}/registrations/import": anyone,
        "GET /reports/targets": anyone,
        "GET /assessments/import": anyone,
        "POST /assessments/import": anyone,
        "GET /assessments/{province}/{id}": anyone,
        "POST /assessments/{province}/{id}/evidence": anyone,
        "GET /assessments/{province}/{id}/evidence/{sha}": anyone,
        "GET /registrations/{province}/{id}": anyone,
        "POST /registrations/{province}/{id}/self-assessment": anyone,
        "POST /registrations/{province}/{id}/appraisal": anyone,
        "POST /registrations/{province}/{id}/invitation": anyone,
        "GET /lookup": anyone,
        "GET /lookup/record": anyone,
        "GET /decisions/{province}/{id}/certificates": anyone,
        "GET /decisions/external": anyone,
        "POST /decisions/external": .signedIn(roles: Permission.recordExternalDecision.roles),
        "GET /decisions/external/{province}/{id}": anyone,
        "GET /decisions/external/{province}/{id}/document": anyone,
        "GET /decisions/external/{province}/{id}/ceremony": anyone,
        "GET /decisions": anyone,
        "POST /decisions": anyone,
        "GET /decisions/{province}/{id}": anyone,
        "POST /decisions/{province}/{id}/edit": anyone,
        "POST /decisions/{province}/{id}/issue": anyone,
        "POST /decisions/{province}/{id}/revocation": anyone,
        "GET /decisions/{province}/{id}/ceremony": anyone,
        "GET /queue": anyone,
        "POST /queue/bulk": anyone,
        "GET /nominations/import": anyone,
        "GET /nominations/import/mau.xlsx": anyone,
        "POST /nominations/import": anyone,
        "GET /nominations/drafts": .signedIn(roles: [.submitter]),
        "POST /nominations/drafts": .signedIn(roles: [.submitter]),
        "GET /nominations/new": anyone,
        "POST /nominations/new": anyone,
        "GET /nominations/{province}/{id}": anyone,
        "POST /nominations/{province}/{id}/act": anyone,
        "POST /nominations/{province}/{id}/documents": anyone,
        "GET /nominations/{province}/{id}/documents/{sha}": anyone,
        "GET /councils": anyone,
        "GET /councils/{code}": anyone,
        "POST /councils/{code}": anyone,
        "GET /council-sessions": anyone,
        "POST /council-sessions": anyone,
        "GET /council-sessions/{province}/{id}": anyone,
        "GET /council-sessions/{province}/{id}/minutes": anyone,
        "POST /council-sessions/{province}/{id}/attendance": anyone,
        "POST /council-sessions/{province}/{id}/votes": anyone,
        "POST /council-sessions/{province}/{id}/close": anyone,
        "GET /admin/users": administrators,
        "POST /admin/users": administrators,
        "GET /rounds": anyone,
        "POST /rounds": administrators,

        // The JSON API.
        "POST /api/v1/auth/logout": anyone,
        "GET /api/v1/me": anyone,
        "GET /api/v1/units/{code}": anyone,
        "GET /api/v1/reports/national-awards": anyone,
        "GET /api/v1/lookup": anyone,
        "GET /api/v1/lookup/record": anyone,
        "GET /api/v1/units/{code}/registrations": anyone,
        "GET /api/v1/assessments/{province}/{id}": anyone,
        "POST /api/v1/assessments/{province}/{id}/evidence": anyone,
        "POST /api/v1/registrations": anyone,
        "POST /api/v1/registrations/{province}/{id}/self-assessment": anyone,
        "POST /api/v1/registrations/{province}/{id}/appraisal": anyone,
        "GET /api/v1/reports/targets": anyone,
        "GET /api/v1/reports/targets/stages": anyone,
        "POST /api/v1/nominations": anyone,
        "GET /api/v1/nominations/{province}/{id}": anyone,
        "POST /api/v1/nominations/{province}/{id}/actions": anyone,
        "POST /api/v1/nominations/{province}/{id}/documents": anyone,
        "POST /api/v1/nominations/{province}/{id}/hold": anyone,
        "DELETE /api/v1/nominations/{province}/{id}/hold": anyone,
        "GET /api/v1/queue": anyone,
        "GET /api/v1/queue/events": anyone,
        "GET /api/v1/councils/{code}": anyone,
        "PUT /api/v1/councils/{code}": anyone,
        "GET /api/v1/council-sessions/{province}/{id}/minutes": anyone,
        "GET /api/v1/council-sessions": anyone,
        "POST /api/v1/council-sessions": anyone,
        "GET /api/v1/council-sessions/{province}/{id}": anyone,
        "PUT /api/v1/council-sessions/{province}/{id}/attendance": anyone,
        "POST /api/v1/council-sessions/{province}/{id}/votes": anyone,
        "POST /api/v1/council-sessions/{province}/{id}/tallies": anyone,
        "DELETE /api/v1/council-sessions/{province}/{id}/agenda/{nomination}": anyone,
        "POST /api/v1/council-sessions/{province}/{id}/close": anyone,
        "GET /api/v1/rounds": anyone,
        "POST /api/v1/rounds": administrators,
        "GET /api/v1/rounds/{province}/{id}/central-proposal": anyone,
        "GET /api/v1/decisions": anyone,
        "POST /api/v1/decisions": anyone,
        "GET /api/v1/decisions/{province}/{id}": anyone,
        "PATCH /api/v1/decisions/{province}/{id}": anyone,
        "POST /api/v1/decisions/{province}/{id}/issue": anyone,
        "POST /api/v1/decisions/{province}/{id}/revocation": anyone,
        "POST /api/v1/decisions/{province}/{id}/correction": anyone,
        "GET /api/v1/decisions/{province}/{id}/export": anyone,
        "GET /api/v1/external-decisions": anyone,
        "GET /api/v1/external-decisions/{province}/{id}": anyone,
    ]

    static func access(method: HTTPRequest.Method, path: String) -> Access? {
        table["\(method.rawValue) \(path)"] ?? (method == .head ? table["GET \(path)"] : nil)
    }
}

/// The door every routed request passes: the route's entry in `RoutePolicy` decides whether a
/// session is needed (401: the error layer sends a page to the sign-in form) and which roles may
/// open it at all (403). A route without an entry is refused to everybody.
struct RoutePolicyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // No endpoint: the router answers 404 after this.
        guard let path = context.endpointPath else { return try await next(request, context) }
        switch RoutePolicy.access(method: request.method, path: path) {
        case .open:
            return try await next(request, context)
        case .signedIn(let roles):
            guard let account = context.account else { throw HTTPError(.unauthorized, message: "Bạn cần đăng nhập.") }
            guard account.citizen == nil else {
                // Their home is their own page; nothing else of the staff's exists for them.
                if path == "/" && request.method == .get { return Response.redirect(to: "/cong-dan", type: .found) }
                throw HTTPError(.notFound)
            }
            if let roles, !account.holdsAnywhere(roles) {
                throw HTTPError(.forbidden, message: "Trang này dành cho \(roles.map(\.vietnamese).sorted().joined(separator: ", ")).")
            }
            return try await next(request, context)
        case .citizen:
            guard let account = context.account else { throw HTTPError(.unauthorized, message: "Bạn cần đăng nhập.") }
            guard account.citizen != nil else { throw HTTPError(.notFound) }
            return try await next(request, context)
        case nil:
            context.logger.error("route without a policy entry", metadata: ["route": "\(request.method) \(path)"])
            throw HTTPError(.notFound)
        }
    }
}
