import Hummingbird

/// Names and attributes of the cookies the app sets.
enum AppCookies {
    static let session = "thidua_session"
    static let csrf = "thidua_csrf"
    static let language = "thidua_lang"

    /// Session cookie: HttpOnly, SameSite=Lax (links from e-mail still land signed in), Secure over TLS.
    static func session(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: session, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clearedSession(secure: Bool) -> Cookie {
        Cookie(name: session, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// CSRF cookie for the double-submit check: forms repeat its value in a hidden field, which a
    /// page on another site cannot read.
    static func csrf(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: csrf, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The chosen language, kept for a year; it names no one and grants nothing.
    static func language(_ language: Language, secure: Bool) -> Cookie {
        Cookie(name: self.language, value: language.code, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

extension AppServices {
    /// Whether this request reached us over HTTPS (directly or through a proxy that says so).
    func isSecure(_ request: Request) -> Bool {
        configuration.servesTLS || request.headers[.forwardedProto]?.lowercased() == "https"
    }
}
