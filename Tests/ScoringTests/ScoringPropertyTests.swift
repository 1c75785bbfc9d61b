import PropertyBased
import Scoring
import Testing

/// Properties that hold for any answers to the shipped points-based household set.
@Suite struct ScoringPropertyTests {
    static let set = try! ShippedSets.named("gia-dinh-hoc-tap@2021")

    /// Random answers for every answered indicator, driven by one generated list of integers.
    static func answers(from seeds: [Int]) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for (index, indicator) in set.indicators.enumerated() where indicator.isAnswered {
            let seed = seeds[index % seeds.count]
            switch indicator.kind {
            case .yesNo: answers[indicator.id] = seed % 2 == 0 ? .yes : .no
            case .score(let range, _): answers[indicator.id] = .points(range.lowerBound + seed % (range.count))
            case .choice(let options, _): answers[indicator.id] = .choice(options[seed % options.count].value)
            case .share:
                let whole = seed % 7
                answers[indicator.id] = .ratio(part: whole == 0 ? 0 : (seed / 7) % (whole + 1), whole: whole)
            case .fact: break
            }
        }
        return answers
    }

    /// The same answers with one indicator raised one step, if it can be.
    static func raised(_ answers: [String: Answer], at position: Int) -> [String: Answer] {
        let answered = set.indicators.filter(\.isAnswered)
        let indicator = answered[position % answered.count]
        var copy = answers
        switch (indicator.kind, answers[indicator.id]) {
        case (.yesNo, .no?): copy[indicator.id] = .yes
        case (.score(let range, _), .points(let p)?) where p < range.upperBound: copy[indicator.id] = .points(p + 1)
        case (.share, .ratio(let part, let whole)?) where part < whole: copy[indicator.id] = .ratio(part: part + 1, whole: whole)
        default: break
        }
        return copy
    }

    @Test func totalIsTheSumOfIndicatorPoints() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1000).array(of: 12)) { seeds in
            let result = try Self.set.evaluate(Self.answers(from: seeds))
            #expect(result.total == result.indicators.reduce(0) { $0 + $1.points })
            #expect(result.total == result.criteria.reduce(0) { $0 + $1.points })
            #expect(result.total <= result.maximum)
        }
    }

    @Test func raisingOneAnswerNeverLowersTheResult() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1000).array(of: 12), Gen.int(in: 0...100)) { seeds, position in
            let before = try Self.set.evaluate(Self.answers(from: seeds))
            let after = try Self.set.evaluate(Self.raised(Self.answers(from: seeds), at: position))
            #expect(after.total >= before.total)
            #expect(after.recognised || !before.recognised)
        }
    }

    @Test func raisingAnAnswerNeverLowersALevel() async throws {
        let levelled = try ShippedSets.named("cong-dong-hoc-tap-cap-xa@2023")
        let facts: [String: Fact] = [
            "villages_holding:cong-dong-hoc-tap-thon": .ratio(part: 7, whole: 10),
            "households_holding:gia-dinh-hoc-tap": .ratio(part: 9, whole: 10),
            "units_holding:don-vi-hoc-tap-xa": .ratio(part: 9, whole: 10),
        ]
        let answered = levelled.indicators.filter(\.isAnswered).map(\.id)
        await propertyCheck(count: 200, input: Gen.bool.array(of: answered.count), Gen.int(in: 0...(answered.count - 1))) { flags, position in
            var answers: [String: Answer] = [:]
            for (id, flag) in zip(answered, flags) { answers[id] = flag ? .yes : .no }
            let before = try levelled.evaluate(answers, facts: facts)
            answers[answered[position]] = .yes
            let after = try levelled.evaluate(answers, facts: facts)
            #expect((after.level ?? 0) >= (before.level ?? 0))
        }
    }
}

/// The bulk scorer and the explaining evaluator agree on every verdict.
@Suite struct ScoringProgramAgreementTests {
    static func row(_ program: ScoringProgram, answers: [String: Answer], facts: [String: Fact]) -> [Int32] {
        var row = [Int32](repeating: 0, count: program.rowWidth)
        for (index, indicator) in program.set.indicators.enumerated() {
            if let answer = answers[indicator.id] { program.encode(answer, indicator: index, into: &row) }
            switch indicator.kind {
            case .fact(let name, _): if let fact = facts[name] { program.encode(fact, indicator: index, into: &row) }
            case .share(_, _, let name?, _, _, _): if let fact = facts[name] { program.encode(fact, indicator: index, into: &row) }
            default: break
            }
        }
        return row
    }

    @Test func programAgreesWithEvaluateOnRandomHouseholds() async {
        let program = ScoringProgram(ScoringPropertyTests.set)
        await propertyCheck(count: 500, input: Gen.int(in: 0...1000).array(of: 12)) { seeds in
            let answers = ScoringPropertyTests.answers(from: seeds)
            let full = try program.set.evaluate(answers)
            var points = [Int32](repeating: -1, count: program.criterionCount)
            let fast = Self.row(program, answers: answers, facts: [:]).withUnsafeBufferPointer { row in
                points.withUnsafeMutableBufferPointer { program.score(row, criterionPoints: $0) }
            }
            #expect(Int(fast.total) == full.total)
            #expect(fast.recognised == full.recognised)
            #expect(points.map(Int.init) == full.criteria.map(\.points))
        }
    }

    @Test func programAgreesWithEvaluateOnEveryShippedSetAtItsBestAndWorst() throws {
        for set in try ShippedSets.all() {
            let program = ScoringProgram(set)
            var facts: [String: Fact] = [:]
            for indicator in set.indicators {
                switch indicator.kind {
                case .fact(let name, _): facts[name] = .bool(true)
                case .share(_, _, let name?, _, _, _): facts[name] = .ratio(part: 9, whole: 10)
                default: break
                }
            }
            var worst = AnswerSheet(bestFor: set)
            for indicator in set.indicators where indicator.isAnswered {
                switch indicator.kind {
                case .yesNo: worst = worst.with(indicator.id, .no)
                case .score(let range, _): worst = worst.with(indicator.id, .points(range.lowerBound))
                case .choice(let options, _): worst = worst.with(indicator.id, .choice(options.min { $0.points < $1.points }!.value))
                case .share: worst = worst.with(indicator.id, .ratio(part: 0, whole: 3))
                case .fact: break
                }
            }
            for answers in [AnswerSheet(bestFor: set).answers, worst.answers] {
                let full = try set.evaluate(answers, facts: facts)
                var points = [Int32](repeating: -1, count: program.criterionCount)
                let fast = Self.row(program, answers: answers, facts: facts).withUnsafeBufferPointer { row in
                    points.withUnsafeMutableBufferPointer { program.score(row, criterionPoints: $0) }
                }
                #expect(points.map(Int.init) == full.criteria.map(\.points), "\(set.reference)")
                #expect(Int(fast.total) == full.total, "\(set.reference)")
                #expect(fast.recognised == full.recognised, "\(set.reference)")
                #expect(Int(fast.level) == (full.level ?? 0), "\(set.reference)")
            }
        }
    }
}
