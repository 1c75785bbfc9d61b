import Foundation
import Hummingbird
import Scoring
import Storage

/// A citizen's own pages ("Công dân học tập" on a phone): the first visit with the invitation code
/// commune staff handed out, then their record — each year's registration, self-assessment,
/// appraisal and recognition, what is still missing — and the questionnaire to fill or update
/// until the commune appraises it. Every page reads the one record `CitizenContext` names.
struct CitizenPages {
    let services: AppServices

    /// The invitation form and its answer: no session yet.
    var claim: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/cong-dan/kich-hoat") { request, context in
            // Nothing is looked up before the form is sent: the page reveals nothing about a code.
            let code = String((request.uri.queryParameters.get("ma") ?? "").prefix(64))
            return try claimPage(code: code, context: context).response(from: request, context: context)
        }
        routes.post("/cong-dan/kich-hoat") { request, context in
            struct ClaimForm: Decodable {
                let code: String?
                let username: String?
                let password: String?
                let confirm: String?
            }
            let form = try await FormReader.read(ClaimForm.self, request: request, context: context)
            // Bounded as the page's own field is: a code is twelve letters, echoed back at most 64.
            let (code, username, password) = (String((form.code ?? "").prefix(64)), form.username ?? "", form.password ?? "")
            func refused(_ errors: [String: String], status: HTTPResponse.Status = .unprocessableContent) throws -> Response {
                try claimPage(code: code, username: username, errors: errors, status: status, context: context).response(
                    from: request,
                    context: context
                )
            }
            guard password == form.confirm else { return try refused(["confirm": "Mật khẩu nhập lại không khớp."]) }
            // Guessing codes is slowed like guessing passwords, per address.
            let address = LoginAttempt(services: services, context: context).clientAddress
            let rules = [LoginThrottle.Rule(key: "invitation-ip:\(address)", freeAttempts: 10, decaySeconds: 60)]
            if let seconds = try await services.loginThrottle.admit(rules) {
                var response = try refused(
                    ["code": "Đã thử quá nhiều lần từ máy này. Vui lòng chờ \(seconds) giây rồi thử lại."],
                    status: .tooManyRequests
                )
                response.headers[.retryAfter] = "\(seconds)"
                return response
            }
            let accounts = CitizenAccounts(client: services.client, hasher: services.accounts.hasher, logger: context.logger)
            let claimed: CitizenAccounts.Claimed
            do {
                claimed = try await accounts.claim(code: code, username: username, password: password)
            } catch let error as CitizenAccounts.CitizenAccountError {
                return try refused(["code": error.description])
            } catch let error as AccountError {
                // Not a guess at a code: the attempt is given back.
                try await services.loginThrottle.succeeded(rules, forgetting: [])
                switch error {
                case .weakPassword: return try refused(["password": error.description])
                default: return try refused(["username": error.description])
                }
            }
            try await services.loginThrottle.succeeded(rules, forgetting: [])
            context.logger.info(
                claimed.passwordReset ? "citizen password reset" : "citizen account made",
                metadata: ["user.id": "\(claimed.userID)"]
            )
            let token = try await services.sessions.create(userID: claimed.userID)
            var response = Response.redirect(to: claimed.passwordReset ? "/cong-dan?da=dat-lai" : "/cong-dan?da=kich-hoat", type: .normal)
            response.setCookie(AppCookies.session(token, maxAge: services.configuration.sessionHours * 3600, secure: services.isSecure(request)))
            response.setCookie(AppCookies.csrf(SessionStore.randomToken(), secure: services.isSecure(request)))
            return response
        }
        return routes
    }

    /// The citizen's own record and questionnaire.
    var own: RouteCollection<CitizenContext> {
        let routes = RouteCollection(context: CitizenContext.self)
        routes.get("/cong-dan") { request, context in
            let notice: String? =
                switch request.uri.queryParameters.get("da") {
                case "kich-hoat": "Đã tạo tài khoản. Từ nay anh/chị đăng nhập bằng tên và mật khẩu vừa đặt."
                case "dat-lai": "Đã đặt lại mật khẩu. Tên đăng nhập của anh/chị: \(context.account.username)."
                case "luu": "Đã lưu phiếu tự đánh giá. Cán bộ xã, phường sẽ thẩm định trước khi công nhận danh hiệu."
                default: nil
                }
            return try await homePage(context, notice: notice).response(from: request, context: context.app)
        }
        routes.get("/cong-dan/phieu") { request, context in
            try await formPage(context).response(from: request, context: context.app)
        }
        routes.post("/cong-dan/phieu") { request, context in
            let fields = try await FormReader.read([String: String].self, request: request, context: context.app)
            let store = RegistrationStore(client: services.client, logger: context.app.logger)
            guard let registration = try await current(context), [.registered, .selfAssessed].contains(registration.stage) else {
                return try await formPage(context, error: "Phiếu năm nay đã được thẩm định, không sửa được nữa.", status: .conflict)
                    .response(from: request, context: context.app)
            }
            let set = try await questionnaireSet(of: registration, context: context)
            // Only the set's own questions: a field the form does not have is dropped.
            let asked = Set(set.indicators.filter(\.isAnswered).map(\.id))
            let answers = Questionnaire.answers(in: fields).filter { asked.contains($0.key) }
            // Every mistake at once: a question left empty (a citizen's form must be whole; staff
            // may save a partial one), and each answer that cannot be read.
            var problems: [String: String] = [:]
            for id in asked where (answers[id] ?? "").isEmpty { problems[id] = "Chưa trả lời câu này." }
            if case .failure(let refused) = RegistrationStore.read(answers.filter { !$0.value.isEmpty }, set: set) {
                problems.merge(refused.problems.filter { asked.contains($0.key) }) { first, _ in first }
            }
            if problems.isEmpty {
                do {
                    _ = try await store.selfAssess(registration.key, set: set, answers: answers, by: context.account.id)
                    // To the citizen's page, so that Back and Refresh never send the form again.
                    return Response.redirect(to: "/cong-dan?da=luu", type: .normal)
                } catch RegistrationStore.RegistrationError.answers(let refused) {
                    problems = refused
                }
            }
            return try await formPage(
                context,
                answers: answers,
                error: services.localized("Phiếu chưa lưu: xem các câu được đánh dấu dưới đây.", context.app),
                problems: problems.mapValues { services.localized($0, context.app) },
                status: .unprocessableContent
            )
            .response(from: request, context: context.app)
        }
        routes.post("/cong-dan/mat-khau") { request, context in
            if let error = try await AccountPages.changePassword(context.account, request: request, context: context.app, services: services) {
                return try await homePage(context, error: error, status: .unprocessableContent).response(from: request, context: context.app)
            }
            return try await homePage(context, notice: "Đã đổi mật khẩu.").response(from: request, context: context.app)
        }
        return routes
    }

    private func claimPage(
        code: String,
        username: String = "",
        errors: [String: String] = [:],
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) -> HTMLPage {
        var values: [String: Any] = ["title": "Kích hoạt tài khoản công dân", "code": code, "username": username, "errors": errors]
        if !errors.isEmpty { values["error"] = "Chưa tạo được tài khoản: xem các ô được đánh dấu dưới đây." }
        return services.page("citizen-claim", values, context: context, status: status)
    }

    /// The citizen's registration of the latest year.
    private func current(_ context: CitizenContext) async throws -> RegistrationStore.Registration? {
        try await RegistrationStore(client: services.client, logger: context.app.logger).registrations(of: context.citizen).first
    }

    /// The version the citizen answered, else the newest loaded.
    private func questionnaireSet(of registration: RegistrationStore.Registration, context: CitizenContext) async throws -> CriteriaSet {
        let repository = CriteriaRepository(client: services.client, logger: context.app.logger)
        var reference = registration.selfSet
        if reference == nil { reference = try await repository.latestReference(of: registration.setID) }
        guard let reference, let set = try? await repository.set(reference) else { throw HTTPError(.notFound) }
        return set
    }

    private func homePage(
        _ context: CitizenContext,
        notice: String? = nil,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        let logger = context.app.logger
        let registrations = try await RegistrationStore(client: services.client, logger: logger).registrations(of: context.citizen)
        let assessments = AssessmentRepository(client: services.client, logger: logger)
        let titles = try await CriteriaRepository(client: services.client, logger: logger).titles()
        var years: [[String: Any]] = []
        for registration in registrations {
            var row: [String: Any] = [
                "year": registration.year, "title": titles[registration.setID] ?? registration.setID,
                "stage": services.localized(registration.stage.vietnamese, context.app), "place": registration.unitName,
                "recognised": registration.stage == .recognised,
            ]
            if let total = registration.selfTotal {
                row["selfTotal"] = total
                row["selfBy"] = services.localized(registration.selfAssessedByCitizen ? "anh/chị tự nhập" : "cán bộ nhập giúp", context.app)
            }
            if let id = registration.assessmentID,
                let appraisal = try await assessments.assessment(AssessmentKey(provinceCode: registration.provinceCode, id: id))
            {
                row["appraisedTotal"] = appraisal.total
                if let decision = appraisal.recognisedBy { row["decision"] = decision }
            }
            years.append(row)
        }
        var values: [String: Any] = ["title": "Công dân học tập", "name": context.account.fullName, "years": years, "hasYears": !years.isEmpty]
        // What is still missing, from the latest answers the citizen gave.
        if let latest = registrations.first {
            values["currentYear"] = latest.year
            values["open"] = [.registered, .selfAssessed].contains(latest.stage)
            values["notStarted"] = latest.stage == .registered
            if let cells = try await RegistrationStore(client: services.client, logger: logger).selfAnswers(of: latest.key),
                case .success(let (_, evaluation)) = RegistrationStore.read(cells, set: try await questionnaireSet(of: latest, context: context))
            {
                values["total"] = evaluation.total
                values["maximum"] = evaluation.maximum
                values["met"] = evaluation.recognised
                let missing = evaluation.shortfalls + evaluation.criteria.filter { !$0.passed }.map(\.reason)
                values["missing"] = missing
                values["hasMissing"] = !missing.isEmpty
                values["groups"] = evaluation.criteria.map { ["title": $0.title, "points": $0.points, "maximum": $0.maximum, "passed": $0.passed] }
            }
        }
        if let notice { values["notice"] = services.localized(notice, context.app) }
        if let error { values["error"] = error }
        return services.page("citizen-home", values, context: context.app, status: status)
    }

    private func formPage(
        _ context: CitizenContext,
        answers: [String: String]? = nil,
        evaluation: Evaluation? = nil,
        notice: String? = nil,
        error: String? = nil,
        problems: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        guard let registration = try await current(context) else {
            return services.page(
                "citizen-form",
                ["title": "Phiếu tự đánh giá", "name": context.account.fullName, "noRegistration": true],
                context: context.app
            )
        }
        let set = try await questionnaireSet(of: registration, context: context)
        let store = RegistrationStore(client: services.client, logger: context.app.logger)
        var cells = answers ?? [:]
        if answers == nil { cells = try await store.selfAnswers(of: registration.key) ?? [:] }
        let open = [.registered, .selfAssessed].contains(registration.stage)
        var values: [String: Any] = [
            "title": "Phiếu tự đánh giá năm \(registration.year)", "name": context.account.fullName, "year": registration.year,
            "setTitle": set.title, "setReference": set.reference, "place": registration.unitName,
            "criteria": Questionnaire(services: services, context: context.app).criteria(
                set,
                answers: cells,
                problems: problems,
                evaluation: evaluation
            ),
            "editable": open, "closed": !open, "shortfalls": evaluation?.shortfalls ?? [], "hasCriteria": true,
        ]
        if let evaluation { values["result"] = evaluation.summary }
        // Where the first mistake is: the message at the top links to it.
        let order = set.indicators.filter(\.isAnswered).map(\.id)
        if let first = order.first(where: { problems[$0] != nil }) { values["firstProblem"] = first }
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return services.page("citizen-form", values, context: context.app, status: status)
    }
}
