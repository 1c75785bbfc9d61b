import Foundation
import Geography
import Hummingbird
import Storage

/// "Tiến độ so với mục tiêu": the targets report as a table and a chart, and as CSV, for the
/// units in the reader's scope.
struct ReportPages {
    let services: AppServices

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/reports/targets") { request, context in
            let account = try context.requireAccount()
            let query = request.uri.queryParameters
            let level = query.get("level").flatMap(AdminLevel.init(rawValue:))
            if query.get("view") == "stages" {
                let report = try await stageReport(for: account, level: level)
                return try download(query.get("format"), csv: report.csv, xlsx: report.xlsx, name: "tien-do-theo-giai-doan")
                    ?? stagesPage(report, context: context).response(from: request, context: context)
            }
            let years: ClosedRange<Int>
            if let text = query.get("stage"), !text.isEmpty {
                guard let stage = ProgramStage.years(parsing: text) else { throw HTTPError(.badRequest, message: "Giai đoạn không hợp lệ.") }
                years = stage
            } else {
                let year = query.get("year").flatMap(Int.init) ?? Calendar(identifier: .gregorian).component(.year, from: Date())
                guard (2000...2100).contains(year) else { throw HTTPError(.badRequest, message: "Năm không hợp lệ.") }
                years = year...year
            }
            let indicator = query.get("indicator").flatMap(TargetIndicator.init(rawValue:)) ?? .household
            let report = try await report(for: account, years: years, level: level)
            let name = "tien-do-muc-tieu-\(report.period.replacingOccurrences(of: "–", with: "-"))"
            if let file = download(query.get("format"), csv: report.csv, xlsx: report.xlsx, name: name) { return file }
            return try await page(report, indicator: indicator, context: context).response(from: request, context: context)
        }
        return routes
    }

    /// The report as a file when `format` asks for one.
    private func download(_ format: String?, csv: @autoclosure () -> String, xlsx: @autoclosure () -> [UInt8], name: String) -> Response? {
        switch format {
        case "csv":
            Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv()))
            )
        case "xlsx":
            Response(
                status: .ok,
                headers: [
                    .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    .contentDisposition: "attachment; filename=\"\(name).xlsx\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: xlsx()))
            )
        default: nil
        }
    }

    /// Whose figures a reader sees: the whole country by province for a system administrator
    /// who names no level, otherwise the reader's province at the level asked (communes by
    /// default), limited to the units the reader may see (nil: all of them).
    private struct Reach {
        let provinceCode: String?
        let level: AdminLevel
        let account: Account
    }

    private func reach(for account: Account, level requested: AdminLevel?) async throws -> Reach {
        if account.isSystemAdmin && requested == nil { return Reach(provinceCode: nil, level: .province, account: account) }
        guard let scope = account.grants.compactMap(\.unitID).first, let unit = try await services.units.unit(id: scope) else {
            throw HTTPError(.forbidden, message: "Tài khoản chưa được giao đơn vị nào.")
        }
        return Reach(provinceCode: unit.provinceCode, level: requested ?? (unit.level == .province ? .commune : unit.level), account: account)
    }

    /// The codes among `codes` the reader may see.
    private func visible(_ codes: [String], to account: Account) async throws -> Set<String> {
        if account.isSystemAdmin { return Set(codes) }
        var out: Set<String> = []
        for code in Set(codes) {
            guard let record = try await services.units.unit(code: code) else { continue }
            if try await services.accounts.canAccess(account, unitID: record.id) { out.insert(code) }
        }
        return out
    }

    private func report(for account: Account, years: ClosedRange<Int>, level: AdminLevel?) async throws -> TargetReport {
        let reach = try await reach(for: account, level: level)
        let full = try await TargetReport.build(
            client: services.client,
            logger: services.logger,
            years: years,
            provinceCode: reach.provinceCode,
            level: reach.level
        )
        let shown = try await visible(full.rows.map(\.unitCode), to: account)
        return TargetReport(
            year: full.year,
            firstYear: full.firstYear,
            provinceCode: full.provinceCode,
            level: full.level,
            rows: full.rows.filter { shown.contains($0.unitCode) || $0.unitCode == "VN" }
        )
    }

    private func stageReport(for account: Account, level: AdminLevel?) async throws -> StageReport {
        let reach = try await reach(for: account, level: level)
        let full = try await StageReport.build(client: services.client, logger: services.logger, provinceCode: reach.provinceCode, level: reach.level)
        return full.keeping(unitCodes: try await visible(full.lines.map(\.unitCode), to: account).union(["VN"]))
    }

    private func page(_ report: TargetReport, indicator: TargetIndicator, context: AppRequestContext) async throws -> HTMLPage {
        func text(_ value: Decimal?) -> String { value.map { TargetChart.vietnamese($0) + "%" } ?? "—" }
        let units = Dictionary(grouping: report.rows, by: \.unitCode)
        let orderedCodes = report.rows.map(\.unitCode).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let table: [[String: Any]] = orderedCodes.map { code in
            let rows = units[code] ?? []
            return [
                "code": code,
                "name": rows.first?.unitName ?? code,
                "linked": code != "VN",
                "cells": TargetIndicator.allCases.map { indicator -> [String: Any] in
                    guard let row = rows.first(where: { $0.indicator == indicator }) else { return ["value": "—"] }
                    let met = row.meetsProvinceTarget ?? row.meetsNationalTarget
                    return [
                        "value": "\(row.achieved)/\(row.base.map(String.init) ?? "?")",
                        "percent": text(row.percent),
                        "met": met == true,
                        "missed": met == false,
                    ]
                },
            ]
        }
        let isStage = report.firstYear != report.year
        let chartRows = report.rows.filter { $0.indicator == indicator }
        let target = chartRows.first.flatMap { $0.provinceTarget ?? $0.nationalTarget }
        let chart = TargetChart(
            title: services.localized(
                "\(indicator.vietnamese) \(isStage ? "giai đoạn" : "năm") \(report.period): tỉ lệ đạt theo đơn vị, vạch dọc là mục tiêu \(text(target))",
                context
            ),
            rows: chartRows
        )
        let stages = try await ProgramStage.all(client: services.client, logger: services.logger, provinceCode: report.provinceCode)
        return services.page(
            "targets",
            [
                "title": isStage ? "Tiến độ so với mục tiêu giai đoạn \(report.period)" : "Tiến độ so với mục tiêu năm \(report.year)",
                "year": report.year,
                "period": report.period,
                "isStage": isStage,
                "query": isStage ? "stage=\(report.firstYear)-\(report.year)" : "year=\(report.year)",
                "stages": stages.map { stage in
                    [
                        "value": stage.key, "name": services.localized(stage.name, context),
                        "selected": stage.years == report.firstYear...report.year && isStage,
                    ]
                },
                "headers": TargetIndicator.allCases.map { ["name": $0.vietnamese] },
                "units": table,
                "hasUnits": !table.isEmpty,
                "chart": chart.svg,
                "indicators": TargetIndicator.allCases.map { ["value": $0.rawValue, "name": $0.vietnamese, "selected": $0 == indicator] },
                "level": report.level.rawValue,
                "levels": [AdminLevel.province, .district, .commune, .village].map {
                    ["value": $0.rawValue, "name": services.localized($0.vietnamese, context), "selected": $0 == report.level]
                },
                "nationalTargets": TargetIndicator.allCases.compactMap { indicator in
                    report.rows.first { $0.indicator == indicator }.map {
                        ["name": indicator.vietnamese, "national": text($0.nationalTarget), "province": text($0.provinceTarget)]
                    }
                },
            ],
            context: context
        )
    }

    /// The stage table: a group of lines per unit (one per indicator), a column per stage.
    private func stagesPage(_ report: StageReport, context: AppRequestContext) throws -> HTMLPage {
        func text(_ value: Decimal?) -> String { value.map { TargetChart.vietnamese($0) + "%" } ?? "—" }
        let lines: [[String: Any]] = report.lines.enumerated().map { index, line in
            let first = index == 0 || report.lines[index - 1].unitCode != line.unitCode
            return [
                "first": first,
                "span": report.lines.dropFirst(index).prefix { $0.unitCode == line.unitCode }.count,
                "name": line.unitName,
                "indicator": services.localized(line.indicator.vietnamese, context),
                "cells": line.cells.map { cell -> [String: Any] in
                    guard let cell else { return ["value": "—"] }
                    let met = cell.meetsProvinceTarget ?? cell.meetsNationalTarget
                    return [
                        "value": "\(cell.achieved)/\(cell.base.map(String.init) ?? "?")",
                        "percent": text(cell.percent),
                        "target": (cell.provinceTarget ?? cell.nationalTarget).map { text($0) } ?? "",
                        "met": met == true,
                        "missed": met == false,
                    ]
                },
            ]
        }
        return services.page(
            "targets-stages",
            [
                "title": "Tiến độ so với mục tiêu theo giai đoạn",
                "lines": lines,
                "hasLines": !lines.isEmpty,
                "stages": report.stages.map {
                    ["key": $0.key, "name": services.localized($0.name, context), "basis": $0.basis, "level": report.level.rawValue]
                },
                "level": report.level.rawValue,
                "levels": [AdminLevel.province, .district, .commune, .village].map {
                    ["value": $0.rawValue, "name": services.localized($0.vietnamese, context), "selected": $0 == report.level]
                },
            ],
            context: context
        )
    }
}
