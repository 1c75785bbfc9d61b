import Documents
import Foundation
import Geography
import Hummingbird
import Scoring
import Storage
import Tabular

/// "Đăng ký xây dựng mô hình học tập": a commune's registrations for a year — the counts of each
/// step of the cycle, the list with each subject's stage, registering one subject or a whole list
/// from a spreadsheet — and each registration's self-assessment form (phiếu tự đánh giá).
struct RegistrationPages {
    let services: AppServices

    /// A commune's list is a few thousand rows; a province imports from the command line.
    static let uploadLimit = 20 * 1024 * 1024

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/units/:code/registrations") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let query = request.uri.queryParameters
            let filter = try Filter(set: query.get("set"), yearText: query.get("year"))
            if query.get("format") == "xlsx" { return try await spreadsheet(unit, filter: filter, context: context) }
            return try await listPage(unit, filter: filter, account: account, context: context).response(from: request, context: context)
        }
        routes.post("/units/:code/registrations") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            try APIHandler.requireRegistrationStaff(account)
            struct RegisterForm: Decodable {
                let set: String
                let year: Int
                let unit: String
                let key: String
                let name: String
            }
            let form = try await FormReader.read(RegisterForm.self, request: request, context: context)
            let filter = Filter(set: form.set, year: form.year)
            // The unit chosen must lie within the commune whose page this is (which the reader
            // may reach, so the unit is within the reader's scope too).
            guard let chosen = try await services.units.unit(code: form.unit),
                try await services.units.isWithin(unitID: chosen.id, scopes: [unit.id])
            else {
                return try await listPage(
                    unit,
                    filter: filter,
                    account: account,
                    error: "Thôn hoặc xã đã chọn không thuộc \(unit.name).",
                    context: context
                )
                .response(from: request, context: context)
            }
            do {
                let registration = try await RegistrationStore(client: services.client, logger: context.logger).register(
                    setID: form.set,
                    subjectKey: form.key,
                    subjectName: form.name,
                    unitCode: form.unit,
                    year: form.year,
                    registeredBy: account.id
                )
                let notice = services.localized("Đã ghi đăng ký của \(registration.subjectName) (\(registration.subjectKey)).", context)
                return try await listPage(unit, filter: filter, account: account, notice: notice, context: context)
                    .response(from: request, context: context)
            } catch let error as RegistrationStore.RegistrationError {
                return try await listPage(
                    unit,
                    filter: filter,
                    account: account,
                    error: error.description,
                    status: .unprocessableContent,
                    draft: ["unit": form.unit, "key": form.key, "name": form.name],
                    context: context
                )
                .response(from: request, context: context)
            }
        }
        routes.post("/units/:code/registrations/import") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            try APIHandler.requireRegistrationStaff(account)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: Self.uploadLimit)
            let set = form.part("set")?.text ?? ""
            let year = Int(form.part("year")?.text.trimmingCharacters(in: .whitespaces) ?? "")
            let filter = Filter(set: set, year: year ?? Day.todayInVietnam.year)
            guard let file = form.part("file"), !file.body.isEmpty else {
                return try await listPage(unit, filter: filter, account: account, error: "Chưa chọn tệp danh sách đăng ký.", context: context)
                    .response(from: request, context: context)
            }
            // The list is the commune's of this page (which the reader may reach), whatever else
            // their grants cover.
            let scopes = [unit.id]
            let bytes: [UInt8]
            switch await SpreadsheetConversion.csv(file.body) {
            case .success(let csv): bytes = csv
            case .failure(let problem):
                return try await listPage(
                    unit,
                    filter: filter,
                    account: account,
                    error: problem.description,
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            do {
                let summary = try await RegistrationImport(client: services.client, logger: context.logger).commit(
                    bytes,
                    setID: set,
                    year: year,
                    scopeUnitIDs: scopes,
                    registeredBy: account.id
                )
                let notice = services.localized(
                    "Đã nhập \(summary.rows) dòng: \(summary.registered) đăng ký mới, \(summary.unchanged) đã có, không đổi.",
                    context
                )
                return try await listPage(unit, filter: filter, account: account, notice: notice, context: context)
                    .response(from: request, context: context)
            } catch let refused as RegistrationImport.Refused {
                return try await listPage(
                    unit,
                    filter: filter,
                    account: account,
                    error: "Tệp bị từ chối, không có dòng nào được lưu. Sửa các lỗi dưới đây rồi chọn lại tệp.",
                    problems: refused.problems.map(\.description),
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
        }
        routes.get("/registrations/:province/:id") { request, context in
            let (account, context) = (context.account, context.app)
            let registration = try await load(context: context, for: account)
            let appraising = request.uri.queryParameters.get("tham-dinh") != nil
            let done = request.uri.queryParameters.get("da") == "tham-dinh" ? services.localized("Đã ghi kết quả thẩm định.", context) : nil
            return try await formPage(registration, account: account, appraising: appraising, notice: done, context: context)
                .response(from: request, context: context)
        }
        routes.post("/registrations/:province/:id/self-assessment") { request, context in
            let (account, context) = (context.account, context.app)
            let registration = try await load(context: context, for: account)
            try APIHandler.requireRegistrationStaff(account)
            let fields = try await FormReader.read([String: String].self, request: request, context: context)
            let answers = Questionnaire.answers(in: fields)
            let repository = CriteriaRepository(client: services.client, logger: context.logger)
            guard let reference = fields["set"], reference.hasPrefix(registration.setID + "@"), let set = try? await repository.set(reference) else {
                throw HTTPError(.badRequest, message: "Bộ tiêu chí không hợp lệ.")
            }
            do {
                let (updated, evaluation) = try await RegistrationStore(client: services.client, logger: context.logger).selfAssess(
                    registration.key,
                    set: set,
                    answers: answers,
                    by: account.id
                )
                return try await formPage(
                    updated,
                    account: account,
                    set: set,
                    answers: answers,
                    evaluation: evaluation,
                    notice: services.localized("Đã lưu phiếu tự đánh giá: \(evaluation.summary)", context),
                    context: context
                )
                .response(from: request, context: context)
            } catch let error as RegistrationStore.RegistrationError {
                // Every bad answer at once, each beside its field.
                var problems: [String: String] = [:]
                if case .answers(let refused) = error { problems = refused }
                return try await formPage(
                    registration,
                    account: account,
                    set: set,
                    answers: answers,
                    error: problems.isEmpty
                        ? error.description : services.localized("Phiếu chưa lưu: sửa các chỉ số được đánh dấu dưới đây.", context),
                    problems: problems,
                    status: error == .alreadyReviewed ? .conflict : .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
        }
        routes.post("/registrations/:province/:id/invitation") { request, context in
            let (account, context) = (context.account, context.app)
            let registration = try await load(context: context, for: account)
            try APIHandler.requireRegistrationStaff(account)
            // The form carries nothing but its CSRF token; reading it is what checks the token.
            _ = try await FormReader.read([String: String].self, request: request, context: context)
            let accounts = CitizenAccounts(client: services.client, hasher: services.accounts.hasher, logger: context.logger)
            do {
                let invitation = try await accounts.invite(registration.key, by: account.id)
                context.logger.info("citizen invited", metadata: ["registration.id": "\(registration.id)"])
                // The whole address, to write on paper or send by message: the host the clerk reached.
                let host = request.head.authority.flatMap { $0.count <= 255 && !$0.contains("/") ? $0 : nil }
                let origin = host.map { (services.isSecure(request) ? "https://" : "http://") + $0 } ?? ""
                return try await formPage(registration, account: account, invitation: invitation, origin: origin, context: context)
                    .response(from: request, context: context)
            } catch let error as CitizenAccounts.CitizenAccountError {
                return try await formPage(registration, account: account, error: error.description, status: .conflict, context: context)
                    .response(from: request, context: context)
            }
        }
        routes.post("/registrations/:province/:id/appraisal") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let registration = try await load(context: context, for: account)
            try await RegistrationAccess(services: services).requireAppraiser(registration, account: account, context: context)
            let fields = try await FormReader.read([String: String].self, request: request, context: context)
            let answers = Questionnaire.answers(in: fields)
            var reasons: [String: String] = [:]
            for (name, value) in fields where name.hasPrefix(Questionnaire.reasonPrefix) {
                reasons[String(name.dropFirst(Questionnaire.reasonPrefix.count))] = value
            }
            let repository = CriteriaRepository(client: services.client, logger: context.logger)
            guard let reference = fields["set"], reference.hasPrefix(registration.setID + "@"), let set = try? await repository.set(reference) else {
                throw HTTPError(.badRequest, message: "Bộ tiêu chí không hợp lệ.")
            }
            do {
                _ = try await RegistrationStore(client: services.client, logger: context.logger).appraise(
                    registration.key,
                    set: set,
                    answers: answers,
                    reasons: reasons,
                    by: account.id
                )
                return .redirect(to: "/registrations/\(registration.provinceCode)/\(registration.id)?da=tham-dinh", type: .normal)
            } catch let refused as RegistrationStore.AppraisalRefused {
                return try await formPage(
                    registration,
                    account: account,
                    set: set,
                    answers: answers,
                    reasons: reasons,
                    appraising: true,
                    error: services.localized("Chưa ghi được kết quả thẩm định: sửa các chỉ số được đánh dấu dưới đây.", context)
                        + (refused.problems[""].map { " " + $0 } ?? ""),
                    problems: refused.problems,
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            } catch let error as RegistrationStore.RegistrationError {
                return try await formPage(
                    registration,
                    account: account,
                    set: set,
                    answers: answers,
                    reasons: reasons,
                    appraising: true,
                    error: error.description,
                    status: error == .alreadyReviewed ? .conflict : .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
        }
        return routes
    }

    /// The title and year a list shows.
    struct Filter {
        var set: String?
        var year: Int

        init(set: String?, year: Int) {
            self.set = set.flatMap { $0.isEmpty ? nil : $0 }
            self.year = year
        }

        /// From a page's query: `set` and `year` as typed (this year when none is).
        init(set: String?, yearText: String?) throws {
            var year = Day.todayInVietnam.year
            if let text = yearText, !text.isEmpty {
                guard let value = Int(text), RecordYears.contains(value) else { throw HTTPError(.badRequest, message: "Năm không hợp lệ.") }
                year = value
            }
            self.init(set: set, year: year)
        }
    }

    private func load(context: AppRequestContext, for account: Account) async throws -> RegistrationStore.Registration {
        try await RegistrationAccess(services: services).load(context: context, for: account)
    }

    /// The registrations of the list as an Excel workbook ("Xuất Excel"), in the list's order.
    private func spreadsheet(_ unit: UnitRepository.UnitRecord, filter: Filter, context: AppRequestContext) async throws -> Response {
        let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
        let registrations = try await RegistrationStore(client: services.client, logger: context.logger)
            .registrations(setID: filter.set, year: filter.year, scopeID: unit.id)
        let rows: [[XlsxCell]] = registrations.enumerated().map { index, item in
            [
                .number(index + 1), .text(titles[item.setID] ?? item.setID), .text(item.subjectKey), .text(item.subjectName), .text(item.unitName),
                .number(item.year), .text(item.registeredOn), .text(item.stage.vietnamese), item.selfTotal.map { .number($0) } ?? .text(""),
            ]
        }
        let bytes = XlsxWriter.table(
            headers: ["STT", "Danh hiệu", "Mã đối tượng", "Tên", "Thôn, xã", "Năm", "Ngày đăng ký", "Bước", "Điểm tự đánh giá"],
            rows: rows,
            widths: [6, 28, 18, 32, 22, 8, 14, 30, 14],
            sheetName: "Đăng ký"
        )
        return .workbook(bytes, fileName: "dang-ky-\(unit.code)-\(filter.year).xlsx")
    }

    private func listPage(
        _ unit: UnitRepository.UnitRecord,
        filter: Filter,
        account: Account,
        notice: String? = nil,
        error: String? = nil,
        problems: [String] = [],
        status: HTTPResponse.Status = .ok,
        draft: [String: String] = [:],
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let store = RegistrationStore(client: services.client, logger: context.logger)
        let repository = CriteriaRepository(client: services.client, logger: context.logger)
        let titles = try await repository.titles()
        let subjects = try await repository.subjects()
        let registrable = titles.filter { RegistrationStore.takesRegistrations(subject: subjects[$0.key] ?? "") }
            .sorted { $0.value.compare($1.value, locale: Locale(identifier: "vi_VN")) == .orderedAscending }
        let cycles = try await store.cycles(year: filter.year, scopeID: unit.id)
        let registrations = try await store.registrations(setID: filter.set, year: filter.year, scopeID: unit.id)
        let places = [unit] + (try await services.units.children(of: unit.id)).filter { $0.level == .village && $0.validTo == nil }
        var values: [String: Any] = [
            "title": "Đăng ký xây dựng mô hình học tập năm \(filter.year) — \(unit.name)",
            "unitCode": unit.code, "unitName": unit.name, "year": filter.year, "filterSet": filter.set ?? "",
            "sets": registrable.map { ["id": $0.key, "title": $0.value, "selected": $0.key == filter.set] },
            "cycles": cycles.map { counts -> [String: Any] in
                [
                    "title": titles[counts.set] ?? counts.set, "set": counts.set, "registered": counts.registered,
                    "selfAssessed": counts.selfAssessed, "selfMeeting": counts.selfMeetingCriteria, "reviewed": counts.reviewed,
                    "recognised": counts.recognised, "notRecognised": counts.notRecognised,
                ]
            },
            "hasCycles": !cycles.isEmpty,
            "registrations": registrations.enumerated().map { index, registration -> [String: Any] in
                [
                    "number": index + 1, "name": registration.subjectName, "key": registration.subjectKey,
                    "title": titles[registration.setID] ?? registration.setID, "place": registration.unitName,
                    "registeredOn": registration.registeredOn,
                    "stage": services.localized(registration.stage.vietnamese, context),
                    "selfTotal": registration.selfTotal.map(String.init) ?? "—",
                    "selfMet": registration.selfMeetsCriteria == true,
                    "href": "/registrations/\(registration.provinceCode)/\(registration.id)",
                ]
            },
            "hasRegistrations": !registrations.isEmpty,
            "canRegister": account.may(.registerSubjects),
            "places": places.map { ["code": $0.code, "name": $0.name, "selected": $0.code == draft["unit"]] },
            "draftKey": draft["key"] ?? "", "draftName": draft["name"] ?? "",
            "headings": RegistrationImport.headings.joined(separator: ", "),
            "problems": problems,
            "hasProblems": !problems.isEmpty,
        ]
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return services.page("registrations", values, context: context, status: status)
    }

    private func formPage(
        _ registration: RegistrationStore.Registration,
        account: Account,
        set given: CriteriaSet? = nil,
        answers: [String: String]? = nil,
        reasons: [String: String] = [:],
        appraising wanted: Bool = false,
        evaluation: Evaluation? = nil,
        invitation: CitizenAccounts.Invitation? = nil,
        origin: String = "",
        notice: String? = nil,
        error: String? = nil,
        problems: [String: String] = [:],
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let repository = CriteriaRepository(client: services.client, logger: context.logger)
        // The set given, else the version the subject answered, else the newest one loaded.
        let set: CriteriaSet
        if let given {
            set = given
        } else {
            var reference = registration.selfSet
            if reference == nil { reference = try await repository.latestReference(of: registration.setID) }
            guard let reference, let loaded = try? await repository.set(reference) else {
                throw HTTPError(.notFound, message: "Chưa nạp bộ tiêu chí \(registration.setID).")
            }
            set = loaded
        }
        let stored =
            answers == nil
            ? try await RegistrationStore(client: services.client, logger: context.logger)
                .selfAnswers(of: registration.key) : nil
        let cells = answers ?? stored ?? [:]
        let open = [.registered, .selfAssessed].contains(registration.stage)
        let mayAppraise =
            registration.stage == .selfAssessed
            ? try await RegistrationAccess(services: services).mayAppraise(registration, account: account, context: context) : false
        let appraising = wanted && mayAppraise
        let own = try await RegistrationStore(client: services.client, logger: context.logger).selfAnswers(of: registration.key) ?? [:]
        let criteria = Questionnaire(services: services, context: context).criteria(
            set,
            answers: cells,
            own: own,
            reasons: reasons,
            problems: problems,
            evaluation: evaluation
        )
        var values: [String: Any] = [
            "title": "Phiếu tự đánh giá — \(registration.subjectName)",
            "setTitle": set.title, "setReference": set.reference, "name": registration.subjectName, "key": registration.subjectKey,
            "place": registration.unitName, "year": registration.year, "registeredOn": registration.registeredOn,
            "stage": services.localized(registration.stage.vietnamese, context),
            "selfTotal": registration.selfTotal.map(String.init) ?? "", "selfMet": registration.selfMeetsCriteria == true,
            "provisional": { if case .provisional = set.status { return true } else { return false } }(),
            "criteria": criteria,
            "canEdit": open && account.may(.registerSubjects) && !appraising,
            "appraising": appraising, "mayAppraise": mayAppraise && !appraising,
            "editable": (open && account.may(.registerSubjects)) || appraising,
            "action": appraising ? "appraisal" : "self-assessment",
            "closed": !open,
            "provinceCode": registration.provinceCode, "id": registration.id,
            "assessmentHref": registration.assessmentID.map { "/assessments/\(registration.provinceCode)/\($0)" } ?? "",
            "shortfalls": evaluation?.shortfalls ?? [],
        ]
        // A citizen may fill their own form: staff hand out the invitation, and see whose answers these are.
        if set.subject == .citizen {
            values["citizenTitle"] = true
            let accounts = CitizenAccounts(client: services.client, hasher: services.accounts.hasher, logger: context.logger)
            if let username = try await accounts.username(provinceCode: registration.provinceCode, subjectKey: registration.subjectKey) {
                values["citizenAccount"] = username
            }
            values["mayInvite"] = account.may(.registerSubjects)
            if let invitation {
                values["invitationCode"] = invitation.code
                values["invitationExpires"] = invitation.expiresOn
                values["invitationLink"] = origin + "/cong-dan/kich-hoat?ma=" + invitation.code.replacingOccurrences(of: "-", with: "")
            }
        }
        if registration.selfTotal != nil {
            values["selfBy"] = services.localized(
                registration.selfAssessedByCitizen ? "công dân tự nhập bằng tài khoản riêng" : "cán bộ nhập",
                context
            )
        }
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return services.page("registration", values, context: context, status: status)
    }
}
