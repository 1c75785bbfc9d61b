import Foundation
import Hummingbird
import Logging
import NIOCore
import OpenAPIRuntime
import PostgresNIO
import Storage

/// Turns every error into what its reader needs: a problem document for the API, a Vietnamese
/// page for people, a sign-in redirect for a page that needs a session. Database texts are logged,
/// never shown.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/static/") {
            // Left to FileMiddleware, which serves static files on a 404 from the routes.
            throw error
        } catch {
            let error = Self.unwrapped(error)
            // The probes answer machines too: a problem document, never a page.
            let isAPI = request.uri.path.hasPrefix("/api/") || ["/health", "/ready"].contains(request.uri.path)
            let (status, message) = classify(error, context: context)
            if status == .unauthorized, !isAPI, request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return .redirect(to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")", type: .found)
            }
            if isAPI {
                var problem = Problem(title: status.reasonPhrase, status: Int(status.code), detail: message, instance: request.uri.path)
                if let refused = error as? APIValidationError { problem.errors = refused.errors }
                if case NominationStore.NominationError.stale(let current) = error { problem.current = current }
                var response = problem.response(requestID: context.id)
                if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
                if let throttled = error as? LoginThrottled { response.headers[.retryAfter] = "\(throttled.seconds)" }
                return Self.closingOversized(response)
            }
            return Self.closingOversized(
                try services.page(
                    "error",
                    ["status": Int(status.code), "message": message, "title": "Lỗi \(status.code)"],
                    context: context,
                    status: status
                ).response(from: request, context: context)
            )
        }
    }

    /// A body over the limit is answered and the connection closed, so the rest of it is not read.
    static func closingOversized(_ response: Response) -> Response {
        guard response.status == .contentTooLarge else { return response }
        var response = response
        response.headers[.connection] = "close"
        return response
    }

    /// The error a generated API operation threw, or — when the request never became the
    /// operation's typed input (a parameter, header or body not as docs/openapi.json describes
    /// it) — a 400 saying so. A body that is JSON of the wrong shape keeps its 422 naming the field.
    static func unwrapped(_ error: any Error) -> any Error {
        guard let server = error as? ServerError else { return error }
        if server.operationInput == nil, !(server.underlyingError is DecodingError) {
            return RequestNotAsDescribed(operation: server.operationID, cause: server.causeDescription)
        }
        // A value that did not decode, with no body to blame: a path or query parameter (the
        // decoder does not say which), so the message names those the request gave.
        if server.operationInput == nil, let decoding = server.underlyingError as? DecodingError, decoding.isAtTheTop,
            server.requestBody == nil || [.get, .head, .delete].contains(server.request.method) || server.requestBody?.length == .known(0)
        {
            let given = URLComponents(string: server.request.path ?? "")?.queryItems?.map { "\($0.name)=\($0.value ?? "")" } ?? []
            let which = given.isEmpty ? "tham số trên đường dẫn" : "một trong các tham số " + given.joined(separator: ", ")
            return ParameterNotAsDescribed(description: "Yêu cầu chưa hợp lệ: \(which) không đúng kiểu hoặc giá trị cho phép (xem docs/api.md).")
        }
        return server.underlyingError
    }

    static let databaseAway = "Hệ thống tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít phút."

    private func classify(_ error: any Error, context: Context) -> (HTTPResponse.Status, String) {
        switch error {
        case is FormReader.CSRFRefused:
            return (.forbidden, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.")
        case let error as APIValidationError:
            return (.unprocessableContent, error.message)
        case let error as RequestDeadlineExceeded:
            return (.serviceUnavailable, error.description)
        case let error as NotReady:
            return (.serviceUnavailable, error.description)
        case let error as RequestNotAsDescribed:
            return (.badRequest, error.description)
        case let error as ParameterNotAsDescribed:
            return (.unprocessableContent, error.description)
        case let error as LoginThrottled:
            return (.tooManyRequests, error.description)
        case is BoundedBody.TooLarge:
            return (.contentTooLarge, "Dữ liệu gửi lên vượt quá dung lượng cho phép của trang hoặc API này.")
        case let error as EvidenceStore.EvidenceError:
            if case .tooLarge = error { return (.contentTooLarge, error.description) }
            return (.unprocessableContent, error.description)
        case let error as DecisionError:
            switch error {
            case .notFound: return (.notFound, error.description)
            case .alreadyIssued: return (.conflict, error.description)
            default: return (.unprocessableContent, error.description)
            }
        case let error as NominationStore.NominationError:
            switch error {
            case .notFound: return (.notFound, error.description)
            case .stale, .duplicateOpen: return (.conflict, error.description)
            case .refused(let refusal):
                if case .roleNotAllowed = refusal { return (.forbidden, error.description) }
                return (.unprocessableContent, error.description)
            case .documentsFrozen: return (.forbidden, error.description)
            case .unknownAward, .unknownRound, .idempotencyKeyReused, .unknownDocumentKind, .unknownNomineeKind, .tooLong, .tooManyDocuments:
                return (.unprocessableContent, error.description)
            }
        case let error as RoundStore.RoundError:
            return (.unprocessableContent, error.description)
        case let error as YearRefused:
            return (.unprocessableContent, error.description)
        case let error as CouncilError:
            switch error {
            case .notFound: return (.notFound, error.description)
            case .closed: return (.conflict, error.description)
            case .notYourVote: return (.forbidden, error.description)
            default: return (.unprocessableContent, error.description)
            }
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, error.body ?? "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu, hoặc bạn không có quyền xem.")
            case .unauthorized: return (.unauthorized, error.body ?? "Bạn cần đăng nhập.")
            case .forbidden: return (.forbidden, error.body ?? "Bạn không có quyền thực hiện thao tác này.")
            case .badRequest: return (.badRequest, error.body ?? "Yêu cầu không hợp lệ.")
            default: return (error.status, error.body ?? error.status.reasonPhrase)
            }
        case let error as DecodingError:
            return (.unprocessableContent, CheckedJSONDecoder.describe(error).1)
        case is DatabaseAvailabilityMiddleware.Unavailable:
            return (.serviceUnavailable, Self.databaseAway)
        case let error where Self.isPoolRefusal(error):
            // The pool gave up on a connection (cancelled while the database was away).
            context.logger.error("no database connection", metadata: ["error": "\(String(reflecting: error))"])
            return (.serviceUnavailable, Self.databaseAway)
        case let error as PSQLError where error.meansDatabaseAway:
            context.logger.error("database connection lost", metadata: ["error": "\(String(reflecting: error))"])
            return (.serviceUnavailable, Self.databaseAway)
        case is NIOTooManyBytesError:
            return (.contentTooLarge, "Dữ liệu gửi lên vượt quá dung lượng cho phép của trang hoặc API này.")
        default:
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return (
                .internalServerError,
                "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên kèm mã yêu cầu \(context.id)."
            )
        }
    }
}

/// A request body that was read but holds wrong values; each error says which field and why.
struct APIValidationError: Error {
    let message: String
    let errors: [String]
}

/// A request the generated code could not turn into its operation's input.
struct RequestNotAsDescribed: Error, CustomStringConvertible {
    let operation: String
    let cause: String
    var description: String { "Yêu cầu không đúng mô tả của thao tác \(operation) trong docs/openapi.json: \(cause)." }
}

/// A parameter whose value did not decode (wrong type, not one of the listed values): 422, as
/// any value the API cannot take, naming the parameters the request gave.
struct ParameterNotAsDescribed: Error, CustomStringConvertible {
    let description: String
}

/// Too many failed sign-ins from this address for this name: 429 with `Retry-After`.
struct LoginThrottled: Error, CustomStringConvertible {
    let seconds: Int
    var description: String { "Đăng nhập sai nhiều lần. Vui lòng chờ \(seconds) giây rồi thử lại." }
}

extension DecodingError {
    /// The error concerns the value as a whole (no field path): for a parameter, the parameter.
    var isAtTheTop: Bool {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath.isEmpty
        case .keyNotFound: false
        @unknown default: false
        }
    }
}

extension ErrorMiddleware {
    /// postgres-nio's pool refuses a lease with `ConnectionPoolError` (request cancelled, pool
    /// shut down), declared in its underscored `_ConnectionPoolModule`, which we do not import:
    /// the type is recognised by name.
    static func isPoolRefusal(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasSuffix(".ConnectionPoolError")
    }
}

extension PSQLError {
    /// The database went away under the request rather than refusing it: the connection lost, or
    /// the server shutting down or starting up (SQLSTATE class 57P: "terminating connection due to
    /// administrator command" when PostgreSQL is restarted, "the database system is starting up")
    /// or a connection exception (class 08). The request may be tried again: 503, not 500.
    var meansDatabaseAway: Bool {
        if [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown].contains(code) { return true }
        if let underlying = underlying as? PSQLError, underlying.meansDatabaseAway { return true }
        guard code == .server, let state = serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("57P") || state.hasPrefix("08")
    }
}
