/// What a person may do outside a nomination's own steps, and which roles allow it: one table
/// that the pages, the API, the command line and the stores all read, so a rule is written once.
/// What may be done to a nomination at a step is the workflow's data (`WorkflowEngine.apply`,
/// `WorkflowDefinition.documentRefusal`); where a permission is held (the unit, its scope) is
/// checked where the record is loaded.
public enum Permission: String, CaseIterable, Sendable {
    /// Start a nomination (the form, the API, a spreadsheet import).
    case createNomination
    /// Import a spreadsheet of learning-model assessments.
    case importAssessments
    /// Record a recognition decision for learning-model titles.
    case recogniseTitles
    /// Attach evidence to an assessment.
    case attachEvidence
    /// Register subjects and enter their self-assessments.
    case registerSubjects
    /// Appraise (thẩm định) a self-assessment: accept it, or adjust an indicator with a reason.
    case appraiseSelfAssessments
    /// Record or lift a hold (discipline, inspection, complaint) on a nominee.
    case holdNomination
    /// Open, record and close a council session of the unit.
    case runCouncilSession
    /// Draft, revise, revoke or correct a decision of the unit.
    case draftDecision
    /// Sign and issue a decision of the unit.
    case issueDecision
    /// Open an emulation round of the province.
    case openRound
    /// Create accounts and grant roles.
    case administerAccounts
    /// Read the public's comments on a nomination.
    case readPublicComments
    /// Record an award decision issued outside ThiDua (the Prime Minister's, a ministry's…), at the province.
    case recordExternalDecision
    /// Report a unit's figures for the programme's indicators (cadres briefed, staff trained…).
    case reportFigures

    /// The roles of which a person must hold one. System administrators are named where they
    /// may act; elsewhere they hold every role only where a check is made at a unit.
    public var roles: Set<Role> {
        switch self {
        case .createNomination: [.submitter]
        case .importAssessments: [.submitter, .reviewer, .chair, .provinceAdmin, .systemAdmin]
        case .recogniseTitles: [.chair, .provinceAdmin, .systemAdmin]
        case .attachEvidence: [.submitter, .reviewer, .provinceAdmin, .systemAdmin]
        case .registerSubjects: [.submitter, .reviewer, .provinceAdmin, .systemAdmin]
        case .appraiseSelfAssessments: [.reviewer, .provinceAdmin, .systemAdmin]
        case .holdNomination: [.reviewer, .chair, .provinceAdmin]
        case .runCouncilSession: [.councilSecretary]
        case .draftDecision: [.reviewer, .councilSecretary, .chair]
        case .issueDecision: [.chair]
        case .openRound: [.provinceAdmin]
        case .administerAccounts: [.provinceAdmin, .systemAdmin]
        case .readPublicComments: [.reviewer, .councilSecretary, .chair, .provinceAdmin]
        case .recordExternalDecision: [.reviewer, .provinceAdmin, .systemAdmin]
        case .reportFigures: [.submitter, .reviewer, .provinceAdmin, .systemAdmin]
        }
    }

    /// Whether holding `held` allows it.
    public func isAllowed(holding held: Set<Role>) -> Bool { !roles.isDisjoint(with: held) }

    /// The Vietnamese sentence a person reads when refused.
    public var refusal: String {
        let who = roles.map(\.vietnamese).sorted().joined(separator: ", ")
        let what: String =
            switch self {
            case .createNomination: "lập hồ sơ đề nghị khen thưởng"
            case .importAssessments: "nhập bảng đánh giá"
            case .recogniseTitles: "ghi quyết định công nhận danh hiệu"
            case .attachEvidence: "đính kèm minh chứng"
            case .registerSubjects: "ghi đăng ký hay phiếu tự đánh giá"
            case .appraiseSelfAssessments: "thẩm định phiếu tự đánh giá"
            case .holdNomination: "tạm dừng hay tiếp tục xét hồ sơ"
            case .runCouncilSession: "mở, ghi và kết thúc phiên họp Hội đồng"
            case .draftDecision: "lập, sửa, thu hồi hay đính chính dự thảo quyết định"
            case .issueDecision: "ký ban hành quyết định"
            case .openRound: "mở đợt thi đua, khen thưởng"
            case .administerAccounts: "quản lý tài khoản và vai trò"
            case .readPublicComments: "xem ý kiến của nhân dân"
            case .recordExternalDecision: "ghi quyết định khen thưởng do cơ quan khác ban hành"
            case .reportFigures: "báo cáo số liệu định kỳ của đơn vị"
            }
        return "Chỉ \(who) của đơn vị được \(what)."
    }
}
