import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WebApp

@Suite struct HealthTests {
    @Test func readyReportsCurrentMigrations() async throws {
        try await AppHarness.withApp { _, client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.text.contains("\"ready\""))
        }
    }

    @Test func readyReportsAMissingDatabaseWhileHealthStaysUp() async throws {
        // Port 9 on loopback: nothing listens there.
        var configuration = AppConfiguration(databaseURL: "postgres://thidua:x@127.0.0.1:9/none")
        configuration.migrationsDirectory = TestDatabase.migrationsDirectory.path
        configuration.logLevel = .critical
        let app = try await buildApplication(configuration: configuration)
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(ready.text.contains("cơ sở dữ liệu"))
        }
    }

    @Test func readyReportsPendingMigrations() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            var configuration = AppConfiguration(databaseURL: db.url)
            configuration.migrationsDirectory = TestDatabase.migrationsDirectory.path
            configuration.logLevel = .critical
            // The database is there: the budget only has to outlast a hundred suites starting at once on two cores.
            configuration.readyTimeout = .seconds(30)
            let app = try await buildApplication(configuration: configuration)
            try await app.test(.router) { client in
                let ready = try await client.execute(uri: "/ready", method: .get)
                #expect(ready.status == .serviceUnavailable)
                #expect(ready.text.contains("001_geography.sql"))
            }
        }
    }

    @Test func responsesCarryRequestIdAndSecurityHeaders() async throws {
        try await AppHarness.withApp { _, client in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func stylesheetIsServedAsCSS() async throws {
        try await AppHarness.withApp { _, client in
            let css = try await client.execute(uri: "/static/style.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await client.execute(uri: "/static/none.css", method: .get).status == .notFound)
        }
    }
}
