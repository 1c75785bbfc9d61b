/// A commendation process as data: the levels it passes, its states and the transitions between
/// them, the award kinds it carries and where each is decided. One file per process and version
/// (`workflows/<id>@<version>.yaml`); a nomination stays on the version it started on.
public struct WorkflowDefinition: Sendable, Equatable {
    public let id: String
    public let version: String
    public let title: String
    /// The days nominations may start on this version (the 3-tier process ends on 30/06/2025).
    public let validFrom: String
    public let validTo: String?
    public let levels: [Level]
    public let initial: String
    public let states: [State]
    public let transitions: [Transition]
    public let awards: [Award]
    /// The kind of organisation that runs this process (`organisation: hoi-khuyen-hoc`), or nil
    /// for the People's Committees' own. Each step is then taken by the organisation of that kind
    /// serving the unit of the step's level (the commune's Hội Khuyến học, the province's): only
    /// roles held at it count, its council votes, and its chair signs the award in its own name
    /// and register. State ids of such a process are its own (queues filter by state id).
    public let organisationKind: String?

    public var reference: String { "\(id)@\(version)" }

    /// Look-ups built once: the engine runs per request and per benchmark loop.
    private let stateIndex: [String: Int]
    private let awardIndex: [String: Int]
    private let outgoing: [String: [Transition]]

    public func state(_ id: String) -> State? { stateIndex[id].map { states[$0] } }
    public func award(_ id: String) -> Award? { awardIndex[id].map { awards[$0] } }

    /// What a dossier for `award` must hold at each level it still passes, from `level` to the
    /// level that decides it: the checklist shown on the dossier.
    public func documentChecklist(award id: String, from level: Level) -> [(level: Level, kinds: [String])] {
        guard let award = award(id) else { return [] }
        return levels.filter { $0 >= level && $0 <= award.decidedAt }.map { ($0, award.requiredDocuments(at: $0)) }.filter { !$0.kinds.isEmpty }
    }
    /// The transitions leaving a state, in file order.
    public func transitions(from state: String) -> [Transition] { outgoing[state] ?? [] }

    public init(
        id: String,
        version: String,
        title: String,
        validFrom: String,
        validTo: String?,
        levels: [Level],
        initial: String,
        states: [State],
        transitions: [Transition],
        awards: [Award],
        organisationKind: String? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.validFrom = validFrom
        self.validTo = validTo
        self.levels = levels
        self.initial = initial
        self.states = states
        self.transitions = transitions
        self.awards = awards
        self.organisationKind = organisationKind
        self.stateIndex = Dictionary(states.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.awardIndex = Dictionary(awards.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.outgoing = Dictionary(grouping: transitions, by: \.from)
    }

    /// The final states reached by a decision to award (`decide`): "đã khen thưởng".
    public var awardedStates: Set<String> {
        Set(transitions.filter { $0.action == .decide && (state($0.to)?.isFinal ?? false) }.map(\.to))
    }

    /// Whether taking `action` from `state` may check `guardKind`.
    public func mayCheck(_ guardKind: Guard, taking action: Action, from state: String) -> Bool {
        transitions(from: state).contains { $0.action == action && $0.guards.contains(guardKind) }
    }

    /// The states a nomination for `award` can reach from the initial one.
    public func reachableStates(for award: String) -> Set<String> {
        guard let award = self.award(award) else { return [] }
        var seen: Set<String> = [initial]
        var pending = [initial]
        while let state = pending.popLast() {
            for transition in transitions(from: state) where (transition.condition?.holds(for: award) ?? true) && !seen.contains(transition.to) {
                seen.insert(transition.to)
                pending.append(transition.to)
            }
        }
        return seen
    }

    /// The tiers a process passes, lowest first.
    public enum Level: String, CaseIterable, Sendable, Comparable {
        case commune, district, province, central

        var rank: Int { Level.allCases.firstIndex(of: self)! }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }

        public var vietnamese: String {
            switch self {
            case .commune: "cấp xã"
            case .district: "cấp huyện"
            case .province: "cấp tỉnh"
            case .central: "Trung ương"
            }
        }
    }

    public struct State: Sendable, Equatable {
        public let id: String
        public let title: String
        public let level: Level
        public let isFinal: Bool
        /// Working days the step may take before it is overdue.
        public let deadlineWorkingDays: Int?
        /// The council's voting rule, for a step where a council decides.
        public let council: VoteRule?
        /// A public posting or consultation period, in days, before the step may end.
        public let postingDays: Int?
        /// Who is told when the step is late by more than a number of working days.
        public var escalation: Escalation? = nil
        /// Who may add or replace dossier documents at this step (`documents:` in the file);
        /// nobody, when empty. Steps from the council's vote on name nobody, so the dossier the
        /// council voted on is the one that is decided.
        public var documentRoles: [Role] = []
    }

    /// An overdue step escalates to people holding `roles` at the step's level once it is
    /// `afterWorkingDays` working days past its deadline.
    public struct Escalation: Sendable, Equatable {
        public let afterWorkingDays: Int
        public let roles: [Role]

        public init(afterWorkingDays: Int, roles: [Role]) {
            self.afterWorkingDays = afterWorkingDays
            self.roles = roles
        }
    }

    public struct Transition: Sendable, Equatable {
        public let from: String
        public let action: Action
        public let to: String
        public let roles: Set<Role>
        public let guards: [Guard]
        public let condition: Condition?
        public let effects: [Effect]
        /// The YAML line, for validation messages.
        public let line: Int
    }

    public struct Award: Sendable, Equatable {
        public let id: String
        public let title: String
        /// The level whose chair (or the Prime Minister, `central`) decides it.
        public let decidedAt: Level
        /// Dossier documents (by kind) the dossier must hold before it leaves a level, from the
        /// lowest level they apply to: a level not listed asks what the nearest lower one asks.
        public let requiredDocumentsByLevel: [Level: [String]]
        /// Learning-model titles a nominee of a kind must hold (e.g. a household: "gia-dinh-hoc-tap").
        public let requiredTitles: [String: String]
        /// Conditions checked against the nominee's record of merit (prior awards, intervals).
        public let standards: [AwardStandard]

        /// `requiredDocuments` apply at every level; `byLevel` adds or replaces them from a level up.
        public init(
            id: String,
            title: String,
            decidedAt: Level,
            requiredDocuments: [String] = [],
            byLevel: [Level: [String]] = [:],
            requiredTitles: [String: String] = [:],
            standards: [AwardStandard] = []
        ) {
            self.id = id
            self.title = title
            self.decidedAt = decidedAt
            var levels = byLevel
            if !requiredDocuments.isEmpty, levels[.commune] == nil { levels[.commune] = requiredDocuments }
            self.requiredDocumentsByLevel = levels
            self.requiredTitles = requiredTitles
            self.standards = standards
        }

        /// The documents a dossier at `level` must hold before it moves on.
        public func requiredDocuments(at level: Level) -> [String] {
            requiredDocumentsByLevel.filter { $0.key <= level }.max { $0.key < $1.key }?.value ?? []
        }
    }

    /// Which nominations a transition applies to, by where their award is decided.
    public enum Condition: Sendable, Equatable {
        case decidedAt(Level)
        case decidedAbove(Level)

        func holds(for award: Award) -> Bool {
            switch self {
            case .decidedAt(let level): award.decidedAt == level
            case .decidedAbove(let level): award.decidedAt > level
            }
        }
    }
}

/// What a person does to a nomination.
public enum Action: String, CaseIterable, Sendable {
    case submit, receive, check, `return`, resubmit, toCouncil = "to_council", recordVote = "record_vote", approve, reject, forward
    case post, decide, centralReturn = "central_return", hold, release

    public var vietnamese: String {
        switch self {
        case .submit: "Gửi hồ sơ"
        case .receive: "Tiếp nhận"
        case .check: "Kiểm tra hồ sơ"
        case .return: "Trả lại để bổ sung"
        case .resubmit: "Gửi lại sau bổ sung"
        case .toCouncil: "Trình Hội đồng"
        case .recordVote: "Ghi kết quả biểu quyết"
        case .approve: "Đồng ý"
        case .reject: "Từ chối"
        case .forward: "Chuyển cấp trên"
        case .post: "Niêm yết, lấy ý kiến"
        case .decide: "Ban hành quyết định"
        case .centralReturn: "Trung ương trả lại"
        case .hold: "Tạm dừng xét"
        case .release: "Tiếp tục xét"
        }
    }

    /// Actions that may move a nomination down a level (everything else only goes up or stays).
    public var goesBack: Bool { self == .return || self == .centralReturn }

    /// Whether a hold on the nominee stops this action: every step forward does; sending back,
    /// rejecting and holding or releasing do not.
    public var isStoppedByHold: Bool {
        switch self {
        case .return, .centralReturn, .reject, .hold, .release: false
        default: true
        }
    }
}

/// Roles, as in the accounts of the system.
/// What a person may do at the unit a role is granted on, and what a workflow step asks of the
/// one who acts. Roles are scoped: a reviewer of one commune reviews that commune's dossiers only.
public enum Role: String, CaseIterable, Sendable, Codable {
    case submitter, reviewer, councilSecretary = "council_secretary", councilMember = "council_member", chair
    case provinceAdmin = "province_admin", systemAdmin = "system_admin"

    public var vietnamese: String {
        switch self {
        case .submitter: "Cán bộ lập hồ sơ"
        case .reviewer: "Chuyên viên thẩm định"
        case .councilSecretary: "Thư ký Hội đồng Thi đua – Khen thưởng"
        case .councilMember: "Thành viên Hội đồng Thi đua – Khen thưởng"
        case .chair: "Chủ tịch (người ký quyết định)"
        case .provinceAdmin: "Quản trị cấp tỉnh"
        case .systemAdmin: "Quản trị hệ thống"
        }
    }
}

/// Conditions a transition checks against the rest of the system.
public enum Guard: String, CaseIterable, Sendable {
    /// Every required dossier document is attached.
    case documentsComplete = "documents_complete"
    /// The nominee is not under discipline, inspection or an open complaint.
    case noHold = "no_hold"
    /// No other open nomination of the same nominee for the same award in the same round.
    case noDuplicate = "no_duplicate"
    /// The nominee holds the learning-model title the award requires, if any.
    case titleRecognised = "title_recognised"
    /// The award's eligibility standards are met.
    case eligible
    case votePassed = "vote_passed"
    case voteFailed = "vote_failed"
    /// The posting or consultation period of the step is over.
    case postingOver = "posting_over"
    /// A reason or the missing items are written.
    case commentGiven = "comment_given"

    /// Pairs that can never both hold: transitions guarded by them are not ambiguous.
    var opposite: Guard? {
        switch self {
        case .votePassed: .voteFailed
        case .voteFailed: .votePassed
        default: nil
        }
    }
}

/// What a transition does besides changing the state.
public enum Effect: String, CaseIterable, Sendable {
    /// Tell the queue of the new state's level.
    case notify
    /// Restart the step's clock (after a return for supplement).
    case restartClock = "restart_clock"
    /// Add the nomination to the draft decision of its level.
    case draftDecision = "draft_decision"
    /// Record a hold on the nominee.
    case recordHold = "record_hold"
    case liftHold = "lift_hold"
}
