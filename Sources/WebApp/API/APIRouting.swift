import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
import Storage

/// Where each generated operation is served: those `RoutePolicy` names open (`/health`, `/ready`,
/// sign-in) on the open router, every other one in the signed-in group, whose context cannot
/// exist without an account — an operation added to the document is protected unless the policy
/// table opens it. Every body is bounded before the generated code reads it.
struct APIRouting: ServerTransport {
    let open: RouterGroup<AppRequestContext>
    let signedIn: RouterGroup<SignedInContext>

    /// Raw file uploads: the body is the file (bounded by `FileKind.maximumSize`, refused by the
    /// store one byte over it). Every other body is JSON, bounded by `jsonLimit`.
    static let uploads: Set<String> = [
        "POST /api/v1/assessments/{province}/{id}/evidence",
        "POST /api/v1/nominations/{province}/{id}/documents",
    ]
    static let jsonLimit = 1 << 20

    func register(
        _ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        let key = "\(method.rawValue) \(path)"
        let bounded = BoundedBody(
            limit: Self.uploads.contains(key) ? FileKind.maximumSize + 1 : Self.jsonLimit,
            checksJSON: !Self.uploads.contains(key)
        )
        let route: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?) = { request, body, metadata in
            try await handler(request, try await bounded.read(body), metadata)
        }
        if RoutePolicy.access(method: method, path: path) == .open {
            open.register(route, method: method, path: path)
        } else {
            signedIn.register(route, method: method, path: path)
        }
    }
}

/// A request body read whole up to its limit (over it: 413, and the rest is never read), and for
/// JSON checked for what no field may hold (NUL, a text longer than any field needs) before the
/// generated decoder sees it.
struct BoundedBody: Sendable {
    let limit: Int
    let checksJSON: Bool

    struct TooLarge: Error {}

    func read(_ body: HTTPBody?) async throws -> HTTPBody? {
        guard let body else { return nil }
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else { throw TooLarge() }
            bytes.append(contentsOf: chunk)
        }
        if checksJSON { try CheckedJSONDecoder.check(bytes) }
        return HTTPBody(bytes)
    }
}
