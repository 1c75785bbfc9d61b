import Foundation
import Geography
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// Tra cứu on the web and through the API: a name typed without diacritics finds the subject,
/// the record lists the award with its decision and exports to Excel; too little to search by is
/// refused in words; another commune's reader sees nothing.
@Suite struct LookupPagesTests {
    @Test func aReviewerFindsAnAwardByNameAndReadsTheRecordOnThePageAndThroughTheAPI() async throws {
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
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: commune, name: "Nguyễn Thị Ánh", key: "001190000777")
            let decisions = DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            let draft = try await decisions.draft(provinceCode: "88", unitID: commune, roundID: round, award: "giay-khen-xa", createdBy: nil)
            _ = try await decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 10)!, number: 12, issuedBy: nil)

            var reviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewer)
            let found = try await client.execute(uri: "/lookup?q=nguyen+thi+anh", method: .get, headers: reviewer.header)
            #expect(found.status == .ok)
            #expect(found.text.contains("Nguyễn Thị Ánh") && found.text.contains("001190000777"), "\(found.text.prefix(2000))")
            let record = try await client.execute(uri: "/lookup/record?province=88&key=001190000777", method: .get, headers: reviewer.header)
            #expect(record.text.contains("Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa"))
            #expect(record.text.contains("12/QĐ-UBND ngày 10/12/2025"))
            #expect(record.text.contains("href=\"/decisions/88/\(draft.id)\""))
            let sheet = try await client.execute(
                uri: "/lookup/record?province=88&key=001190000777&format=xlsx",
                method: .get,
                headers: reviewer.header
            )
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentDisposition]?.contains("tra-cuu-001190000777.xlsx") == true)
            let pdf = try await client.execute(uri: "/lookup/record?province=88&key=001190000777&format=pdf", method: .get, headers: reviewer.header)
            #expect(pdf.status == .ok)
            #expect(Array(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
            let short = try await client.execute(uri: "/lookup?q=ng", method: .get, headers: reviewer.header)
            #expect(short.text.contains("Nhập ít nhất 3 chữ cái"))

            let token = try await client.apiToken("xa.an.hoa")
            let api = try await client.execute(uri: "/api/v1/lookup?q=NGUYEN%20THI%20ANH", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
            let matches = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])["matches"] as? [[String: Any]]
            #expect(matches?.first?["key"] as? String == "001190000777")
            #expect(matches?.first?["awards"] as? Int == 1)
            let apiRecord = try await client.execute(
                uri: "/api/v1/lookup/record?province=88&key=001190000777",
                method: .get,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(apiRecord.status == .ok)
            #expect(
                apiRecord.text.contains(#""decision":"12\/QĐ-UBND ngày 10\/12\/2025""#)
                    || apiRecord.text.contains(#""decision":"12/QĐ-UBND ngày 10/12/2025""#)
            )
            let tooShort = try await client.execute(uri: "/api/v1/lookup?q=ab", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(tooShort.status == .unprocessableContent)

            // The clerk of another commune finds nothing and cannot open the record.
            var outsider = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &outsider)
            let none = try await client.execute(uri: "/lookup?q=nguyen+thi+anh", method: .get, headers: outsider.header)
            #expect(none.text.contains("Không tìm thấy đối tượng nào trong phạm vi của bạn."))
            let hidden = try await client.execute(uri: "/lookup/record?province=88&key=001190000777", method: .get, headers: outsider.header)
            #expect(hidden.status == .notFound)
        }
    }
}
