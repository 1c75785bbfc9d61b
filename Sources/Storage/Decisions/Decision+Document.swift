import Documents

extension Decision {
    /// The decision as the exports print it. A draft shows blanks where the number and date go.
    public var document: DecisionDocument {
        let authority = authorityName.split(separator: "\n").map(String.init)
        let body = authority.dropFirst().joined(separator: " ")
        let numbered = numberText ?? "      /\(symbol)"
        let date: String
        if let issuedOn, let day = issuedOn.split(separator: "/").first, issuedOn.count == 10 {
            let parts = issuedOn.split(separator: "/")
            date = "\(place), ngày \(day) tháng \(parts[1]) năm \(parts[2])"
        } else {
            date = "\(place), ngày      tháng      năm \(year.map(String.init) ?? "")"
        }
        let who = awardeeCounts
        let articles = editedArticles.isEmpty ? writtenArticles(who: who) : editedArticles
        let roman = ["I", "II", "III"]
        var sections: [DecisionDocument.Section] = []
        for section in Decision.sectionOrder {
            let listed = awardees.filter { $0.section == section }
            guard !listed.isEmpty else { continue }
            sections.append(
                .init(
                    heading: "\(roman[sections.count]). \(Decision.sectionTitle(section).uppercased())",
                    awardees: listed.map {
                        .init(number: $0.position, name: $0.name, detail: $0.detail, unit: $0.unitName, achievement: $0.achievement)
                    }
                )
            )
        }
        let issuer = "CHỦ TỊCH ỦY BAN NHÂN DÂN \(body)"
        return DecisionDocument(
            authority: authority,
            number: numbered,
            placeAndDate: date,
            title: title,
            issuerTitle: issuer,
            bases: bases,
            proposal: proposal,
            articles: articles,
            recipients: ["- Như Điều 3;", "- Lưu: VT."],
            signerTitle: signerTitle,
            signerName: signerName,
            listCaption:
                "(Kèm theo Quyết định số \(numbered) ngày \(issuedOn ?? "   /   /    ") của Chủ tịch Ủy ban nhân dân \(body.capitalizedFirstWordOnly))",
            sections: sections,
            isDraft: !isIssued
        )
    }
}

extension Decision {
    /// "xã Yên Bình": the issuing body's unit inside a sentence.
    var bodyInSentence: String { authorityName.split(separator: "\n").dropFirst().joined(separator: " ").capitalizedFirstWordOnly }

    /// The award with its body named: "Giấy khen của Chủ tịch Ủy ban nhân dân xã Yên Bình" for the
    /// workflow's "… Ủy ban nhân dân cấp xã".
    public var namedAwardTitle: String {
        var title = awardTitle
        for level in ["cấp xã", "cấp huyện", "cấp tỉnh"] {
            title = title.replacingOccurrences(of: "Ủy ban nhân dân \(level)", with: "Ủy ban nhân dân \(bodyInSentence)")
        }
        return title
    }

    /// Who carries the decision out: the office of the issuing People's Committee (and, in a
    /// province, the Department of Home Affairs that proposed it), the council, the awardees.
    var executors: String {
        let office =
            issuerLevel == .province
            ? "Chánh Văn phòng Ủy ban nhân dân \(bodyInSentence), Giám đốc Sở Nội vụ"
            : "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân \(bodyInSentence)"
        return
            "\(office), Hội đồng Thi đua – Khen thưởng \(bodyInSentence) và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    }

    /// The articles ThiDua writes from the list, until the drafter edits them.
    public func writtenArticles(who: String? = nil) -> [String] {
        let who = who ?? awardeeCounts
        switch kind {
        case .correction:
            return [
                "Điều 1. Đính chính Quyết định số \(refersToText ?? ""): thông tin của \(who) được ghi lại như trong danh sách kèm theo.",
                "Điều 2. Các nội dung khác của Quyết định số \(refersToText ?? "") giữ nguyên. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. \(executors)",
            ]
        case .revocation:
            return [
                "Điều 1. Thu hồi \(namedAwardTitle) đã tặng tại Quyết định số \(refersToText ?? "") cho \(who) có tên trong danh sách kèm theo.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. \(executors)",
            ]
        case .award:
            return [
                "Điều 1. Tặng \(namedAwardTitle) cho \(who) (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời năm \(roundYear).",
                "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ, do Ủy ban nhân dân \(bodyInSentence) chi từ Quỹ thi đua, khen thưởng.",
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 4. \(executors)",
            ]
        }
    }

    /// "2 tập thể, 5 cá nhân".
    var awardeeCounts: String {
        let counts = Dictionary(grouping: awardees, by: \.section).mapValues(\.count)
        return Decision.sectionOrder.compactMap { section -> String? in
            guard let count = counts[section], count > 0 else { return nil }
            return "\(count) \(Decision.sectionTitle(section).lowercased())"
        }.joined(separator: ", ")
    }
}

extension String {
    /// "Xã An Hòa" → "xã An Hòa": a unit's name inside a sentence.
    var inSentence: String {
        guard let space = firstIndex(of: " ") else { return self }
        return self[..<space].lowercased() + self[space...]
    }

    /// "XÃ AN HÒA" → "xã An Hòa": the unit's name inside a sentence.
    var capitalizedFirstWordOnly: String {
        let words = split(separator: " ")
        guard let first = words.first else { return self }
        let rest = words.dropFirst().map { word in String(word.prefix(1)) + word.dropFirst().lowercased() }
        return ([first.lowercased()] + rest).joined(separator: " ")
    }
}
