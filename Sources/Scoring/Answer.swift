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
        // Cells from the importer arrive trimmed; others may not.
        let edges = (text.utf8.first ?? 0, text.utf8.last ?? 0)
        let untrimmed = edges.0 == 0x20 || edges.0 == 0x09 || edges.1 == 0x20 || edges.1 == 0x09 || edges.0 == 0xC2 || edges.1 == 0xA0
        let cell = untrimmed ? text.trimmingCharacters(in: .whitespaces) : text
        switch kind {
        case .yesNo:
            // Nearly every cell is written "có" or "không": compared by bytes, without the
            // Unicode-normalising hash a set look-up takes.
            if cell.utf8.elementsEqual(Self.yesBytes) { return .yes }
            if cell.utf8.elementsEqual(Self.noBytes) { return .no }
            if Self.yesWords.contains(cell) { return .yes }
            if Self.noWords.contains(cell) { return .no }
            let folded = cell.lowercased()
            if Self.yesWords.contains(folded) { return .yes }
            if Self.noWords.contains(folded) { return .no }
            throw .wrongAnswerType(indicator: id, expected: "có hoặc không", got: cell)
        case .score(let range, _):
            guard let value = Int(cell) else { throw .wrongAnswerType(indicator: id, expected: "số điểm", got: cell) }
            guard range.contains(value) else { throw .outOfRange(indicator: id, value: value, range: range) }
            return .points(value)
        case .choice(let options, _):
            if let option = options.first(where: { $0.value == cell }) { return .choice(option.value) }
            let folded = cell.lowercased()
            guard let option = options.first(where: { $0.value.lowercased() == folded }) else {
                throw .unknownOption(indicator: id, value: cell, allowed: options.map(\.value))
            }
            return .choice(option.value)
        case .share:
            guard let (part, whole) = Self.ratio(cell) else {
                throw .wrongAnswerType(indicator: id, expected: "tỉ lệ dạng k/n", got: cell)
            }
            return .ratio(part: part, whole: whole)
        case .fact:
            throw .notAnswerable(indicator: id)
        }
    }

    /// Reads `k/n` (spaces allowed around the numbers) without allocating.
    public static func ratio(_ cell: String) -> (Int, Int)? {
        var part = 0
        var whole = 0
        var seenSlash = false
        var digitsBefore = 0
        var digitsAfter = 0
        for byte in cell.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if seenSlash {
                    guard digitsAfter < 9 else { return nil }
                    whole = whole * 10 + digit
                    digitsAfter += 1
                } else {
                    guard digitsBefore < 9 else { return nil }
                    part = part * 10 + digit
                    digitsBefore += 1
                }
            case UInt8(ascii: "/"):
                guard !seenSlash else { return nil }
                seenSlash = true
            case UInt8(ascii: " "):
                continue
            default:
                return nil
            }
        }
        guard seenSlash, digitsBefore > 0, digitsAfter > 0 else { return nil }
        return (part, whole)
    }

    static let yesBytes = Array("có".utf8)
    static let noBytes = Array("không".utf8)
    static let yesWords: Set<String> = ["có", "co", "x", "1", "đạt", "dat", "yes", "true", "c", "Có", "X", "Đạt"]
    static let noWords: Set<String> = ["không", "khong", "0", "chưa đạt", "chua dat", "no", "false", "k", "-", "Không", "Chưa đạt"]
}
