import Foundation

/// How a council decides, written in the workflow step: who must be present, what share of whom
/// must vote yes, and whether the ballot is secret. The engine applies it; the law's numbers are
/// data (a province corrects them in the file).
public struct VoteRule: Sendable, Equatable {
    /// Members who must be present, as a share of all members.
    public let quorum: Ratio
    public let base: Base
    /// The yes votes needed, as a share of the base.
    public let threshold: Ratio
    /// `true`: strictly more than the share ("quá bán"); `false`: at least the share.
    public let strictlyMore: Bool
    public let secretBallot: Bool

    public enum Base: String, Sendable {
        case allMembers = "all_members"
        case present
    }

    /// An exact share: "2/3" stays two thirds (6 of 9 reach it), "50%" is 50/100.
    public struct Ratio: Sendable, Equatable, CustomStringConvertible {
        public let numerator: Int
        public let denominator: Int

        public init(_ numerator: Int, _ denominator: Int) {
            self.numerator = numerator
            self.denominator = denominator
        }

        /// Whether `count` of `total` reaches the share (or exceeds it, when `strictly`).
        /// Compared as full-width products: no tally or ratio, however large, can overflow (a trap
        /// would stop the server).
        func reached(_ count: Int, of total: Int, strictly: Bool = false) -> Bool {
            let have = count.multipliedFullWidth(by: denominator)
            let need = numerator.multipliedFullWidth(by: total)
            return strictly ? (have.high, have.low) > (need.high, need.low) : (have.high, have.low) >= (need.high, need.low)
        }

        public var description: String {
            if denominator == 10_000 {
                return numerator % 100 == 0 ? "\(numerator / 100)%" : "\(numerator / 100),\(String(format: "%02d", numerator % 100))%"
            }
            return "\(numerator)/\(denominator)"
        }
    }

    public init(quorum: Ratio, base: Base, threshold: Ratio, strictlyMore: Bool, secretBallot: Bool) {
        self.quorum = quorum
        self.base = base
        self.threshold = threshold
        self.strictlyMore = strictlyMore
        self.secretBallot = secretBallot
    }

    /// The votes of one session.
    public struct Tally: Sendable, Equatable {
        public let members: Int
        public let present: Int
        public let yes: Int
        public let no: Int

        public init(members: Int, present: Int, yes: Int, no: Int) {
            self.members = members
            self.present = present
            self.yes = yes
            self.no = no
        }
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        case failed(String)
        case noQuorum(String)
        case invalid(String)

        public var passed: Bool { self == .passed }
    }

    /// Applies the rule to a tally, with the reason in Vietnamese.
    public func outcome(of tally: Tally) -> Outcome {
        // Each bound against the one before it, never a sum: numbers typed into a form cannot overflow.
        guard tally.members > 0, tally.present >= 0, tally.present <= tally.members, tally.yes >= 0, tally.no >= 0,
            tally.yes <= tally.present, tally.no <= tally.present - tally.yes
        else {
            return .invalid(
                "Số liệu biểu quyết không hợp lệ: \(tally.yes) đồng ý, \(tally.no) không đồng ý, \(tally.present)/\(tally.members) thành viên có mặt."
            )
        }
        if !quorum.reached(tally.present, of: tally.members) {
            return .noQuorum("Không đủ số thành viên dự họp: \(tally.present)/\(tally.members), cần tối thiểu \(quorum) tổng số thành viên.")
        }
        let base = self.base == .allMembers ? tally.members : tally.present
        let reached = threshold.reached(tally.yes, of: base, strictly: strictlyMore)
        let rule = "\(strictlyMore ? "trên" : "từ") \(threshold) \(self.base == .allMembers ? "tổng số thành viên" : "thành viên có mặt")"
        return reached
            ? .passed
            : .failed("Chưa đạt: \(tally.yes)/\(base) phiếu đồng ý, cần \(rule).")
    }
}
