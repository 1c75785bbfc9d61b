import DataFiles
import Foundation
import Storage
import TestSupport
import Testing

/// A province's decisions read as its own office writes them: the wording is data per province
/// and level, checked before it is loaded, and a draft keeps the wording it was made with.
@Suite struct DecisionTextsTests {
    static let directory = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("decision-texts")

    static func shipped(_ name: String) throws -> (text: String, texts: DecisionTexts) {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return (text, try DecisionTextsReader.read(text, file: name))
    }

    @Test func theShippedDefaultIsThiDuasOwnWording() throws {
        #expect(try Self.shipped("mac-dinh.yaml").texts == DecisionTexts.standard)
        let demo = try Self.shipped("99.yaml").texts
        #expect(demo.province == "99")
        #expect(demo.level(.commune).bases.contains { $0.contains("Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh") })
        #expect(demo.level(.district) == demo.level(.commune), "a district reads as a commune unless named")
    }

    static let invalid: [(String, String, String)] = [
        ("unknown placeholder", "{hinh_thuc} cho", "{hinh_thuc} cho {ten_nguoi}"),
        ("article out of order", "- Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", "- Điều 5. Quyết định này có hiệu lực kể từ ngày ký."),
        ("no executors article", "- Điều 3. {thi_hanh}", "- Điều 3. Thi hành."),
        ("basis not a basis", "- Căn cứ Luật Thi đua", "- Theo Luật Thi đua"),
        ("bad province", "province: \"*\"", "province: \"Thuận An\""),
    ]

    @Test(arguments: invalid.indices)
    func anInvalidFileIsRefusedNamingItsLine(_ index: Int) throws {
        let (what, from, to) = Self.invalid[index]
        let text = try Self.shipped("mac-dinh.yaml").text
        guard let range = text.range(of: from) else {
            Issue.record("\(what): sample text not found")
            return
        }
        let broken = text.replacingCharacters(in: range, with: to)
        let lineOfChange = text[..<range.lowerBound].filter { $0 == "\n" }.count
        do {
            _ = try DecisionTextsReader.read(broken, file: "mac-dinh.yaml")
            Issue.record("\(what): accepted")
        } catch {
            #expect(abs(error.line - lineOfChange) <= 1, "\(what): \(error)")
        }
    }

    @Test func aProvincesWordingShapesItsNewDraftsAndEarlierDraftsKeepTheirs() async throws {
        try await DecisionStoreTests.withRound { f in
            try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "CD-1")
            let before = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            #expect(before.bases == DecisionTexts.standard.level(.commune).bases)
            #expect(before.document.recipients.first == "- Như Điều 4;", "the article naming who carries it out")

            // Province 88's own file: its regulation among the bases, its chair's office in the last article.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-texts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let own = try Self.shipped("99.yaml").text.replacingOccurrences(of: "province: \"99\"", with: "province: \"88\"")
                .replacingOccurrences(of: "tỉnh Thuận An", with: "tỉnh Thử Nghiệm")
                .replacingOccurrences(of: "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {don_vi}", with: "Văn phòng Ủy ban nhân dân {don_vi}")
            let file = folder.appendingPathComponent("88.yaml")
            try own.write(to: file, atomically: true, encoding: .utf8)
            let store = DecisionTextsStore(client: f.db.client, logger: TestDatabase.logger)
            #expect(try await store.load(files: [file]) == (loaded: 1, unchanged: 0))
            #expect(try await store.load(files: [file]) == (loaded: 0, unchanged: 1))

            try await DecisionStoreTests.waitingForDecision(f, name: "Trần Thị Bình", key: "CD-2")
            let after = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            #expect(after.bases.contains { $0.contains("Ủy ban nhân dân tỉnh Thử Nghiệm ban hành Quy chế") })
            #expect(after.document.articles.last?.hasPrefix("Điều 4. Văn phòng Ủy ban nhân dân xã An Hòa") == true)
            let reread = try #require(try await f.decisions.decision(before.key))
            #expect(reread.bases == DecisionTexts.standard.level(.commune).bases, "the earlier draft keeps its wording")
            #expect(reread.document.articles.last?.hasPrefix("Điều 4. Chánh Văn phòng Hội đồng nhân dân") == true)
            let chain = try await f.db.scalar("SELECT string_agg(action, ',') FROM audit_records WHERE chain = 'decision-texts'", as: String.self)
            #expect(chain == "load_decision_texts")
        }
    }
}
