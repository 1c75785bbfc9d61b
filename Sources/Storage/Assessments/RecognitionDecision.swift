import Documents

/// The draft of a recognition decision (quyết định công nhận danh hiệu) a chair signs: the People's
/// Committee of the unit — or the organisation the province's rule names, such as the commune's
/// Hội Khuyến học, under its own header, charter and number — recognises the title for the year, on the province's basis, for everyone
/// the list names (recognised already, or meeting the criteria and awaiting the decision). Before
/// it is recorded, number and date are left blank; once recorded, the document carries them.
public enum RecognitionDecision {
    public static func document(
        unitName: String,
        title: String,
        year: Int,
        basis: String?,
        subjects: [AssessmentRepository.RecognisedSubject],
        recorded: RecognitionDecisionStore.Recorded? = nil,
        organisation: Organisation? = nil
    ) -> DecisionDocument {
        let body = unitName.inSentence
        let firstBasis = organisation.map { Self.basis($0.charterBasis) } ?? "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        var bases = [firstBasis]
        if let basis, !basis.trimmingCharacters(in: .whitespaces).isEmpty {
            let text = basis.trimmingCharacters(in: .whitespaces)
            bases.append((text.hasPrefix("Căn cứ") ? text : "Căn cứ \(text)") + (text.hasSuffix(";") ? "" : ";"))
        }
        // Once recorded: its number, date and signer; before, blanks for the văn thư.
        let number = recorded.map { "\($0.number)/\($0.symbol)" } ?? "      /\(organisation?.symbol ?? "QĐ-UBND")"
        let dateParts = recorded?.issuedOn.split(separator: "/").map(String.init) ?? []
        let placeAndDate =
            dateParts.count == 3
            ? "\(DecisionStore.place(unitName)), ngày \(dateParts[0]) tháng \(dateParts[1]) năm \(dateParts[2])"
            : "\(DecisionStore.place(unitName)), ngày      tháng      năm \(year)"
        var memo = DecisionDocument(
            authority: organisation.map { [$0.parentName?.uppercased(), $0.name.uppercased()].compactMap { $0 } }
                ?? ["ỦY BAN NHÂN DÂN", unitName.uppercased()],
            number: number,
            placeAndDate: placeAndDate,
            title: "Về việc công nhận danh hiệu “\(title)” năm \(year)",
            issuerTitle: organisation?.issuerTitle ?? "CHỦ TỊCH ỦY BAN NHÂN DÂN \(unitName.uppercased())",
            bases: bases,
            proposal: "Xét kết quả đánh giá, thẩm định danh hiệu “\(title)” năm \(year) trên địa bàn \(body).",
            articles: [
                "Điều 1. Công nhận danh hiệu “\(title)” năm \(year) cho \(subjects.count) đối tượng có tên trong danh sách kèm theo.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                organisation.map {
                    "Điều 3. Văn phòng \($0.name), các chi hội ở thôn, tổ dân phố và các đối tượng có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
                }
                    ?? "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân \(body), các thôn, tổ dân phố và các đối tượng có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ],
            recipients: ["- Như Điều 3;", "- Lưu: VT."],
            signerTitle: recorded?.signerTitle ?? organisation?.signerTitle ?? "CHỦ TỊCH",
            signerName: recorded?.signerName ?? "",
            listCaption:
                "(Kèm theo Quyết định số \(number) ngày \(recorded?.issuedOn ?? "     /     /\(year)") của \(organisation.map { "Chủ tịch \($0.name)" } ?? "Chủ tịch Ủy ban nhân dân \(body)"))",
            sections: [
                .init(
                    heading: "DANH SÁCH ĐƯỢC CÔNG NHẬN",
                    awardees: subjects.enumerated().map { index, subject in
                        .init(
                            number: index + 1,
                            name: subject.subjectName,
                            // Name and place, as decisions list people: a subject's key can be a
                            // citizen's identity number, which a decision read aloud must not carry.
                            detail: "",
                            unit: subject.villageName,
                            achievement: "Đạt tiêu chí, \(subject.total) điểm"
                        )
                    }
                )
            ],
            isDraft: recorded == nil
        )
        memo.listHeading = "DANH SÁCH CÔNG NHẬN DANH HIỆU “\(title.uppercased())” NĂM \(year)"
        return memo
    }

    /// A basis as decisions cite it: "Căn cứ …;".
    static func basis(_ text: String) -> String {
        let text = text.trimmingCharacters(in: .whitespaces)
        return (text.hasPrefix("Căn cứ") ? text : "Căn cứ \(text)") + (text.hasSuffix(";") ? "" : ";")
    }
}
