import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@testable import WebApp

@Suite struct LoginTests {
    @Test func loginPageIsInVietnameseAndHandsOutACSRFCookie() async throws {
        try await AppHarness.withApp { _, client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Đăng nhập</h1>"))
            #expect(page.text.contains("<label for=\"password\">Mật khẩu</label>"))
            let csrf = try #require(page.setCookie(named: "thidua_csrf"))
            #expect(csrf.contains("HttpOnly"))
            // No demo data in this database: no demo banner, no demo accounts listed.
            #expect(!page.text.contains("Tài khoản dùng thử"))
        }
    }

    @Test func loginPageListsDemoAccountsAndSaysTheDataIsDemo() async throws {
        try await AppHarness.withApp { db, client in
            _ = try await DemoData.load(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.text.contains("Dữ liệu mẫu."))
            #expect(page.text.contains("<code>xa.canbo</code>"))
            #expect(page.text.contains(DemoData.password))
        }
    }

    @Test func rightPasswordStartsAnHttpOnlySameSiteSession() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            let page = try await client.execute(uri: "/login", method: .get)
            jar.take(page)
            let before = jar.csrf
            let response = try await client.signIn("xa.an.hoa", jar: &jar)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            #expect(!before.isEmpty && jar.csrf != before, "the CSRF token is rotated at sign-in")
            let cookie = try #require(response.setCookie(named: "thidua_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let home = try await client.execute(uri: "/", method: .get, headers: jar.header)
            #expect(home.status == .ok)
            #expect(home.text.contains("Phạm Thị Hoà"))
            #expect(home.text.contains("Đăng xuất"))
        }
    }

    @Test func sessionCookieIsSecureWhenServedOverTLS() async throws {
        try await AppHarness.withApp(configure: { $0.publicURL = "https://thidua.example.gov.vn" }) { _, client in
            var jar = CookieJar()
            let response = try await client.signIn("xa.an.hoa", jar: &jar)
            #expect(try #require(response.setCookie(named: "thidua_session")).contains("Secure"))
        }
    }

    @Test func wrongPasswordFailsAndKeepsTheUsername() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            let response = try await client.signIn("xa.an.hoa", password: "sai-mat-khau", jar: &jar)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            #expect(response.text.contains("value=\"xa.an.hoa\""))
            #expect(response.setCookie(named: "thidua_session") == nil)
        }
    }

    @Test func formWithoutCSRFTokenIsRefused() async throws {
        try await AppHarness.withApp { _, client in
            let response = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=xa.an.hoa&password=\(AppHarness.password)")
            )
            #expect(response.status == .forbidden)
            #expect(response.setCookie(named: "thidua_session") == nil)
        }
    }

    @Test func repeatedFailuresAreSlowedDown() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            for _ in 0..<5 { _ = try await client.signIn("xa.an.hoa", password: "doan-mo-sai", jar: &jar) }
            // From the same address, even the right password now waits.
            let blocked = try await client.signIn("xa.an.hoa", jar: &jar)
            #expect(blocked.status == .tooManyRequests)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(blocked.text.contains("Vui lòng chờ"))
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let stolen = jar.header
            var headers = jar.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(jar.csrf)"))
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/", method: .get, headers: stolen)
            #expect(after.status == .found)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test func pagesRedirectToLoginAndAPIAnswers401WithoutSession() async throws {
        try await AppHarness.withApp { _, client in
            let page = try await client.execute(uri: "/units/88101", method: .get)
            #expect(page.status == .found)
            #expect(page.headers[.location] == "/login?next=%2Funits%2F88101")
            let api = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func nextParameterCannotLeadOffSite() {
        #expect(AuthPages.safeNext("//evil.example/") == "/")
        #expect(AuthPages.safeNext("https://evil.example/") == "/")
        #expect(AuthPages.safeNext("/units/99") == "/units/99")
    }
}

extension HTTPField.Name {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}

/// A signed-in read commits nothing: the session's last use is refreshed at most every five
/// minutes, and the account comes with its grants in the same statement.
@Suite struct SignedInReadTests {
    @Test func anAuthenticatedReadWritesNoRowUnlessTheSessionIsFiveMinutesOld() async throws {
        try await AppHarness.withApp { db, client in
            let token = try await client.apiToken("xa.an.hoa")
            func lastSeen() async throws -> Double {
                try #require(try await db.scalar("SELECT extract(epoch FROM max(last_seen_at))::float8 FROM sessions", as: Double.self))
            }
            let first = try await lastSeen()
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/v1/queue", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .ok)
            }
            #expect(try await lastSeen() == first)
            try await db.client.query("UPDATE sessions SET last_seen_at = last_seen_at - interval '10 minutes'")
            let aged = try await lastSeen()
            _ = try await client.execute(uri: "/api/v1/queue", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(try await lastSeen() > aged)
        }
    }
}
