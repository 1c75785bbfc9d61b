import DataFiles

/// Reads a province's decision wording (`decision-texts/*.yaml`) and checks it: known keys and
/// levels, every kind of decision with its articles, the executors' article present, only known
/// placeholders, and each article numbered "Điều N." in order. Errors name the file and line.
public enum DecisionTextsReader {
    public static func read(_ text: String, file: String) throws(DataFileError) -> DecisionTexts {
        let top = try YAMLNode.parse(text, file: file).mapping(allowed: ["province", "levels"], required: ["province", "levels"])
        let province = try top["province"]!.scalarText()
        guard province == "*" || (province.count == 2 && province.allSatisfy(\.isNumber)) else {
            throw top["province"]!.error("mã tỉnh gồm 2 chữ số, hoặc \"*\" cho mọi tỉnh")
        }
        var levels: [String: DecisionTexts.Level] = [:]
        for (name, node) in try top["levels"]!.mapping(allowed: ["commune", "district", "province"]) {
            levels[name] = try level(node)
        }
        guard !levels.isEmpty else { throw top["levels"]!.error("cần ít nhất một cấp (commune, district, province)") }
        return DecisionTexts(province: province, levels: levels)
    }

    private static func level(_ node: YAMLNode) throws(DataFileError) -> DecisionTexts.Level {
        let keys = try node.mapping(
            allowed: ["bases", "proposal", "articles", "executors"],
            required: ["bases", "proposal", "articles", "executors"]
        )
        var bases: [String] = []
        for item in try keys["bases"]!.sequence() {
            let basis = try checked(item)
            guard basis.hasPrefix("Căn cứ ") else { throw item.error("mỗi căn cứ bắt đầu bằng \"Căn cứ \"") }
            bases.append(basis)
        }
        guard !bases.isEmpty else { throw keys["bases"]!.error("cần ít nhất một căn cứ") }
        let executors = try checked(keys["executors"]!, allowing: DecisionTexts.placeholders.subtracting(["thi_hanh"]))
        var articles: [String: [String]] = [:]
        let articleMap = try keys["articles"]!.mapping(
            allowed: ["award", "correction", "revocation"],
            required: ["award", "correction", "revocation"]
        )
        for (kind, list) in articleMap {
            var texts: [String] = []
            for item in try list.sequence() {
                let article = try checked(item)
                guard article.hasPrefix("Điều \(texts.count + 1). ") else {
                    throw item.error("điều thứ \(texts.count + 1) phải bắt đầu bằng \"Điều \(texts.count + 1). \"")
                }
                texts.append(article)
            }
            guard texts.contains(where: { $0.contains("{thi_hanh}") }) else {
                throw list.error("các điều của \"\(kind)\" phải có một điều ghi {thi_hanh} (ai chịu trách nhiệm thi hành)")
            }
            articles[kind] = texts
        }
        return DecisionTexts.Level(bases: bases, proposal: try checked(keys["proposal"]!), articles: articles, executors: executors)
    }

    /// The text, with every `{name}` one ThiDua fills.
    private static func checked(_ node: YAMLNode, allowing allowed: Set<String> = DecisionTexts.placeholders) throws(DataFileError) -> String {
        let text = try node.string()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw node.error("thiếu dấu \"}\" sau \"{\"") }
            let name = String(rest[rest.index(after: open)..<close])
            guard allowed.contains(name) else {
                throw node.error("chỗ điền không hợp lệ {\(name)} (dùng: \(allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")))")
            }
            rest = rest[rest.index(after: close)...]
        }
        return text
    }
}
