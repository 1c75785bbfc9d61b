import Documents
import Foundation
import Geography
import Hummingbird
import Scoring
import Storage

/// One assessment with its per-indicator explanation and evidence.
struct AssessmentPages {
    let services: AppServices

    /// Who may attach evidence to an assessment (from the page or the API).

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/assessments/:province/:id") { request, context in
            let (account, context) = (context.account, context.app)
            let (assessment, set) = try await AssessmentAccess(services: services).load(context: context, for: account)
            return try await detail(assessment, set: set, context: context).response(from: request, context: context)
        }
        routes.get("/assessments/:province/:id/evidence/:sha") { _, context in
            let (account, context) = (context.account, context.app)
            let (assessment, _) = try await AssessmentAccess(services: services).load(context: context, for: account)
            let hash = try context.parameters.require("sha")
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
                let file = try await EvidenceStore(client: services.client, logger: context.logger)
                    .file(sha256: hash.lowercased(), provinceCode: assessment.provinceCode, assessmentID: assessment.id)
            else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.type,
                    .contentDisposition:
                        "attachment; filename=\"evidence.\(FileKind(rawValue: file.type)?.fileExtension ?? "bin")\"; filename*=UTF-8''\(file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidence")",
                    .cacheControl: "private, no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: file.content))
            )
        }
        routes.post("/assessments/:province/:id/evidence") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let (assessment, set) = try await AssessmentAccess(services: services).load(context: context, for: account)
            guard account.may(.attachEvidence) else {
                throw HTTPError(.forbidden, message: "Vai trò của bạn không được đính kèm minh chứng.")
            }
            let form = try await FormReader.readMultipart(request: request, context: context, limit: FileKind.maximumSize + 64 * 1024)
            let indicator = form.part("indicator")?.text ?? ""
            guard let file = form.part("file"), !file.body.isEmpty else {
                return try await detail(assessment, set: set, error: "Chưa chọn tệp minh chứng.", context: context)
                    .response(from: request, context: context)
            }
            do {
                try await EvidenceStore(client: services.client, logger: context.logger).attach(
                    file.body,
                    fileName: file.fileName ?? "minh-chung",
                    to: assessment.key,
                    indicatorID: indicator,
                    indicators: Set(set.indicators.map(\.id)),
                    uploadedBy: account.id
                )
            } catch let error as EvidenceStore.EvidenceError {
                return try await detail(assessment, set: set, error: error.description, status: .unprocessableContent, context: context)
                    .response(from: request, context: context)
            }
            return Response.redirect(to: "/assessments/\(assessment.provinceCode)/\(assessment.id)", type: .normal)
        }
        return routes
    }

    private func detail(
        _ assessment: AssessmentRepository.StoredAssessment,
        set: CriteriaSet,
        error: String? = nil,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let evaluation = try? set.evaluate(assessment.answers, facts: assessment.facts)
        let evidence = try await EvidenceStore(client: services.client, logger: context.logger)
            .attachments(of: assessment.key)
        let results = Dictionary(uniqueKeysWithValues: (evaluation?.indicators ?? []).map { ($0.id, $0) })
        let criteria: [[String: Any]] = set.criteria.enumerated().map { index, criterion in
            let result = evaluation?.criteria[index]
            return [
                "id": criterion.id, "title": criterion.title, "reason": result?.reason ?? "", "passed": result?.passed == true,
                "indicators": criterion.indicators.map { indicator -> [String: Any] in
                    let result = results[indicator.id]
                    return [
                        "id": indicator.id, "text": indicator.text, "points": result?.points ?? 0, "maximum": indicator.maximumPoints,
                        "reason": result?.reason ?? "", "met": result?.met == true, "mandatory": indicator.mandatory,
                        "evidence": evidence.filter { $0.indicatorID == indicator.id }.map {
                            [
                                "name": $0.fileName, "href": "/assessments/\(assessment.provinceCode)/\(assessment.id)/evidence/\($0.sha256)",
                                "size": "\(max(1, $0.size / 1024)) KB",
                            ]
                        },
                    ]
                },
            ]
        }
        let state: String =
            switch assessment.state {
            case "recognised": "Đã công nhận"
            case "not_recognised": "Không công nhận"
            default: "Đã đánh giá, chờ công nhận"
            }
        return services.page(
            "assessment",
            [
                "title": "\(set.title) — \(assessment.subjectName)",
                "setTitle": set.title, "setReference": set.reference, "name": assessment.subjectName, "key": assessment.subjectKey,
                "unitName": assessment.unitName, "year": assessment.year, "state": services.localized(state, context),
                "decision": assessment.recognisedBy ?? "",
                "summary": evaluation?.summary ?? "Không chấm lại được với bộ tiêu chí hiện có.",
                "recognised": evaluation?.recognised == true,
                "shortfalls": evaluation?.shortfalls ?? [],
                "criteria": criteria,
                "provisional": { if case .provisional = set.status { return true } else { return false } }(),
                "error": error as Any,
                "canAttach": context.account?.may(.attachEvidence) == true,
                "provinceCode": assessment.provinceCode,
                "assessmentID": assessment.id,
                "indicatorIDs": set.indicators.map { ["id": $0.id] },
            ],
            context: context,
            status: status
        )
    }
}
