import Foundation
import Hummingbird
import Scoring
import Storage
import Tabular

/// "Nhập bảng đánh giá": commune staff upload the spreadsheet their commune filled in. The same
/// importer as `thidua assessments import`: checked whole, refused whole with rows and columns.
struct AssessmentImportPage {
    let services: AppServices

    /// Large enough for a commune's households; a province imports from the command line.
    static let uploadLimit = 50 * 1024 * 1024

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/assessments/import") { request, context in
            let (account, context) = (context.account, context.app)
            try Self.requireRole(account)
            return try await page(account, context: context).response(from: request, context: context)
        }
        routes.post("/assessments/import") { request, context in
            let (account, context) = (context.account, context.app)
            try Self.requireRole(account)
            let form = try await FormReader.readMultipart(request: request, context: context, limit: Self.uploadLimit)
            let reference = form.part("set")?.text ?? ""
            let decision = (form.part("decision")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            func retry(_ error: String, problems: [String] = []) async throws -> Response {
                try await page(
                    account,
                    selected: reference,
                    decision: decision,
                    error: error,
                    problems: problems,
                    status: .unprocessableContent,
                    context: context
                )
                .response(from: request, context: context)
            }
            guard let file = form.part("file"), !file.body.isEmpty else { return try await retry("Chưa chọn tệp bảng đánh giá.") }
            // A workbook is read into CSV (Excel's row numbers kept) and checked the same way.
            let body: [UInt8]
            switch await SpreadsheetConversion.csv(file.body) {
            case .success(let csv): body = csv
            case .failure(let problem): return try await retry(problem.description)
            }
            if !decision.isEmpty && !account.may(.recogniseTitles) {
                return try await retry("Chỉ Chủ tịch hoặc quản trị cấp tỉnh được ghi quyết định công nhận.")
            }
            let set: CriteriaSet
            do {
                set = try await CriteriaRepository(client: services.client, logger: context.logger).set(reference)
            } catch {
                return try await retry("Chưa chọn bộ tiêu chí hợp lệ.")
            }
            do {
                let summary = try await AssessmentImporter(client: services.client, logger: context.logger).importBytes(
                    body,
                    set: set,
                    options: .init(
                        fileName: file.fileName ?? "upload.csv",
                        scopeUnitIDs: account.isSystemAdmin ? nil : account.scopeUnitIDs,
                        recognisedBy: decision.isEmpty ? nil : decision,
                        importedBy: account.id,
                        deciderUnitIDs: account.isSystemAdmin
                            ? nil : account.grants.filter { Permission.recogniseTitles.roles.contains($0.role) }.compactMap(\.unitID)
                    )
                )
                context.logger.info("assessments imported", metadata: ["import.rows": "\(summary.rows)", "import.inserted": "\(summary.inserted)"])
                return try await page(
                    account,
                    selected: reference,
                    notice:
                        "Đã nhập \(summary.rows) dòng: \(summary.inserted) đánh giá mới (\(summary.meetingCriteria) đạt tiêu chí), \(summary.unchanged) đã có, không đổi.",
                    context: context
                ).response(from: request, context: context)
            } catch let refused as AssessmentImportRefused {
                return try await retry(
                    "Tệp bị từ chối, không có dòng nào được lưu. Sửa các lỗi dưới đây rồi chọn lại tệp."
                        + (refused.truncated ? " (Chỉ liệt kê \(refused.problems.count) lỗi đầu tiên.)" : ""),
                    problems: refused.problems.map(\.description)
                )
            }
        }
        return routes
    }

    static func requireRole(_ account: Account) throws {
        guard account.may(.importAssessments) else {
            throw HTTPError(.forbidden, message: "Vai trò của bạn không được nhập bảng đánh giá.")
        }
    }

    private func page(
        _ account: Account,
        selected: String = "",
        decision: String = "",
        notice: String? = nil,
        error: String? = nil,
        problems: [String] = [],
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let references = try await CriteriaRepository(client: services.client, logger: context.logger).references()
        let titles = try await CriteriaRepository(client: services.client, logger: context.logger).titles()
        var values: [String: Any] = [
            "title": "Nhập bảng đánh giá",
            "sets": references.map { reference in
                ["reference": reference, "title": titles[String(reference.split(separator: "@")[0])] ?? reference, "selected": reference == selected]
            },
            "decision": decision,
            "canRecognise": account.may(.recogniseTitles),
            "problems": problems,
            "hasProblems": !problems.isEmpty,
        ]
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return services.page("assessment-import", values, context: context, status: status)
    }
}
