import Scoring
import Testing

@Suite struct InvalidAnswerTests {
    private let set: CriteriaSet

    init() throws {
        set = try ShippedSets.named("gia-dinh-hoc-tap@2021")
    }

    private var best: AnswerSheet { AnswerSheet(bestFor: set) }

    @Test func unknownIndicatorIsNamed() {
        #expect(throws: ScoringError.unknownIndicator("9.9")) { try set.evaluate(best.with("9.9", .yes).answers) }
    }

    @Test func missingAnswerIsAnErrorNotAZero() {
        var answers = best.answers
        answers["3.1"] = nil
        #expect(throws: ScoringError.missingAnswer(indicator: "3.1")) { try set.evaluate(answers) }
    }

    @Test func pointsOutOfRangeAreRefused() {
        #expect(throws: ScoringError.outOfRange(indicator: "4.1", value: 11, range: 0...10)) {
            try set.evaluate(best.with("4.1", .points(11)).answers)
        }
    }

    @Test func wrongKindOfAnswerIsRefused() {
        #expect(throws: ScoringError.self) { try set.evaluate(best.with("3.1", .points(10)).answers) }
    }

    @Test func ratioWithMoreThanTheWholeIsRefused() {
        #expect(throws: ScoringError.invalidRatio(indicator: "1.1", part: 4, whole: 3)) {
            try set.evaluate(best.with("1.1", .ratio(part: 4, whole: 3)).answers)
        }
    }

    @Test func missingFactAndAnsweredFactAreRefused() throws {
        let unit = try ShippedSets.named("don-vi-hoc-tap@2023")
        #expect(throws: ScoringError.missingFact(indicator: "1.1", fact: "members_holding:cong-dan-hoc-tap")) {
            try unit.evaluate(["1.3": .choice("1")])
        }
        #expect(throws: ScoringError.unknownOption(indicator: "1.3", value: "9", allowed: ["0", "1", "2"])) {
            try unit.evaluate(
                ["1.3": .choice("9")],
                facts: ["members_holding:cong-dan-hoc-tap": .ratio(part: 1, whole: 1), "title_held:tap-the-lao-dong-tien-tien": .bool(true)]
            )
        }
        #expect(throws: ScoringError.notAnswerable(indicator: "1.2")) {
            try unit.evaluate(
                ["1.3": .choice("1"), "1.2": .yes],
                facts: ["members_holding:cong-dan-hoc-tap": .ratio(part: 1, whole: 1), "title_held:tap-the-lao-dong-tien-tien": .bool(true)]
            )
        }
    }

    @Test func spreadsheetCellsParseToAnswers() throws {
        let indicators = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, $0) })
        #expect(try indicators["3.1"]!.parseAnswer("Có") == .yes)
        #expect(try indicators["3.1"]!.parseAnswer(" không ") == .no)
        #expect(try indicators["4.1"]!.parseAnswer("7") == .points(7))
        #expect(try indicators["1.1"]!.parseAnswer("2/3") == .ratio(part: 2, whole: 3))
        #expect(throws: ScoringError.outOfRange(indicator: "4.1", value: 12, range: 0...10)) { try indicators["4.1"]!.parseAnswer("12") }
        #expect(throws: ScoringError.self) { try indicators["3.1"]!.parseAnswer("có lẽ") }
    }

    @Test func percentagesCompareExactly() {
        #expect(Percent(parsing: "90%") == Percent(basisPoints: 9000))
        #expect(Percent(parsing: "66,67%") == Percent(basisPoints: 6667))
        #expect(Percent(parsing: "101%") == nil)
        #expect(!Percent(basisPoints: 9000).isReached(by: 899, of: 1000))
        #expect(Percent(basisPoints: 9000).isReached(by: 9, of: 10))
        #expect(Percent.format(1, of: 3) == "33,3%")
    }
}
