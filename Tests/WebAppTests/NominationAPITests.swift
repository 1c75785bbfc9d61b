import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct NominationAPITests {
    static let report = Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8)

    /// The harness plus the shipped workflows, a 2025 round (id 1) and a submitter of Xã An Hòa.
    static func withRound(_ body: @Sendable (TestDatabase, any TestClientProtocol) async throws -> Void) async throws {
        try await AppHarness.withApp { db, client in
            let store = try await db.nominationStore()
            _ = try await store.createRound(
                provinceCode: "88",
                name: "Khen thưởng 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "canbo.anhoa",
                fullName: "Cao Thị Lập",
                password: AppHarness.password,
                roles: [(.submitter, unitCode: "88101")]
            )
            try await body(db, client)
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, token: String, json: String, key: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    @Test func nominationMovesWithVersionsAndAStaleUpdateGets409() async throws {
        try await Self.withRound { _, client in
            let submitter = try await client.apiToken("canbo.anhoa")
            let created = try await Self.post(
                client,
                "/api/v1/nominations",
                token: submitter,
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-01","nomineeName":"Nguyễn Văn An","unitCode":"88101"}"#
            )
            #expect(created.status == .created)
            let nomination = try #require(try Self.json(created)["nomination"] as? [String: Any])
            let id = try #require(nomination["id"] as? Int)
            #expect(try Self.json(created)["allowedActions"] as? [String] == ["submit"])

            let noDocument = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            #expect(noDocument.status == .unprocessableContent)
            #expect(noDocument.text.contains("thiếu tài liệu"))

            let upload = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/documents?kind=bao_cao_thanh_tich&name=bao-cao.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(submitter)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: Self.report)
            )
            #expect(upload.status == .created)

            let submitted = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":1}"#,
                key: "k-1"
            )
            #expect(submitted.status == .ok)
            #expect((try Self.json(submitted)["nomination"] as? [String: Any])?["state"] as? String == "xa_tham_dinh")
            let retried = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":1}"#,
                key: "k-1"
            )
            #expect(retried.status == .ok)
            #expect((try Self.json(retried)["nomination"] as? [String: Any])?["version"] as? Int == 2)

            let reviewer = try await client.apiToken("xa.an.hoa")
            let stale = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"to_council","expectedVersion":1}"#
            )
            #expect(stale.status == .conflict)
            #expect(stale.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect((try Self.json(stale)["current"] as? [String: Any])?["version"] as? Int == 2)

            let wrongRole = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"to_council","expectedVersion":2}"#
            )
            #expect(wrongRole.status == .forbidden)
            let moved = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"to_council","expectedVersion":2}"#
            )
            #expect(moved.status == .ok)
            let history = try #require(try Self.json(moved)["history"] as? [[String: Any]])
            #expect(history.compactMap { $0["action"] as? String } == ["create", "submit", "to_council"])
        }
    }

    @Test func anotherCommuneCannotReadActOnOrSeeTheNominationInItsQueue() async throws {
        try await Self.withRound { _, client in
            let submitter = try await client.apiToken("canbo.anhoa")
            let created = try await Self.post(
                client,
                "/api/v1/nominations",
                token: submitter,
                json:
                    #"{"roundID":1,"award":"bang-khen-tinh","nomineeKind":"individual","nomineeKey":"CD-02","nomineeName":"Trần Thị Bình","unitCode":"88101"}"#
            )
            let id = try #require((try Self.json(created)["nomination"] as? [String: Any])?["id"] as? Int)
            let outsider = try await client.apiToken("xa.an.thi")
            #expect(
                try await client.execute(uri: "/api/v1/nominations/88/\(id)", method: .get, headers: [.authorization: "Bearer \(outsider)"]).status
                    == .notFound
            )
            let act = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: outsider,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            #expect(act.status == .notFound)
            let foreignQueue = try await client.execute(uri: "/api/v1/queue", method: .get, headers: [.authorization: "Bearer \(outsider)"])
            #expect(!foreignQueue.text.contains("Trần Thị Bình"))
            // Search without diacritics finds the nominee in the owner's queue.
            let queue = try await client.execute(
                uri: "/api/v1/queue?q=tran%20thi%20binh",
                method: .get,
                headers: [.authorization: "Bearer \(submitter)"]
            )
            #expect(queue.text.contains("Trần Thị Bình"))
            #expect(queue.text.contains("\"xa_lap_ho_so\":1"))
            let creating = try await Self.post(
                client,
                "/api/v1/nominations",
                token: outsider,
                json:
                    #"{"roundID":1,"award":"bang-khen-tinh","nomineeKind":"individual","nomineeKey":"CD-03","nomineeName":"Lê Văn Cường","unitCode":"88101"}"#
            )
            #expect(creating.status == .notFound)
        }
    }

    @Test func reviewerHoldsANomineeAndLiftsTheHold() async throws {
        try await Self.withRound { db, client in
            let submitter = try await client.apiToken("canbo.anhoa")
            let created = try await Self.post(
                client,
                "/api/v1/nominations",
                token: submitter,
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-09","nomineeName":"Phan Văn Khải","unitCode":"88101"}"#
            )
            let id = try #require((try Self.json(created)["nomination"] as? [String: Any])?["id"] as? Int)
            _ = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/documents?kind=bao_cao_thanh_tich&name=bc.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(submitter)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: Self.report)
            )
            #expect(
                try await Self.post(client, "/api/v1/nominations/88/\(id)/hold", token: submitter, json: #"{"reason":"Đang bị thanh tra"}"#).status
                    == .forbidden
            )
            let reviewer = try await client.apiToken("xa.an.hoa")
            let held = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/hold",
                token: reviewer,
                json: #"{"reason":"Đang bị thanh tra thuế"}"#
            )
            #expect(held.status == .ok)
            let version = try #require((try Self.json(held)["nomination"] as? [String: Any])?["version"] as? Int)
            let refused = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":\#(version)}"#
            )
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Đang bị thanh tra thuế"))
            let lifted = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/hold",
                method: .delete,
                headers: [.authorization: "Bearer \(reviewer)"]
            )
            #expect(lifted.status == .ok)
            let submitted = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":\#(version + 1)}"#
            )
            #expect(submitted.status == .ok)
            let actions = try await db.scalar(
                "SELECT string_agg(action, ',' ORDER BY seq) FROM audit_records WHERE chain = \("nomination:\(id)")",
                as: String.self
            )
            #expect(actions == "create,attach_document,hold,lift_hold,submit")

            // Held again at the commune's checking step: the council step is refused too, naming
            // the reason and the day; sending it back for supplement is not.
            let heldAgain = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/hold",
                token: reviewer,
                json: #"{"reason":"Có đơn khiếu nại chưa giải quyết"}"#
            )
            #expect(heldAgain.status == .ok)
            let current = try #require((try Self.json(heldAgain)["nomination"] as? [String: Any])?["version"] as? Int)
            let toCouncil = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"to_council","expectedVersion":\#(current)}"#
            )
            #expect(toCouncil.status == .unprocessableContent)
            #expect(toCouncil.text.contains("Có đơn khiếu nại chưa giải quyết"))
            #expect(toCouncil.text.contains("từ ngày "))
            let sentBack = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"return","expectedVersion":\#(current),"comment":"Bổ sung văn bản trả lời khiếu nại"}"#
            )
            #expect(sentBack.status == .ok, "\(sentBack.text)")
        }
    }
}

extension NominationAPITests {
    /// A return names the documents to add: the resubmission is refused, naming them, until each
    /// has a new file; the dossier's page shows the return at its top.
    @Test func aReturnNamingADocumentHoldsTheResubmissionUntilTheFileComes() async throws {
        try await Self.withRound { _, client in
            let submitter = try await client.apiToken("canbo.anhoa")
            let id = try await IdempotencyKeyTests.nomination(client, token: submitter, key: "CD-7", name: "Vũ Thị Lan")
            let submitted = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            #expect(submitted.status == .ok)
            let reviewer = try await client.apiToken("xa.an.hoa")
            let returned = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"return","expectedVersion":2,"comment":"Bổ sung xác nhận của nhà trường","requestedDocuments":["minh_chung"]}"#
            )
            #expect(returned.status == .ok, "\(returned.text)")

            var jar = CookieJar()
            _ = try await client.signIn("canbo.anhoa", jar: &jar)
            let page = try await client.execute(uri: "/nominations/88/\(id)", method: .get, headers: jar.header)
            #expect(page.text.contains("để bổ sung</strong>: Bổ sung xác nhận của nhà trường"))
            #expect(page.text.contains("Còn thiếu: Minh chứng khác"))
            // The checklist of the commune level, the achievement report ticked.
            #expect(page.text.contains("Hồ sơ cần có tại cấp xã"))
            #expect(page.text.contains(#"<li class="done"><span aria-hidden="true">✓</span> Báo cáo thành tích"#), "\(page.text)")

            let early = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"resubmit","expectedVersion":3}"#
            )
            #expect(early.status == .unprocessableContent)
            #expect(early.text.contains("Minh chứng khác"), "\(early.text)")
            let added = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/documents?kind=minh_chung&name=xac-nhan.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(submitter)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: Self.report)
            )
            #expect(added.status == .created)
            let resubmitted = try await Self.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: submitter,
                json: #"{"action":"resubmit","expectedVersion":3}"#
            )
            #expect(resubmitted.status == .ok, "\(resubmitted.text)")
            let after = try await client.execute(uri: "/nominations/88/\(id)", method: .get, headers: jar.header)
            #expect(!after.text.contains("Còn thiếu: Minh chứng khác"), "the banner goes once the dossier moves on")
        }
    }
}

/// Idempotency keys belong to one caller and one request.
@Suite struct IdempotencyKeyTests {
    static func nomination(_ client: any TestClientProtocol, token: String, key: String, name: String) async throws -> Int {
        let created = try await NominationAPITests.post(
            client,
            "/api/v1/nominations",
            token: token,
            json:
                #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"\#(key)","nomineeName":"\#(name)","unitCode":"88101"}"#
        )
        #expect(created.status == .created)
        let id = try #require(try NominationAPITests.json(created)["nomination"].flatMap { ($0 as? [String: Any])?["id"] as? Int })
        let upload = try await client.execute(
            uri: "/api/v1/nominations/88/\(id)/documents?kind=bao_cao_thanh_tich&name=bao-cao.pdf",
            method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/pdf"],
            body: ByteBuffer(bytes: NominationAPITests.report)
        )
        #expect(upload.status == .created)
        return id
    }

    @Test func theSameKeyOnAnotherNominationIsRefusedAndReturnsNothingOfTheFirst() async throws {
        try await NominationAPITests.withRound { db, client in
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "canbo2.anhoa",
                fullName: "Lê Văn Hai",
                password: AppHarness.password,
                roles: [(.submitter, unitCode: "88101")]
            )
            let first = try await client.apiToken("canbo.anhoa")
            let second = try await client.apiToken("canbo2.anhoa")
            let a = try await Self.nomination(client, token: first, key: "CD-A", name: "Nguyễn Thị Bí Mật")
            let b = try await Self.nomination(client, token: first, key: "CD-B", name: "Trần Văn Bình")
            let submit = #"{"action":"submit","expectedVersion":1}"#
            let done = try await NominationAPITests.post(client, "/api/v1/nominations/88/\(a)/actions", token: first, json: submit, key: "k-chung")
            #expect(done.status == .ok)
            // Retried: the first answer, nothing done twice.
            let retried = try await NominationAPITests.post(client, "/api/v1/nominations/88/\(a)/actions", token: first, json: submit, key: "k-chung")
            #expect(retried.status == .ok)

            let reused = try await NominationAPITests.post(client, "/api/v1/nominations/88/\(b)/actions", token: first, json: submit, key: "k-chung")
            #expect(reused.status == .unprocessableContent)
            #expect(reused.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(reused.text.contains("Idempotency-Key"))
            #expect(!reused.text.contains("Bí Mật"))
            // Another request body under the same key is refused too.
            let changed = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(a)/actions",
                token: first,
                json: #"{"action":"submit","expectedVersion":1,"comment":"khác"}"#,
                key: "k-chung"
            )
            #expect(changed.status == .unprocessableContent)
            let untouched = try await client.execute(uri: "/api/v1/nominations/88/\(b)", method: .get, headers: [.authorization: "Bearer \(first)"])
            #expect((try NominationAPITests.json(untouched)["nomination"] as? [String: Any])?["version"] as? Int == 1)

            // Another person's key of the same text is their own: their action is done.
            let own = try await NominationAPITests.post(client, "/api/v1/nominations/88/\(b)/actions", token: second, json: submit, key: "k-chung")
            #expect(own.status == .ok)
            #expect(!own.text.contains("Bí Mật"))
            #expect((try NominationAPITests.json(own)["nomination"] as? [String: Any])?["version"] as? Int == 2)
        }
    }

    @Test func anOverlongOrInvisibleKeyIsRefusedNamingTheHeader() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let id = try await Self.nomination(client, token: token, key: "CD-K", name: "Phan Văn Khoá")
            let long = String(repeating: "k", count: 300)
            let refused = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: token,
                json: #"{"action":"submit","expectedVersion":1}"#,
                key: long
            )
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Idempotency-Key"))
        }
    }
}
