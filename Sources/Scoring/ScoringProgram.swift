/// A criteria set compiled for scoring many subjects fast: answers and facts go in as a flat row
/// of integers (two per indicator) and come out as total, level and verdict, with no allocation.
///
/// Bulk imports score every row with this; `CriteriaSet.evaluate` gives the same verdict with
/// a reason per indicator, for the page that explains one result. A property test keeps the two
/// in agreement.
public struct ScoringProgram: Sendable {
    public let set: CriteriaSet

    /// Two integers per indicator, in the order of `set.indicators`:
    /// yes/no and fact → (1 or 0, 0); score → (points, 0); choice → (option index, 0);
    /// share → (part, whole).
    public static let slotsPerIndicator = 2

    public var rowWidth: Int { slots.count * Self.slotsPerIndicator }

    @usableFromInline let slots: [Slot]
    @usableFromInline let criterionEnds: [Int]
    @usableFromInline let criterionMinimums: [Int32]
    @usableFromInline let criterionRequired: [Int32]
    @usableFromInline let totalAtLeast: Int32
    @usableFromInline let minimumLevel: Int32
    @usableFromInline let levelCount: Int32

    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var kind: UInt8  // 0 yes/no or fact, 1 score, 2 choice, 3 share
        @usableFromInline var points: Int32
        @usableFromInline var passAt: Int32
        @usableFromInline var basisPoints: Int32
        @usableFromInline var metWhenEmpty: Bool
        @usableFromInline var mandatory: Bool
        @usableFromInline var level: Int32
        @usableFromInline var optionPoints: [Int32]
    }

    /// The verdict for one row.
    public struct Score: Sendable, Equatable {
        public var total: Int32
        public var level: Int32
        public var recognised: Bool

        @inlinable
        public init(total: Int32, level: Int32, recognised: Bool) {
            self.total = total
            self.level = level
            self.recognised = recognised
        }
    }

    public init(_ set: CriteriaSet) {
        self.set = set
        var slots: [Slot] = []
        var ends: [Int] = []
        var minimums: [Int32] = []
        var required: [Int32] = []
        for criterion in set.criteria {
            for indicator in criterion.indicators {
                var slot = Slot(
                    kind: 0,
                    points: 0,
                    passAt: 0,
                    basisPoints: 0,
                    metWhenEmpty: false,
                    mandatory: indicator.mandatory,
                    level: Int32(indicator.level ?? 0),
                    optionPoints: []
                )
                switch indicator.kind {
                case .yesNo(let points), .fact(_, let points):
                    slot.points = Int32(points)
                case .score(_, let passAt):
                    slot.kind = 1
                    slot.passAt = Int32(passAt)
                case .choice(let options, let passAt):
                    slot.kind = 2
                    slot.passAt = Int32(passAt)
                    slot.optionPoints = options.map { Int32($0.points) }
                case .share(let atLeast, let points, _, _, _, let metWhenEmpty):
                    slot.kind = 3
                    slot.points = Int32(points)
                    slot.basisPoints = Int32(atLeast.basisPoints)
                    slot.metWhenEmpty = metWhenEmpty
                }
                slots.append(slot)
            }
            ends.append(slots.count)
            minimums.append(Int32(criterion.minimumPoints ?? 0))
            switch criterion.requiredMet {
            case .all: required.append(Int32(criterion.indicators.count))
            case .atLeast(let n): required.append(Int32(n))
            case nil: required.append(0)
            }
        }
        self.slots = slots
        self.criterionEnds = ends
        self.criterionMinimums = minimums
        self.criterionRequired = required
        self.totalAtLeast = Int32(set.recognition.totalAtLeast ?? 0)
        self.minimumLevel = Int32(set.recognition.minimumLevel ?? 0)
        self.levelCount = Int32(set.levelCount)
    }

    /// The slot index of each indicator id.
    public func slot(of indicatorID: String) -> Int? {
        set.indicators.firstIndex { $0.id == indicatorID }.map { $0 * Self.slotsPerIndicator }
    }

    /// Writes an answer or fact into its slots of `row`.
    public func encode(_ answer: Answer, indicator index: Int, into row: inout [Int32]) {
        let base = index * Self.slotsPerIndicator
        switch answer {
        case .yes: (row[base], row[base + 1]) = (1, 0)
        case .no: (row[base], row[base + 1]) = (0, 0)
        case .points(let p): (row[base], row[base + 1]) = (Int32(p), 0)
        case .choice(let value):
            if case .choice(let options, _) = set.indicators[index].kind {
                row[base] = Int32(options.firstIndex { $0.value == value } ?? 0)
            }
            row[base + 1] = 0
        case .ratio(let part, let whole): (row[base], row[base + 1]) = (Int32(part), Int32(whole))
        }
    }

    public func encode(_ fact: Fact, indicator index: Int, into row: inout [Int32]) {
        let base = index * Self.slotsPerIndicator
        switch fact {
        case .bool(let holds): (row[base], row[base + 1]) = (holds ? 1 : 0, 0)
        case .ratio(let part, let whole): (row[base], row[base + 1]) = (Int32(part), Int32(whole))
        }
    }

    /// Scores one row of already-checked values.
    @inlinable
    public func score(_ row: UnsafeBufferPointer<Int32>) -> Score {
        score(row, criterionPoints: nil)
    }

    /// The number of criteria: the length `criterionPoints` must have.
    public var criterionCount: Int { criterionEnds.count }

    /// Scores one row and writes each criterion's points, in the set's order, into
    /// `criterionPoints` (stored with the result, so reports can count a criterion's group, e.g.
    /// the digital skills of "Công dân học tập", without scoring again).
    public func score(_ row: UnsafeBufferPointer<Int32>, criterionPoints: UnsafeMutableBufferPointer<Int32>?) -> Score {
        var total: Int32 = 0
        var recognised = true
        var lowestUnmetLevel = Int32.max
        var start = 0
        for c in 0..<criterionEnds.count {
            let end = criterionEnds[c]
            var points: Int32 = 0
            var met: Int32 = 0
            for i in start..<end {
                let slot = slots[i]
                let a = row[i &* 2]
                var earned: Int32 = 0
                var isMet = false
                switch slot.kind {
                case 0:
                    isMet = a != 0
                    earned = isMet ? slot.points : 0
                case 1:
                    earned = a
                    isMet = a >= slot.passAt
                case 2:
                    earned = slot.optionPoints[Int(a)]
                    isMet = earned >= slot.passAt
                default:
                    let whole = row[i &* 2 &+ 1]
                    if whole == 0 {
                        isMet = slot.metWhenEmpty
                    } else {
                        isMet = Int64(a) * 10_000 >= Int64(slot.basisPoints) * Int64(whole)
                    }
                    earned = isMet ? slot.points : 0
                }
                points &+= earned
                if isMet {
                    met &+= 1
                } else {
                    if slot.mandatory { recognised = false }
                    if slot.level > 0 && slot.level < lowestUnmetLevel { lowestUnmetLevel = slot.level }
                }
            }
            if points < criterionMinimums[c] || met < criterionRequired[c] { recognised = false }
            criterionPoints?[c] = points
            total &+= points
            start = end
        }
        var level: Int32 = 0
        if levelCount > 0 {
            level = lowestUnmetLevel == .max ? levelCount : lowestUnmetLevel - 1
            if level < minimumLevel { recognised = false }
        }
        if total < totalAtLeast { recognised = false }
        return Score(total: total, level: level, recognised: recognised)
    }
}
