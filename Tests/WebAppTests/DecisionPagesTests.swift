import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Tabular
import TestSupport
import Testing
import Workflow

@Suite struct DecisionPagesTests {
    static func form(_ client: any TestClientProtocol, _ uri: String, _ fields: String, jar: inout CookieJar) async throws -> TestResponse {
        var headers = jar.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(jar.csrf)&" + fields))
        jar.take(response)
        return response
    }

    @Test func reviewerDraftsChairIssuesAndTheCeremonyAndPublicPagesListTheAwardees() async throws {
        try await AppHarness.withApp { db, client in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "chutich.anhoa",
                fullName: "Nguyễn Văn Chủ",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88101")]
            )
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "Bùi Thị Hạnh", key: "C1")
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "<script>alert(1)</script>", key: "C2")

            var reviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewer)
            let list = try await client.execute(uri: "/decisions", method: .get, headers: reviewer.header)
            #expect(list.status == .ok)
            #expect(list.text.contains("Lập dự thảo quyết định"))
            let drafted = try await Self.form(client, "/decisions", "unitCode=88101&roundID=\(round)&award=giay-khen-xa", jar: &reviewer)
            #expect(drafted.status == .seeOther)
            let location = try #require(drafted.headers[.location])
            #expect(location.hasPrefix("/decisions/88/"))
            let draftPage = try await client.execute(uri: location, method: .get, headers: reviewer.header)
            #expect(draftPage.text.contains("Dự thảo quyết định"))
            #expect(draftPage.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!draftPage.text.contains("<script>alert"))
            #expect(!draftPage.text.contains("Ban hành quyết định"), "a reviewer does not sign")

            var outsider = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &outsider)
            #expect(try await client.execute(uri: location, method: .get, headers: outsider.header).status == .notFound)

            var chair = CookieJar()
            _ = try await client.signIn("chutich.anhoa", jar: &chair)
            let refused = try await client.execute(
                uri: location + "/issue",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: chair.header[.cookie]!],
                body: ByteBuffer(string: "_csrf=forged&issuedOn=10/12/2025&signerName=A&signerTitle=B")
            )
            #expect(refused.status == .forbidden)
            // A day that is not a date: refused, with the signer as typed still in the form.
            let badDay = try await Self.form(
                client,
                location + "/issue",
                "issuedOn=31%2F02%2F2025&signerName=Nguy%E1%BB%85n+V%C4%83n+Ch%E1%BB%A7&signerTitle=CH%E1%BB%A6+T%E1%BB%8ACH",
                jar: &chair
            )
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.text.contains("Ngày ký không hợp lệ: 31/02/2025"))
            #expect(badDay.text.contains("value=\"Nguyễn Văn Chủ\""), "the signer is kept")
            #expect(badDay.text.contains("value=\"CHỦ TỊCH\""))
            #expect(badDay.text.contains("value=\"31/02/2025\""))
            // The chair edits the draft before signing: an empty summary is refused with every field kept.
            #expect(draftPage.text.contains("Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa"))
            let edit =
                "bases=C%C4%83n+c%E1%BB%A9+Lu%E1%BA%ADt+Thi+%C4%91ua%2C+khen+th%C6%B0%E1%BB%9Fng+ng%C3%A0y+15+th%C3%A1ng+6+n%C4%83m+2022%3B"
                + "&proposal=X%C3%A9t+%C4%91%E1%BB%81+ngh%E1%BB%8B+c%E1%BB%A7a+H%E1%BB%99i+%C4%91%E1%BB%93ng."
                + "&articles=%C4%90i%E1%BB%81u+1.+T%E1%BA%B7ng+Gi%E1%BA%A5y+khen.%0A%C4%90i%E1%BB%81u+2.+Th%C6%B0%E1%BB%9Fng+540.000+%C4%91%E1%BB%93ng."
                + "&signerName=Nguy%E1%BB%85n+V%C4%83n+Ch%E1%BB%A7&signerTitle=CH%E1%BB%A6+T%E1%BB%8ACH"
            let emptyTitle = try await Self.form(client, location + "/edit", "title=+&" + edit, jar: &chair)
            #expect(emptyTitle.status == .unprocessableContent)
            #expect(emptyTitle.text.contains("Trích yếu không được để trống."))
            #expect(emptyTitle.text.contains("Điều 2. Thưởng 540.000 đồng."), "the typed articles are kept")
            let edited = try await Self.form(
                client,
                location + "/edit",
                "title=V%E1%BB%81+vi%E1%BB%87c+t%E1%BA%B7ng+Gi%E1%BA%A5y+khen+n%C4%83m+2025&" + edit,
                jar: &chair
            )
            #expect(edited.status == .seeOther)
            let editedPage = try await client.execute(uri: try #require(edited.headers[.location]), method: .get, headers: chair.header)
            #expect(editedPage.text.contains("Đã lưu dự thảo."))
            #expect(editedPage.text.contains("<p>Điều 2. Thưởng 540.000 đồng.</p>"))
            // The văn thư's number from the register, as written there.
            let issued = try await Self.form(
                client,
                location + "/issue",
                "issuedOn=10%2F12%2F2025&number=45%2FQ%C4%90-UBND&signerName=Nguy%E1%BB%85n+V%C4%83n+Ch%E1%BB%A7&signerTitle=CH%E1%BB%A6+T%E1%BB%8ACH",
                jar: &chair
            )
            #expect(issued.status == .seeOther)
            let issuedPage = try await client.execute(uri: location, method: .get, headers: chair.header)
            #expect(issuedPage.text.contains("Quyết định số 45/QĐ-UBND ngày 10/12/2025"))
            #expect(issuedPage.text.contains("Về việc tặng Giấy khen năm 2025"))
            // "Xuất Excel" on the list: each decision with its number, day and kind.
            let exported = try await client.execute(uri: "/decisions?format=xlsx", method: .get, headers: chair.header)
            #expect(exported.status == .ok)
            let rows = try XLSXReader.rows(Array(buffer: exported.body))
            #expect(rows.first?.contains("Số quyết định") == true)
            #expect(rows.contains { $0.contains("45/QĐ-UBND") && $0.contains("10/12/2025") && $0.contains("Khen thưởng") }, "\(rows)")

            let ceremony = try await client.execute(uri: location + "/ceremony", method: .get, headers: chair.header)
            #expect(ceremony.status == .ok)
            #expect(ceremony.text.contains("Bùi Thị Hạnh"))
            #expect(ceremony.text.contains("II. CÁ NHÂN") || ceremony.text.contains("I. CÁ NHÂN"))

            let file = try await client.execute(uri: "/api/v1\(location)/export?format=docx", method: .get, headers: chair.header)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"quyet-dinh-45-QD-UBND-2025.docx\"")
            #expect(Array(file.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            // A revocation is drafted from the issued decision's page.
            let revokedID = try #require(try await db.scalar("SELECT min(nomination_id) FROM decision_awardees", as: Int.self))
            let noneChosen = try await Self.form(client, location + "/revocation", "reason=Khai+sai", jar: &reviewer)
            #expect(noneChosen.status == .unprocessableContent)
            let revoked = try await Self.form(client, location + "/revocation", "n-\(revokedID)=on&reason=K%C3%AA+khai+sai", jar: &reviewer)
            #expect(revoked.status == .seeOther)
            let revocationPage = try await client.execute(uri: try #require(revoked.headers[.location]), method: .get, headers: reviewer.header)
            #expect(revocationPage.text.contains("Về việc thu hồi Giấy khen"))

            let open = try await client.execute(uri: "/cong-khai/88", method: .get)
            #expect(open.status == .ok)
            #expect(open.text.contains("Số 45/QĐ-UBND ngày 10/12/2025"))
            #expect(open.text.contains("Bùi Thị Hạnh"))
            #expect(!open.text.contains("<script>alert"))
            // Searchable without diacritics, and a search that finds nobody says so.
            let found = try await client.execute(uri: "/cong-khai/88?q=bui%20thi%20hanh", method: .get)
            #expect(found.text.contains("Bùi Thị Hạnh"))
            let none = try await client.execute(uri: "/cong-khai/88?q=khong-ai-ten-nay", method: .get)
            #expect(!none.text.contains("Bùi Thị Hạnh"))
            #expect(none.text.contains("Chưa có quyết định khen thưởng nào được công khai."))
        }
    }

    @Test func thePublicCommentsOnAPostedNominationAndTheCommentIsKeptOnIt() async throws {
        try await AppHarness.withApp { db, client in
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "bang-khen-thu-tuong",
                    nomineeKind: "individual",
                    nomineeKey: "P1",
                    nomineeName: "Hoàng Văn Tiêu",
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
            nomination = try await store.walk(
                nomination,
                [
                    (.submit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer),
                    (.recordVote, .councilSecretary),
                ]
            )
            #expect(nomination.state == "tinh_lay_y_kien")

            var visitor = CookieJar()
            let page = try await client.execute(uri: "/cong-khai/88", method: .get)
            visitor.take(page)
            #expect(page.text.contains("Danh sách đang lấy ý kiến"))
            #expect(page.text.contains("Hoàng Văn Tiêu"))
            let sent = try await Self.form(
                client,
                "/cong-khai/88/y-kien",
                "nomination=\(nomination.id)&author=L%C3%AA+V%C4%83n+D%C3%A2n%2C+th%C3%B4n+%C4%90%C3%B4ng&comment=%C3%94ng+Ti%C3%AAu+r%E1%BA%A5t+t%C3%ADch+c%E1%BB%B1c+h%E1%BB%8Dc+t%E1%BA%ADp",
                jar: &visitor
            )
            #expect(sent.status == .seeOther)
            let comments = try await PublicConsultation(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
                .comments(on: NominationKey(provinceCode: "88", id: nomination.id))
            #expect(comments.map(\.author) == ["Lê Văn Dân, thôn Đông"])
            #expect(comments.first?.text == "Ông Tiêu rất tích cực học tập")
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'public_comment'", as: Int.self) == 1)
            let tooShort = try await Self.form(client, "/cong-khai/88/y-kien", "nomination=\(nomination.id)&author=An&comment=ngắn", jar: &visitor)
            #expect(tooShort.status == .unprocessableContent)
            // 29 characters, 203 code points: refused in words, not by the database.
            let family = String(repeating: "👨‍👩‍👧‍👦", count: 29).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let tooLong = try await Self.form(
                client,
                "/cong-khai/88/y-kien",
                "nomination=\(nomination.id)&author=\(family)&comment=Ý+kiến+đủ+dài+rồi",
                jar: &visitor
            )
            #expect(tooLong.status == .unprocessableContent)
        }
    }
}
