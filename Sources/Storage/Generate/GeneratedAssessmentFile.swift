import Scoring

/// A spreadsheet of assessments for one criteria set, written as a commune would send it: who and
/// where, then one column per indicator of the set (its id, or the fact's name). Answers are drawn
/// for any set from its indicators' kinds, so the generator follows the criteria folder without
/// knowing its sets; the importer then reads, checks and scores the file like any other.
struct GeneratedAssessmentFile {
    let set: CriteriaSet
    /// Households, clans and units carry their adults (or staff) and how many hold "Công dân học tập".
    let countsAdults: Bool
    private let columns: [(indicator: Indicator, title: String)]
    private(set) var lines: [String]

    init(set: CriteriaSet) {
        self.set = set
        countsAdults = [.household, .clan, .unit].contains(set.subject)
        var seen: Set<String> = []
        var columns: [(Indicator, String)] = []
        for indicator in set.indicators {
            let title: String =
                switch indicator.kind {
                case .fact(let name, _), .share(_, _, let name?, _, _, _): name
                default: indicator.id
                }
            if seen.insert(title).inserted { columns.append((indicator, title)) }
        }
        self.columns = columns
        let fixed = ["Mã đơn vị", "Mã đối tượng", "Tên", "Năm"] + (countsAdults ? ["Số người lớn", "Số đạt công dân học tập"] : [])
        lines = [(fixed + columns.map { $0.1 }).map(Self.cell).joined(separator: ",")]
    }

    /// One subject's row. A `strong` subject answers as one meeting the criteria would; the others
    /// answer at random and mostly fall short.
    mutating func add(unit: String, key: String, name: String, year: Int, strong: Bool, random: inout ShapeRandom) {
        var cells = [unit, key, name, String(year)]
        if countsAdults {
            let adults = set.subject == .unit ? 8 + random.below(60) : 1 + random.below(4)
            // About half the adults of a recognised household hold "Công dân học tập" themselves.
            let holding = strong ? adults / 2 + random.below(adults - adults / 2 + 1) : random.below(adults / 2 + 1)
            cells += [String(adults), String(holding)]
        }
        for (indicator, _) in columns { cells.append(Self.answer(indicator, strong: strong, random: &random)) }
        lines.append(cells.map(Self.cell).joined(separator: ","))
    }

    var rows: Int { lines.count - 1 }

    var bytes: [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    private static func answer(_ indicator: Indicator, strong: Bool, random: inout ShapeRandom) -> String {
        switch indicator.kind {
        case .yesNo, .fact:
            return strong || random.chance(50) ? "có" : "không"
        case .score(let range, let passAt):
            let low = strong ? passAt : range.lowerBound
            return String(low + random.below(range.upperBound - low + 1))
        case .choice(let options, _):
            let best = options.max { $0.points < $1.points }
            return strong ? (random.chance(80) ? best?.value ?? options[0].value : options[options.count / 2].value) : random.pick(options).value
        case .share:
            let whole = 1 + random.below(6)
            return "\(strong ? whole : random.below(whole + 1))/\(whole)"
        }
    }

    private static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
