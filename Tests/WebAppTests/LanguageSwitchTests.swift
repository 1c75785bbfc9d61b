import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite struct LanguageSwitchTests {
    @Test func pagesAreVietnameseUntilEnglishIsChosen() async throws {
        try await AppHarness.withApp { _, client in
            let vietnamese = try await client.execute(uri: "/login", method: .get)
            #expect(vietnamese.text.contains("<html lang=\"vi\">"))
            #expect(vietnamese.text.contains("<h1>Đăng nhập</h1>"))
            #expect(vietnamese.text.contains("href=\"/ngon-ngu/en\""))

            let choose = try await client.execute(uri: "/ngon-ngu/en", method: .get, headers: [.referer: "http://127.0.0.1:8080/login?next=%2Fqueue"])
            #expect(choose.status == .seeOther)
            #expect(choose.headers[.location] == "/login?next=%2Fqueue")
            let cookie = try #require(choose.setCookie(named: "thidua_lang"))
            #expect(cookie.hasPrefix("thidua_lang=en"))
            #expect(cookie.contains("HttpOnly"))

            let english = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "thidua_lang=en"])
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("<h1>Sign in</h1>"))
            #expect(english.text.contains("<label for=\"password\">Password</label>"))
            #expect(english.text.contains("href=\"/ngon-ngu/vi\""))
            #expect(!english.text.contains("Đăng nhập"))
        }
    }

    @Test func signedInPagesTranslateTheInterfaceButNotTheData() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            var headers = jar.header
            headers[.cookie] = (headers[.cookie] ?? "") + "; thidua_lang=en"
            let home = try await client.execute(uri: "/", method: .get, headers: headers)
            #expect(home.text.contains("Welcome, Trần Văn Thi"))
            #expect(home.text.contains("Submitting officer"))
            #expect(home.text.contains("<title>Start page — ThiDua</title>"))
            let queue = try await client.execute(uri: "/queue", method: .get, headers: headers)
            #expect(queue.text.contains("<h1>My queue</h1>"))
            #expect(queue.text.contains(">Household<"))
            let missing = try await client.execute(uri: "/units/00000", method: .get, headers: headers)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("No unit 00000 within your scope."))
        }
    }

    @Test(arguments: [
        ("https://evil.example//evil.example/x", "/"),
        ("not a url at all", "/"),
        // A backslash stays percent-encoded: a path of this site, never "//" to another.
        ("http://127.0.0.1:8080/\\evil", "/%5Cevil"),
        ("http://127.0.0.1:8080/queue?page=2&q=an", "/queue?page=2&q=an"),
    ])
    func switchReturnsOnlyToAPathOfThisSite(referer: String, expected: String) async throws {
        try await AppHarness.withApp { _, client in
            let response = try await client.execute(uri: "/ngon-ngu/vi", method: .get, headers: [.referer: referer])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == expected)
        }
    }

    @Test func unknownLanguageIsNotFound() async throws {
        try await AppHarness.withApp { _, client in
            let response = try await client.execute(uri: "/ngon-ngu/fr", method: .get)
            #expect(response.status == .notFound)
            #expect(response.setCookie(named: "thidua_lang") == nil)
        }
    }
}
