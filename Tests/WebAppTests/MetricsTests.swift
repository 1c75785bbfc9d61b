import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

/// `/metrics` speaks Prometheus's text format to the loopback address or to the holder of the
/// metrics token, and to nobody else; it counts requests by route, transitions, sign-ins.
@Suite struct MetricsTests {
    static let token = "metrics-token-for-the-scraper"

    @Test func theLoopbackReadsTheSeriesAndAForwardedRequestDoesNot() async throws {
        // Before the harness creates its accounts (in transactions), so that those are measured.
        _ = ServerMetrics.bootstrapped
        try await AppHarness.withApp(over: .live) { _, client in
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"xa.an.hoa","password":"sai-mat-khau-1"}"#)
            )
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"hb_requests{http_route="/health",http_request_method="GET",http_response_status_code="200"}"#))
            #expect(text.contains("http_server_request_duration_bucket"))
            #expect(text.contains(#"thidua_sign_ins_total{outcome="failed"}"#))
            #expect(text.contains("thidua_database_up 1"))
            #expect(text.contains(#"thidua_database_connections{state="active"}"#))
            // The accounts of the harness were created in transactions: their waits were measured.
            #expect(text.contains("thidua_database_transactions_waiting"))
            #expect(text.contains("thidua_database_lease_wait_count"))
            // Through a reverse proxy on the same machine every visitor looks local: refused.
            let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            #expect(proxied.status == .notFound)
        }
    }

    @Test func anotherMachineNeedsTheToken() async throws {
        try await AppHarness.withApp(over: .router, configure: { $0.metricsToken = Self.token }) { _, client in
            let anonymous = try await client.execute(uri: "/metrics", method: .get)
            #expect(anonymous.status == .notFound)
            let wrong = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer not-the-token-at-all-xx"])
            #expect(wrong.status == .notFound)
            let scraper = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(scraper.status == .ok)
            #expect(scraper.text.contains("thidua_queue_event_listeners"))
        }
    }
}
