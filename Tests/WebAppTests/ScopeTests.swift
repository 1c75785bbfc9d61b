import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WebApp

@Suite struct ScopeTests {
    @Test func communeUserReadsOwnCommuneButGets404OnAnotherCommune() async throws {
        try await AppHarness.withApp { _, client in
            let token = try await client.apiToken("xa.an.hoa")
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            let own = try await client.execute(uri: "/api/v1/units/88101", method: .get, headers: bearer)
            #expect(own.status == .ok)
            #expect(own.text.contains("Xã An Hòa"))
            // A commune it replaced is history of its own.
            #expect(try await client.execute(uri: "/api/v1/units/88102", method: .get, headers: bearer).status == .ok)
            let other = try await client.execute(uri: "/api/v1/units/88201", method: .get, headers: bearer)
            #expect(other.status == .notFound)
            #expect(other.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(!other.text.contains("Ân Thi"))
            #expect(try await client.execute(uri: "/api/v1/units/88", method: .get, headers: bearer).status == .notFound)
        }
    }

    @Test func unitPagesFollowTheSameScope() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let own = try await client.execute(uri: "/units/88201", method: .get, headers: jar.header)
            #expect(own.status == .ok)
            #expect(own.text.contains("<h1>Xã Ân Thi</h1>"))
            let other = try await client.execute(uri: "/units/88101", method: .get, headers: jar.header)
            #expect(other.status == .notFound)
            #expect(!other.text.contains("An Hòa"))
        }
    }

    @Test func wrongPasswordOnTheJSONLoginIsAProblem() async throws {
        try await AppHarness.withApp { _, client in
            let response = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"xa.an.hoa","password":"sai"}"#)
            )
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("không đúng"))
        }
    }

    @Test func cookieSessionCannotPostNonJSONToTheAPI() async throws {
        try await AppHarness.withApp { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            var headers = jar.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: headers, body: ByteBuffer(string: "x=1"))
            #expect(response.status == .forbidden)
        }
    }
}
