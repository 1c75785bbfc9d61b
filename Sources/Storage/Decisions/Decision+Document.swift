import Documents

extension Decision {
    /// The decision as the exports print it. A draft shows blanks where the number and date go.
    public var document: DecisionDocument {
        let authority = authorityName.split(separator: "\n").map(String.init)
        let body = authority.dropFirst().joined(separator: " ")
        let counts = Dictionary(grouping: awardees, by: \.section).mapValues(\.count)
        let numbered = numberText ?? "      /\(symbol)"
        let date: String
        if let issuedOn, let day = issuedOn.split(separator: "/").first, issuedOn.count == 10 {
            let parts = issuedOn.split(separator: "/")
            date = "\(place), ngày \(day) tháng \(parts[1]) năm \(parts[2])"
        } else {
            date = "\(place), ngày      tháng      năm \(year.map(String.init) ?? "")"
        }
        let who = Decision.sectionOrder.compactMap { section -> String? in
            guard let count = counts[section], count > 0 else { return nil }
            return "\(count) \(Decision.sectionTitle(section).lowercased())"
        }.joined(separator: ", ")
        let articles: [String]
        if kind == .correction {
            articles = [
                "Điều 1. Đính chính Quyết định số \(refersToText ?? ""): thông tin của \(who) được ghi lại như trong danh sách kèm theo.",
                "Điều 2. Các nội dung khác của Quyết định số \(refersToText ?? "") giữ nguyên. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. Chánh Văn phòng Ủy ban nhân dân, Hội đồng Thi đua – Khen thưởng và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ]
        } else if kind == .revocation {
            articles = [
                "Điều 1. Thu hồi \(awardTitle) đã tặng tại Quyết định số \(refersToText ?? "") cho \(who) có tên trong danh sách kèm theo.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. Chánh Văn phòng Ủy ban nhân dân, Hội đồng Thi đua – Khen thưởng và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ]
        } else {
            articles = [
                "Điều 1. Tặng \(awardTitle) cho \(who) (có danh sách kèm theo) đã có thành tích trong \(roundName).",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. Chánh Văn phòng Ủy ban nhân dân, Hội đồng Thi đua – Khen thưởng và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ]
        }
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
