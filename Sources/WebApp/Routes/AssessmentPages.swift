import Documents
import Foundation
import Geography
import Hummingbird
import Scoring
import Storage

/// One assessment with its per-indicator explanation and evidence, and the printable list of the
/// subjects a commune recognised in a year.
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
        routes.get("/units/:code/recognised") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let query = request.uri.queryParameters
            let setID = query.get("set") ?? "gia-dinh-hoc-tap"
            let year = query.get("year").flatMap(Int.init) ?? Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
            let bodies = RecognitionBodies(client: services.client, logger: context.logger)
            let rule = try await bodies.rule(setID: setID, provinceCode: unit.provinceCode, year: year)
            // A title recognised by stage is held by everyone recognised so far in the stage.
            let window = try await bodies.window(setID: setID, provinceCode: unit.provinceCode, year: year)
            let subjects = try await AssessmentRepository(client: services.client, logger: context.logger)
                .recognised(setID: setID, year: year, scopeID: unit.id, years: window)
            let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
            let title = titles[setID] ?? setID
            let awaiting = try await AssessmentRepository(client: services.client, logger: context.logger)
                .awaitingDecision(setID: setID, year: year, scopeID: unit.id)
            let canDecide = account.may(.recogniseTitles)
            // The decision is recorded where the province's rule says the title is recognised.
            let decidesHere = rule.map { $0.recordingLevel == unit.level.rawValue } ?? true
            return try services.page(
                "recognised",
                [
                    "title": "Danh sách công nhận \"\(title)\" năm \(year) — \(unit.name)",
                    "stage": window.count > 1 ? "\(window.lowerBound)–\(window.upperBound)" : "",
                    "setTitle": title, "year": year, "unitName": unit.name, "unitCode": unit.code, "count": subjects.count,
                    "subjects": subjects.enumerated().map { index, subject in
                        [
                            "number": index + 1, "name": subject.subjectName, "key": subject.subjectKey, "village": subject.villageName,
                            "total": subject.total, "decision": subject.recognisedBy ?? "", "province": subject.provinceCode, "id": subject.id,
                        ] as [String: Any]
                    },
                    "hasSubjects": !subjects.isEmpty,
                    "awaiting": awaiting,
                    "canDecide": canDecide && awaiting > 0 && decidesHere,
                    "body": rule.map { services.localized("Danh hiệu này do \($0.body) công nhận.", context) } ?? "",
                    "elsewhere": awaiting > 0 && !decidesHere,
                    "setID": setID,
                    "sets": titles.sorted { $0.key < $1.key }.map { ["id": $0.key, "title": $0.value, "selected": $0.key == setID] },
                ],
                context: context
            ).response(from: request, context: context)
        }
        routes.get("/units/:code/recognised/quyet-dinh") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let query = request.uri.queryParameters
            let setID = query.get("set") ?? "gia-dinh-hoc-tap"
            guard let year = query.get("year").flatMap(Int.init), RecordYears.contains(year) else {
                throw HTTPError(.badRequest, message: "Năm không hợp lệ.")
            }
            let format = query.get("format") ?? "docx"
            guard format == "docx" || format == "pdf" else { throw HTTPError(.badRequest, message: "Định dạng quyết định chỉ có: docx, pdf.") }
            let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
            guard let title = titles[setID] else { throw HTTPError(.notFound, message: "Không có danh hiệu \(setID).") }
            let rule = try await RecognitionBodies(client: services.client, logger: context.logger)
                .rule(setID: setID, provinceCode: unit.provinceCode, year: year)
            let subjects = try await AssessmentRepository(client: services.client, logger: context.logger)
                .recognitionList(setID: setID, year: year, scopeID: unit.id)
            let docx = DocxWriter.write(
                RecognitionDecision.document(unitName: unit.name, title: title, year: year, basis: rule?.basis, subjects: subjects)
            )
            let name = "quyet-dinh-cong-nhan-\(setID)-\(unit.code)-\(year)"
            guard format == "pdf" else { return .download(docx, contentType: FileKind.docx.rawValue, fileName: name + ".docx") }
            do {
                return .download(try await DecisionExport.pdf(fromDocx: docx), contentType: FileKind.pdf.rawValue, fileName: name + ".pdf")
            } catch let problem as DecisionExport.ExportError {
                throw HTTPError(.serviceUnavailable, message: problem.description)
            }
        }
        routes.post("/units/:code/recognise") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            struct DecisionForm: Decodable {
                let set: String
                let year: Int
                let decision: String
            }
            let form = try await FormReader.read(DecisionForm.self, request: request, context: context)
            guard account.may(.recogniseTitles) else {
                throw HTTPError(.forbidden, message: "Chỉ Chủ tịch hoặc quản trị cấp tỉnh được ghi quyết định công nhận.")
            }
            let decision = form.decision.trimmingCharacters(in: .whitespacesAndNewlines)
            guard decision.count >= 10 else {
                throw HTTPError(.badRequest, message: "Ghi rõ số, ngày và cơ quan ban hành quyết định công nhận.")
            }
            let (yes, no): (Int, Int)
            do {
                (yes, no) = try await AssessmentRepository(client: services.client, logger: context.logger)
                    .recognise(setID: form.set, year: form.year, scopeID: unit.id, decision: decision)
            } catch let refused as RecognitionBodies.Refused {
                throw HTTPError(.unprocessableContent, message: refused.description)
            }
            context.logger.info("recognition recorded", metadata: ["unit.code": "\(unit.code)", "recognised": "\(yes)", "not_recognised": "\(no)"])
            let query = "set=\(form.set.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&year=\(form.year)"
            return Response.redirect(to: "/units/\(unit.code)/recognised?\(query)", type: .normal)
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
