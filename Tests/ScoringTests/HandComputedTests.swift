import Scoring
import Testing

/// Hand-computed cases for every shipped set.
@Suite struct HandComputedTests {
    @Test func everyShippedSetReadsAndIsMarkedProvisionalWithItsSource() throws {
        let sets = try ShippedSets.all()
        #expect(sets.count == 10)
        for set in sets {
            guard case .provisional(let source) = set.status else {
                Issue.record("\(set.reference) claims to be official")
                continue
            }
            #expect(!source.isEmpty)
        }
    }

    // MARK: Gia đình học tập 2015 (points, threshold 80 of 100, 4.2 mandatory)

    @Test func familyWithEveryIndicatorMetScoresFullMarks() throws {
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2015")
        let result = try set.evaluate(AnswerSheet(bestFor: set).answers)
        #expect(result.total == 100)
        #expect(result.maximum == 100)
        #expect(result.recognised)
        #expect(result.setReference == "gia-dinh-hoc-tap@2015")
        #expect(result.summary == "Đạt — 100/100 điểm")
    }

    @Test func familyExactlyAtThresholdIsRecognised() throws {
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2015")
        let answers = AnswerSheet(bestFor: set).with("1.3", .no).with("3.2", .no).answers
        let result = try set.evaluate(answers)
        #expect(result.total == 80)
        #expect(result.recognised)
    }

    @Test func familyOnePointBelowThresholdIsNotRecognised() throws {
        // The 2021 set has a 0–10 score indicator (4.1), so 79 can be reached exactly.
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2021")
        let best = AnswerSheet(bestFor: set)
        let at80 = best.with("3.1", .no).with("3.2", .no).with("4.1", .points(10))
        let at79 = at80.with("4.1", .points(9))
        #expect(try set.evaluate(at80.answers).total == 80)
        #expect(try set.evaluate(at80.answers).recognised)
        let below = try set.evaluate(at79.answers)
        #expect(below.total == 79)
        #expect(!below.recognised)
        #expect(below.shortfalls == ["Tổng điểm 79, cần tối thiểu 80."])
    }

    @Test func failedMandatoryIndicatorBlocksRecognitionWhateverTheTotal() throws {
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2015")
        let result = try set.evaluate(AnswerSheet(bestFor: set).with("4.2", .no).answers)
        #expect(result.total == 90)
        #expect(!result.recognised)
        #expect(result.shortfalls == ["Chỉ số bắt buộc 4.2 chưa đạt."])
    }

    @Test func shareIndicatorExplainsWhoIsMissing() throws {
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2015")
        let result = try set.evaluate(AnswerSheet(bestFor: set).with("1.1", .ratio(part: 2, whole: 3)).answers)
        let indicator = try #require(result.indicators.first { $0.id == "1.1" })
        #expect(indicator.points == 0)
        #expect(indicator.reason == "Chưa đạt: có 1/3 trẻ em chưa hoàn thành phổ cập")
        #expect(result.total == 90)
    }

    @Test func householdWithoutSchoolAgeChildrenMeetsTheChildrenIndicator() throws {
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2015")
        let result = try set.evaluate(AnswerSheet(bestFor: set).with("1.1", .ratio(part: 0, whole: 0)).answers)
        #expect(result.indicators.first { $0.id == "1.1" }?.points == 10)
        #expect(result.indicators.first { $0.id == "1.1" }?.reason == "Đạt: không có trẻ em thuộc diện tính")
    }

    @Test func criterionMinimumIsEnforced() throws {
        // 2021: criterion 1 needs 15 of 25 points; 1.1 is also mandatory.
        let set = try ShippedSets.named("gia-dinh-hoc-tap@2021")
        let result = try set.evaluate(AnswerSheet(bestFor: set).with("1.1", .ratio(part: 1, whole: 2)).answers)
        #expect(result.criteria[0].points == 10)
        #expect(!result.criteria[0].passed)
        #expect(result.criteria[0].reason == "Chưa đạt: đạt 10 điểm, cần tối thiểu 15")
        #expect(!result.recognised)
    }

    // MARK: Dòng họ, Cộng đồng (thôn): facts from other records

    @Test func clanNeedsSeventyPercentOfItsHouseholds() throws {
        let set = try ShippedSets.named("dong-ho-hoc-tap@2021")
        let answers = AnswerSheet(bestFor: set).answers
        let passing = try set.evaluate(answers, facts: ["households_holding:gia-dinh-hoc-tap": .ratio(part: 7, whole: 10)])
        #expect(passing.total == 100)
        #expect(passing.recognised)
        let failing = try set.evaluate(answers, facts: ["households_holding:gia-dinh-hoc-tap": .ratio(part: 69, whole: 100)])
        #expect(failing.total == 70)
        #expect(!failing.recognised)
        #expect(failing.indicators[0].reason == "Chưa đạt: có 31/100 hộ gia đình chưa đạt \"Gia đình học tập\"")
    }

    @Test func villageScoreAddsFactsAndAnswers() throws {
        let set = try ShippedSets.named("cong-dong-hoc-tap-thon@2021")
        let facts: [String: Fact] = [
            "households_holding:gia-dinh-hoc-tap": .ratio(part: 140, whole: 200),
            "adults_holding:cong-dan-hoc-tap": .ratio(part: 150, whole: 400),
            "title_held:thon-van-hoa": .bool(true),
        ]
        // 30 (70% of households) + 0 (37.5% < 40% adults) + 20 + 15 + 15 = 80 ≥ 70.
        let result = try set.evaluate(AnswerSheet(bestFor: set).answers, facts: facts)
        #expect(result.total == 80)
        #expect(result.recognised)
        #expect(result.indicators[1].reason == "Chưa đạt: có 250/400 người lớn chưa đạt \"Công dân học tập\"")
        #expect(result.indicators[4].reason.hasPrefix("Đạt: hồ sơ ghi nhận"))
    }

    // MARK: Đơn vị học tập: the 90%-of-members rule and n-of-m

    @Test func unitAt89point9PercentFailsAndAt90PercentPasses() throws {
        let set = try ShippedSets.named("don-vi-hoc-tap@2023")
        let answers: [String: Answer] = ["1.3": .choice("1")]
        func facts(_ part: Int) -> [String: Fact] {
            ["members_holding:cong-dan-hoc-tap": .ratio(part: part, whole: 1000), "title_held:tap-the-lao-dong-tien-tien": .bool(true)]
        }
        let below = try set.evaluate(answers, facts: facts(899))
        #expect(!below.recognised)
        #expect(below.indicators[0].reason == "Chưa đạt: có 101/1000 thành viên chưa đạt \"Công dân học tập\"")
        let at = try set.evaluate(answers, facts: facts(900))
        #expect(at.recognised)
        #expect(at.indicators[0].reason == "Đạt: 900/1000 thành viên (90%), yêu cầu từ 90%")
        #expect(at.summary == "Đạt — 3/3 chỉ số")
    }

    @Test func unitWithoutEmulationTitleIsNotRecognised() throws {
        let set = try ShippedSets.named("don-vi-hoc-tap@2023")
        let result = try set.evaluate(
            ["1.3": .choice("2")],
            facts: ["members_holding:cong-dan-hoc-tap": .ratio(part: 10, whole: 10), "title_held:tap-the-lao-dong-tien-tien": .bool(false)]
        )
        #expect(!result.recognised)
        #expect(result.shortfalls.contains("Chỉ số bắt buộc 1.2 chưa đạt."))
    }

    @Test func communeUnitNeedsTwoOfThreeResults() throws {
        let set = try ShippedSets.named("don-vi-hoc-tap-xa@2021")
        let facts: [String: Fact] = ["members_holding:cong-dan-hoc-tap": .ratio(part: 6, whole: 10)]
        let best = AnswerSheet(bestFor: set)
        #expect(try set.evaluate(best.with("2.3", .no).answers, facts: facts).recognised)
        let oneOfThree = try set.evaluate(best.with("2.2", .no).with("2.3", .no).answers, facts: facts)
        #expect(!oneOfThree.recognised)
        #expect(oneOfThree.criteria[1].reason == "Chưa đạt: đạt 1/3 chỉ số, cần ít nhất 2")
    }

    // MARK: Cộng đồng học tập by levels

    @Test func communeReachesOnlyTheLevelWhoseIndicatorsAllHold() throws {
        let set = try ShippedSets.named("cong-dong-hoc-tap-cap-xa@2023")
        let facts: [String: Fact] = [
            "villages_holding:cong-dong-hoc-tap-thon": .ratio(part: 5, whole: 10),  // level 2 indicator fails
            "households_holding:gia-dinh-hoc-tap": .ratio(part: 9, whole: 10),
            "units_holding:don-vi-hoc-tap-xa": .ratio(part: 9, whole: 10),
        ]
        let partial = try set.evaluate(AnswerSheet(bestFor: set).answers, facts: facts)
        #expect(partial.level == 1)
        #expect(partial.recognised)
        #expect(partial.summary == "Đạt — mức 1")
        var full = facts
        full["villages_holding:cong-dong-hoc-tap-thon"] = .ratio(part: 7, whole: 10)
        #expect(try set.evaluate(AnswerSheet(bestFor: set).answers, facts: full).level == 3)
        let none = try set.evaluate(AnswerSheet(bestFor: set).with("1.1", .no).answers, facts: full)
        #expect(none.level == 0)
        #expect(!none.recognised)
    }

    @Test func provinceAndDistrictLevelsFollowTheirCommunes() throws {
        for reference in ["cong-dong-hoc-tap-cap-tinh@2023", "cong-dong-hoc-tap-cap-huyen@2023"] {
            let set = try ShippedSets.named(reference)
            let facts: [String: Fact] = [
                "communes_holding:cong-dong-hoc-tap-cap-xa": .ratio(part: 8, whole: 10),
                "communes_holding_level2:cong-dong-hoc-tap-cap-xa": .ratio(part: 4, whole: 10),
            ]
            let result = try set.evaluate(AnswerSheet(bestFor: set).answers, facts: facts)
            #expect(result.level == 1, "\(reference)")
        }
    }

    // MARK: Công dân học tập questionnaire

    @Test func questionnaireSumsGroupsAndEnforcesGroupMinimums() throws {
        let set = try ShippedSets.named("cong-dan-hoc-tap@2021")
        var sheet = AnswerSheet(bestFor: set)
        for id in ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"] {
            sheet = sheet.with(id, .choice("1"))
        }
        let middling = try set.evaluate(sheet.answers)
        #expect(middling.total == 12)
        #expect(!middling.recognised)
        let strong = sheet.with("1.1", .choice("2")).with("1.2", .choice("2")).with("2.1", .choice("2")).with("2.2", .choice("2"))
        let strongResult = try set.evaluate(strong.answers)
        #expect(strongResult.total == 16)
        #expect(strongResult.recognised)
        #expect(strongResult.indicators[0].reason == "Đạt: chọn \"Làm được thường xuyên\", 2/2 điểm")
        // 16 points, but the social group has only 3 of its minimum 4.
        let lopsided = strong.with("3.1", .choice("0")).with("1.3", .choice("2"))
        let lopsidedResult = try set.evaluate(lopsided.answers)
        #expect(lopsidedResult.total == 16)
        #expect(!lopsidedResult.recognised)
        #expect(lopsidedResult.criteria[2].reason == "Chưa đạt: đạt 3 điểm, cần tối thiểu 4")
    }
}
