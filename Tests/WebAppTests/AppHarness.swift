import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import WebApp

/// A test application against a fresh database holding a small province and two commune users.
struct AppHarness {
    static let password = "mat-khau-thu-nghiem"

    /// Builds the application on a fresh database and runs `body` with a client driving its router.
    static func withApp(
        over setup: TestingSetup = .router,
        configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestDatabase, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(username: "xa.an.hoa", fullName: "Phạm Thị Hoà", password: password, roles: [(.reviewer, unitCode: "88101")])
            try await accounts.create(username: "xa.an.thi", fullName: "Trần Văn Thi", password: password, roles: [(.submitter, unitCode: "88201")])
            var configuration = AppConfiguration(databaseURL: db.url)
            configuration.migrationsDirectory = TestDatabase.migrationsDirectory.path
            configuration.bcryptCost = 4
            configuration.logLevel = .warning
            // Many suites run at once against one cluster: a pool of 10 each. Not fewer: a store
            // that reads a workflow definition inside its transaction holds two connections, and
            // concurrent tests must not wait on each other for the second.
            configuration.databasePoolSize = 10
            // The probe's short budget is for a load balancer; a fresh database answering a
            // hundred suites at once on two cores may take longer than three seconds.
            configuration.readyTimeout = .seconds(30)
            configure(&configuration)
            let app = try await buildApplication(configuration: configuration)
            try await app.test(setup) { client in try await body(db, client) }
        }
    }
}

/// A browser's cookie jar, enough for the tests: remembers `Set-Cookie` values by name.
struct CookieJar {
    private(set) var values: [String: String] = [:]

    mutating func take(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty { values[parts[0]] = nil } else { values[parts[0]] = parts[1] }
        }
    }

    var header: HTTPFields {
        guard !values.isEmpty else { return [:] }
        return [.cookie: values.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    var csrf: String { values["thidua_csrf"] ?? "" }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func setCookie(named name: String) -> String? {
        headers.filter { $0.name == .setCookie }.map(\.value).first { $0.hasPrefix("\(name)=") }
    }
}

extension TestClientProtocol {
    /// Opens the login page (for the CSRF cookie) and signs in through the form.
    func signIn(_ username: String, password: String = AppHarness.password, jar: inout CookieJar) async throws -> TestResponse {
        let page = try await execute(uri: "/login", method: .get, headers: jar.header)
        jar.take(page)
        let form = "_csrf=\(jar.csrf)&username=\(username)&password=\(password)&next=%2F"
        var headers = jar.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: form))
        jar.take(response)
        return response
    }

    /// Signs in through the JSON API and returns the bearer token.
    func apiToken(_ username: String, password: String = AppHarness.password) async throws -> String {
        let response = try await execute(
            uri: "/api/v1/auth/login",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)"}"#)
        )
        #expect(response.status == .ok)
        return try JSONDecoder().decode(LoginToken.self, from: Data(response.text.utf8)).token
    }
}

private struct LoginToken: Decodable { let token: String }
