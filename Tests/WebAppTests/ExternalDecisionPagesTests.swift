import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// The province records the Prime Minister's decision on its proposal from the web: the form
/// lists the dossiers waiting for it, the scan is kept, the dossiers close, a second recording of
/// the same number is refused with the form kept, and a commune's reviewer may not record.
@Suite struct ExternalDecisionPagesTests {
    @Test func theProvinceRecordsThePrimeMinistersDecisionFromTheForm() async throws {
        try await AppHarness.withApp { db, client in
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let commune = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let waiting = try await store.individualWaitingForThePrimeMinister(
                round: round,
                unitID: commune,
                name: "Phan Văn Khải",
                key: "001160000123"
            )
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "tinh.thamdinh",
                fullName: "Ngô Văn Tỉnh",
                password: AppHarness.password,
                roles: [(.reviewer, unitCode: "88")]
            )
            var province = CookieJar()
            _ = try await client.signIn("tinh.thamdinh", jar: &province)
            let form = try await client.execute(uri: "/decisions/external?round=\(round)", method: .get, headers: province.header)
            #expect(form.status == .ok)
            #expect(form.text.contains("Phan Văn Khải (001160000123)"), "\(form.text.prefix(3000))")

            let scan = Array("%PDF-1.4\nQĐ 1234/QĐ-TTg\n%%EOF\n".utf8)
            let fields: [(String, String)] = [
                ("_csrf", province.csrf), ("round", String(round)), ("issuerKind", "prime_minister"), ("issuer", "Thủ tướng Chính phủ"),
                ("number", "1234/QĐ-TTg"), ("issuedOn", "02/03/2026"), ("awardTitle", "Bằng khen của Thủ tướng Chính phủ"),
                ("n-0", String(waiting.id)), ("pick-0", "on"), ("name-1", "Chi hội Khuyến học thôn Đông"), ("kind-1", "collective"),
                ("unit-1", "88101"),
            ]
            let recorded = try await NominationPagesTests.post(
                client,
                "/decisions/external",
                multipart: NominationPagesTests.multipart(fields, file: ("document", "qd-1234.pdf", scan)),
                jar: &province
            )
            #expect(recorded.status == .seeOther, "\(recorded.text.prefix(1500))")
            let page = try await client.execute(uri: try #require(recorded.headers[.location]), method: .get, headers: province.header)
            #expect(page.text.contains("Đã ghi quyết định.") && page.text.contains("Chi hội Khuyến học thôn Đông"))
            #expect(try await store.nomination(waiting.key)?.state == "da_khen_thuong")
            let document = try await client.execute(
                uri: try #require(recorded.headers[.location]).replacingOccurrences(of: "?da=ghi", with: "") + "/document",
                method: .get,
                headers: province.header
            )
            #expect(Array(buffer: document.body) == scan)

            // Read out at the ceremony like our own: collectives first, then individuals.
            let path = try #require(recorded.headers[.location]).replacingOccurrences(of: "?da=ghi", with: "")
            let ceremony = try await client.execute(uri: path + "/ceremony", method: .get, headers: province.header)
            #expect(ceremony.status == .ok)
            let list = ceremony.text
            #expect(list.contains("Quyết định số 1234/QĐ-TTg ngày 02/03/2026 — Năm 2025"), "\(list.prefix(2000))")
            let collective = try #require(list.range(of: "I. TẬP THỂ")), person = try #require(list.range(of: "II. CÁ NHÂN"))
            #expect(collective.lowerBound < person.lowerBound)
            #expect(list.range(of: "Chi hội Khuyến học thôn Đông")!.lowerBound < person.lowerBound)
            #expect(list.range(of: "Phan Văn Khải")!.lowerBound > person.lowerBound)

            // The round's report counts both: the nomination the decision closed, and the
            // collective the province had not nominated, under the commune and the award.
            let report = try await RoundReport.build(
                client: db.client,
                workflows: store.workflows,
                logger: TestDatabase.logger,
                provinceCode: "88",
                roundID: round
            )
            #expect(
                report.awardsByUnit.filter { $0.unitCode == "88101" }.map { "\($0.award): \($0.count)" } == [
                    "Bằng khen của Thủ tướng Chính phủ: 2"
                ]
            )

            // The API reads what the page recorded, within the reader's provinces.
            let id = try #require(path.split(separator: "/").last.flatMap { Int($0) })
            let listed = try await client.execute(uri: "/api/v1/external-decisions", method: .get, headers: province.header)
            #expect(listed.status == .ok)
            #expect(listed.text.contains("\"number\":\"1234\\/QĐ-TTg\"") || listed.text.contains("\"number\":\"1234/QĐ-TTg\""), "\(listed.text)")
            let one = try await client.execute(uri: "/api/v1/external-decisions/88/\(id)", method: .get, headers: province.header)
            #expect(one.status == .ok)
            #expect(one.text.contains("\"issuerKind\":\"prime_minister\"") && one.text.contains("\"nominationID\":\(waiting.id)"), "\(one.text)")
            let elsewhere = try await client.execute(uri: "/api/v1/external-decisions/99/\(id)", method: .get, headers: province.header)
            #expect(elsewhere.status == .notFound)

            let again = try await NominationPagesTests.post(
                client,
                "/decisions/external",
                multipart: NominationPagesTests.multipart(fields, file: ("document", "qd-1234.pdf", scan)),
                jar: &province
            )
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("đã được ghi ngày"))
            #expect(again.text.contains("value=\"1234/QĐ-TTg\""), "the form keeps what was typed")

            var communeReviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &communeReviewer)
            let refused = try await NominationPagesTests.post(
                client,
                "/decisions/external",
                multipart: NominationPagesTests.multipart(
                    [("_csrf", communeReviewer.csrf), ("issuer", "Thủ tướng"), ("number", "9/QĐ-TTg"), ("issuedOn", "02/03/2026")],
                    file: ("document", "qd.pdf", scan)
                ),
                jar: &communeReviewer
            )
            #expect(refused.status == .forbidden)
        }
    }
}
