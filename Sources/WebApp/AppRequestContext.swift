import Hummingbird
import NIOCore
import Storage

/// Per-request state: who is signed in, and the CSRF token their forms carry.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in person, set by `SessionMiddleware`. Routes that need one run in
    /// `SignedInContext`, where it is not optional.
    public var account: Account?
    /// The session token of this request (cookie or bearer).
    public var sessionToken: String?
    /// Whether the session came from a cookie (then state-changing API calls must be JSON).
    public var sessionFromCookie = false
    /// The double-submit CSRF token: in a cookie and in every form.
    public var csrfToken = ""
    /// The language of the pages, from the language cookie (Vietnamese unless English was chosen).
    public var language = Language.vietnamese
    /// The `X-Forwarded-For` header as received, for `LoginAttempt` to trust only from a
    /// configured proxy.
    public var forwardedFor: String?

    /// JSON bodies are bounded, checked and decoded in one place (`CheckedJSONDecoder`).
    public var requestDecoder: some RequestDecoder { CheckedJSONDecoder() }
    /// The largest JSON or form body a route reads without its own limit; uploads set theirs.
    public var maxUploadSize: Int { 1 << 20 }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
