import Documents
import Foundation
import Geography
import Hummingbird
import Storage
import Workflow

/// "My queue": the open nominations of the units I work for, overdue first, with filters, counts
/// per step, paging, live refresh, and bulk forward/return of the checked items.
struct QueuePage {
    let services: AppServices
    static let pageSize = 50

    struct BulkForm: Decodable {
        let pick: [String]?
        let action: String
        let comment: String?
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/queue") { request, context in
            if request.uri.queryParameters.get("format") == "xlsx" { return try await spreadsheet(request: request, signedIn: context) }
            return try await page(request: request, signedIn: context, message: nil, error: nil).response(from: request, context: context.app)
        }
        routes.post("/queue/bulk") { request, signedIn in
            let (account, context) = (signedIn.account, signedIn.app)
            let form = try await FormReader.read(BulkForm.self, request: request, context: context)
            let (message, error) = try await bulk(form, account: account, context: context)
            return try await page(request: request, signedIn: signedIn, message: message, error: error)
                .response(from: request, context: context)
        }
        return routes
    }

    /// Each checked item in turn, at the version the reviewer saw; what fails is listed by name.
    private func bulk(_ form: BulkForm, account: Account, context: AppRequestContext) async throws -> (String?, String?) {
        guard let action = Action(rawValue: form.action), [.toCouncil, .forward, .return].contains(action) else {
            return (nil, "Thao tác không hợp lệ.")
        }
        // Each pick is "province:id:version": the version the reviewer saw.
        let picks = (form.pick ?? []).compactMap { pick -> (String, Int, Int)? in
            let parts = pick.split(separator: ":")
            guard parts.count == 3, let id = Int(parts[1]), let version = Int(parts[2]) else { return nil }
            return (String(parts[0]), id, version)
        }
        guard !picks.isEmpty else { return (nil, "Chưa chọn hồ sơ nào.") }
        let (done, problems) = try await NominationDesk(services, account: account, context: context).actOnEach(
            picks.map { (key: NominationKey(provinceCode: $0.0, id: $0.1), version: $0.2) },
            action: action,
            comment: form.comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        )
        let message = done > 0 ? "Đã \(action.vietnamese.lowercased()) \(done) hồ sơ." : nil
        return (message, problems.isEmpty ? nil : problems.joined(separator: " "))
    }

    /// The most rows one export holds: a province's year of nominations; filter for more.
    static let exportLimit = 5_000

    /// The list as filtered, as an Excel workbook ("Xuất Excel"): every matching nomination up to
    /// `exportLimit`, not only the page shown.
    private func spreadsheet(request: Request, signedIn: SignedInContext) async throws -> Response {
        let (filter, _) = try await filter(request: request, signedIn: signedIn)
        let context = signedIn.app
        let result = try await NominationQueue(client: services.client, logger: context.logger, counts: services.queueCounts).list(
            filter,
            page: 1,
            pageSize: Self.exportLimit
        )
        var definitions: [String: WorkflowDefinition] = [:]
        for definition in try await services.workflows.all() { definitions[definition.reference] = definition }
        var unitNames: [Int: String] = [:]
        var rows: [[XlsxCell]] = []
        for item in result.items {
            if unitNames[item.unitID] == nil { unitNames[item.unitID] = try await services.units.unit(id: item.unitID)?.name ?? "" }
            let definition = definitions[item.workflow]
            rows.append([
                .number(rows.count + 1), .text(item.nomineeName), .text(item.nomineeKind.vietnamese), .text(item.nomineeKey),
                .text(definition?.award(item.award)?.title ?? item.award), .text(definition?.state(item.state)?.title ?? item.state),
                .text(unitNames[item.unitID] ?? ""), .text(item.dueOn ?? ""), .text(item.overdue ? "Quá hạn" : ""),
                .text(item.holdReason.map { "Tạm dừng: \($0)" } ?? ""),
            ])
        }
        let bytes = XlsxWriter.table(
            headers: ["STT", "Đối tượng", "Loại đối tượng", "Mã định danh", "Hình thức", "Bước", "Đơn vị", "Hạn xử lý", "Quá hạn", "Ghi chú"],
            rows: rows,
            widths: [6, 32, 16, 18, 40, 36, 28, 12, 10, 30],
            sheetName: "Hồ sơ"
        )
        return .workbook(bytes, fileName: "ho-so-\(Day.todayInVietnam.iso).xlsx")
    }

    /// A round still taking nominations: no closing day, or one not yet past.
    static func isOpen(_ round: RoundStore.Round) -> Bool {
        guard let closes = round.closesOn.flatMap(Day.init(parsing:)) else { return true }
        return closes >= Day.todayInVietnam
    }

    /// The list's filter from the address: the form's fields, and "Việc của tôi" (the steps the
    /// person acts at) unless `all=true`. Also the person's steps, and the filter without them.
    private func filter(request: Request, signedIn: SignedInContext) async throws -> (
        NominationQueue.Filter, (reach: MyWork.Reach, everything: NominationQueue.Filter, mine: Bool)
    ) {
        let account = signedIn.account
        let query = request.uri.queryParameters
        var filter = NominationQueue.Filter(scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs)
        // A GET form sends spaces as "+" (application/x-www-form-urlencoded).
        filter.search = query.get("q")?.replacingOccurrences(of: "+", with: " ")
        filter.roundID = query.get("round").flatMap(Int.init)
        filter.award = query.get("award")?.nilIfBlank
        filter.nomineeKind = query.get("nomineeKind")?.nilIfBlank
        filter.state = query.get("state")?.nilIfBlank
        filter.overdueOnly = query.get("overdue") == "true"
        filter.returnedOnly = query.get("returned") == "true"
        let reach = try await MyWork(services, context: signedIn).reach()
        let everything = filter
        let mine = !reach.steps.isEmpty && query.get("all") != "true"
        if mine { filter.states = reach.steps }
        return (filter, (reach, everything, mine))
    }

    private func page(request: Request, signedIn: SignedInContext, message: String?, error: String?) async throws -> HTMLPage {
        let (account, context) = (signedIn.account, signedIn.app)
        let query = request.uri.queryParameters
        let (filter, scope) = try await filter(request: request, signedIn: signedIn)
        let (steps, everything, mine) = (scope.reach.steps, scope.everything, scope.mine)
        let page = max(1, query.get("page").flatMap(Int.init) ?? 1)
        let queue = NominationQueue(client: services.client, logger: context.logger, counts: services.queueCounts)
        let result = try await queue.list(filter, page: page, pageSize: Self.pageSize)
        var other = mine ? everything : filter
        if !mine, !steps.isEmpty { other.states = steps }
        let otherTotal = steps.isEmpty ? 0 : try await queue.total(other)
        let bulk = scope.reach.bulkActions

        var definitions: [String: WorkflowDefinition] = [:]
        for definition in try await services.workflows.all() { definitions[definition.reference] = definition }
        var unitNames: [Int: String] = [:]
        for unit in try await services.units.units(ids: result.items.map(\.unitID)) { unitNames[unit.id] = unit.name }
        var items: [[String: Any]] = []
        for item in result.items {
            let definition = definitions[item.workflow]
            items.append([
                "province": item.provinceCode, "id": item.id, "version": item.version, "name": item.nomineeName,
                "kind": services.localized(item.nomineeKind.vietnamese, context), "award": definition?.award(item.award)?.title ?? item.award,
                "state": definition?.state(item.state)?.title ?? item.state, "unit": unitNames[item.unitID] ?? "",
                "dueOn": item.dueOn ?? "", "overdue": item.overdue, "hold": item.holdReason != nil,
            ])
        }
        var stateTitles: [String: String] = [:]
        for definition in definitions.values {
            for state in definition.states where stateTitles[state.id] == nil { stateTitles[state.id] = state.title }
        }
        let states = result.countsByState.keys.sorted().map { id -> [String: Any] in
            ["id": id, "title": stateTitles[id] ?? id, "count": result.countsByState[id] ?? 0, "selected": id == filter.state]
        }
        var awards: [[String: Any]] = []
        for definition in definitions.values.sorted(by: { $0.reference < $1.reference }) {
            for award in definition.awards where !awards.contains(where: { $0["id"] as? String == award.id }) {
                awards.append(["id": award.id, "title": award.title, "selected": award.id == filter.award])
            }
        }
        let provinces = try await services.provinceCodes(of: account)
        let rounds = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger).rounds(
            provinceCodes: provinces
        )
        let pages = max(1, (result.total + Self.pageSize - 1) / Self.pageSize)
        func link(_ target: Int, all: Bool? = nil) -> String {
            var components = URLComponents()
            components.path = "/queue"
            var items = [URLQueryItem(name: "page", value: String(target))]
            for key in ["q", "round", "award", "nomineeKind", "state", "overdue", "returned"] {
                if let value = query.get(key) { items.append(URLQueryItem(name: key, value: value)) }
            }
            if all ?? !mine { items.append(URLQueryItem(name: "all", value: "true")) }
            components.queryItems = items
            return components.string ?? "/queue"
        }
        var values: [String: Any] = [
            "title": "Hồ sơ chờ xử lý",
            "items": items,
            "hasItems": !items.isEmpty,
            "states": states,
            "total": result.countsByState.values.reduce(0, +),
            "awards": awards,
            "kinds": NomineeKind.allCases.map {
                ["id": $0.rawValue, "title": services.localized($0.vietnamese, context), "selected": $0.rawValue == filter.nomineeKind]
                    as [String: Any]
            },
            "openRounds": rounds.filter { Self.isOpen($0) }.map {
                ["id": $0.id, "name": $0.name, "selected": $0.id == filter.roundID] as [String: Any]
            },
            "closedRounds": rounds.filter { !Self.isOpen($0) }.map {
                ["id": $0.id, "name": $0.name, "selected": $0.id == filter.roundID] as [String: Any]
            },
            "hasSteps": !steps.isEmpty,
            "mine": mine,
            "mineCount": mine ? result.total : otherTotal,
            "allCount": mine ? otherTotal : result.total,
            "mineLink": link(1, all: false),
            "allLink": link(1, all: true),
            "bulkActions": bulk.map { ["id": $0.rawValue, "title": services.localized($0.vietnamese, context)] },
            "canBulk": !bulk.isEmpty && !items.isEmpty,
            "q": filter.search ?? "",
            "overdueOnly": filter.overdueOnly,
            "page": page,
            "pages": pages,
            "canCreate": account.may(.createNomination),
            "exportLink": link(1, all: !mine).replacingOccurrences(of: "page=1", with: "format=xlsx"),
        ]
        if page > 1 { values["previous"] = link(page - 1) }
        if page < pages { values["next"] = link(page + 1) }
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("queue", values, context: context)
    }

}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
