extension CriteriaSet {
    /// Scores one subject. `answers` holds what the person assessing said, by indicator id;
    /// `facts` what other records say (members holding a title, a title held in a year).
    ///
    /// Every answered indicator needs an answer; an unknown indicator, an answer of the wrong
    /// kind or out of range, or a missing fact is an error naming the indicator.
    public func evaluate(_ answers: [String: Answer], facts: [String: Fact] = [:]) throws(ScoringError) -> Evaluation {
        for key in answers.keys where !indicatorIDs.contains(key) {
            throw .unknownIndicator(key)
        }
        var indicatorResults: [Evaluation.IndicatorResult] = []
        indicatorResults.reserveCapacity(indicatorIDs.count)
        var criterionResults: [Evaluation.CriterionResult] = []
        var shortfalls: [String] = []
        var total = 0
        var metByID: [String: Bool] = [:]

        for criterion in criteria {
            var points = 0
            var metCount = 0
            for indicator in criterion.indicators {
                let result = try indicator.score(answer: answers[indicator.id], facts: facts)
                points += result.points
                if result.met { metCount += 1 }
                metByID[indicator.id] = result.met
                indicatorResults.append(result)
                if indicator.mandatory && !result.met {
                    shortfalls.append("Chỉ số bắt buộc \(indicator.id) chưa đạt.")
                }
            }
            total += points
            var problems: [String] = []
            if let minimum = criterion.minimumPoints, points < minimum {
                problems.append("đạt \(points) điểm, cần tối thiểu \(minimum)")
            }
            switch criterion.requiredMet {
            case .all where metCount < criterion.indicators.count:
                problems.append("đạt \(metCount)/\(criterion.indicators.count) chỉ số, cần đạt tất cả")
            case .atLeast(let needed) where metCount < needed:
                problems.append("đạt \(metCount)/\(criterion.indicators.count) chỉ số, cần ít nhất \(needed)")
            default:
                break
            }
            let passed = problems.isEmpty
            let reason = passed ? "Đạt: \(points)/\(criterion.maximumPoints) điểm" : "Chưa đạt: " + problems.joined(separator: "; ")
            if !passed { shortfalls.append("Tiêu chí \(criterion.id) (\(criterion.title)): \(problems.joined(separator: "; ")).") }
            criterionResults.append(
                .init(id: criterion.id, title: criterion.title, points: points, maximum: criterion.maximumPoints, passed: passed, reason: reason)
            )
        }

        var level: Int?
        if levelCount > 0 {
            var reached = 0
            for k in 1...levelCount {
                let unmet = indicators.filter { ($0.level ?? 0) == k && metByID[$0.id] != true }
                if !unmet.isEmpty { break }
                reached = k
            }
            level = reached
            if let needed = recognition.minimumLevel, reached < needed {
                let missing = indicators.filter { ($0.level ?? 0) <= reached + 1 && metByID[$0.id] != true }.map(\.id)
                shortfalls.append("Đạt mức \(reached), cần mức \(needed); chưa đạt các chỉ số: \(missing.joined(separator: ", ")).")
            }
        }
        if let needed = recognition.totalAtLeast, total < needed {
            shortfalls.append("Tổng điểm \(total), cần tối thiểu \(needed).")
        }
        return Evaluation(
            setReference: reference,
            recognised: shortfalls.isEmpty,
            total: total,
            maximum: maximumPoints,
            level: level,
            criteria: criterionResults,
            indicators: indicatorResults,
            shortfalls: shortfalls,
            basis: level != nil ? .levels : (recognition.totalAtLeast != nil ? .points : .indicators)
        )
    }
}

extension Indicator {
    func score(answer: Answer?, facts: [String: Fact]) throws(ScoringError) -> Evaluation.IndicatorResult {
        func result(_ points: Int, _ met: Bool, _ reason: String) -> Evaluation.IndicatorResult {
            .init(id: id, points: points, maximum: maximumPoints, met: met, reason: reason)
        }
        switch kind {
        case .yesNo(let points):
            switch answer {
            case .yes: return result(points, true, "Đạt: \(points)/\(points) điểm")
            case .no: return result(0, false, "Chưa đạt: 0/\(points) điểm")
            case nil: throw .missingAnswer(indicator: id)
            default: throw .wrongAnswerType(indicator: id, expected: "có hoặc không", got: answer.map { "\($0)" } ?? "")
            }
        case .score(let range, let passAt):
            guard let answer else { throw .missingAnswer(indicator: id) }
            guard case .points(let value) = answer else { throw .wrongAnswerType(indicator: id, expected: "số điểm", got: "\(answer)") }
            guard range.contains(value) else { throw .outOfRange(indicator: id, value: value, range: range) }
            let met = value >= passAt
            return result(
                value,
                met,
                met ? "Đạt: \(value)/\(range.upperBound) điểm" : "Chưa đạt: \(value)/\(range.upperBound) điểm, cần từ \(passAt) điểm"
            )
        case .choice(let options, let passAt):
            guard let answer else { throw .missingAnswer(indicator: id) }
            guard case .choice(let value) = answer else { throw .wrongAnswerType(indicator: id, expected: "một phương án", got: "\(answer)") }
            guard let option = options.first(where: { $0.value == value }) else {
                throw .unknownOption(indicator: id, value: value, allowed: options.map(\.value))
            }
            let met = option.points >= passAt
            return result(option.points, met, "\(met ? "Đạt" : "Chưa đạt"): chọn \"\(option.label)\", \(option.points)/\(maximumPoints) điểm")
        case .share(let atLeast, let points, let factName, let counted, let shortfall, let metWhenEmpty):
            let part: Int
            let whole: Int
            if let factName {
                guard let fact = facts[factName] else { throw .missingFact(indicator: id, fact: factName) }
                guard case .ratio(let p, let w) = fact else { throw .missingFact(indicator: id, fact: factName) }
                (part, whole) = (p, w)
            } else {
                guard let answer else { throw .missingAnswer(indicator: id) }
                guard case .ratio(let p, let w) = answer else { throw .wrongAnswerType(indicator: id, expected: "tỉ lệ dạng k/n", got: "\(answer)") }
                (part, whole) = (p, w)
            }
            guard part >= 0, whole >= 0, part <= whole else { throw .invalidRatio(indicator: id, part: part, whole: whole) }
            if whole == 0 {
                if metWhenEmpty { return result(points, true, "Đạt: không có \(counted ?? "đối tượng") thuộc diện tính") }
                return result(0, false, "Chưa đạt: không có \(counted ?? "đối tượng") nào để tính tỉ lệ")
            }
            let met = atLeast.isReached(by: part, of: whole)
            if met {
                return result(
                    points,
                    true,
                    "Đạt: \(part)/\(whole)\(counted.map { " \($0)" } ?? "") (\(Percent.format(part, of: whole))), yêu cầu từ \(atLeast)"
                )
            }
            if let counted, let shortfall {
                return result(0, false, "Chưa đạt: có \(whole - part)/\(whole) \(counted) \(shortfall)")
            }
            return result(0, false, "Chưa đạt: \(part)/\(whole) (\(Percent.format(part, of: whole))), yêu cầu từ \(atLeast)")
        case .fact(let name, let points):
            if answer != nil { throw .notAnswerable(indicator: id) }
            guard let fact = facts[name] else { throw .missingFact(indicator: id, fact: name) }
            guard case .bool(let holds) = fact else { throw .missingFact(indicator: id, fact: name) }
            return result(
                holds ? points : 0,
                holds,
                holds ? "Đạt: hồ sơ ghi nhận \(text.lowercasedFirst)" : "Chưa đạt: hồ sơ không ghi nhận \(text.lowercasedFirst)"
            )
        }
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
