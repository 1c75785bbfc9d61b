import Hummingbird
import Scoring
import Storage

/// A criteria set as a questionnaire form: each criterion with its answered indicators, each
/// indicator as the control its kind needs (yes/no, a share "k/n", points, a choice), its hint,
/// the answer given, a problem beside it when it was refused, and its result once scored. The
/// staff's self-assessment and appraisal form and the citizen's own form show the same thing.
struct Questionnaire {
    let services: AppServices
    let context: AppRequestContext

    func criteria(
        _ set: CriteriaSet,
        answers cells: [String: String],
        own: [String: String] = [:],
        reasons: [String: String] = [:],
        problems: [String: String] = [:],
        evaluation: Evaluation? = nil
    ) -> [[String: Any]] {
        let results = Dictionary(uniqueKeysWithValues: (evaluation?.indicators ?? []).map { ($0.id, $0) })
        return set.criteria.map { criterion in
            [
                "id": criterion.id, "title": criterion.title,
                "indicators": criterion.indicators.filter(\.isAnswered).map { indicator -> [String: Any] in
                    let value = cells[indicator.id] ?? ""
                    var row: [String: Any] = [
                        "id": indicator.id, "field": Self.answerPrefix + indicator.id, "text": indicator.text,
                        "hint": services.localized(Self.hint(indicator), context), "mandatory": indicator.mandatory,
                        "value": value, "maximum": indicator.maximumPoints, "own": own[indicator.id] ?? "",
                        "reasonField": Self.reasonPrefix + indicator.id, "reason": reasons[indicator.id] ?? "",
                    ]
                    if let problem = problems[indicator.id] { row["problem"] = problem }
                    // How each kind is answered, and what the live total counts for it.
                    switch indicator.kind {
                    case .choice(let options, _):
                        row["isChoice"] = true
                        row["options"] = options.map {
                            ["value": $0.value, "label": $0.label, "points": $0.points, "selected": $0.value == value] as [String: Any]
                        }
                    case .yesNo(let points):
                        let folded = value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                        row["isYesNo"] = true
                        row["points"] = points
                        row["yes"] = ["co", "x", "1", "yes", "dat"].contains(folded)
                        row["no"] = ["khong", "0", "no", "khong dat"].contains(folded)
                    case .share(let atLeast, let points, _, _, _, _):
                        let parts = value.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                        row["isShare"] = true
                        row["points"] = points
                        row["atLeast"] = atLeast.basisPoints
                        row["k"] = parts.first ?? ""
                        row["n"] = parts.count > 1 ? parts[1] : ""
                    case .score:
                        row["isScore"] = true
                    case .fact:
                        break
                    }
                    if let result = results[indicator.id] {
                        row["result"] = ["points": result.points, "reason": result.reason, "met": result.met]
                    }
                    return row
                },
            ]
        }
    }

    /// How an indicator is answered, as the form's hint shows it.
    static func hint(_ indicator: Indicator) -> String {
        switch indicator.kind {
        case .yesNo: "có hoặc không"
        case .score(let range, _): "điểm từ \(range.lowerBound) đến \(range.upperBound)"
        case .choice: "chọn một mức"
        case .share: "tỉ lệ dạng k/n, ví dụ 2/3"
        case .fact: "lấy từ dữ liệu khác"
        }
    }

    /// The answers of a form by indicator: one field per indicator, or two for a share ("k" of "n").
    static func answers(in fields: [String: String]) -> [String: String] {
        var answers: [String: String] = [:]
        for (name, value) in fields where name.hasPrefix(answerPrefix) {
            let field = String(name.dropFirst(answerPrefix.count))
            if field.hasSuffix(".k") || field.hasSuffix(".n") { continue }
            answers[field] = value
        }
        for (name, part) in fields where name.hasPrefix(answerPrefix) && name.hasSuffix(".k") {
            let indicator = String(name.dropFirst(answerPrefix.count).dropLast(2))
            let whole = fields[answerPrefix + indicator + ".n"] ?? ""
            let (k, n) = (part.trimmingCharacters(in: .whitespaces), whole.trimmingCharacters(in: .whitespaces))
            answers[indicator] = k.isEmpty && n.isEmpty ? "" : "\(k)/\(n)"
        }
        return answers
    }

    /// The reason for an indicator the reviewer changed, behind this prefix.
    static let reasonPrefix = "reason-"

    /// Form fields of the self-assessment are named after their indicator, behind this prefix.
    static let answerPrefix = "answer-"
}
