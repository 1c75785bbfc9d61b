import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// The commune's Hội Khuyến học recognises "Công dân học tập" on the web: its chair sees the form
/// numbered in the association's register and the draft under its header; the People's Committee's
/// staff see who decides and no form; nothing is recorded without the association's chair.
@Suite struct AssociationRecognitionPageTests {
    @Test func theAssociationsChairRecordsTheRecognitionAndTheCommitteeCannot() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            let association = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "hkh.an.thi",
                fullName: "Mai Thị Hồng",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "HKH-88201")]
            )
            try await accounts.create(
                username: "chutich.anthi",
                fullName: "Vương Đình Huệ",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88201")]
            )
            let set = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("cong-dan-hoc-tap@2021")
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                CitizenFile.recognisable(["C1", "C2"], unit: "88201"),
                set: set,
                options: .init(fileName: "cdht.csv")
            )
            let uri = "/units/88201/recognised?set=cong-dan-hoc-tap&year=2026"

            // The commune chair: who decides, no form, and a post is refused.
            var committee = CookieJar()
            _ = try await client.signIn("chutich.anthi", jar: &committee)
            let seen = try await client.execute(uri: uri, method: .get, headers: committee.header)
            #expect(seen.text.contains("Danh hiệu này do Hội Khuyến học xã Ân Thi công nhận."))
            #expect(!seen.text.contains("Ghi quyết định công nhận"))
            let refused = try await RegistrationPagesTests.post(
                client,
                "/units/88201/recognise",
                [("set", "cong-dan-hoc-tap"), ("year", "2026"), ("issuedOn", "20/11/2026")],
                jar: committee
            )
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Chỉ Chủ tịch Hội Khuyến học xã Ân Thi được ghi quyết định công nhận này."))

            // The association's chair: home page link, the form, the draft under its header.
            var chair = CookieJar()
            _ = try await client.signIn("hkh.an.thi", jar: &chair)
            let home = try await client.execute(uri: "/", method: .get, headers: chair.header)
            #expect(home.text.contains("Hội Khuyến học xã Ân Thi"))
            #expect(home.text.contains("href=\"/units/88201/recognised?set=cong-dan-hoc-tap\""))
            let form = try await client.execute(uri: uri, method: .get, headers: chair.header)
            #expect(form.text.contains("Ghi quyết định công nhận"))
            #expect(form.text.contains("…/QĐ-HKH"))
            let draft = try await client.execute(
                uri: "/units/88201/recognised/quyet-dinh?set=cong-dan-hoc-tap&year=2026",
                method: .get,
                headers: chair.header
            )
            let text = try await DocxText.of(Array(buffer: draft.body))
            #expect(text.contains("HỘI KHUYẾN HỌC XÃ ÂN THI"))
            #expect(text.contains("Căn cứ Điều lệ Hội Khuyến học Việt Nam;"))
            #expect(!text.contains("ỦY BAN NHÂN DÂN"))
            let recorded = try await RegistrationPagesTests.post(
                client,
                "/units/88201/recognise",
                [("set", "cong-dan-hoc-tap"), ("year", "2026"), ("issuedOn", "20/11/2026"), ("signerName", "Mai Thị Hồng"), ("signerTitle", "")],
                jar: chair
            )
            #expect(recorded.headers[.location] == "/units/88201/recognised?set=cong%2Ddan%2Dhoc%2Dtap&year=2026&da=ghi")
            let list = try await client.execute(uri: uri, method: .get, headers: chair.header)
            #expect(list.text.contains("1/QĐ-HKH ngày 20/11/2026"))
            #expect(try await db.scalar("SELECT organisation_id::int FROM recognition_decisions", as: Int.self) == association.id)
            // The association's staff cannot reach another commune.
            let elsewhere = try await client.execute(
                uri: "/units/88101/recognised?set=cong-dan-hoc-tap&year=2026",
                method: .get,
                headers: chair.header
            )
            #expect(elsewhere.status == .notFound)
        }
    }

    /// From an attack probe: the People's Committee's chair recognised the association's title by
    /// entering a decision with an imported list, and a province chair recorded a commune's decision.
    @Test func neitherAnImportNorAnotherUnitsChairRecordsAnotherBodysDecision() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "chutich.anthi",
                fullName: "Vương Đình Huệ",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88201")]
            )
            try await accounts.create(
                username: "chutich.tinh",
                fullName: "Hoàng Văn Khải",
                password: AppHarness.password,
                roles: [(.chair, unitCode: "88")]
            )
            var committee = CookieJar()
            _ = try await client.signIn("chutich.anthi", jar: &committee)
            var headers = committee.header
            headers[.contentType] = "multipart/form-data; boundary=\(AssessmentImportPageTests.boundary)"
            let imported = try await client.execute(
                uri: "/assessments/import",
                method: .post,
                headers: headers,
                body: AssessmentImportPageTests.multipart(
                    [("_csrf", committee.csrf), ("set", "cong-dan-hoc-tap@2021"), ("decision", "Quyết định số 999/QĐ-UBND")],
                    file: ("cdht.csv", CitizenFile.recognisable(["C9"], unit: "88201"))
                )
            )
            #expect(imported.text.contains("do Hội Khuyến học cấp xã công nhận"))
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) == 0)

            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88201", year: 2026).bytes,
                set: try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("gia-dinh-hoc-tap@2021"),
                options: .init(fileName: "hgd.csv")
            )
            var province = CookieJar()
            _ = try await client.signIn("chutich.tinh", jar: &province)
            let page = try await client.execute(uri: "/units/88201/recognised?year=2026", method: .get, headers: province.header)
            #expect(!page.text.contains("Ghi quyết định công nhận"))
            let refused = try await RegistrationPagesTests.post(
                client,
                "/units/88201/recognise",
                [("set", "gia-dinh-hoc-tap"), ("year", "2026"), ("issuedOn", "20/11/2026"), ("signerName", "Hoàng Văn Khải")],
                jar: province
            )
            #expect(refused.status == .forbidden)
            #expect(try await db.scalar("SELECT count(*)::int FROM recognition_decisions", as: Int.self) == 0)
            // The commune's own chair: every mistake of the form at once, a future date among them.
            let mistakes = try await RegistrationPagesTests.post(
                client,
                "/units/88201/recognise",
                [("set", "gia-dinh-hoc-tap"), ("year", "2026"), ("number", "abc"), ("issuedOn", "20/12/2099"), ("signerName", "")],
                jar: committee
            )
            #expect(mistakes.status == .unprocessableContent)
            #expect(mistakes.text.contains("Số quyết định &quot;abc&quot; không hợp lệ"))
            #expect(mistakes.text.contains("Ngày ký 20/12/2099 sau ngày hôm nay"))
            #expect(mistakes.text.contains("Chưa ghi người ký."))
        }
    }
}
