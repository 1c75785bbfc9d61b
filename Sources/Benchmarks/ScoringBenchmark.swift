import Foundation
import Scoring

/// Pure evaluation on one core: the household set, random answers.
struct ScoringBenchmark {
    let criteria: URL

    func run() throws -> [(String, String, String)] {
        let url = criteria.appendingPathComponent("gia-dinh-hoc-tap@2021.yaml")
        let set = try CriteriaSetReader.read(try String(contentsOf: url, encoding: .utf8), file: url.path)
        let program = ScoringProgram(set)
        var generator = SystemRandomNumberGenerator()
        let rowCount = 100_000
        var rows = [Int32](repeating: 0, count: rowCount * program.rowWidth)
        var answerSheets: [[String: Answer]] = []
        for r in 0..<rowCount {
            var answers: [String: Answer] = [:]
            for (index, indicator) in set.indicators.enumerated() {
                let answer: Answer
                switch indicator.kind {
                case .yesNo: answer = Bool.random(using: &generator) ? .yes : .no
                case .score(let range, _): answer = .points(Int.random(in: range, using: &generator))
                case .choice(let options, _): answer = .choice(options.randomElement(using: &generator)!.value)
                default:
                    let whole = Int.random(in: 0...4, using: &generator)
                    answer = .ratio(part: Int.random(in: 0...whole, using: &generator), whole: whole)
                }
                answers[indicator.id] = answer
                var row = [Int32](repeating: 0, count: program.rowWidth)
                program.encode(answer, indicator: index, into: &row)
                rows[r * program.rowWidth + index * 2] = row[index * 2]
                rows[r * program.rowWidth + index * 2 + 1] = row[index * 2 + 1]
            }
            if r < 20_000 { answerSheets.append(answers) }
        }

        // Fast path: as many passes over the rows as fit in about two seconds.
        var recognised = 0
        var evaluated = 0
        let clock = ContinuousClock()
        let start = clock.now
        rows.withUnsafeBufferPointer { all in
            while clock.now - start < .seconds(2) {
                for r in 0..<rowCount {
                    let slice = UnsafeBufferPointer(rebasing: all[(r * program.rowWidth)..<((r + 1) * program.rowWidth)])
                    if program.score(slice).recognised { recognised += 1 }
                }
                evaluated += rowCount
            }
        }
        let fastRate = Double(evaluated) / seconds(clock.now - start)

        // Explaining path: every indicator with its Vietnamese reason.
        let explainStart = clock.now
        var explained = 0
        while clock.now - explainStart < .seconds(2) {
            for answers in answerSheets {
                if try set.evaluate(answers).recognised { recognised += 1 }
            }
            explained += answerSheets.count
        }
        let explainRate = Double(explained) / seconds(clock.now - explainStart)
        print("scoring: \(formatted(fastRate)) assessments/s (bulk), \(formatted(explainRate)) /s (explained) [\(recognised % 2)]")
        return [
            ("Pure scoring, household set, one core (bulk path)", "\(formatted(fastRate / 1e6, decimals: 2)) M assessments/s", "≥ 2 M/s"),
            ("Pure scoring with per-indicator reasons", "\(formatted(explainRate / 1e3, decimals: 0)) k assessments/s", "—"),
        ]
    }
}
