import Foundation

/// The transition function: (definition, nomination, action, actor, facts) → new state and
/// effects, or a refusal saying why. Pure and deterministic; storage calls it inside the
/// transaction that records the result.
public enum WorkflowEngine {
    /// Where a nomination stands.
    public struct Nomination: Sendable, Equatable {
        public let state: String
        public let award: String

        public init(state: String, award: String) {
            self.state = state
            self.award = award
        }
    }

    /// What the rest of the system says, for the guards.
    public struct Facts: Sendable, Equatable {
        public var documentsComplete = false
        /// The names of the required documents not attached, for the refusal to list.
        public var missingDocuments: [String] = []
        public var onHold = false
        /// The hold's recorded reason and first day (dd/MM/yyyy), for the refusal to name.
        public var holdReason: String?
        public var heldSince: String?
        public var duplicateOpen = false
        /// nil when the award needs no learning-model title.
        public var titleRecognised: Bool?
        /// The title's name ("Dòng họ học tập"), for the refusal to name it.
        public var requiredTitleName: String?
        public var eligible = true
        /// Why the nominee is not eligible, when the system knows (shown instead of the generic text).
        public var ineligibleReason: String?
        public var tally: VoteRule.Tally?
        public var postingOver = false
        public var comment: String?
        /// Document kinds the last return named that have no new file yet: a resubmission waits.
        public var missingSupplements: [String] = []

        public init() {}
    }

    public struct Outcome: Sendable, Equatable {
        public let from: String
        public let to: String
        public let action: Action
        public let effects: [Effect]
        public let vote: VoteRule.Outcome?
    }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownState(String)
        case unknownAward(String)
        case finished(String)
        case actionNotAvailable(Action, available: [Action])
        case roleNotAllowed(Action, needed: [Role])
        case guardFailed(Guard, String)

        public var description: String {
            switch self {
            case .unknownState(let state): "Trạng thái \(state) không có trong quy trình."
            case .unknownAward(let award): "Hình thức khen thưởng \(award) không có trong quy trình."
            case .finished(let state): "Hồ sơ đã kết thúc (\(state)), không thể thao tác tiếp."
            case .actionNotAvailable(let action, let available):
                "Không thể \"\(action.vietnamese)\" ở bước này"
                    + (available.isEmpty ? "." : "; có thể: \(available.map(\.vietnamese).joined(separator: ", ")).")
            case .roleNotAllowed(let action, let needed):
                "Vai trò của bạn không được \"\(action.vietnamese)\" ở bước này (cần: \(needed.map(\.rawValue).joined(separator: ", ")))."
            case .guardFailed(_, let reason): reason
            }
        }
    }

    /// The actions `roles` may take now (their guards are checked when taken).
    public static func availableActions(_ definition: WorkflowDefinition, _ nomination: Nomination, roles: Set<Role>) -> [Action] {
        guard let award = definition.award(nomination.award) else { return [] }
        var seen: [Action] = []
        for transition in definition.transitions(from: nomination.state)
        where (transition.condition?.holds(for: award) ?? true) && !transition.roles.isDisjoint(with: roles)
            && !seen.contains(transition.action)
        {
            seen.append(transition.action)
        }
        return seen
    }

    public static func apply(
        _ definition: WorkflowDefinition,
        _ nomination: Nomination,
        action: Action,
        roles: Set<Role>,
        facts: Facts
    ) -> Result<Outcome, Refusal> {
        guard let state = definition.state(nomination.state) else { return .failure(.unknownState(nomination.state)) }
        guard let award = definition.award(nomination.award) else { return .failure(.unknownAward(nomination.award)) }
        if state.isFinal { return .failure(.finished(state.title)) }
        let outgoing = definition.transitions(from: state.id)
        var offered = false
        var neededRoles: Set<Role> = []
        var permitted = false
        var firstFailure: (Guard, String)?
        var vote: VoteRule.Outcome?
        var voteCounted = false
        for transition in outgoing where transition.action == action && (transition.condition?.holds(for: award) ?? true) {
            offered = true
            guard !transition.roles.isDisjoint(with: roles) else {
                neededRoles.formUnion(transition.roles)
                continue
            }
            permitted = true
            if !voteCounted {
                vote = state.council.flatMap { rule in facts.tally.map { rule.outcome(of: $0) } }
                voteCounted = true
            }
            var failure: (Guard, String)?
            if action == .resubmit, !facts.missingSupplements.isEmpty {
                if firstFailure == nil {
                    firstFailure = (
                        .documentsComplete, "Chưa bổ sung tài liệu được yêu cầu khi trả lại: \(facts.missingSupplements.joined(separator: ", "))."
                    )
                }
                continue
            }
            // A hold stops every step forward, whatever the workflow file lists: only returning,
            // rejecting and lifting the hold remain.
            let guards = action.isStoppedByHold && !transition.guards.contains(.noHold) ? [.noHold] + transition.guards : transition.guards
            for guardKind in guards {
                if let failed = check(guardKind, facts: facts, vote: vote, state: state) {
                    failure = failed
                    break
                }
            }
            if let failure {
                if firstFailure == nil { firstFailure = failure }
                continue
            }
            return .success(Outcome(from: state.id, to: transition.to, action: action, effects: transition.effects, vote: vote))
        }
        guard offered else {
            var available: [Action] = []
            for t in outgoing where (t.condition?.holds(for: award) ?? true) && !available.contains(t.action) { available.append(t.action) }
            return .failure(.actionNotAvailable(action, available: available))
        }
        guard permitted, let (failedGuard, reason) = firstFailure else {
            return .failure(.roleNotAllowed(action, needed: neededRoles.sorted { $0.rawValue < $1.rawValue }))
        }
        return .failure(.guardFailed(failedGuard, reason))
    }

    /// nil when the guard holds, else the reason it does not.
    static func check(_ guardKind: Guard, facts: Facts, vote: VoteRule.Outcome?, state: WorkflowDefinition.State) -> (Guard, String)? {
        switch guardKind {
        case .documentsComplete:
            guard !facts.documentsComplete else { return nil }
            let names = facts.missingDocuments.isEmpty ? "" : ": " + facts.missingDocuments.joined(separator: ", ")
            return (guardKind, "Hồ sơ còn thiếu tài liệu bắt buộc\(names).")
        case .noHold:
            guard facts.onHold else { return nil }
            guard let reason = facts.holdReason else {
                return (
                    guardKind,
                    "Đối tượng đang trong thời gian bị kỷ luật, thanh tra hoặc có khiếu nại chưa giải quyết: chưa được đề nghị khen thưởng."
                )
            }
            let since = facts.heldSince.map { " từ ngày \($0)" } ?? ""
            return (guardKind, "Hồ sơ đang tạm dừng xét\(since): \(reason). Chỉ chuyển bước được sau khi tiếp tục xét.")
        case .noDuplicate:
            return facts.duplicateOpen ? (guardKind, "Đối tượng đang có hồ sơ khác đề nghị cùng hình thức khen thưởng trong cùng đợt.") : nil
        case .titleRecognised:
            guard facts.titleRecognised == false else { return nil }
            guard let title = facts.requiredTitleName else {
                return (guardKind, "Đối tượng chưa được công nhận danh hiệu mô hình học tập mà hình thức khen thưởng yêu cầu.")
            }
            return (
                guardKind,
                "Đối tượng chưa được công nhận danh hiệu “\(title)” (năm của đợt hoặc năm trước) mà hình thức khen thưởng yêu cầu."
            )
        case .eligible:
            return facts.eligible ? nil : (guardKind, facts.ineligibleReason ?? "Đối tượng chưa đạt tiêu chuẩn của hình thức khen thưởng.")
        case .votePassed:
            guard let vote else { return (guardKind, "Chưa có kết quả biểu quyết của Hội đồng.") }
            switch vote {
            case .passed: return nil
            case .failed(let reason), .noQuorum(let reason), .invalid(let reason): return (guardKind, reason)
            }
        case .voteFailed:
            guard let vote else { return (guardKind, "Chưa có kết quả biểu quyết của Hội đồng.") }
            switch vote {
            case .failed: return nil
            case .passed: return (guardKind, "Hội đồng đã biểu quyết thông qua.")
            // Without a quorum the council has not decided either way: it must vote again.
            case .noQuorum(let reason), .invalid(let reason): return (guardKind, reason)
            }
        case .postingOver:
            return facts.postingOver ? nil : (guardKind, "Chưa hết thời gian niêm yết, lấy ý kiến (\(state.postingDays ?? 0) ngày).")
        case .commentGiven:
            let given = (facts.comment ?? "").unicodeScalars.contains { !$0.properties.isWhitespace }
            return given ? nil : (guardKind, "Cần ghi rõ lý do hoặc các nội dung cần bổ sung.")
        }
    }
}
