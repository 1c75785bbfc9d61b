import Foundation
import Hummingbird
import Scoring
import Storage

/// Assessments as JSON, and evidence uploads (the raw file as the body).
struct AssessmentsAPI {
    let services: AppServices

    struct IndicatorBody: ResponseEncodable {
        let id: String
        let points: Int
        let maximum: Int
        let met: Bool
        let reason: String
    }

    struct AssessmentBody: ResponseEncodable {
        let provinceCode: String
        let id: Int
        let set: String
        let subjectKey: String
        let subjectName: String
        let unitName: String
        let year: Int
        let state: String
        let recognisedBy: String?
        let total: Int?
        let level: Int?
        let meetsCriteria: Bool?
        let shortfalls: [String]
        let indicators: [IndicatorBody]
    }

    struct AttachmentBody: ResponseEncodable {
        let indicatorID: String
        let sha256: String
        let fileName: String
        let mediaType: String
        let size: Int
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/assessments/:province/:id") { _, context in
            let (account, context) = (context.account, context.app)
            let (assessment, set) = try await AssessmentAccess(services: services).load(context: context, for: account)
            let evaluation = try? set.evaluate(assessment.answers, facts: assessment.facts)
            return AssessmentBody(
                provinceCode: assessment.provinceCode,
                id: assessment.id,
                set: set.reference,
                subjectKey: assessment.subjectKey,
                subjectName: assessment.subjectName,
                unitName: assessment.unitName,
                year: assessment.year,
                state: assessment.state,
                recognisedBy: assessment.recognisedBy,
                total: evaluation?.total,
                level: evaluation?.level,
                meetsCriteria: evaluation?.recognised,
                shortfalls: evaluation?.shortfalls ?? [],
                indicators: (evaluation?.indicators ?? []).map {
                    .init(id: $0.id, points: $0.points, maximum: $0.maximum, met: $0.met, reason: $0.reason)
                }
            )
        }
        routes.post("/assessments/:province/:id/evidence") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            guard account.may(.attachEvidence) else {
                throw HTTPError(.forbidden, message: "Vai trò của bạn không được đính kèm minh chứng.")
            }
            let (assessment, set) = try await AssessmentAccess(services: services).load(context: context, for: account)
            let query = request.uri.queryParameters
            guard let indicator = query.get("indicator"), let name = query.get("name") else {
                throw APIValidationError(message: "Thiếu tham số indicator hoặc name.", errors: ["indicator", "name"])
            }
            let body = try await request.body.collect(upTo: FileKind.maximumSize + 1)
            let attachment = try await EvidenceStore(client: services.client, logger: context.logger).attach(
                Array(buffer: body),
                fileName: name,
                provinceCode: assessment.provinceCode,
                assessmentID: assessment.id,
                indicatorID: indicator,
                indicators: Set(set.indicators.map(\.id)),
                uploadedBy: account.id
            )
            var response = try AttachmentBody(
                indicatorID: attachment.indicatorID,
                sha256: attachment.sha256,
                fileName: attachment.fileName,
                mediaType: attachment.mediaType,
                size: attachment.size
            ).response(from: request, context: context)
            response.status = .created
            return response
        }
        return routes
    }
}
