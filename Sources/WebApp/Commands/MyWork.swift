import Geography
import Logging
import Storage
import Workflow

/// What waits for one person: the workflow steps their roles act at, and the counts of the home
/// page ("Việc cần làm") — each a link to the list that holds the items, only for lists the
/// person can use.
struct MyWork {
    let services: AppServices
    let account: Account
    let context: SignedInContext

    init(_ services: AppServices, context: SignedInContext) {
        self.services = services
        self.account = context.account
        self.context = context
    }

    /// Where the person's roles act: the steps at which one of them, held at a unit of the step's
    /// level, moves a nomination on (holding and releasing aside) — a commune's reviewer gets the
    /// commune's checking step, not the province's — and which of the queue's bulk actions
    /// (council, forward, return) they take there (a clerk, who only submits, takes none).
    struct Reach {
        let steps: [String]
        let bulkActions: [Action]
    }

    static let bulkCandidates: [Action] = [.toCouncil, .forward, .return]

    func reach() async throws -> Reach {
        var levels: [Int: AdminLevel] = [:]
        for (_, unitID) in account.acting(in: nil) + account.organisationGrants.map({ ($0.role, $0.unitID) }) where levels[unitID] == nil {
            levels[unitID] = try await services.units.unit(id: unitID)?.level
        }
        var steps: Set<String> = []
        var bulk: Set<Action> = []
        for definition in try await services.workflows.all() {
            // An organisation's process counts only the roles held at organisations of its kind.
            let held = account.acting(in: definition.organisationKind).compactMap { grant in
                levels[grant.unitID].map { (role: grant.role, level: $0) }
            }
            for state in definition.states where !state.isFinal {
                let roles = Set(held.filter { state.level.isServed(by: $0.level) }.map(\.role))
                let moves = definition.transitions(from: state.id).filter {
                    $0.action != .hold && $0.action != .release && !$0.roles.isDisjoint(with: roles)
                }
                guard !moves.isEmpty else { continue }
                steps.insert(state.id)
                bulk.formUnion(moves.map(\.action).filter(Self.bulkCandidates.contains))
            }
        }
        return Reach(steps: steps.sorted(), bulkActions: Self.bulkCandidates.filter(bulk.contains))
    }

    /// The clerk's dossiers not yet sent: at the first step of a process the person nominates in
    /// (the People's Committee's, or their organisation's), in the units they nominate for; nil
    /// for someone who nominates nowhere.
    static func drafts(of account: Account, in definitions: [WorkflowDefinition]) -> NominationQueue.Filter? {
        var units: Set<Int> = []
        var states: Set<String> = []
        for definition in definitions {
            let clerkUnits = account.acting(in: definition.organisationKind).filter { $0.role == .submitter }.map(\.unitID)
            guard !clerkUnits.isEmpty else { continue }
            units.formUnion(clerkUnits)
            states.insert(definition.initial)
        }
        guard !units.isEmpty else { return nil }
        var filter = NominationQueue.Filter(scopes: units.sorted())
        filter.states = states.sorted()
        return filter
    }

    /// Whether the person takes part in council sessions (runs them, votes, or chairs).
    var seesCouncils: Bool { account.holdsAnywhere([.councilSecretary, .councilMember, .chair]) }

    /// One line of the home page: what, how many, where.
    struct Task {
        let title: String
        let count: Int
        let link: String
        /// Shown in the warning colour when there is anything to do.
        var urgent = false
    }

    func tasks() async throws -> [Task] {
        var tasks: [Task] = []
        let queue = NominationQueue(client: services.client, logger: context.app.logger, counts: services.queueCounts)
        let steps = try await reach().steps
        if !steps.isEmpty {
            var mine = NominationQueue.Filter(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
            mine.states = steps
            var returned = mine
            returned.returnedOnly = true
            var overdue = mine
            overdue.overdueOnly = true
            tasks.append(
                Task(
                    title: "Hồ sơ bị trả lại, chờ tôi bổ sung",
                    count: try await queue.total(returned),
                    link: "/queue?returned=true",
                    urgent: true
                )
            )
            tasks.append(Task(title: "Hồ sơ chờ tôi xử lý", count: try await queue.total(mine), link: "/queue"))
            // The clerk's dossiers not yet sent (first step of their process), to finish and send.
            if let drafts = Self.drafts(of: account, in: try await services.workflows.all()) {
                let count = try await queue.total(drafts)
                tasks.append(Task(title: "Hồ sơ đang lập, chưa gửi", count: count, link: "/nominations/drafts"))
            }
            tasks.append(
                Task(
                    title: "Hồ sơ quá hạn ở bước của tôi",
                    count: try await queue.total(overdue),
                    link: "/queue?overdue=true",
                    urgent: true
                )
            )
        }
        if seesCouncils {
            let desk = services.councils(context)
            let open = try await desk.visible().filter { !$0.isClosed }.count
            tasks.append(Task(title: "Phiên họp Hội đồng đang mở", count: open, link: "/council-sessions"))
            // A council without its roster makes every session retype the members: said until kept.
            let unkept = try await desk.councils().filter(\.members.isEmpty).count
            if unkept > 0 { tasks.append(Task(title: "Hội đồng chưa có danh sách thành viên", count: unkept, link: "/councils", urgent: true)) }
        }
        if account.holdsAnywhere(Permission.issueDecision.roles) {
            // The drafts this person signs: their People's Committee's, or their organisation's.
            let drafts = try await services.decisions(context).visible().filter { draft in
                guard draft.status == .draft else { return false }
                if let organisationID = draft.organisationID { return account.holds(Permission.issueDecision.roles, atOrganisation: organisationID) }
                return account.may(.issueDecision, at: draft.unitID)
            }.count
            tasks.append(Task(title: "Dự thảo quyết định chờ ký", count: drafts, link: "/decisions"))
        }
        if account.may(.registerSubjects), let first = account.grants.first(where: { $0.unitCode != nil }), let code = first.unitCode {
            let waiting = try await RegistrationStore(client: services.client, logger: context.app.logger)
                .awaitingAppraisal(year: Day.todayInVietnam.year, scopeIDs: account.scopeUnitIDs)
            tasks.append(Task(title: "Phiếu tự đánh giá chờ thẩm định", count: waiting, link: "/units/\(code)/registrations"))
        }
        return tasks
    }

    /// The pages the person's roles can use, in the order of a working day.
    func links() -> [(title: String, href: String)] {
        var links: [(String, String)] = [("Hồ sơ đề nghị khen thưởng", "/queue"), ("Tra cứu thành tích, khen thưởng", "/lookup")]
        if account.holdsAnywhere(Permission.createNomination.roles) {
            links.append(("Lập hồ sơ đề nghị khen thưởng", "/nominations/new"))
            links.append(("Nhập hồ sơ từ bảng tính", "/nominations/import"))
        }
        if seesCouncils { links.append(("Phiên họp Hội đồng Thi đua – Khen thưởng", "/council-sessions")) }
        if account.may(.runCouncilSession) { links.append(("Thành viên Hội đồng Thi đua – Khen thưởng", "/councils")) }
        if account.holdsAnywhere(Permission.draftDecision.roles) { links.append(("Quyết định khen thưởng", "/decisions")) }
        links.append(("Đợt thi đua, khen thưởng", "/rounds"))
        if account.may(.importAssessments) { links.append(("Nhập bảng đánh giá mô hình học tập", "/assessments/import")) }
        links.append(("Tiến độ xây dựng mô hình học tập so với mục tiêu", "/reports/targets"))
        if account.may(.administerAccounts) { links.append(("Người dùng và vai trò", "/admin/users")) }
        return links
    }
}
