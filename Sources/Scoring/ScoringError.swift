/// Why an assessment cannot be scored. Each case names the indicator; nothing is counted as zero
/// silently.
public enum ScoringError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownIndicator(String)
    case missingAnswer(indicator: String)
    case wrongAnswerType(indicator: String, expected: String, got: String)
    case outOfRange(indicator: String, value: Int, range: ClosedRange<Int>)
    case unknownOption(indicator: String, value: String, allowed: [String])
    case invalidRatio(indicator: String, part: Int, whole: Int)
    case missingFact(indicator: String, fact: String)
    case notAnswerable(indicator: String)

    public var indicator: String {
        switch self {
        case .unknownIndicator(let id), .missingAnswer(let id), .wrongAnswerType(let id, _, _), .outOfRange(let id, _, _),
            .unknownOption(let id, _, _), .invalidRatio(let id, _, _), .missingFact(let id, _), .notAnswerable(let id):
            id
        }
    }

    public var description: String {
        switch self {
        case .unknownIndicator(let id):
            "Chỉ số \(id) không có trong bộ tiêu chí."
        case .missingAnswer(let id):
            "Chỉ số \(id): chưa có câu trả lời."
        case .wrongAnswerType(let id, let expected, let got):
            "Chỉ số \(id): cần \(expected), nhận được \"\(got)\"."
        case .outOfRange(let id, let value, let range):
            "Chỉ số \(id): \(value) điểm nằm ngoài khoảng \(range.lowerBound)–\(range.upperBound)."
        case .unknownOption(let id, let value, let allowed):
            "Chỉ số \(id): phương án \"\(value)\" không hợp lệ (chọn một trong: \(allowed.joined(separator: ", ")))."
        case .invalidRatio(let id, let part, let whole):
            "Chỉ số \(id): tỉ lệ \(part)/\(whole) không hợp lệ (cần 0 ≤ k ≤ n)."
        case .missingFact(let id, let fact):
            "Chỉ số \(id): thiếu dữ liệu \"\(fact)\" từ hồ sơ khác."
        case .notAnswerable(let id):
            "Chỉ số \(id) được xác định từ hồ sơ khác, không nhập câu trả lời."
        }
    }
}
