import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Tabular
import TestSupport
import Testing
import Workflow

/// The nomination pages: a form that keeps what was typed when refused, escaping everywhere, the
/// queue with search without diacritics, actions asking for what they need, council sessions run
/// from the browser, and nothing outside the reader's scope.
@Suite struct NominationPagesTests {
    static let boundary = "----thiduaNominationBoundary"

    static func multipart(_ fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])?) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields { body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8) }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8
            )
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, multipart body: ByteBuffer, jar: inout CookieJar) async throws -> TestResponse {
        var headers = jar.header
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
        jar.take(response)
        return response
    }

    static func withRound(_ body: @Sendable (TestDatabase, any TestClientProtocol, Int) async throws -> Void) async throws {
        try await AppHarness.withApp { db, client in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "canbo.anhoa",
                fullName: "Cao Thị Lập",
                password: AppHarness.password,
                roles: [(.submitter, unitCode: "88101")]
            )
            try await accounts.create(
                username: "thuky.anhoa",
                fullName: "Lê Thị Thư",
                password: AppHarness.password,
                roles: [(.councilSecretary, unitCode: "88101")]
            )
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Khen thưởng 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            try await body(db, client, round)
        }
    }

    @Test func aRefusedFormKeepsWhatWasTypedAndAGoodOneStartsTheNomination() async throws {
        try await Self.withRound { db, client, round in
            var submitter = CookieJar()
            _ = try await client.signIn("canbo.anhoa", jar: &submitter)
            let form = try await client.execute(uri: "/nominations/new", method: .get, headers: submitter.header)
            #expect(form.status == .ok)
            #expect(form.text.contains("<label for=\"nomineeName\">"))

            let fields: [(String, String)] = [
                ("_csrf", submitter.csrf), ("roundID", String(round)), ("award", "giay-khen-xa"), ("nomineeKind", "individual"),
                ("nomineeName", "<script>alert(1)</script> Nguyễn Văn An"), ("nomineeKey", ""), ("unitCode", "88101"), ("achievement", "ngắn"),
            ]
            let refused = try await Self.post(client, "/nominations/new", multipart: Self.multipart(fields, file: nil), jar: &submitter)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Nhập mã định danh"))
            #expect(refused.text.contains("aria-invalid=\"true\""))
            #expect(refused.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; Nguyễn Văn An\""), "what was typed is kept, escaped")
            #expect(!refused.text.contains("<script>alert(1)"))

            let badFile = try await Self.post(
                client,
                "/nominations/new",
                multipart: Self.multipart(
                    fields.map { $0.0 == "nomineeKey" ? ($0.0, "CD-9") : $0.0 == "achievement" ? ($0.0, "Tích cực học tập suốt đời") : $0 },
                    file: ("report", "bao-cao.pdf", Array("MZ\u{90}\u{0}not a pdf".utf8))
                ),
                jar: &submitter
            )
            #expect(badFile.status == .unprocessableContent, "the content, not the extension, decides")
            let good = try await Self.post(
                client,
                "/nominations/new",
                multipart: Self.multipart(
                    fields.map { $0.0 == "nomineeKey" ? ($0.0, "CD-9") : $0.0 == "achievement" ? ($0.0, "Tích cực học tập suốt đời") : $0 },
                    file: ("report", "bao-cao.pdf", Array("%PDF-1.4\nBáo cáo\n%%EOF\n".utf8))
                ),
                jar: &submitter
            )
            // Saved, then sent to the dossier's page: refreshing that page saves nothing again.
            #expect(good.status == .seeOther)
            let location = try #require(good.headers[.location])
            #expect(location.hasSuffix("?da=luu"))
            let saved = try await client.execute(uri: location, method: .get, headers: submitter.header)
            #expect(saved.text.contains("Đã lưu hồ sơ"))
            #expect(saved.text.contains("Gửi hồ sơ"))
            #expect(try await client.execute(uri: location, method: .get, headers: submitter.header).status == .ok)
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM nomination_documents", as: Int.self) == 1)

            // The same form sent again (a second click, the back button) stores nothing and leads
            // to the dossier that exists.
            let again = try await Self.post(
                client,
                "/nominations/new",
                multipart: Self.multipart(
                    fields.map { $0.0 == "nomineeKey" ? ($0.0, "CD-9") : $0.0 == "achievement" ? ($0.0, "Tích cực học tập suốt đời") : $0 },
                    file: ("report", "bao-cao.pdf", Array("%PDF-1.4\nBáo cáo\n%%EOF\n".utf8))
                ),
                jar: &submitter
            )
            #expect(again.status == .conflict)
            #expect(again.text.contains("href=\"\(location.split(separator: "?")[0])\""), "the refusal links to the dossier")
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 1)

            let queue = try await client.execute(uri: "/queue?q=nguyen+van+an", method: .get, headers: submitter.header)
            #expect(queue.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Nguyễn Văn An"))
            let none = try await client.execute(uri: "/queue?q=tran+thi", method: .get, headers: submitter.header)
            #expect(none.text.contains("Không có hồ sơ nào."))

            var outsider = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &outsider)
            let id = try #require(try await db.scalar("SELECT max(id) FROM nominations", as: Int.self))
            #expect(try await client.execute(uri: "/nominations/88/\(id)", method: .get, headers: outsider.header).status == .notFound)
            let sha = try #require(try await db.scalar("SELECT encode(sha256, 'hex') FROM nomination_documents", as: String.self))
            #expect(
                try await client.execute(uri: "/nominations/88/\(id)/documents/\(sha)", method: .get, headers: outsider.header).status == .notFound
            )
            let download = try await client.execute(uri: "/nominations/88/\(id)/documents/\(sha)", method: .get, headers: submitter.header)
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(try await client.execute(uri: "/queue", method: .get, headers: outsider.header).text.contains("Không có hồ sơ nào."))
        }
    }

    @Test func returningAsksForTheMissingItemsAndTheCouncilRunsFromTheBrowser() async throws {
        try await Self.withRound { db, client, round in
            let store = try await db.nominationStore()
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "giay-khen-xa",
                    nomineeKind: "individual",
                    nomineeKey: "CD-1",
                    nomineeName: "Phạm Thị Hoa",
                    unitID: unit
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: nomination.id),
                kind: "bao_cao_thanh_tich",
                bytes: NominationAPITests.report,
                fileName: "b.pdf",
                uploadedBy: nil,
                roles: [.submitter]
            )
            let submitted = try await store.walk(nomination, [(.submit, .submitter)])

            var reviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewer)
            let page = try await client.execute(uri: "/nominations/88/\(nomination.id)", method: .get, headers: reviewer.header)
            #expect(page.text.contains("Nội dung cần bổ sung"))
            let noComment = try await DecisionPagesTests.form(
                client,
                "/nominations/88/\(nomination.id)/act",
                "action=return&version=\(submitted.version)&comment=",
                jar: &reviewer
            )
            #expect(noComment.status == .unprocessableContent)
            #expect(noComment.text.contains("Cần ghi rõ lý do hoặc các nội dung cần bổ sung."))
            let stale = try await DecisionPagesTests.form(
                client,
                "/nominations/88/\(nomination.id)/act",
                "action=to_council&version=1",
                jar: &reviewer
            )
            #expect(stale.status == .conflict)
            let sent = try await DecisionPagesTests.form(
                client,
                "/nominations/88/\(nomination.id)/act",
                "action=to_council&version=\(submitted.version)",
                jar: &reviewer
            )
            #expect(sent.status == .seeOther)
            let moved = try await client.execute(uri: try #require(sent.headers[.location]), method: .get, headers: reviewer.header)
            #expect(moved.text.contains("Đã trình hội đồng."))
            #expect(moved.text.contains("Hội đồng Thi đua – Khen thưởng cấp xã xét"))

            var secretary = CookieJar()
            _ = try await client.signIn("thuky.anhoa", jar: &secretary)
            let sessions = try await client.execute(uri: "/council-sessions", method: .get, headers: secretary.header)
            #expect(sessions.text.contains("Phạm Thị Hoa"))
            #expect(!sessions.text.contains("value=\"on\" checked"), "nothing is chosen for the secretary")
            // Refused (no date): the roster, the place and the choice come back as typed.
            let undated = try await DecisionPagesTests.form(
                client,
                "/council-sessions",
                "unitCode=88101&title=Phi%C3%AAn+h%E1%BB%8Dp+th%C3%A1ng+12&heldOn=&place=H%E1%BB%99i+tr%C6%B0%E1%BB%9Dng+UBND&members=Nguy%E1%BB%85n+V%C4%83n+A+%7C+Ch%E1%BB%A7+t%E1%BB%8Bch&n-\(nomination.id)=on",
                jar: &secretary
            )
            #expect(undated.status == .unprocessableContent)
            #expect(undated.text.contains("Ngày họp không hợp lệ"))
            #expect(undated.text.contains("Nguyễn Văn A | Chủ tịch</textarea>"))
            #expect(undated.text.contains("value=\"Hội trường UBND\""))
            #expect(undated.text.contains("value=\"Phiên họp tháng 12\""))
            #expect(undated.text.contains("name=\"n-\(nomination.id)\" value=\"on\" checked"))
            // The council's roster, kept once: a second chair is refused with every row kept.
            let roster =
                "foundingDecision=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh+s%E1%BB%91+45%2FQ%C4%90-UBND&rows=3"
                + "&name-0=Nguy%E1%BB%85n+V%C4%83n+Ch%E1%BB%A7&position-0=Ch%E1%BB%A7+t%E1%BB%8Bch+UBND&role-0=chair"
                + "&name-1=L%C3%AA+Th%E1%BB%8B+Th%C6%B0&role-1=secretary&username-1=thuky.anhoa&name-2=Tr%E1%BA%A7n+V%C4%83n+Ba&role-2="
            let twoChairs = try await DecisionPagesTests.form(client, "/councils/88101", roster + "chair", jar: &secretary)
            #expect(twoChairs.status == .unprocessableContent)
            #expect(twoChairs.text.contains("Hội đồng chỉ có một Chủ tịch Hội đồng: Nguyễn Văn Chủ và Trần Văn Ba"))
            #expect(twoChairs.text.contains("value=\"Trần Văn Ba\""))
            #expect(twoChairs.text.contains("value=\"thuky.anhoa\""))
            let savedRoster = try await DecisionPagesTests.form(client, "/councils/88101", roster + "member", jar: &secretary)
            #expect(savedRoster.status == .seeOther)
            let rosterPage = try await client.execute(uri: try #require(savedRoster.headers[.location]), method: .get, headers: secretary.header)
            #expect(rosterPage.text.contains("Đã lưu danh sách Hội đồng."))
            #expect(try await client.execute(uri: "/council-sessions", method: .get, headers: secretary.header).text.contains("3 thành viên"))

            // No members typed: the session takes the roster.
            let opened = try await DecisionPagesTests.form(
                client,
                "/council-sessions",
                "unitCode=88101&title=Phi%C3%AAn+h%E1%BB%8Dp+th%C3%A1ng+12&heldOn=10%2F12%2F2025&startsAt=8%3A30&place=UBND&members=&n-\(nomination.id)=on",
                jar: &secretary
            )
            #expect(opened.status == .seeOther)
            let openedAt = try #require(opened.headers[.location])
            #expect(openedAt.hasSuffix("?da=mo"))
            let location = String(openedAt.prefix { $0 != "?" })
            let openPage = try await client.execute(uri: openedAt, method: .get, headers: secretary.header)
            #expect(openPage.text.contains("Nguyễn Văn Chủ — Chủ tịch UBND"))
            #expect(openPage.text.contains("Trần Văn Ba"))
            let attended = try await DecisionPagesTests.form(
                client,
                location + "/attendance",
                "present-1=on&present-2=on&present-3=on",
                jar: &secretary
            )
            #expect(attended.status == .seeOther)
            // "All present agree", member 3 excepted with a vote of their own.
            let voted = try await DecisionPagesTests.form(
                client,
                location + "/votes",
                "all-yes-\(nomination.id)=on&vote-\(nomination.id)-3=no",
                jar: &secretary
            )
            #expect(voted.status == .seeOther)
            let votedPage = try await client.execute(uri: try #require(voted.headers[.location]), method: .get, headers: secretary.header)
            #expect(votedPage.text.contains("Đã ghi phiếu."))
            #expect(votedPage.text.contains("2 đồng ý, 1 không đồng ý"))
            #expect(votedPage.text.contains("Thông qua"))
            let minutes = try await client.execute(uri: location + "/minutes", method: .get, headers: secretary.header)
            #expect(minutes.text.contains("BIÊN BẢN"))
            #expect(minutes.text.contains("Phạm Thị Hoa"))
            #expect(minutes.text.contains("Vào lúc 08 giờ 30 phút, ngày 10/12/2025"))
            let closed = try await DecisionPagesTests.form(client, location + "/close", "endsAt=10%3A15", jar: &secretary)
            #expect(closed.status == .seeOther)
            let closedPage = try await client.execute(uri: try #require(closed.headers[.location]), method: .get, headers: secretary.header)
            #expect(closedPage.text.contains("Đã kết thúc phiên họp"))
            #expect(closedPage.text.contains("01/BB-HĐTĐKT"))
            #expect(try await db.scalar("SELECT state FROM nominations WHERE id = \(nomination.id)", as: String.self) == "xa_cho_quyet_dinh")
            // The numbered minutes, Word and PDF, are in the dossier the session decided.
            let attachedMinutes = try await db.scalar(
                "SELECT string_agg(file_name, ',' ORDER BY file_name) FROM nomination_documents WHERE nomination_id = \(nomination.id) AND kind = 'bien_ban_hoi_dong'",
                as: String.self
            )
            #expect(attachedMinutes == "bien-ban-01-BB-HDTDKT-2025.docx,bien-ban-01-BB-HDTDKT-2025.pdf")
            let signed = try await client.execute(uri: location + "/minutes", method: .get, headers: secretary.header)
            #expect(signed.text.contains("Số: 01/BB-HĐTĐKT"))
            #expect(signed.text.contains("lúc 10 giờ 15 phút"))
            #expect(signed.text.contains("<strong>Lê Thị Thư</strong>"))
            #expect(signed.text.contains("<strong>Nguyễn Văn Chủ</strong>"))
            let sessionsSheet = try await client.execute(uri: "/council-sessions?format=xlsx", method: .get, headers: secretary.header)
            #expect(
                try XLSXReader.rows(Array(buffer: sessionsSheet.body)).contains { $0.contains("Phiên họp tháng 12") && $0.contains("Đã kết thúc") }
            )
            let word = try await client.execute(uri: location + "/minutes?format=docx", method: .get, headers: secretary.header)
            #expect(word.status == .ok)
            #expect(word.headers[.contentType] == FileKind.docx.rawValue)

            var outsider = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &outsider)
            #expect(try await client.execute(uri: location, method: .get, headers: outsider.header).status == .notFound)
            #expect(try await client.execute(uri: location + "/minutes", method: .get, headers: outsider.header).status == .notFound)
        }
    }
}

extension NominationPagesTests {
    static let csvHeader = "Họ và tên,Loại đối tượng,Mã định danh,\"Chức vụ, địa chỉ\",Thành tích,Hình thức\n"

    @Test func aSpreadsheetIsPreviewedThenStoredOnConfirmation() async throws {
        try await Self.withRound { db, client, round in
            var submitter = CookieJar()
            _ = try await client.signIn("canbo.anhoa", jar: &submitter)
            #expect(try await client.execute(uri: "/nominations/import", method: .get, headers: submitter.header).status == .ok)
            // The template, as downloaded, is accepted as it stands.
            let template = try await client.execute(uri: "/nominations/import/mau.xlsx", method: .get, headers: submitter.header)
            #expect(template.status == .ok)
            let filled = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(
                    [("_csrf", submitter.csrf), ("roundID", String(round)), ("unitCode", "88101")],
                    file: ("file", "mau.xlsx", Array(buffer: template.body))
                ),
                jar: &submitter
            )
            #expect(filled.text.contains("Xác nhận lưu 1 hồ sơ"), "\(filled.text.prefix(1500))")
            let csv = Self.csvHeader + "Nguyễn Văn An,cá nhân,CD-1,Giáo viên,Tích cực học tập suốt đời,giay-khen-xa\n"
            let fields = [("_csrf", submitter.csrf), ("roundID", String(round)), ("unitCode", "88101")]
            let preview = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(fields, file: ("file", "ds.csv", Array(csv.utf8))),
                jar: &submitter
            )
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Xác nhận lưu 1 hồ sơ"))
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 0, "a preview stores nothing")
            let content = Data(csv.utf8).base64EncodedString()
            let confirmed = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(fields + [("content", content), ("confirm", "1")], file: nil),
                jar: &submitter
            )
            // Stored, then on to the drafts: refreshing the page after the save creates nothing.
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/nominations/drafts?da=nhap&n=1")
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 1)
            let bad = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(fields, file: ("file", "ds.csv", Array((Self.csvHeader + "<b>X</b>,ai,,,,\n").utf8))),
                jar: &submitter
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Dòng 2, cột Loại đối tượng"))
            #expect(!bad.text.contains("<b>X</b>"))
        }
    }

    /// Many files in one multipart body, as a browser sends a multiple file field.
    static func multipart(_ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields { body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8) }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/pdf\r\n\r\n"
                    .utf8
            )
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    /// After an import the clerk attaches every report in one upload (files named by the
    /// nominee's identifier) and sends the checked dossiers with one click; a file matching no
    /// dossier is named, and the others are attached all the same.
    @Test func importedDossiersGetTheirReportsAndAreSentTogether() async throws {
        try await Self.withRound { db, client, round in
            var submitter = CookieJar()
            _ = try await client.signIn("canbo.anhoa", jar: &submitter)
            let csv =
                Self.csvHeader + """
                    Nguyễn Văn An,CN,001085012345,Giáo viên,Tích cực học tập suốt đời,GK xã
                    Trần Thị Bình,cá nhân,001090054321,,Tích cực học tập suốt đời,Giấy khen của Chủ tịch UBND xã

                    """
            let fields = [("_csrf", submitter.csrf), ("roundID", String(round)), ("unitCode", "88101")]
            let preview = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(fields, file: ("file", "ds.csv", Array(csv.utf8))),
                jar: &submitter
            )
            #expect(preview.text.contains("(tệp ghi: GK xã)"), "\(preview.text.prefix(3000))")
            let confirmed = try await Self.post(
                client,
                "/nominations/import",
                multipart: Self.multipart(fields + [("content", Data(csv.utf8).base64EncodedString()), ("confirm", "1")], file: nil),
                jar: &submitter
            )
            let drafts = try await client.execute(uri: try #require(confirmed.headers[.location]), method: .get, headers: submitter.header)
            #expect(drafts.text.contains("Đã lưu 2 hồ sơ từ tệp"))
            #expect(drafts.text.contains("Còn thiếu: Báo cáo thành tích"))
            #expect(drafts.text.contains("2 hồ sơ đang lập, 0 hồ sơ đã đủ tài liệu"))

            let report = Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8)
            let attached = try await Self.post(
                client,
                "/nominations/drafts",
                multipart: Self.multipart(
                    [("_csrf", submitter.csrf), ("do", "attach")],
                    files: [("files", "001085012345.pdf", report), ("files", "001090054321-bao-cao.pdf", report), ("files", "khac.pdf", report)]
                ),
                jar: &submitter
            )
            #expect(attached.status == .unprocessableContent)
            #expect(attached.text.contains("Tệp &quot;khac.pdf&quot;: không có hồ sơ đang lập nào có mã định danh trùng với tên tệp."))
            #expect(attached.text.contains("2 hồ sơ đang lập, 2 hồ sơ đã đủ tài liệu"))

            var picks: [(String, String)] = [("_csrf", submitter.csrf), ("do", "submit")]
            let rows = try #require(
                try await db.scalar(
                    "SELECT string_agg(province_code || ':' || id || ':' || version, ',' ORDER BY id) FROM nominations",
                    as: String.self
                )
            )
            for pick in rows.split(separator: ",") { picks.append(("pick", String(pick))) }
            let sent = try await Self.post(client, "/nominations/drafts", multipart: Self.multipart(picks, files: []), jar: &submitter)
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/nominations/drafts?da=gui&n=2")
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations WHERE state = 'xa_tham_dinh'", as: Int.self) == 2)
            let after = try await client.execute(uri: "/nominations/drafts?da=gui&n=2", method: .get, headers: submitter.header)
            #expect(after.text.contains("Đã gửi 2 hồ sơ."))
            #expect(after.text.contains("Không có hồ sơ nào đang lập."))

            // Sending the same picks again (a second click) sends nothing twice.
            let again = try await Self.post(client, "/nominations/drafts", multipart: Self.multipart(picks, files: []), jar: &submitter)
            #expect(again.status == .unprocessableContent)
            #expect(try await db.scalar("SELECT count(*)::int FROM nomination_transitions WHERE action = 'submit'", as: Int.self) == 2)
        }
    }
}
