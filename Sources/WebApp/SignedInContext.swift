import Hummingbird
import NIOCore
import Storage

/// The context of every route that needs a session: it cannot be made without a signed-in
/// account, so a route in the signed-in group cannot forget to ask for one. The router's
/// signed-in group converts each request's `AppRequestContext` into this one (a 401 otherwise:
/// a page is sent to the sign-in form, the API answers a problem document).
public struct SignedInContext: ChildRequestContext, RemoteAddressRequestContext {
    public typealias ParentContext = AppRequestContext
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person.
    public let account: Account
    /// The request's context as the middleware made it (CSRF token, language, session), for
    /// the helpers pages and API share.
    public let app: AppRequestContext
    public var remoteAddress: SocketAddress? { app.remoteAddress }

    public init(context: AppRequestContext) throws {
        guard let account = context.account else { throw HTTPError(.unauthorized, message: "Bạn cần đăng nhập.") }
        // A citizen's own account reaches only `CitizenContext` routes (RoutePolicy says so too).
        guard account.citizen == nil else { throw HTTPError(.notFound) }
        self.coreContext = context.coreContext
        self.account = account
        self.app = context
    }

    public var requestDecoder: some RequestDecoder { CheckedJSONDecoder() }
    public var maxUploadSize: Int { app.maxUploadSize }
}

/// The context of a citizen's own pages: it cannot be made without a citizen's account, and
/// carries whose record it is, so a page can only ever read that one.
public struct CitizenContext: ChildRequestContext, RemoteAddressRequestContext {
    public typealias ParentContext = AppRequestContext
    public var coreContext: CoreRequestContextStorage
    public let account: Account
    public let citizen: CitizenLink
    public let app: AppRequestContext
    public var remoteAddress: SocketAddress? { app.remoteAddress }

    public init(context: AppRequestContext) throws {
        guard let account = context.account else { throw HTTPError(.unauthorized, message: "Bạn cần đăng nhập.") }
        guard let citizen = account.citizen else { throw HTTPError(.notFound) }
        self.coreContext = context.coreContext
        self.account = account
        self.citizen = citizen
        self.app = context
    }

    public var requestDecoder: some RequestDecoder { CheckedJSONDecoder() }
    public var maxUploadSize: Int { app.maxUploadSize }
}
