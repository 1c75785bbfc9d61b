import DataFiles

/// Reads a criteria set from YAML (the format of docs/criteria-format.md) and checks it whole:
/// every error names the file, the line and what is wrong.
public enum CriteriaSetReader {
    public static func read(_ text: String, file: String) throws(DataFileError) -> CriteriaSet {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(
            allowed: ["id", "version", "title", "subject", "issuer", "legal_basis", "status", "source", "recognition", "criteria"],
            required: ["id", "version", "title", "subject", "issuer", "legal_basis", "status", "recognition", "criteria"]
        )
        let id = try top["id"]!.identifier(of: "bộ tiêu chí")
        let version = try top["version"]!.scalarText()
        guard !version.isEmpty, !version.contains("@") else { throw top["version"]!.error("phiên bản không hợp lệ") }
        guard let subject = SubjectKind(rawValue: try top["subject"]!.string()) else {
            throw top["subject"]!.error("đối tượng không hợp lệ (chọn: \(SubjectKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let status: CriteriaSet.Status
        switch try top["status"]!.string() {
        case "official":
            status = .official
        case "provisional":
            guard let source = top["source"] else { throw top["status"]!.error("bộ tiêu chí tạm thời (provisional) phải ghi nguồn (source)") }
            status = .provisional(source: try source.string())
        default:
            throw top["status"]!.error("trạng thái phải là official hoặc provisional")
        }

        var seenIndicators: [String: Int] = [:]
        var criteria: [Criterion] = []
        var seenCriteria: Set<String> = []
        var levelNodes: [(Int?, YAMLNode)] = []
        for node in try top["criteria"]!.sequence() {
            let criterion = try readCriterion(node, seenIndicators: &seenIndicators, levels: &levelNodes)
            guard seenCriteria.insert(criterion.id).inserted else { throw node.error("mã tiêu chí \"\(criterion.id)\" bị lặp lại") }
            criteria.append(criterion)
        }
        guard !criteria.isEmpty else { throw top["criteria"]!.error("bộ tiêu chí cần ít nhất một tiêu chí") }

        let recognitionNode = top["recognition"]!
        let recognitionKeys = try recognitionNode.mapping(allowed: ["total_at_least", "minimum_level"])
        let maximum = criteria.reduce(0) { $0 + $1.maximumPoints }
        let totalAtLeast = try recognitionKeys["total_at_least"].map { node throws(DataFileError) in try node.int(in: 0...maximum) }
        let minimumLevel = try recognitionKeys["minimum_level"].map { node throws(DataFileError) in try node.int(in: 1...100) }
        if totalAtLeast == nil && minimumLevel == nil && !criteria.contains(where: { $0.minimumPoints != nil || $0.requiredMet != nil })
            && !criteria.flatMap(\.indicators).contains(where: \.mandatory)
        {
            throw recognitionNode.error("cần ít nhất một điều kiện công nhận: total_at_least, minimum_level, hoặc điều kiện theo tiêu chí")
        }
        // Levels: all indicators or none, numbered 1…K without gaps.
        let levels = levelNodes.compactMap(\.0)
        if !levels.isEmpty {
            if let unlevelled = levelNodes.first(where: { $0.0 == nil }) {
                throw unlevelled.1.error("bộ tiêu chí xét theo mức: chỉ số này thiếu khóa level")
            }
            let highest = levels.max()!
            if let gap = (1...highest).first(where: { !levels.contains($0) }) {
                throw recognitionNode.error("không có chỉ số nào ở mức \(gap); các mức phải liên tục từ 1")
            }
            if let minimumLevel, minimumLevel > highest {
                throw recognitionKeys["minimum_level"]!.error("mức tối thiểu \(minimumLevel) vượt quá mức cao nhất \(highest)")
            }
        } else if let minimumLevel = recognitionKeys["minimum_level"] {
            throw minimumLevel.error("minimum_level chỉ dùng khi các chỉ số có khóa level")
        }
        return CriteriaSet(
            id: id,
            version: version,
            title: try top["title"]!.string(),
            subject: subject,
            issuer: try top["issuer"]!.string(),
            legalBasis: try top["legal_basis"]!.string(),
            status: status,
            criteria: criteria,
            recognition: RecognitionRule(totalAtLeast: totalAtLeast, minimumLevel: minimumLevel)
        )
    }

    private static func readCriterion(
        _ node: YAMLNode,
        seenIndicators: inout [String: Int],
        levels: inout [(Int?, YAMLNode)]
    ) throws(DataFileError) -> Criterion {
        let keys = try node.mapping(
            allowed: ["id", "title", "minimum_points", "required_met", "indicators"],
            required: ["id", "title", "indicators"]
        )
        var indicators: [Indicator] = []
        for indicatorNode in try keys["indicators"]!.sequence() {
            let indicator = try readIndicator(indicatorNode)
            if let line = seenIndicators[indicator.id] {
                throw indicatorNode.error("mã chỉ số \"\(indicator.id)\" đã dùng ở dòng \(line)")
            }
            seenIndicators[indicator.id] = indicatorNode.line
            levels.append((indicator.level, indicatorNode))
            indicators.append(indicator)
        }
        guard !indicators.isEmpty else { throw keys["indicators"]!.error("tiêu chí cần ít nhất một chỉ số") }
        let maximum = indicators.reduce(0) { $0 + $1.maximumPoints }
        let minimumPoints = try keys["minimum_points"].map { n throws(DataFileError) in try n.int(in: 0...maximum) }
        var requiredMet: Criterion.RequiredMet?
        if let required = keys["required_met"] {
            if (try? required.string()) == "all" {
                requiredMet = .all
            } else {
                requiredMet = .atLeast(try required.int(in: 1...indicators.count))
            }
        }
        return Criterion(
            id: try keys["id"]!.scalarText(),
            title: try keys["title"]!.string(),
            indicators: indicators,
            minimumPoints: minimumPoints,
            requiredMet: requiredMet
        )
    }

    private static let commonKeys: Set<String> = ["id", "text", "type", "mandatory", "level", "evidence"]
    private static let keysByType: [String: Set<String>] = [
        "yes_no": ["points"],
        "score": ["min", "max", "pass_at"],
        "choice": ["options", "pass_at"],
        "share": ["at_least", "points", "fact", "counted", "shortfall", "when_none"],
        "fact": ["fact", "points"],
    ]

    private static let allTypeKeys: Set<String> = keysByType.values.reduce(into: Set<String>()) { $0.formUnion($1) }

    private static func readIndicator(_ node: YAMLNode) throws(DataFileError) -> Indicator {
        let typeKeys = try node.mapping(allowed: commonKeys.union(allTypeKeys), required: ["id", "text", "type"])
        let type = try typeKeys["type"]!.string()
        guard let allowed = keysByType[type] else {
            throw typeKeys["type"]!.error("loại chỉ số không hợp lệ \"\(type)\" (chọn: \(keysByType.keys.sorted().joined(separator: ", ")))")
        }
        let keys = try node.mapping(allowed: commonKeys.union(allowed), required: ["id", "text", "type"])
        let id = try keys["id"]!.scalarText()
        func points() throws(DataFileError) -> Int {
            guard let node = keys["points"] else { throw keys["type"]!.error("chỉ số loại \(type) cần khóa points") }
            return try node.int(in: 0...10_000)
        }
        let kind: Indicator.Kind
        switch type {
        case "yes_no":
            kind = .yesNo(points: try points())
        case "score":
            guard let maxNode = keys["max"] else { throw node.error("chỉ số loại score cần khóa max") }
            let minimum = try keys["min"]?.int(in: 0...10_000) ?? 0
            let maximum = try maxNode.int(in: minimum...10_000)
            let passAt = try keys["pass_at"]?.int(in: minimum...maximum) ?? min(maximum, max(minimum, 1))
            kind = .score(range: minimum...maximum, passAt: passAt)
        case "choice":
            guard let optionsNode = keys["options"] else { throw node.error("chỉ số loại choice cần khóa options") }
            var options: [Indicator.Option] = []
            for optionNode in try optionsNode.sequence() {
                let option = try optionNode.mapping(allowed: ["value", "label", "points"], required: ["value", "label", "points"])
                let value = try option["value"]!.scalarText()
                guard !options.contains(where: { $0.value == value }) else { throw optionNode.error("phương án \"\(value)\" bị lặp lại") }
                options.append(.init(value: value, label: try option["label"]!.string(), points: try option["points"]!.int(in: 0...10_000)))
            }
            guard options.count >= 2 else { throw optionsNode.error("cần ít nhất hai phương án") }
            let best = options.map(\.points).max()!
            let passAt = try keys["pass_at"]?.int(in: 0...best) ?? min(best, 1)
            kind = .choice(options: options, passAt: passAt)
        case "share":
            guard let atLeastNode = keys["at_least"] else { throw node.error("chỉ số loại share cần khóa at_least") }
            guard let atLeast = Percent(parsing: try atLeastNode.scalarText()) else {
                throw atLeastNode.error("tỉ lệ phải có dạng 90% (0–100%, tối đa hai chữ số thập phân)")
            }
            kind = .share(
                atLeast: atLeast,
                points: try points(),
                fact: try keys["fact"]?.string(),
                counted: try keys["counted"]?.string(),
                shortfall: try keys["shortfall"]?.string(),
                metWhenEmpty: try keys["when_none"].map { node throws(DataFileError) in
                    switch try node.string() {
                    case "met": return true
                    case "unmet": return false
                    default: throw node.error("when_none phải là met hoặc unmet")
                    }
                } ?? false
            )
        default:
            guard let factNode = keys["fact"] else { throw node.error("chỉ số loại fact cần khóa fact") }
            kind = .fact(name: try factNode.string(), points: try points())
        }
        return Indicator(
            id: id,
            text: try keys["text"]!.string(),
            kind: kind,
            mandatory: try keys["mandatory"]?.bool() ?? false,
            level: try keys["level"]?.int(in: 1...100),
            evidence: try keys["evidence"].map { list throws(DataFileError) in
                var items: [String] = []
                for item in try list.sequence() { items.append(try item.string()) }
                return items
            } ?? []
        )
    }
}
