import APIContract
import Geography
import Hummingbird
import Scoring
import Storage

/// The yearly cycle's first steps: registrations for a title, the subject's self-assessment, and
/// a unit's registrations with the stage each has reached.
extension APIHandler {
    func createRegistration(_ input: Operations.CreateRegistration.Input) async throws -> Operations.CreateRegistration.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        try Self.requireRegistrationStaff(context.account)
        guard let unit = try await services.units.unit(code: body.unitCode),
            try await services.accounts.canAccess(context.account, unitID: unit.id)
        else { throw HTTPError(.notFound, message: "Không tìm thấy đơn vị \(body.unitCode) trong phạm vi của bạn.") }
        do {
            let registration = try await registrations(context).register(
                setID: body.set,
                subjectKey: body.subjectKey,
                subjectName: body.subjectName,
                unitCode: body.unitCode,
                year: body.year,
                registeredBy: context.account.id
            )
            return .created(.init(body: .json(try .init(converting: registration))))
        } catch let error as RegistrationStore.RegistrationError {
            throw APIValidationError(message: error.description, errors: [error.description])
        }
    }

    func listUnitRegistrations(_ input: Operations.ListUnitRegistrations.Input) async throws -> Operations.ListUnitRegistrations.Output {
        let context = try signedIn()
        let code = input.path.code
        guard let unit = try await services.units.unit(code: code), try await services.accounts.canAccess(context.account, unitID: unit.id) else {
            throw HTTPError(.notFound, message: "Không tìm thấy đơn vị \(code) trong phạm vi của bạn.")
        }
        var year = Day.todayInVietnam.year
        if let value = input.query.year {
            guard RecordYears.contains(value) else { throw APIValidationError(message: "Năm không hợp lệ: \(value).", errors: ["year"]) }
            year = value
        }
        let set = input.query.set
        let store = registrations(context)
        let body = Components.Schemas.UnitRegistrations(
            year: year,
            cycles: try await store.cycles(year: year, scopeID: unit.id).filter { set == nil || $0.set == set }.map { try .init(converting: $0) },
            registrations: try await store.registrations(setID: set, year: year, scopeID: unit.id).map { try .init(converting: $0) }
        )
        return .ok(.init(body: .json(body)))
    }

    func submitSelfAssessment(_ input: Operations.SubmitSelfAssessment.Input) async throws -> Operations.SubmitSelfAssessment.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        try Self.requireRegistrationStaff(context.account)
        let registration = try await RegistrationAccess(services: services).load(context: context.app, for: context.account)
        let set: CriteriaSet
        do {
            set = try await CriteriaRepository(client: services.client, logger: context.app.logger).set(body.set)
        } catch {
            throw APIValidationError(message: "Chưa nạp bộ tiêu chí \(body.set).", errors: ["set"])
        }
        do {
            let (updated, evaluation) = try await registrations(context).selfAssess(
                registration.key,
                set: set,
                answers: body.answers.additionalProperties,
                by: context.account.id
            )
            return .ok(.init(body: .json(try Self.scored(updated, evaluation))))
        } catch let error as RegistrationStore.RegistrationError {
            if case .alreadyReviewed = error { throw HTTPError(.conflict, message: error.description) }
            throw APIValidationError(message: error.description, errors: [error.description])
        }
    }

    func appraiseSelfAssessment(_ input: Operations.AppraiseSelfAssessment.Input) async throws -> Operations.AppraiseSelfAssessment.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let registration = try await RegistrationAccess(services: services).load(context: context.app, for: context.account)
        try await RegistrationAccess(services: services).requireAppraiser(registration, account: context.account, context: context.app)
        let set: CriteriaSet
        do {
            set = try await CriteriaRepository(client: services.client, logger: context.app.logger).set(body.set)
        } catch {
            throw APIValidationError(message: "Chưa nạp bộ tiêu chí \(body.set).", errors: ["set"])
        }
        do {
            let (updated, evaluation) = try await registrations(context).appraise(
                registration.key,
                set: set,
                answers: body.answers.additionalProperties,
                reasons: body.reasons?.additionalProperties ?? [:],
                by: context.account.id
            )
            return .ok(.init(body: .json(try Self.scored(updated, evaluation))))
        } catch let refused as RegistrationStore.AppraisalRefused {
            throw APIValidationError(message: refused.description, errors: refused.problems.keys.sorted())
        } catch let error as RegistrationStore.RegistrationError {
            if case .alreadyReviewed = error { throw HTTPError(.conflict, message: error.description) }
            throw APIValidationError(message: error.description, errors: [error.description])
        }
    }

    /// A registration with the score its answers (the subject's or the reviewer's) were given.
    static func scored(_ registration: RegistrationStore.Registration, _ evaluation: Evaluation) throws -> Components.Schemas.SelfAssessmentResult {
        Components.Schemas.SelfAssessmentResult(
            registration: try .init(converting: registration),
            total: evaluation.total,
            maximum: evaluation.maximum,
            meetsCriteria: evaluation.recognised,
            shortfalls: evaluation.shortfalls,
            indicators: evaluation.indicators.map(Components.Schemas.IndicatorResult.init)
        )
    }

    /// Who may register subjects and enter self-assessments: the commune's staff.
    static func requireRegistrationStaff(_ account: Account) throws {
        guard account.may(.registerSubjects) else {
            throw HTTPError(.forbidden, message: "Vai trò của bạn không được ghi đăng ký hay phiếu tự đánh giá.")
        }
    }

    private func registrations(_ context: SignedInContext) -> RegistrationStore {
        RegistrationStore(client: services.client, logger: context.app.logger)
    }
}
