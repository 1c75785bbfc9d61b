import Foundation
import Geography
import Hummingbird
import Scoring
import Storage

/// The yearly cycle's first steps as JSON: registrations for a title, the subject's
/// self-assessment, and a unit's registrations with the stage each has reached.
struct RegistrationsAPI {
    let services: AppServices

    /// Who may register subjects and enter their self-assessments: the commune's staff.

    struct RegisterBody: Decodable {
        let set: String
        let subjectKey: String
        let subjectName: String
        let unitCode: String
        let year: Int
    }

    struct SelfAssessmentBody: Decodable {
        /// The version scored with, as ID@VERSION of the registered title.
        let set: String
        /// Each indicator's answer as a spreadsheet cell would hold it ("có", "8", "3/4").
        let answers: [String: String]
    }

    struct SelfAssessmentAnswer: ResponseEncodable {
        let registration: RegistrationStore.Registration
        let total: Int
        let maximum: Int
        let meetsCriteria: Bool
        let shortfalls: [String]
        let indicators: [AssessmentsAPI.IndicatorBody]
    }

    struct ListAnswer: ResponseEncodable {
        let year: Int
        let cycles: [RegistrationStore.CycleCounts]
        let registrations: [RegistrationStore.Registration]
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.post("/registrations") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let body = try await request.decode(as: RegisterBody.self, context: context)
            try Self.requireStaff(account)
            guard let unit = try await services.units.unit(code: body.unitCode),
                try await services.accounts.canAccess(account, unitID: unit.id)
            else { throw HTTPError(.notFound, message: "Không tìm thấy đơn vị \(body.unitCode) trong phạm vi của bạn.") }
            do {
                let registration = try await store(context).register(
                    setID: body.set,
                    subjectKey: body.subjectKey,
                    subjectName: body.subjectName,
                    unitCode: body.unitCode,
                    year: body.year,
                    registeredBy: account.id
                )
                var response = try registration.response(from: request, context: context)
                response.status = .created
                return response
            } catch let error as RegistrationStore.RegistrationError {
                throw APIValidationError(message: error.description, errors: [error.description])
            }
        }
        routes.get("/units/:code/registrations") { request, context -> ListAnswer in
            let (account, context) = (context.account, context.app)
            let code = try context.parameters.require("code")
            guard let unit = try await services.units.unit(code: code), try await services.accounts.canAccess(account, unitID: unit.id) else {
                throw HTTPError(.notFound, message: "Không tìm thấy đơn vị \(code) trong phạm vi của bạn.")
            }
            let query = request.uri.queryParameters
            var year = Day.todayInVietnam.year
            if let text = query.get("year") {
                guard let value = Int(text), RecordYears.contains(value) else {
                    throw APIValidationError(message: "Năm không hợp lệ: \(text).", errors: ["year"])
                }
                year = value
            }
            let set = query.get("set")
            let store = store(context)
            return ListAnswer(
                year: year,
                cycles: try await store.cycles(year: year, scopeID: unit.id).filter { set == nil || $0.set == set },
                registrations: try await store.registrations(setID: set, year: year, scopeID: unit.id)
            )
        }
        routes.post("/registrations/:province/:id/self-assessment") { request, context -> SelfAssessmentAnswer in
            let (account, context) = (context.account, context.app)
            let body = try await request.decode(as: SelfAssessmentBody.self, context: context)
            try Self.requireStaff(account)
            let registration = try await RegistrationAccess(services: services).load(context: context, for: account)
            let set: CriteriaSet
            do {
                set = try await CriteriaRepository(client: services.client, logger: context.logger).set(body.set)
            } catch {
                throw APIValidationError(message: "Chưa nạp bộ tiêu chí \(body.set).", errors: ["set"])
            }
            do {
                let (updated, evaluation) = try await store(context).selfAssess(
                    provinceCode: registration.provinceCode,
                    id: registration.id,
                    set: set,
                    answers: body.answers,
                    by: account.id
                )
                return SelfAssessmentAnswer(
                    registration: updated,
                    total: evaluation.total,
                    maximum: evaluation.maximum,
                    meetsCriteria: evaluation.recognised,
                    shortfalls: evaluation.shortfalls,
                    indicators: evaluation.indicators.map {
                        .init(id: $0.id, points: $0.points, maximum: $0.maximum, met: $0.met, reason: $0.reason)
                    }
                )
            } catch let error as RegistrationStore.RegistrationError {
                if case .alreadyReviewed = error { throw HTTPError(.conflict, message: error.description) }
                throw APIValidationError(message: error.description, errors: [error.description])
            }
        }
        return routes
    }

    /// Whether the person may register subjects and enter self-assessments anywhere in their scope.
    static func isStaff(_ account: Account) -> Bool {
        account.may(.registerSubjects)
    }

    static func requireStaff(_ account: Account) throws {
        guard isStaff(account) else {
            throw HTTPError(.forbidden, message: "Vai trò của bạn không được ghi đăng ký hay phiếu tự đánh giá.")
        }
    }

    private func store(_ context: AppRequestContext) -> RegistrationStore {
        RegistrationStore(client: services.client, logger: context.logger)
    }
}

extension RegistrationStore.Registration: ResponseEncodable {}
extension RegistrationStore.CycleCounts: ResponseEncodable {}
