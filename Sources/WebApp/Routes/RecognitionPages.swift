import Documents
import Foundation
import Geography
import Hummingbird
import Storage

/// The learning-model titles a unit recognised in a year: the list, the draft decision (Word,
/// PDF), and recording the signed decision — numbered from the People's Committee's register or
/// as the văn thư entered it — which recognises everyone meeting the criteria.
struct RecognitionPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/units/:code/recognised") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let query = request.uri.queryParameters
            let setID = query.get("set") ?? "gia-dinh-hoc-tap"
            // Titles are recognised at the year's end, and early in the next year for the last:
            // from October the year in progress, before it the year just ended.
            let today = Day.todayInVietnam
            let year = query.get("year").flatMap(Int.init) ?? (today.month >= 10 ? today.year : today.year - 1)
            let message = query.get("da") == "ghi" ? services.localized("Đã ghi quyết định công nhận.", context) : nil
            return try await page(unit, setID: setID, year: year, account: account, form: [:], message: message, error: nil, context: context)
                .response(from: request, context: context)
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
            // A decision recognising no one is nobody's to sign.
            guard !subjects.isEmpty else {
                throw HTTPError(.notFound, message: "Chưa có đối tượng nào đạt tiêu chí \"\(title)\" năm \(year) để lập quyết định công nhận.")
            }
            // The latest recorded decision numbers the document; before it, blanks for the văn thư.
            let recorded = try await RecognitionDecisionStore(client: services.client, logger: context.logger)
                .decisions(unitID: unit.id, setID: setID, year: year).first
            let organisation = try await issuingOrganisation(rule: rule, recorded: recorded, unit: unit, context: context)
            let docx = DocxWriter.write(
                RecognitionDecision.document(
                    unitName: unit.name,
                    title: title,
                    year: year,
                    // A province's own rule cites its document; the system's defaults are no legal basis.
                    basis: rule.flatMap { $0.scope == "VN" ? nil : $0.basis },
                    subjects: subjects,
                    recorded: recorded,
                    organisation: organisation
                )
            )
            let name = "quyet-dinh-cong-nhan-\(setID)-\(unit.code)-\(year)"
            guard format == "pdf" else { return .download(docx, contentType: FileKind.docx.rawValue, fileName: name + ".docx") }
            do {
                return .download(try await DecisionExport.pdf(fromDocx: docx), contentType: FileKind.pdf.rawValue, fileName: name + ".pdf")
            } catch let problem as DecisionExport.ExportError {
                throw HTTPError(.serviceUnavailable, message: problem.description)
            }
        }
        // The Giấy công nhận of the latest recorded decision, one page per subject it recognised.
        routes.get("/units/:code/recognised/giay-cong-nhan") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let query = request.uri.queryParameters
            let setID = query.get("set") ?? "gia-dinh-hoc-tap"
            guard let year = query.get("year").flatMap(Int.init), RecordYears.contains(year) else {
                throw HTTPError(.badRequest, message: "Năm không hợp lệ.")
            }
            let format = query.get("format") ?? "pdf"
            guard format == "docx" || format == "pdf" else { throw HTTPError(.badRequest, message: "Định dạng chỉ có: docx, pdf.") }
            guard
                let recorded = try await RecognitionDecisionStore(client: services.client, logger: context.logger)
                    .decisions(unitID: unit.id, setID: setID, year: year).first
            else { throw HTTPError(.notFound, message: "Chưa ghi quyết định công nhận năm \(year).") }
            let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
            let subjects = try await AssessmentRepository(client: services.client, logger: context.logger)
                .recognised(setID: setID, year: year, scopeID: unit.id)
            let (layout, texts): (CertificateLayout, [CertificateText])
            do {
                (layout, texts) = try await CertificateStore(client: services.client, logger: context.logger).recognitionCertificates(
                    provinceCode: unit.provinceCode,
                    unitName: unit.name,
                    setTitle: titles[setID] ?? setID,
                    year: year,
                    decision: recorded,
                    subjects: subjects,
                    organisation: try await issuingOrganisation(rule: nil, recorded: recorded, unit: unit, context: context)
                )
            } catch let refused as CertificateStore.CertificateError {
                throw HTTPError(.unprocessableContent, message: refused.description)
            }
            let docx = CertificateDocx.write(layout, certificates: texts)
            let name = "giay-cong-nhan-\(setID)-\(unit.code)-\(year)"
            guard format == "pdf" else { return .download(docx, contentType: FileKind.docx.rawValue, fileName: name + ".docx") }
            return .download(try CertificatePages.pdf(layout, texts), contentType: FileKind.pdf.rawValue, fileName: name + ".pdf")
        }
        routes.post("/units/:code/recognise") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            struct DecisionForm: Decodable {
                let set: String
                let year: Int
                let number: String?
                let issuedOn: String?
                let signerName: String?
                let signerTitle: String?
            }
            let form = try await FormReader.read(DecisionForm.self, request: request, context: context)
            let rule = try await RecognitionBodies(client: services.client, logger: context.logger)
                .rule(setID: form.set, provinceCode: unit.provinceCode, year: form.year)
            let recorder = try await recorder(rule: rule, unit: unit, account: account, context: context)
            guard recorder.mayRecord else { throw HTTPError(.forbidden, message: recorder.refusal) }
            let kept: [String: String] = [
                "number": form.number ?? "", "issuedOn": form.issuedOn ?? "", "signerName": form.signerName ?? "",
                "signerTitle": form.signerTitle ?? "",
            ]
            func refuse(_ message: String) async throws -> Response {
                try await page(unit, setID: form.set, year: form.year, account: account, form: kept, message: nil, error: message, context: context)
                    .response(from: request, context: context)
            }
            // Every mistake of the form at once.
            var mistakes: [String] = []
            let numberText = (form.number ?? "").trimmingCharacters(in: .whitespaces)
            var number: Int?
            if !numberText.isEmpty {
                number = Int(numberText.split(separator: "/").first.map(String.init) ?? numberText)
                if number == nil {
                    mistakes.append("Số quyết định \"\(numberText)\" không hợp lệ: ghi số (ví dụ 25), hoặc để trống để lấy số tiếp theo.")
                }
            }
            let dayText = (form.issuedOn ?? "").trimmingCharacters(in: .whitespaces)
            let day = dayText.isEmpty ? Day.todayInVietnam : Day(parsing: dayText)
            if day == nil { mistakes.append("Ngày ký \"\(dayText)\" không hợp lệ (ngày/tháng/năm, ví dụ 20/12/\(Day.todayInVietnam.year)).") }
            if let day, day > Day.todayInVietnam { mistakes.append("Ngày ký \(day.vietnamese) sau ngày hôm nay: ghi quyết định sau khi đã ký.") }
            if (form.signerName ?? "").trimmingCharacters(in: .whitespaces).isEmpty { mistakes.append("Chưa ghi người ký.") }
            guard mistakes.isEmpty, let day else { return try await refuse(mistakes.joined(separator: " ")) }
            do {
                let recorded = try await RecognitionDecisionStore(client: services.client, logger: context.logger).record(
                    unitID: unit.id,
                    provinceCode: unit.provinceCode,
                    setID: form.set,
                    year: form.year,
                    number: number,
                    issuedOn: day,
                    signer: (form.signerName ?? "", form.signerTitle ?? ""),
                    recordedBy: account.id,
                    organisation: recorder.organisation
                )
                context.logger.info(
                    "recognition recorded",
                    metadata: ["unit.code": "\(unit.code)", "recognised": "\(recorded.recognised)", "not_recognised": "\(recorded.notRecognised)"]
                )
            } catch let refused as RecognitionBodies.Refused {
                return try await refuse(refused.description)
            } catch let refused as RecognitionDecisionStore.RecordingError {
                return try await refuse(refused.description)
            }
            let query = "set=\(form.set.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&year=\(form.year)&da=ghi"
            return Response.redirect(to: "/units/\(unit.code)/recognised?\(query)", type: .normal)
        }
        return routes
    }

    /// Who records the decision for the unit under the rule: the People's Committee's chair (or a
    /// province administrator), or the chair of the organisation the rule names, serving the unit.
    private func recorder(
        rule: RecognitionBodies.Rule?,
        unit: UnitRepository.UnitRecord,
        account: Account,
        context: AppRequestContext
    ) async throws -> (organisation: Organisation?, mayRecord: Bool, refusal: String) {
        guard let kind = rule?.organisationKind else {
            // The chair of this very unit's People's Committee, or an administrator of the
            // province (its scope was checked when the unit was loaded).
            let may = account.holds([.chair], at: unit.id) || account.grants.contains { [.provinceAdmin, .systemAdmin].contains($0.role) }
            return (nil, may, "Chỉ Chủ tịch Ủy ban nhân dân \(unit.name.inSentence) hoặc quản trị cấp tỉnh được ghi quyết định công nhận này.")
        }
        guard let organisation = try await OrganisationStore(client: services.client, logger: context.logger).serving(kind: kind, unitID: unit.id)
        else {
            return (nil, false, "Chưa có \(rule?.body ?? kind) của \(unit.name) trong hệ thống: quản trị cấp tỉnh thêm tổ chức trước.")
        }
        return (
            organisation, account.holds([.chair], atOrganisation: organisation.id),
            "Chỉ Chủ tịch \(organisation.name) được ghi quyết định công nhận này."
        )
    }

    /// The organisation a recorded decision was issued by, or (before one is recorded) the one the
    /// rule names for the unit; nil for the People's Committee.
    private func issuingOrganisation(
        rule: RecognitionBodies.Rule?,
        recorded: RecognitionDecisionStore.Recorded?,
        unit: UnitRepository.UnitRecord,
        context: AppRequestContext
    ) async throws -> Organisation? {
        let store = OrganisationStore(client: services.client, logger: context.logger)
        if let recorded {
            guard let id = recorded.organisationID else { return nil }
            return try await store.organisation(id: id)
        }
        guard let kind = rule?.organisationKind else { return nil }
        return try await store.serving(kind: kind, unitID: unit.id)
    }

    /// The list page; `form` keeps what a refused recording typed.
    private func page(
        _ unit: UnitRepository.UnitRecord,
        setID: String,
        year: Int,
        account: Account,
        form: [String: String],
        message: String?,
        error: String?,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let bodies = RecognitionBodies(client: services.client, logger: context.logger)
        let rule = try await bodies.rule(setID: setID, provinceCode: unit.provinceCode, year: year)
        // A title recognised by stage is held by everyone recognised so far in the stage.
        let window = try await bodies.window(setID: setID, provinceCode: unit.provinceCode, year: year)
        let subjects = try await AssessmentRepository(client: services.client, logger: context.logger)
            .recognised(setID: setID, year: year, scopeID: unit.id, years: window)
        let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
        guard let title = titles[setID] else { throw HTTPError(.notFound, message: "Không có danh hiệu \(setID).") }
        let awaiting = try await AssessmentRepository(client: services.client, logger: context.logger)
            .awaitingDecision(setID: setID, year: year, scopeID: unit.id)
        // The decision is recorded where the province's rule says the title is recognised, by the
        // People's Committee or the organisation the rule names.
        let decidesHere = rule.map { $0.recordingLevel == unit.level.rawValue } ?? true
        let recorder = try await recorder(rule: rule, unit: unit, account: account, context: context)
        let canDecide = recorder.mayRecord
        let recorded = try await RecognitionDecisionStore(client: services.client, logger: context.logger)
            .decisions(unitID: unit.id, setID: setID, year: year)
        var values: [String: Any] = [
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
            "body": rule.map { services.localized("Danh hiệu này do \(recorder.organisation?.name ?? $0.body) công nhận.", context) } ?? "",
            "noOrganisation": decidesHere && rule?.organisationKind != nil && recorder.organisation == nil,
            "organisationDecides": decidesHere && awaiting > 0 && !canDecide && recorder.organisation != nil
                ? services.localized("Chủ tịch \(recorder.organisation?.name ?? "") ký và ghi quyết định công nhận danh hiệu này.", context) : "",
            "elsewhere": awaiting > 0 && !decidesHere,
            "setID": setID,
            "sets": titles.sorted { $0.key < $1.key }.map { ["id": $0.key, "title": $0.value, "selected": $0.key == setID] },
            "recorded": recorded.map {
                [
                    "reference": $0.reference, "signer": $0.signerName, "recognised": $0.recognised, "notRecognised": $0.notRecognised,
                ] as [String: Any]
            },
            "number": form["number"] ?? "", "issuedOn": form["issuedOn"] ?? Day.todayInVietnam.vietnamese,
            "signerName": form["signerName"] ?? "", "signerTitle": form["signerTitle"] ?? recorder.organisation?.signerTitle ?? "CHỦ TỊCH",
            "numberSymbol": recorder.organisation?.symbol ?? "QĐ-UBND",
        ]
        if let message { values["message"] = message }
        if let error { values["error"] = error }
        return services.page("recognised", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
