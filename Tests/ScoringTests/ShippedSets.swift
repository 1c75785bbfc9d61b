import Foundation
import Scoring

/// The criteria sets shipped in `criteria/`, read as the system reads them.
enum ShippedSets {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("criteria")

    static func named(_ reference: String) throws -> CriteriaSet {
        let url = directory.appendingPathComponent("\(reference).yaml")
        return try CriteriaSetReader.read(try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    static func all() throws -> [CriteriaSet] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try named(String($0.dropLast(5))) }
    }
}

/// Answers built from a default for every answered indicator, then overridden one by one.
struct AnswerSheet {
    var answers: [String: Answer]

    /// Every answered indicator at its best: yes, full points, the best option, k/k.
    init(bestFor set: CriteriaSet) {
        answers = [:]
        for indicator in set.indicators where indicator.isAnswered {
            switch indicator.kind {
            case .yesNo: answers[indicator.id] = .yes
            case .score(let range, _): answers[indicator.id] = .points(range.upperBound)
            case .choice(let options, _): answers[indicator.id] = .choice(options.max { $0.points < $1.points }!.value)
            case .share: answers[indicator.id] = .ratio(part: 3, whole: 3)
            case .fact: break
            }
        }
    }

    func with(_ id: String, _ answer: Answer) -> AnswerSheet {
        var copy = self
        copy.answers[id] = answer
        return copy
    }
}
