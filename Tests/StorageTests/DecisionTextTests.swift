import Documents
import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// A decision an official signs without retyping: the body named in the award and the articles,
/// the laws with their dates, an article on the prize money, the text editable until issuing,
/// and the number the văn thư takes from the People's Committee's register.
@Suite struct DecisionTextTests {
    @Test func aDraftNamesTheBodyDatesTheLawsAndProvidesForThePrizeMoney() async throws {
        try await DecisionStoreTests.withRound { f in
            try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "CD-1")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            #expect(draft.title == "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa")
            #expect(draft.bases.first == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
            #expect(draft.proposal == "Xét đề nghị của Hội đồng Thi đua – Khen thưởng xã An Hòa.")
            let articles = draft.document.articles
            #expect(
                articles[0]
                    == "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa cho 1 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời năm 2025."
            )
            #expect(articles[1].hasPrefix("Điều 2. Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số 152/2025/NĐ-CP"))
            #expect(articles[3].hasPrefix("Điều 4. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã An Hòa"))
            #expect(!articles.joined().contains("cấp xã"))
            #expect(!articles.joined().contains("Năm 2025"), "the round's name is not pasted into the sentence")
        }
    }

    @Test func editedArticlesAreKeptUntilResetAndIssuedAsEdited() async throws {
        try await DecisionStoreTests.withRound { f in
            try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "CD-1")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let edited = ["Điều 1. Tặng Giấy khen cho ông Nguyễn Văn An.", "  ", "Điều 2. Mức thưởng 540.000 đồng.", "Điều 3. Thi hành./."]
            let saved = try await f.decisions.updateDraft(
                draft.key,
                title: "Về việc khen thưởng năm 2025",
                bases: ["Căn cứ A;", "", "Căn cứ B;"],
                proposal: nil,
                articles: edited,
                signerName: nil,
                signerTitle: nil
            )
            #expect(
                saved.editedArticles == ["Điều 1. Tặng Giấy khen cho ông Nguyễn Văn An.", "Điều 2. Mức thưởng 540.000 đồng.", "Điều 3. Thi hành./."]
            )
            #expect(saved.bases == ["Căn cứ A;", "Căn cứ B;"])
            #expect(saved.document.articles == saved.editedArticles)
            await #expect(throws: DecisionError.emptyText("Trích yếu")) {
                _ = try await f.decisions.updateDraft(draft.key, title: " ", bases: nil, proposal: nil, signerName: nil, signerTitle: nil)
            }
            let back = try await f.decisions.updateDraft(
                draft.key,
                title: nil,
                bases: nil,
                proposal: nil,
                articles: [],
                signerName: nil,
                signerTitle: nil
            )
            #expect(back.editedArticles.isEmpty)
            #expect(back.document.articles == back.writtenArticles())
            let again = try await f.decisions.updateDraft(
                draft.key,
                title: nil,
                bases: nil,
                proposal: nil,
                articles: edited,
                signerName: nil,
                signerTitle: nil
            )
            let issued = try await f.decisions.issue(again.key, on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)
            #expect(issued.document.articles == saved.editedArticles)
        }
    }

    @Test func theVanThuNumberIsCheckedAndTheSeriesMovesPastIt() async throws {
        try await DecisionStoreTests.withRound { f in
            var keys: [DecisionKey] = []
            for index in 1...3 {
                try await DecisionStoreTests.waitingForDecision(f, name: "Người \(index)", key: "CD-\(index)")
                keys.append(
                    try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil).key
                )
            }
            let day = Day(year: 2025, month: 12, day: 20)!
            let entered = try await f.decisions.issue(keys[0], on: day, number: 125, issuedBy: nil)
            #expect(entered.numberText == "125/QĐ-UBND")
            await #expect(throws: DecisionError.numberTaken("125/QĐ-UBND", year: 2025)) {
                _ = try await f.decisions.issue(keys[1], on: day, number: 125, issuedBy: nil)
            }
            await #expect(throws: DecisionError.badNumber(0)) {
                _ = try await f.decisions.issue(keys[1], on: day, number: 0, issuedBy: nil)
            }
            // The refused issuing left the draft as it was; the series goes on after 125.
            let next = try await f.decisions.issue(keys[1], on: day, issuedBy: nil)
            #expect(next.numberText == "126/QĐ-UBND")
            // A lower free number from the register is accepted.
            let lower = try await f.decisions.issue(keys[2], on: day, number: 7, issuedBy: nil)
            #expect(lower.numberText == "7/QĐ-UBND")
        }
    }
}
