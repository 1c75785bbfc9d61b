import Hummingbird
import Scoring
import Storage

/// Loads an assessment named in the path, if the reader's scope covers its unit (404 otherwise).
struct AssessmentAccess {
    let services: AppServices

    func load(context: AppRequestContext, for account: Account) async throws -> (AssessmentRepository.StoredAssessment, CriteriaSet) {
        let repository = AssessmentRepository(client: services.client, logger: context.logger)
        let assessment = try await services.scopedRecord(
            context,
            for: account,
            notFound: "Không tìm thấy kết quả đánh giá trong phạm vi của bạn.",
            unitID: \.unitID
        ) { try await repository.assessment($0) }
        let set = try await CriteriaRepository(client: services.client, logger: context.logger).set(assessment.setReference)
        return (assessment, set)
    }
}
