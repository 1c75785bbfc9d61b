import Foundation
import Geography
import Hummingbird
import Storage

/// Administration for province administrators: users and their roles per unit, and rounds with
/// the workflow version each runs on.
struct AdministrationPages {
    let services: AppServices

    struct UserForm: Decodable {
        let fullName: String
        let username: String
        let password: String
        let role: String
        let unitCode: String
    }

    struct RoundForm: Decodable {
        let provinceCode: String
        let name: String
        let year: String
        let basis: String
        let opensOn: String
        let closesOn: String?
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/admin/users") { request, context in
            let (account, context) = (context.account, context.app)
            let scopes = try requireAdministrator(account)
            return try await users(account, scopes: scopes, form: [:], message: nil, error: nil, context: context).response(
                from: request,
                context: context
            )
        }
        routes.post("/admin/users") { request, context in
            let (account, context) = (context.account, context.app)
            let scopes = try requireAdministrator(account)
            let form = try await FormReader.read(UserForm.self, request: request, context: context)
            let kept = ["fullName": form.fullName, "username": form.username, "unitCode": form.unitCode]
            guard let role = Role(rawValue: form.role), role != .systemAdmin || account.isSystemAdmin else {
                return try await users(account, scopes: scopes, form: kept, message: nil, error: "Vai trò không hợp lệ.", context: context)
                    .response(from: request, context: context)
            }
            // A province administrator creates accounts within the province only.
            guard let unit = try await services.units.unit(code: form.unitCode), try await services.accounts.canAccess(account, unitID: unit.id)
            else {
                return try await users(
                    account,
                    scopes: scopes,
                    form: kept,
                    message: nil,
                    error: "Không có đơn vị \(form.unitCode) trong phạm vi của bạn.",
                    context: context
                )
                .response(from: request, context: context)
            }
            do {
                try await services.accounts.create(
                    username: form.username,
                    fullName: form.fullName,
                    password: form.password,
                    roles: [(role, unitCode: unit.code)]
                )
            } catch let error as AccountError {
                return try await users(account, scopes: scopes, form: kept, message: nil, error: error.description, context: context)
                    .response(from: request, context: context)
            }
            return try await users(
                account,
                scopes: scopes,
                form: [:],
                message: "Đã thêm \(form.fullName) (\(role.vietnamese), \(unit.name)).",
                error: nil,
                context: context
            )
            .response(from: request, context: context)
        }
        routes.get("/rounds") { request, context in
            let (account, context) = (context.account, context.app)
            // After opening a round (`?mo=province-id`): say which, with the process it follows.
            var message: String?
            if let opened = request.uri.queryParameters.get("mo"), let dash = opened.firstIndex(of: "-"),
                let id = Int(opened[opened.index(after: dash)...]),
                let round = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger)
                    .round(RoundKey(provinceCode: String(opened[..<dash]), id: id)),
                try await services.provinceCodes(of: account)?.contains(round.provinceCode) ?? true
            {
                message = "Đã mở đợt \(round.name): \(round.workflowTitle)."
            }
            return try await rounds(account, message: message, error: nil, context: context).response(from: request, context: context)
        }
        routes.post("/rounds") { request, context in
            let (account, context) = (context.account, context.app)
            let form = try await FormReader.read(RoundForm.self, request: request, context: context)
            guard let province = try await services.units.unit(code: form.provinceCode), province.level == .province,
                account.may(.openRound, at: province.id)
            else { throw HTTPError(.forbidden, message: "Chỉ quản trị cấp tỉnh của tỉnh này được mở đợt.") }
            // A refused form comes back with everything typed; a good one leads to the list
            // (refreshing it opens nothing twice).
            func refused(_ error: String) async throws -> Response {
                try await rounds(account, message: nil, error: error, form: form, context: context).response(from: request, context: context)
            }
            guard let year = Int(form.year.trimmingCharacters(in: .whitespaces)), let opens = Day(parsing: form.opensOn) else {
                return try await refused("Năm hoặc ngày mở đợt không hợp lệ.")
            }
            var closes: Day?
            if let text = form.closesOn?.nilIfBlank {
                guard let day = Day(parsing: text) else { return try await refused("Hạn nhận hồ sơ không hợp lệ: \(text) (dạng dd/MM/yyyy).") }
                closes = day
            }
            do {
                let round = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger).open(
                    provinceCode: province.provinceCode,
                    name: form.name,
                    year: year,
                    basis: form.basis,
                    opensOn: opens,
                    closesOn: closes,
                    workflow: nil
                )
                return .redirect(to: "/rounds?mo=\(round.provinceCode)-\(round.id)", type: .normal)
            } catch let error as RoundStore.RoundError {
                return try await refused(error.description)
            } catch let error as WorkflowRepository.WorkflowError {
                return try await refused(error.description)
            }
        }
        return routes
    }

    /// The units an administrator manages (nil: everything, for system administrators).
    private func requireAdministrator(_ account: Account) throws -> [Int]? {
        if account.isSystemAdmin { return nil }
        let units = account.grants.filter { $0.role == .provinceAdmin }.compactMap(\.unitID)
        guard !units.isEmpty else { throw HTTPError(.forbidden, message: "Chỉ quản trị cấp tỉnh được quản lý người dùng.") }
        return units
    }

    private func users(
        _ account: Account,
        scopes: [Int]?,
        form: [String: String],
        message: String?,
        error: String?,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let list = try await services.accounts.users(scopes: scopes)
        var values: [String: Any] = [
            "title": "Người dùng và vai trò",
            "users": list.map { user in
                [
                    "fullName": user.fullName, "username": user.username,
                    "grants": user.grants.map {
                        ["role": services.localized($0.role.vietnamese, context), "unit": $0.unitName ?? services.localized("Toàn quốc", context)]
                    },
                ] as [String: Any]
            },
            "roles": Role.allCases.filter { $0 != .systemAdmin }.map { ["id": $0.rawValue, "title": services.localized($0.vietnamese, context)] },
            "form": form,
        ]
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("admin-users", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    private func rounds(
        _ account: Account,
        message: String?,
        error: String?,
        form: RoundForm? = nil,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        var provinces: [[String: String]] = []
        var codes: Set<String> = []
        for grant in account.grants {
            guard let unitID = grant.unitID, let unit = try await services.units.unit(id: unitID) else { continue }
            codes.insert(unit.provinceCode)
            if grant.role == .provinceAdmin, unit.level == .province {
                provinces.append(["code": unit.code, "name": unit.name, "selected": unit.code == form?.provinceCode ? "selected" : ""])
            }
        }
        let list = try await RoundStore(client: services.client, workflows: services.workflows, logger: context.logger)
            .rounds(provinceCodes: account.isSystemAdmin ? nil : codes.sorted())
        let today = Day.todayInVietnam
        var values: [String: Any] = [
            "title": "Đợt thi đua, khen thưởng",
            "rounds": list.map {
                [
                    "name": $0.name, "year": $0.year, "basis": services.localized($0.basis.vietnamese, context),
                    "opensOn": $0.opensOn, "closesOn": $0.closesOn ?? "—",
                    "workflow": $0.workflow, "workflowTitle": $0.workflowTitle,
                ] as [String: Any]
            },
            "canOpen": !provinces.isEmpty,
            "provinces": provinces,
            "name": form?.name ?? "",
            "year": form?.year ?? String(today.year),
            "today": form?.opensOn ?? today.vietnamese,
            "closesOn": form?.closesOn ?? "",
            "bases": AwardBasis.allCases.map {
                ["id": $0.rawValue, "title": services.localized($0.choice, context), "selected": $0.rawValue == (form?.basis ?? "merit")]
                    as [String: Any]
            },
        ]
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("rounds", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
