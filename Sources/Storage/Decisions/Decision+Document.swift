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
        let issuer = organisation?.issuerTitle ?? "CHỦ TỊCH ỦY BAN NHÂN DÂN \(body)"
        let caption = organisation.map { "Chủ tịch \($0.name)" } ?? "Chủ tịch Ủy ban nhân dân \(body.capitalizedFirstWordOnly)"
        return DecisionDocument(
            authority: authority,
            number: numbered,
            placeAndDate: date,
            title: title,
            issuerTitle: issuer,
            bases: bases,
            proposal: proposal,
            articles: articles,
            // The last article names who carries the decision out.
            recipients: ["- Như Điều \(articles.count);", "- Lưu: VT."],
            signerTitle: signerTitle,
            signerName: signerName,
            listCaption:
                "(Kèm theo Quyết định số \(numbered) ngày \(issuedOn ?? "   /   /    ") của \(caption))",
            sections: sections,
            isDraft: !isIssued
        )
    }
}

extension Decision {
    /// "xã Yên Bình": the issuing body's unit inside a sentence; an organisation's name
    /// ("Hội Khuyến học xã Yên Bình") for its decisions.
    var bodyInSentence: String {
        organisation?.name ?? authorityName.split(separator: "\n").dropFirst().joined(separator: " ").capitalizedFirstWordOnly
    }

    /// The award with its body named: "Giấy khen của Chủ tịch Ủy ban nhân dân xã Yên Bình" for the
    /// workflow's "… Ủy ban nhân dân cấp xã"; "Giấy khen của Hội Khuyến học xã Yên Bình" for "…
    /// Hội Khuyến học cấp xã".
    public var namedAwardTitle: String { Self.namedTitle(awardTitle, body: bodyInSentence, organisation: organisation?.name) }

    /// "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" with its body named ("… xã Yên Bình"); for
    /// an organisation, "<its kind> cấp xã" becomes its name.
    static func namedTitle(_ title: String, body: String, organisation: String? = nil) -> String {
        var named = title
        for level in ["cấp xã", "cấp huyện", "cấp tỉnh"] {
            if let organisation, let kindEnd = named.range(of: " \(level)"),
                let kind = Organisation.knownKinds.values.first(where: {
                    named[..<kindEnd.lowerBound].hasSuffix($0)
                })
            {
                let start = named.index(kindEnd.lowerBound, offsetBy: -kind.count)
                named.replaceSubrange(start..<kindEnd.upperBound, with: organisation)
            }
            named = named.replacingOccurrences(of: "Ủy ban nhân dân \(level)", with: "Ủy ban nhân dân \(body)")
        }
        return named
    }

    /// The wording the draft was made with, or ThiDua's for its level (drafts older than wording as data).
    var wording: DecisionTexts.Level { texts ?? DecisionTexts.standard.level(issuerLevel) }

    /// The articles ThiDua writes from the list and the province's wording, until the drafter edits them.
    public func writtenArticles(who: String? = nil) -> [String] {
        var values = [
            "don_vi": bodyInSentence, "hinh_thuc": namedAwardTitle, "doi_tuong": who ?? awardeeCounts, "nam": String(roundYear),
            "quyet_dinh_goc": refersToText ?? "",
        ]
        values["thi_hanh"] = DecisionTexts.fill(wording.executors, values)
        let patterns = wording.articles[kind.rawValue] ?? DecisionTexts.standard.level(issuerLevel).articles[kind.rawValue] ?? []
        return patterns.map { DecisionTexts.fill($0, values) }
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
    public var inSentence: String {
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
