import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Tabular
import TestSupport
import Testing

/// The home page shows each role what waits at its own steps, with counts and only the links it
/// can use; the queue opens on "Việc của tôi" with "Tất cả" one click away, and offers bulk
/// actions only to roles that take them.
@Suite struct HomePageTests {
    static func page(_ client: any TestClientProtocol, _ uri: String, as username: String) async throws -> String {
        var jar = CookieJar()
        _ = try await client.signIn(username, jar: &jar)
        return try await client.execute(uri: uri, method: .get, headers: jar.header).text
    }

    /// The count shown beside a task's title on the home page.
    static func count(of title: String, in page: String) -> Int? {
        guard let range = page.range(of: "<span class=\"task-title\">\(title)</span>") else { return nil }
        let before = page[..<range.lowerBound]
        guard let open = before.range(of: "<span class=\"task-count\">", options: .backwards) else { return nil }
        return Int(before[open.upperBound...].prefix { $0.isNumber })
    }

    @Test func eachRoleSeesTheWorkAtItsOwnStepsAndOnlyLinksItCanUse() async throws {
        try await NominationAPITests.withRound { _, client in
            let clerk = try await client.apiToken("canbo.anhoa")
            // A dossier with its report, still at the clerk's step.
            let id = try await IdempotencyKeyTests.nomination(client, token: clerk, key: "CD-9", name: "Lê Thị Mai")

            // The clerk: one dossier at her step; she may nominate but not administer.
            let clerkHome = try await Self.page(client, "/", as: "canbo.anhoa")
            #expect(Self.count(of: "Hồ sơ chờ tôi xử lý", in: clerkHome) == 1, "\(clerkHome)")
            #expect(clerkHome.contains("href=\"/nominations/new\""))
            #expect(!clerkHome.contains("href=\"/admin/users\""))
            #expect(!clerkHome.contains("Dự thảo quyết định chờ ký"))

            // The reviewer: nothing at the checking step yet; the queue says so and offers the rest.
            #expect(Self.count(of: "Hồ sơ chờ tôi xử lý", in: try await Self.page(client, "/", as: "xa.an.hoa")) == 0)
            let reviewerQueue = try await Self.page(client, "/queue", as: "xa.an.hoa")
            #expect(!reviewerQueue.contains("Lê Thị Mai"))
            #expect(reviewerQueue.contains("Việc của tôi (0)"))
            #expect(reviewerQueue.contains("Tất cả (1)"))
            #expect(try await Self.page(client, "/queue?all=true", as: "xa.an.hoa").contains("Lê Thị Mai"))

            // Submitted: now it is the reviewer's, with the bulk actions a reviewer takes.
            let submitted = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: clerk,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            #expect(submitted.status == .ok)
            #expect(Self.count(of: "Hồ sơ chờ tôi xử lý", in: try await Self.page(client, "/", as: "xa.an.hoa")) == 1)
            let queue = try await Self.page(client, "/queue", as: "xa.an.hoa")
            #expect(queue.contains("Lê Thị Mai"))
            #expect(queue.contains("name=\"pick\""))
            #expect(queue.contains("<option value=\"return\">"))

            // "Xuất Excel": the list as filtered, as a workbook Excel opens.
            var reviewerJar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewerJar)
            let export = try await client.execute(uri: "/queue?format=xlsx", method: .get, headers: reviewerJar.header)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let rows = try XLSXReader.rows(Array(buffer: export.body))
            #expect(rows.first?.contains("Đối tượng") == true, "\(rows.first ?? [])")
            #expect(rows.contains { $0.contains("Lê Thị Mai") })

            // The clerk has no bulk action at all: no checkboxes, no bulk form.
            let clerkQueue = try await Self.page(client, "/queue?all=true", as: "canbo.anhoa")
            #expect(clerkQueue.contains("Lê Thị Mai"))
            #expect(!clerkQueue.contains("name=\"pick\""))
            #expect(!clerkQueue.contains("id=\"bulk-action\""))
        }
    }
}
