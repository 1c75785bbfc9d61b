import Foundation

/// What the person assessing said about one indicator.
public enum Answer: Sendable, Equatable, Hashable {
    case yes
    case no
    case points(Int)
    case choice(String)
    /// `part` of `whole` (children in school, adults literate, members holding a title).
    case ratio(part: Int, whole: Int)
}

/// What other records say about the subject, for indicators that are not answered but looked up.
public enum Fact: Sendable, Equatable, Hashable {
    case bool(Bool)
    case ratio(part: Int, whole: Int)
}

extension Indicator {
    /// Reads an answer as typed in a spreadsheet cell: `có`/`không`, `x`, `1`/`0`, a number of
    /// points, an option's value, or `k/n`.
    public func parseAnswer(_ text: String) throws(ScoringError) -> Answer {
        let cell = text.trimmingCharacters(in: .whitespaces)
        let folded = cell.lowercased()
        switch kind {
        case .yesNo:
            if Self.yesWords.contains(folded) { return .yes }
            if Self.noWords.contains(folded) { return .no }
            throw .wrongAnswerType(indicator: id, expected: "có hoặc không", got: cell)
        case .score(let range, _):
            guard let value = Int(cell) else { throw .wrongAnswerType(indicator: id, expected: "số điểm", got: cell) }
            guard range.contains(value) else { throw .outOfRange(indicator: id, value: value, range: range) }
            return .points(value)
        case .choice(let options, _):
            guard let option = options.first(where: { $0.value.lowercased() == folded }) else {
                throw .unknownOption(indicator: id, value: cell, allowed: options.map(\.value))
            }
            return .choice(option.value)
        case .share:
            let parts = cell.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let part = parts[0], let whole = parts[1] else {
                throw .wrongAnswerType(indicator: id, expected: "tỉ lệ dạng k/n", got: cell)
            }
            return .ratio(part: part, whole: whole)
        case .fact:
            throw .notAnswerable(indicator: id)
        }
    }

    static let yesWords: Set<String> = ["có", "co", "x", "1", "đạt", "dat", "yes", "true", "c"]
    static let noWords: Set<String> = ["không", "khong", "0", "chưa đạt", "chua dat", "no", "false", "k", "-"]
}
