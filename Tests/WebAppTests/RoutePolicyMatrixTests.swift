import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import WebApp

/// The authorization matrix, generated from the router's own route list: every route has a policy
/// entry; anonymous requests reach only the public ones; and every role, sent at records of
/// another province, gets a refusal — never data, never a server error. A route added without a
/// policy entry fails here before it ships.
@Suite struct RoutePolicyMatrixTests {
    /// The router the application serves (the same builder), and its routes as "METHOD path".
    static func routes(_ db: TestDatabase) async throws -> [(method: HTTPRequest.Method, path: String)] {
        var configuration = AppConfiguration(databaseURL: db.url)
        configuration.migrationsDirectory = TestDatabase.migrationsDirectory.path
        let services = try await AppServices(configuration: configuration, client: db.client, logger: TestDatabase.logger)
        return buildRouter(services: services).routes.map { ($0.method, $0.path.description) }
    }

    /// A concrete address for a route, every parameter pointing into province 99, which no
    /// demo person works in (`/ngon-ngu/{code}` gets a language).
    static func uri(_ path: String) -> String {
        path.replacingOccurrences(of: "{province}", with: "99").replacingOccurrences(of: "{id}", with: "1")
            .replacingOccurrences(of: "{sha}", with: String(repeating: "0", count: 64)).replacingOccurrences(of: "{nomination}", with: "1")
            .replacingOccurrences(of: "/ngon-ngu/{code}", with: "/ngon-ngu/vi").replacingOccurrences(of: "{code}", with: "99101")
    }

    @Test func everyRouteHasAPolicyEntryAndEveryEntryARoute() async throws {
        try await TestDatabase.withFresh { db in
            let routes = try await Self.routes(db)
            #expect(routes.count >= 80)
            let keys = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
            for key in keys.sorted() { #expect(RoutePolicy.table[key] != nil, "no policy entry for \(key)") }
            for key in RoutePolicy.table.keys.sorted() { #expect(keys.contains(key), "policy entry \(key) names no route") }
        }
    }

    @Test func anonymousRequestsReachOnlyThePublicRoutes() async throws {
        try await AppHarness.withApp { db, client in
            var jar = CookieJar()
            jar.take(try await client.execute(uri: "/login", method: .get))
            for route in try await Self.routes(db) {
                let uri = Self.uri(route.path)
                var headers = jar.header
                var body = ByteBuffer()
                if route.path.hasPrefix("/api/") {
                    headers[.contentType] = "application/json"
                    body = ByteBuffer(string: "{}")
                } else if route.method != .get {
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    body = ByteBuffer(string: "_csrf=\(jar.csrf)")
                }
                let response = try await client.execute(uri: uri, method: route.method, headers: headers, body: body)
                let label = "\(route.method) \(route.path)"
                #expect(response.status.code < 500, "\(label) answered \(response.status) to an anonymous request")
                guard RoutePolicy.table["\(route.method.rawValue) \(route.path)"] != .open else { continue }
                if route.path.hasPrefix("/api/") {
                    #expect(response.status == .unauthorized, "\(label) answered \(response.status) without a session")
                    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(label)")
                } else if route.method == .get {
                    #expect(response.status == .found, "\(label) answered \(response.status) without a session")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true, "\(label)")
                } else {
                    #expect(response.status == .unauthorized, "\(label) answered \(response.status) without a session")
                }
            }
        }
    }

    @Test func everyRoleIsRefusedAnotherProvincesRecordsOnEveryRoute() async throws {
        try await AppHarness.withApp { db, client in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            var people: [(Role, String)] = []
            for role in Role.allCases {
                let name = "matran.\(role.rawValue.replacingOccurrences(of: "_", with: "."))"
                try await accounts.create(
                    username: name,
                    fullName: "Ma Trận \(role.vietnamese)",
                    password: AppHarness.password,
                    roles: [(role, unitCode: role == .systemAdmin ? nil : role == .provinceAdmin ? "88" : "88101")]
                )
                people.append((role, name))
            }
            let routes = try await Self.routes(db)
            for (role, name) in people where role != .systemAdmin {
                let token = try await client.apiToken(name)
                for route in routes where route.path.contains("{province}") || route.path.contains("{code}") {
                    guard RoutePolicy.table["\(route.method.rawValue) \(route.path)"] != .open, !route.path.hasPrefix("/ngon-ngu") else { continue }
                    var headers: HTTPFields = [.authorization: "Bearer \(token)"]
                    var body = ByteBuffer()
                    if route.method != .get {
                        headers[.contentType] = "application/json"
                        body = ByteBuffer(string: #"{"action":"submit","expectedVersion":1,"reason":"Lý do đủ dài","members":[]}"#)
                    }
                    let response = try await client.execute(uri: Self.uri(route.path), method: route.method, headers: headers, body: body)
                    let label = "\(role.rawValue): \(route.method) \(route.path) in another province"
                    #expect(!(200..<300).contains(Int(response.status.code)), "\(label) answered \(response.status)")
                    #expect(response.status.code < 500, "\(label) answered \(response.status)")
                }
            }
        }
    }

    @Test func pagesAndTheAPIAgreeOnWhoSeesANomination() async throws {
        try await NominationAPITests.withRound { db, client in
            let submitter = try await client.apiToken("canbo.anhoa")
            let created = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: submitter,
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-M","nomineeName":"Mai Văn Ma","unitCode":"88101"}"#
            )
            let id = try #require(try NominationAPITests.json(created)["nomination"].flatMap { ($0 as? [String: Any])?["id"] as? Int })
            // The commune's reviewer (same commune) and the other commune's submitter.
            for (name, sees) in [("xa.an.hoa", true), ("canbo.anhoa", true), ("xa.an.thi", false)] {
                let token = try await client.apiToken(name)
                let api = try await client.execute(uri: "/api/v1/nominations/88/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"])
                let page = try await client.execute(uri: "/nominations/88/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect((api.status == .ok) == sees, "\(name) API \(api.status)")
                #expect((page.status == .ok) == sees, "\(name) page \(page.status)")
                if !sees {
                    #expect(api.status == .notFound)
                    #expect(page.status == .notFound)
                }
            }
        }
    }
}
