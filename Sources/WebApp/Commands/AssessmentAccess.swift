import Hummingbird
import Scoring
import Storage

/// Loads an assessment named in the path, if the reader's scope covers its unit (404 otherwise).
struct AssessmentAccess {
    let services: AppServices

    func load(context: AppRequestContext, for account: Account) async throws -> (AssessmentRepository.StoredAssessment, CriteriaSet) {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let assessment = try await AssessmentRepository(client: services.client, logger: context.logger).assessment(
                provinceCode: province,
                id: id
            ),
            try await services.accounts.canAccess(account, unitID: assessment.unitID)
        else { throw HTTPError(.notFound, message: "Không tìm thấy kết quả đánh giá trong phạm vi của bạn.") }
        let set = try await CriteriaRepository(client: services.client, logger: context.logger).set(assessment.setReference)
        return (assessment, set)
    }
}
