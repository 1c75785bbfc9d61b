import DataFiles
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct AssessmentPageTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    /// The harness app with criteria loaded and two households: id 1 in Xã An Hòa, id 2 in Xã Ân Thi.
    static func withAssessments(_ body: @Sendable (TestDatabase, any TestClientProtocol) async throws -> Void) async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder()
                    .raw("88101001,H1,Đỗ Thị Bích,2025,2,1,1/2,có,2/2,1/2,có,có,có,10,có")
                    .household("H2", unit: "88201", name: "Lê Văn Cường")
                    .household("H3", unit: "88101001", name: "Âu Văn An")
                    .bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 5/QĐ-UBND")
            )
            try await body(db, client)
        }
    }

    @Test func assessmentPageExplainsEveryIndicator() async throws {
        try await Self.withAssessments { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let page = try await client.execute(uri: "/assessments/88/1", method: .get, headers: jar.header)
            #expect(!page.text.contains("role=\"alert\">nil"), "an absent error must not print as an alert")
            #expect(!page.text.contains("Optional("))
            #expect(page.status == .ok)
            #expect(page.text.contains("Đỗ Thị Bích"))
            #expect(page.text.contains("Chưa đạt: có 1/2 trẻ em chưa hoàn thành phổ cập"))
            #expect(page.text.contains("Chỉ số bắt buộc 1.1 chưa đạt."))
            #expect(try await client.execute(uri: "/assessments/88/2", method: .get, headers: jar.header).status == .notFound)
        }
    }

    @Test func recognisedListIsInVietnameseOrderAndScoped() async throws {
        try await Self.withAssessments { _, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let page = try await client.execute(uri: "/units/88101/recognised?year=2025", method: .get, headers: jar.header)
            #expect(page.status == .ok)
            // H1 fails a mandatory indicator; H3 is recognised; H2 belongs to another commune.
            #expect(page.text.contains("Âu Văn An"))
            #expect(!page.text.contains("Đỗ Thị Bích"))
            #expect(!page.text.contains("Lê Văn Cường"))
            #expect(page.text.contains("Quyết định số 5/QĐ-UBND"))
        }
    }

    @Test func evidenceIsCheckedByContentStoredOnceAndScoped() async throws {
        try await Self.withAssessments { db, client in
            let token = try await client.apiToken("xa.an.hoa")
            func upload(_ bytes: [UInt8], indicator: String, name: String, to path: String = "/api/v1/assessments/88/1") async throws -> TestResponse
            {
                try await client.execute(
                    uri: "\(path)/evidence?indicator=\(indicator)&name=\(name)",
                    method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/octet-stream"],
                    body: ByteBuffer(bytes: bytes)
                )
            }
            let first = try await upload(Self.pdf, indicator: "1.1", name: "xac-nhan.pdf")
            #expect(first.status == .created)
            #expect(try await upload(Self.pdf, indicator: "2.1", name: "ban-sao.pdf").status == .created)
            #expect(try await db.scalar("SELECT count(*)::int FROM evidence_files", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM assessment_evidence", as: Int.self) == 2)

            let disguised = try await upload(Array("MZ this is not a pdf".utf8), indicator: "1.1", name: "gia-mao.pdf")
            #expect(disguised.status == .unprocessableContent)
            #expect(disguised.text.contains("không phải PDF"))
            #expect(try await upload(Self.pdf, indicator: "9.9", name: "x.pdf").status == .unprocessableContent)
            #expect(try await upload(Self.pdf, indicator: "1.1", name: "x.pdf", to: "/api/v1/assessments/88/2").status == .notFound)

            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let page = try await client.execute(uri: "/assessments/88/1", method: .get, headers: jar.header)
            #expect(page.text.contains("xac-nhan.pdf"))
            let hash = try #require(
                page.text.range(of: "/evidence/[0-9a-f]{64}", options: .regularExpression).map { String(page.text[$0].dropFirst(10)) }
            )
            let download = try await client.execute(uri: "/assessments/88/1/evidence/\(hash)", method: .get, headers: jar.header)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(Array(buffer: download.body) == Self.pdf)

            var other = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &other)
            #expect(try await client.execute(uri: "/assessments/88/1/evidence/\(hash)", method: .get, headers: other.header).status == .notFound)
        }
    }
}

@Suite struct EvidenceFormTests {
    @Test func evidenceIsAttachedFromThePageAndAFakeIsRefusedThere() async throws {
        try await AssessmentPageTests.withAssessments { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let page = try await client.execute(uri: "/assessments/88/1", method: .get, headers: jar.header)
            #expect(page.text.contains("Đính kèm minh chứng"))
            func upload(_ bytes: [UInt8]) async throws -> TestResponse {
                let boundary = AssessmentImportPageTests.boundary
                var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(jar.csrf)\r\n".utf8)
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n3.1\r\n".utf8)
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sach.pdf\"\r\n\r\n".utf8) + bytes
                body += Array("\r\n--\(boundary)--\r\n".utf8)
                var headers = jar.header
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await client.execute(uri: "/assessments/88/1/evidence", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            }
            #expect(try await upload(AssessmentPageTests.pdf).status == .seeOther)
            let fake = try await upload(Array("not a pdf".utf8))
            #expect(fake.status == .unprocessableContent)
            #expect(fake.text.contains("không phải PDF"))
            let stored = try await db.scalar("SELECT string_agg(indicator_id || ':' || file_name, ',') FROM assessment_evidence", as: String.self)
            #expect(stored == "3.1:sach.pdf")
        }
    }
}

@Suite struct RecognitionDecisionTests {
    @Test func communePageNamesTheBodyAndOffersNoDecisionWhereTheTitleIsRecognisedAbove() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88201").bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            try await RecognitionBodies(client: db.client, logger: TestDatabase.logger).set(
                provinceCode: "88",
                setID: "gia-dinh-hoc-tap",
                fromYear: 2025,
                level: "province",
                body: "Ủy ban nhân dân tỉnh",
                basis: "Kế hoạch của tỉnh"
            )
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "chutich.anthi",
                fullName: "Vương Đình Huệ",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88201")]
            )
            var chair = CookieJar()
            _ = try await client.signIn("chutich.anthi", jar: &chair)
            let page = try await client.execute(uri: "/units/88201/recognised?year=2025", method: .get, headers: chair.header)
            #expect(page.text.contains("Danh hiệu này do Ủy ban nhân dân tỉnh công nhận."))
            #expect(page.text.contains("1 kết quả đánh giá năm 2025 đang chờ quyết định của cơ quan công nhận"))
            #expect(!page.text.contains("Ghi quyết định công nhận"))
            var headers = chair.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(
                uri: "/units/88201/recognise",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "_csrf=\(chair.csrf)&set=gia-dinh-hoc-tap&year=2025&number=3&issuedOn=20%2F12%2F2025&signerName=A")
            )
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("do Ủy ban nhân dân tỉnh công nhận: ghi quyết định tại trang của đơn vị cấp tỉnh."))
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments WHERE state = 'assessed'", as: Int.self) == 1)
        }
    }

    @Test func chairRecordsTheDecisionForAssessmentsAwaitingIt() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88201").raw("88201,H2,Lê Văn Nam,2025,2,1,2/2,có,2/2,1/2,có,có,có,10,không").bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "chutich.anthi",
                fullName: "Vương Đình Huệ",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88201")]
            )
            // A submitter sees the list but no decision form, and cannot post one.
            var submitter = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &submitter)
            let list = try await client.execute(uri: "/units/88201/recognised?year=2025", method: .get, headers: submitter.header)
            #expect(!list.text.contains("Ghi quyết định công nhận"))
            var headers = submitter.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(
                uri: "/units/88201/recognise",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "_csrf=\(submitter.csrf)&set=gia-dinh-hoc-tap&year=2025&number=3&issuedOn=20%2F12%2F2025")
            )
            #expect(refused.status == .forbidden)

            var chair = CookieJar()
            _ = try await client.signIn("chutich.anthi", jar: &chair)
            let form = try await client.execute(uri: "/units/88201/recognised?year=2025", method: .get, headers: chair.header)
            #expect(form.text.contains("2 kết quả đánh giá năm 2025 đang chờ quyết định"))
            // The draft decision to sign lists who meets the criteria (H1), not who does not (H2).
            #expect(form.text.contains("Tải dự thảo quyết định (Word)"))
            let draft = try await client.execute(
                uri: "/units/88201/recognised/quyet-dinh?set=gia-dinh-hoc-tap&year=2025",
                method: .get,
                headers: chair.header
            )
            #expect(draft.status == .ok)
            #expect(draft.headers[.contentDisposition] == "attachment; filename=\"quyet-dinh-cong-nhan-gia-dinh-hoc-tap-88201-2025.docx\"")
            let text = try await DocxText.of(Array(buffer: draft.body))
            #expect(text.contains("ỦY BAN NHÂN DÂN"))
            #expect(text.contains("Về việc công nhận danh hiệu “Gia đình học tập” năm 2025"))
            #expect(text.contains("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"))
            #expect(text.contains("Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2025 cho 1 đối tượng"))
            #expect(!text.contains("Lê Văn Nam"), "H2 does not meet the criteria")
            #expect(
                try await client.execute(
                    uri: "/units/88201/recognised/quyet-dinh?set=gia-dinh-hoc-tap&year=2025&format=odt",
                    method: .get,
                    headers: chair.header
                )
                .status == .badRequest
            )
            headers = chair.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            // A refused recording keeps what was typed and names the problem.
            let badDay = try await client.execute(
                uri: "/units/88201/recognise",
                method: .post,
                headers: headers,
                body: ByteBuffer(
                    string:
                        "_csrf=\(chair.csrf)&set=gia-dinh-hoc-tap&year=2025&number=&issuedOn=31%2F02%2F2025&signerName=V%C6%B0%C6%A1ng+%C4%90%C3%ACnh+Hu%E1%BB%87"
                )
            )
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.text.contains("Ngày ký &quot;31/02/2025&quot; không hợp lệ"))
            #expect(badDay.text.contains("value=\"Vương Đình Huệ\""))
            // Number left blank: the next of the People's Committee's register.
            let decided = try await client.execute(
                uri: "/units/88201/recognise",
                method: .post,
                headers: headers,
                body: ByteBuffer(
                    string:
                        "_csrf=\(chair.csrf)&set=gia-dinh-hoc-tap&year=2025&number=&issuedOn=20%2F12%2F2025&signerName=V%C6%B0%C6%A1ng+%C4%90%C3%ACnh+Hu%E1%BB%87&signerTitle=CH%E1%BB%A6+T%E1%BB%8ACH"
                )
            )
            #expect(decided.status == .seeOther)
            let states = try await db.scalar(
                "SELECT string_agg(subject_key || ':' || state || ':' || coalesce(recognised_by, ''), ',' ORDER BY subject_key) FROM assessments",
                as: String.self
            )
            #expect(states == "H1:recognised:1/QĐ-UBND ngày 20/12/2025,H2:not_recognised:")
            let after = try await client.execute(uri: try #require(decided.headers[.location]), method: .get, headers: chair.header)
            #expect(after.text.contains("Đã ghi quyết định công nhận."))
            #expect(
                after.text.contains("Quyết định công nhận số 1/QĐ-UBND ngày 20/12/2025 — Vương Đình Huệ: 1 đối tượng được công nhận, 1 không đạt.")
            )
            // The decision document now carries its number, date and signer.
            let signed = try await client.execute(
                uri: "/units/88201/recognised/quyet-dinh?set=gia-dinh-hoc-tap&year=2025",
                method: .get,
                headers: chair.header
            )
            let signedText = try await DocxText.of(Array(buffer: signed.body))
            #expect(signedText.contains("Số: 1/QĐ-UBND"), "\(signedText.prefix(600))")
            #expect(signedText.contains("ngày 20 tháng 12 năm 2025"))
            #expect(signedText.contains("Vương Đình Huệ"))

            // The Giấy công nhận of the recognised household, on the recognition layout.
            let layouts = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("certificate-layouts")
            _ = try await CertificateStore(client: db.client, logger: TestDatabase.logger).load(files: try DataFileCatalog.files(in: layouts))
            let certificates = try await client.execute(
                uri: "/units/88201/recognised/giay-cong-nhan?set=gia-dinh-hoc-tap&year=2025&format=docx",
                method: .get,
                headers: chair.header
            )
            #expect(certificates.status == .ok)
            let certificateText = try await DocxText.of(Array(buffer: certificates.body))
            #expect(certificateText.contains("GIA ĐÌNH HỌC TẬP NĂM 2025"))
            #expect(certificateText.contains("Quyết định số 1/QĐ-UBND ngày 20/12/2025"))
            #expect(!certificateText.contains("Lê Văn Nam"), "only those the decision recognised")
        }
    }
}
