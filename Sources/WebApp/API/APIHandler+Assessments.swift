import APIContract
import Hummingbird
import OpenAPIRuntime
import Scoring
import Storage

/// Assessments with their per-indicator explanation, and evidence uploads (the raw file as the
/// body).
extension APIHandler {
    func getAssessment(_ input: Operations.GetAssessment.Input) async throws -> Operations.GetAssessment.Output {
        let context = try signedIn()
        let (assessment, set) = try await AssessmentAccess(services: services).load(context: context.app, for: context.account)
        let evaluation = try? set.evaluate(assessment.answers, facts: assessment.facts)
        let body = Components.Schemas.Assessment(
            provinceCode: assessment.provinceCode,
            id: assessment.id,
            set: set.reference,
            subjectKey: assessment.subjectKey,
            subjectName: assessment.subjectName,
            unitName: assessment.unitName,
            year: assessment.year,
            state: try contractValue(assessment.state),
            recognisedBy: assessment.recognisedBy,
            total: evaluation?.total,
            level: evaluation?.level,
            meetsCriteria: evaluation?.recognised,
            shortfalls: evaluation?.shortfalls ?? [],
            indicators: (evaluation?.indicators ?? []).map(Components.Schemas.IndicatorResult.init)
        )
        return .ok(.init(body: .json(body)))
    }

    func attachEvidence(_ input: Operations.AttachEvidence.Input) async throws -> Operations.AttachEvidence.Output {
        let context = try signedIn()
        guard context.account.may(.attachEvidence) else {
            throw HTTPError(.forbidden, message: "Vai trò của bạn không được đính kèm minh chứng.")
        }
        let (assessment, set) = try await AssessmentAccess(services: services).load(context: context.app, for: context.account)
        guard case .any(let file) = input.body else { throw HTTPError(.badRequest) }
        let attachment = try await EvidenceStore(client: services.client, logger: context.app.logger).attach(
            try await [UInt8](collecting: file, upTo: FileKind.maximumSize + 1),
            fileName: input.query.name,
            to: assessment.key,
            indicatorID: input.query.indicator,
            indicators: Set(set.indicators.map(\.id)),
            uploadedBy: context.account.id
        )
        let body = Components.Schemas.EvidenceFile(
            indicatorID: attachment.indicatorID,
            sha256: attachment.sha256,
            fileName: attachment.fileName,
            mediaType: attachment.mediaType,
            size: attachment.size
        )
        return .created(.init(body: .json(body)))
    }
}

extension Components.Schemas.IndicatorResult {
    init(_ result: Evaluation.IndicatorResult) {
        self.init(id: result.id, points: result.points, maximum: result.maximum, met: result.met, reason: result.reason)
    }
}
