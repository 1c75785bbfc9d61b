import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Tabular
import TestSupport
import Testing

/// Commune staff register households on the web, one by one or as a list, and enter each one's
/// self-assessment; the list shows where each registration stands.
@Suite struct RegistrationPagesTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        )
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], jar: CookieJar) async throws -> TestResponse {
        var headers = jar.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: form([("_csrf", jar.csrf)] + fields))
    }

    @Test func staffRegisterAHouseholdThenItsSelfAssessmentIsScoredIndicatorByIndicator() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let empty = try await client.execute(uri: "/units/88201/registrations?year=2026", method: .get, headers: jar.header)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Đăng ký xây dựng mô hình học tập năm 2026"))
            #expect(empty.text.contains("Chưa có đăng ký nào trong năm 2026."))
            #expect(empty.text.contains("<option value=\"gia-dinh-hoc-tap\">"))
            // Titles of communes and districts are assessed, not registered for.
            #expect(!empty.text.contains("<option value=\"cong-dong-hoc-tap-cap-xa\">"))

            let registered = try await Self.post(
                client,
                "/units/88201/registrations",
                [("set", "gia-dinh-hoc-tap"), ("year", "2026"), ("unit", "88201"), ("key", "HGD-7"), ("name", "Đỗ Văn Bảy")],
                jar: jar
            )
            #expect(registered.status == .ok)
            #expect(registered.text.contains("Đã ghi đăng ký của Đỗ Văn Bảy (HGD-7)."))
            #expect(registered.text.contains("Đã đăng ký"))
            let id = try #require(try await db.scalar("SELECT id::int FROM registrations WHERE subject_key = 'HGD-7'", as: Int.self))
            #expect(registered.text.contains("href=\"/registrations/88/\(id)\""))

            let form = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: jar.header)
            #expect(form.status == .ok)
            #expect(form.text.contains("Phiếu tự đánh giá"))
            #expect(form.text.contains("name=\"answer-4.1\""))
            #expect(form.text.contains("gia-dinh-hoc-tap@2021"))

            let answers: [(String, String)] = [
                ("1.1", "2/2"), ("1.2", "có"), ("2.1", "2/2"), ("2.2", "1/2"), ("3.1", "có"), ("3.2", "không"), ("3.3", "có"), ("4.1", "9"),
                ("4.2", "có"),
            ]
            let wrong = try await Self.post(
                client,
                "/registrations/88/\(id)/self-assessment",
                [("set", "gia-dinh-hoc-tap@2021")] + answers.map { ("answer-\($0.0)", $0.0 == "4.1" ? "12" : $0.0 == "1.2" ? "có lẽ" : $0.1) },
                jar: jar
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("value=\"12\""))  // what was typed stays in the form
            // Every bad answer at once, each beside its own field.
            #expect(wrong.text.components(separatedBy: "class=\"field-error\"").count == 3, "two errors, one per field")
            #expect(wrong.text.contains("data-indicator=\"4.1\""))
            #expect(try await db.scalar("SELECT count(*)::int FROM registrations WHERE self_answers IS NOT NULL", as: Int.self) == 0)

            let saved = try await Self.post(
                client,
                "/registrations/88/\(id)/self-assessment",
                [("set", "gia-dinh-hoc-tap@2021")] + answers.map { ("answer-\($0.0)", $0.1) },
                jar: jar
            )
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Đã lưu phiếu tự đánh giá"))
            #expect(saved.text.contains("9 điểm"))
            let total = try await db.scalar("SELECT self_total FROM registrations WHERE id = \(id)", as: Int.self)
            let reopened = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: jar.header)
            // A share is two numbers, a yes/no two radio buttons, and a running total is shown.
            #expect(reopened.text.contains("name=\"answer-1.1.k\" type=\"text\" inputmode=\"numeric\" aria-label=\"Số đạt\" value=\"2\""))
            #expect(reopened.text.contains("name=\"answer-1.2\" value=\"có\" checked"))
            #expect(reopened.text.contains("id=\"live-total\""))
            #expect(reopened.text.contains("\(total ?? -1) điểm"))
            let list = try await client.execute(uri: "/units/88201/registrations?year=2026", method: .get, headers: jar.header)
            #expect(list.text.contains("Đã tự đánh giá"))
            // "Xuất Excel": the list as a workbook with the stage and the score.
            let exported = try await client.execute(uri: "/units/88201/registrations?year=2026&format=xlsx", method: .get, headers: jar.header)
            #expect(exported.status == .ok)
            let rows = try XLSXReader.rows(Array(buffer: exported.body))
            #expect(rows.first?.contains("Điểm tự đánh giá") == true)
            #expect(rows.contains { $0.contains("Đỗ Văn Bảy") && $0.contains("HGD-7") && $0.contains("Đã tự đánh giá") }, "\(rows)")

            // In English the page and the form are translated; names and the criteria stay as written.
            var english = jar.header
            english[.cookie] = (english[.cookie] ?? "") + "; thidua_lang=en"
            let translatedList = try await client.execute(uri: "/units/88201/registrations?year=2026", method: .get, headers: english)
            #expect(translatedList.text.contains("<title>Registrations for the learning-model titles, 2026 — Xã Ân Thi"))
            #expect(translatedList.text.contains("Self-assessed"))
            #expect(translatedList.text.contains("Đỗ Văn Bảy"))
            let translatedForm = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: english)
            #expect(translatedForm.text.contains("Save the self-assessment"))
            #expect(translatedForm.text.contains("yes (có) or no (không)"))

            // The commune's reviewer appraises it: a changed indicator needs its reason.
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "thamdinh.anthi",
                fullName: "Hà Văn Định",
                password: AppHarness.password,
                roles: [(.reviewer, unitCode: "88201")]
            )
            #expect(!reopened.text.contains("Thẩm định phiếu này"), "the clerk does not appraise")
            let clerkAppraising = try await Self.post(
                client,
                "/registrations/88/\(id)/appraisal",
                [("set", "gia-dinh-hoc-tap@2021")] + answers.map { ("answer-\($0.0)", $0.1) },
                jar: jar
            )
            #expect(clerkAppraising.status == .forbidden)
            var reviewer = CookieJar()
            _ = try await client.signIn("thamdinh.anthi", jar: &reviewer)
            let offer = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: reviewer.header)
            #expect(offer.text.contains("Thẩm định phiếu này"))
            let appraisalForm = try await client.execute(uri: "/registrations/88/\(id)?tham-dinh=1", method: .get, headers: reviewer.header)
            #expect(appraisalForm.text.contains("action=\"/registrations/88/\(id)/appraisal\""))
            #expect(appraisalForm.text.contains("Tự đánh giá: <strong>9</strong>"))
            let adjusted = answers.map { ("answer-\($0.0)", $0.0 == "4.1" ? "7" : $0.1) }
            let noReason = try await Self.post(
                client,
                "/registrations/88/\(id)/appraisal",
                [("set", "gia-dinh-hoc-tap@2021")] + adjusted,
                jar: reviewer
            )
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Kết quả thẩm định khác phiếu tự đánh giá (9): cần ghi lý do."))
            #expect(noReason.text.contains("value=\"7\""))
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) == 0)
            let appraised = try await Self.post(
                client,
                "/registrations/88/\(id)/appraisal",
                [("set", "gia-dinh-hoc-tap@2021"), ("reason-4.1", "Chỉ có 7 thành viên tham gia học tập.")] + adjusted,
                jar: reviewer
            )
            #expect(appraised.status == .seeOther)
            let after = try await client.execute(uri: try #require(appraised.headers[.location]), method: .get, headers: reviewer.header)
            #expect(after.text.contains("Đã ghi kết quả thẩm định."))
            #expect(after.text.contains("Đã được thẩm định, chờ công nhận"))
            let adjustment = try await db.scalar(
                "SELECT adjustments -> '4.1' ->> 'reason' FROM assessments WHERE subject_key = 'HGD-7'",
                as: String.self
            )
            #expect(adjustment == "Chỉ có 7 thành viên tham gia học tập.")
            let twice = try await Self.post(client, "/registrations/88/\(id)/appraisal", [("set", "gia-dinh-hoc-tap@2021")] + adjusted, jar: reviewer)
            #expect(twice.status == .forbidden || twice.status == .conflict)

            // Another commune's user finds neither the list nor the registration.
            var other = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &other)
            #expect(try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: other.header).status == .notFound)
            #expect(try await client.execute(uri: "/units/88201/registrations", method: .get, headers: other.header).status == .notFound)
        }
    }

    @Test func registrationListUploadIsRefusedWholeWithItsProblemsThenStoredWhenClean() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            func upload(_ csv: String) async throws -> TestResponse {
                var headers = jar.header
                headers[.contentType] = "multipart/form-data; boundary=\(AssessmentImportPageTests.boundary)"
                return try await client.execute(
                    uri: "/units/88101/registrations/import",
                    method: .post,
                    headers: headers,
                    body: AssessmentImportPageTests.multipart(
                        [("_csrf", jar.csrf), ("set", "dong-ho-hoc-tap"), ("year", "2026")],
                        file: ("dang-ky.csv", Array(csv.utf8))
                    )
                )
            }
            let bad = try await upload(
                "Mã đơn vị,Mã đối tượng,Tên\n88101001,DH-1,Dòng họ Nguyễn\n88201,DH-2,Dòng họ Trần\n88101001,DH-1,Dòng họ Nguyễn\n"
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Tệp bị từ chối, không có dòng nào được lưu."))
            #expect(bad.text.contains("Dòng 3, cột mã đơn vị: đơn vị 88201 nằm ngoài phạm vi của bạn"))
            #expect(bad.text.contains("Dòng 4, cột mã đối tượng: DH-1 trùng với dòng 2 trong cùng năm"))
            #expect(try await db.scalar("SELECT count(*)::int FROM registrations", as: Int.self) == 0)

            // The register form offers the commune and its villages in force.
            let page = try await client.execute(uri: "/units/88101/registrations", method: .get, headers: jar.header)
            #expect(page.text.contains("<option value=\"88101\">Xã An Hòa</option>"))
            #expect(page.text.contains("<option value=\"88101001\">Thôn Đông</option>"))
            let good = "Mã đơn vị,Mã đối tượng,Tên\n88101001,DH-1,Dòng họ Nguyễn\n88101,DH-2,Dòng họ Trần\n"
            let stored = try await upload(good)
            #expect(stored.status == .ok)
            #expect(stored.text.contains("Đã nhập 2 dòng: 2 đăng ký mới, 0 đã có, không đổi."))
            #expect(stored.text.contains("Dòng họ Trần"))
            let again = try await upload(good)
            #expect(again.text.contains("Đã nhập 2 dòng: 0 đăng ký mới, 2 đã có, không đổi."))
            #expect(try await db.scalar("SELECT count(*)::int FROM registrations", as: Int.self) == 2)
        }
    }
}
