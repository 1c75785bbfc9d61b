import Foundation
import Geography
import Hummingbird
import Storage

/// "Số liệu báo cáo định kỳ": the figures a unit reports each year for the programme's indicators
/// that no record holds (association cadres briefed, commune Khuyến học staff trained in IT,
/// centres an association chair manages), with who entered each and every earlier revision.
struct FigurePages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/units/:code/so-lieu") { request, context in
            let desk = FigureDesk(services: services, account: context.account)
            let unit = try await desk.unit(code: try context.parameters.require("code"))
            let year = try Self.year(request.uri.queryParameters.get("year"))
            let saved = request.uri.queryParameters.get("da").flatMap(Int.init)
            return try await page(unit, year: year, desk: desk, typed: nil, problems: [:], saved: saved, error: nil, context: context.app)
                .response(from: request, context: context.app)
        }
        routes.post("/units/:code/so-lieu") { request, context -> Response in
            let desk = FigureDesk(services: services, account: context.account)
            let unit = try await desk.unit(code: try context.parameters.require("code"))
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            let year = try Self.year(form["year"])
            let entries = try await desk.entries(of: unit, year: year)
            var figures: [ReportedFigureStore.Figure] = []
            var problems: [String: String] = [:]
            for entry in entries where desk.mayReport(entry.indicator, at: unit) || form["\(entry.indicator.id).achieved"] != nil {
                let id = entry.indicator.id
                let (achievedText, baseText) = (Self.digits(form["\(id).achieved"]), Self.digits(form["\(id).base"]))
                let note = (form["\(id).note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if achievedText.isEmpty && baseText.isEmpty { continue }
                // Both counts read alike: a blank or a word is named beside its field.
                func count(_ text: String, field: String, label: String) -> Int? {
                    let value = Int(text)
                    if text.isEmpty {
                        problems["\(id).\(field)"] = "\(label): chưa nhập."
                    } else if value == nil {
                        problems["\(id).\(field)"] = "\(label): cần một số nguyên không âm."
                    }
                    return value
                }
                let achieved = count(achievedText, field: "achieved", label: entry.indicator.achievedLabel ?? "Số đạt")
                let base = count(baseText, field: "base", label: entry.indicator.baseLabel ?? "Tổng số")
                guard let achieved, let base else { continue }
                figures.append(.init(indicator: id, achieved: achieved, base: base, note: note, seenRevision: Int(form["\(id).revision"] ?? "") ?? 0))
            }
            func refused(_ problems: [String: String], error: String) async throws -> Response {
                var page = try await page(
                    unit,
                    year: year,
                    desk: desk,
                    typed: form,
                    problems: problems,
                    saved: nil,
                    error: error,
                    context: context.app
                )
                page.status = .unprocessableContent
                return try page.response(from: request, context: context.app)
            }
            guard problems.isEmpty else { return try await refused(problems, error: "Số liệu chưa lưu: xem các ô được đánh dấu.") }
            do {
                let stored = try await desk.record(figures, at: unit, year: year, indicators: entries.map(\.indicator))
                return .redirect(to: "/units/\(unit.code)/so-lieu?year=\(year)&da=\(stored)", type: .normal)
            } catch ReportedFigureStore.Refusal.fields(let problems) {
                return try await refused(problems, error: "Số liệu chưa lưu: xem các ô được đánh dấu.")
            } catch let refusal as ReportedFigureStore.Refusal {
                return try await refused([:], error: refusal.description)
            }
        }
        return routes
    }

    /// The year asked for: this year when none; a clear 400 for one outside the records' years.
    static func year(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return Day.todayInVietnam.year }
        guard let year = Int(text), RecordYears.contains(year) else {
            throw HTTPError(.badRequest, message: RecordYears.refusal(text))
        }
        return year
    }

    /// A count as people type it: "1.250" or "1 250" is 1250.
    static func digits(_ text: String?) -> String {
        (text ?? "").filter { !$0.isWhitespace && $0 != "." }
    }

    /// "33,3%", as the targets report prints a share; nil without a base.
    static func share(_ achieved: Int, of base: Int) -> String? {
        TargetReport.share(achieved, of: base).map { TargetChart.vietnamese($0) + "%" }
    }

    private func page(
        _ unit: UnitRepository.UnitRecord,
        year: Int,
        desk: FigureDesk,
        typed: [String: String]?,
        problems: [String: String],
        saved: Int?,
        error: String?,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        let entries = try await desk.entries(of: unit, year: year)
        let editable = entries.contains { desk.mayReport($0.indicator, at: unit) }
        let time = DateFormatter()
        time.dateFormat = "dd/MM/yyyy HH:mm"
        time.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        let thisYear = Day.todayInVietnam.year
        var values: [String: Any] = [
            "title": "Số liệu báo cáo định kỳ năm \(year) — \(unit.name)",
            "unit": ["code": unit.code, "name": unit.name],
            "year": year,
            "editable": editable,
            "years": (max(RecordYears.range.lowerBound, thisYear - 6)...thisYear + 1).reversed().map { ["value": $0, "selected": $0 == year] },
            "entries": entries.map { entry -> [String: Any] in
                let id = entry.indicator.id
                let current = entry.current
                return [
                    "id": id,
                    "editable": desk.mayReport(entry.indicator, at: unit),
                    "name": services.localized(entry.indicator.name, context),
                    "basis": entry.indicator.basis,
                    "achievedLabel": entry.indicator.achievedLabel ?? "",
                    "baseLabel": entry.indicator.baseLabel ?? "",
                    "achieved": typed?["\(id).achieved"] ?? current.map { String($0.achieved) } ?? "",
                    "base": typed?["\(id).base"] ?? current.map { String($0.base) } ?? "",
                    "note": typed?["\(id).note"] ?? current?.note ?? "",
                    "revision": typed?["\(id).revision"] ?? String(current?.revision ?? 0),
                    "achievedProblem": problems["\(id).achieved"] ?? "",
                    "baseProblem": problems["\(id).base"] ?? "",
                    "noteProblem": problems["\(id).note"] ?? "",
                    "share": current.flatMap { Self.share($0.achieved, of: $0.base) } ?? "",
                    "hasHistory": !entry.revisions.isEmpty,
                    "history": entry.revisions.map {
                        [
                            "revision": $0.revision, "achieved": $0.achieved, "base": $0.base, "note": $0.note, "by": $0.enteredBy,
                            "at": time.string(from: $0.enteredAt),
                        ] as [String: Any]
                    },
                ]
            },
        ]
        if let saved { values["message"] = saved == 0 ? "Không có số liệu nào thay đổi." : "Đã lưu \(saved) số liệu." }
        if let error { values["error"] = error }
        return services.page("unit-figures", values, context: context)
    }
}
