import Foundation
import Geography
import Hummingbird
import Storage

/// "Tiến độ so với mục tiêu": the targets report as a table and a chart, and as CSV, for the
/// units in the reader's scope.
struct ReportPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/reports/targets") { request, context in
            let (account, context) = (context.account, context.app)
            let query = request.uri.queryParameters
            let level = query.get("level").flatMap(AdminLevel.init(rawValue:))
            if query.get("view") == "stages" {
                let report = try await TargetReportAccess(services: services).stageReport(for: account, level: level)
                return try download(query.get("format"), csv: report.csv, xlsx: report.xlsx, name: "tien-do-theo-giai-doan")
                    ?? stagesPage(report, context: context).response(from: request, context: context)
            }
            let years = try TargetReportAccess.years(stage: query.get("stage"), year: query.get("year"))
            let report = try await TargetReportAccess(services: services).report(for: account, years: years, level: level)
            if let file = download(query.get("format"), csv: report.csv, xlsx: report.xlsx, name: report.fileName) { return file }
            let indicators = report.indicators
            let indicator = indicators.first { $0.id == query.get("indicator") } ?? indicators.first ?? (id: "household", name: "Gia đình học tập")
            return try await page(report, indicator: indicator, context: context).response(from: request, context: context)
        }
        return routes
    }

    /// The report as a file when `format` asks for one.
    private func download(_ format: String?, csv: @autoclosure () -> String, xlsx: @autoclosure () -> [UInt8], name: String) -> Response? {
        switch format {
        case "csv": .download(Array(csv().utf8), contentType: "text/csv; charset=utf-8", fileName: "\(name).csv")
        case "xlsx": .workbook(xlsx(), fileName: "\(name).xlsx")
        default: nil
        }
    }

    private func page(_ report: TargetReport, indicator: (id: String, name: String), context: AppRequestContext) async throws -> HTMLPage {
        let indicators = report.indicators
        let text = Self.percentText
        let units = Dictionary(grouping: report.rows, by: \.unitCode)
        let orderedCodes = report.rows.map(\.unitCode).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let table: [[String: Any]] = orderedCodes.map { code in
            let rows = units[code] ?? []
            return [
                "code": code,
                "name": rows.first?.unitName ?? code,
                "linked": code != "VN",
                "cells": indicators.map { indicator -> [String: Any] in
                    guard let row = rows.first(where: { $0.indicator == indicator.id }) else { return ["value": "—"] }
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
        let chartRows = report.rows.filter { $0.indicator == indicator.id }
        let target = chartRows.first.flatMap { $0.provinceTarget ?? $0.nationalTarget }
        let chart = TargetChart(
            title: services.localized(
                "\(indicator.name) \(isStage ? "giai đoạn" : "năm") \(report.period): tỉ lệ đạt theo đơn vị, vạch dọc là mục tiêu \(text(target))",
                context
            ),
            rows: chartRows
        )
        let stages = try await ProgramStage.all(client: services.reader, logger: services.logger, provinceCode: report.provinceCode)
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
                "headers": indicators.map { ["name": services.localized($0.name, context)] },
                "units": table,
                "hasUnits": !table.isEmpty,
                "chart": chart.svg,
                "indicators": indicators.map {
                    ["value": $0.id, "name": services.localized($0.name, context), "selected": $0.id == indicator.id]
                },
                "level": report.level.rawValue,
                "levels": levelChoices(selected: report.level, context: context),
                "nationalTargets": indicators.compactMap { indicator in
                    report.rows.first { $0.indicator == indicator.id }.map {
                        [
                            "name": services.localized(indicator.name, context), "national": text($0.nationalTarget),
                            "province": text($0.provinceTarget),
                        ]
                    }
                },
            ],
            context: context
        )
    }

    /// The stage table: a group of lines per unit (one per indicator), a column per stage.
    private func stagesPage(_ report: StageReport, context: AppRequestContext) throws -> HTMLPage {
        let text = Self.percentText
        let lines: [[String: Any]] = report.lines.enumerated().map { index, line in
            let first = index == 0 || report.lines[index - 1].unitCode != line.unitCode
            return [
                "first": first,
                "span": report.lines.dropFirst(index).prefix { $0.unitCode == line.unitCode }.count,
                "name": line.unitName,
                "indicator": services.localized(line.indicatorName, context),
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
                "levels": levelChoices(selected: report.level, context: context),
            ],
            context: context
        )
    }

    /// A share or a target as the page prints it: "33,3%", or a dash for none.
    private static func percentText(_ value: Decimal?) -> String { value.map { TargetChart.vietnamese($0) + "%" } ?? "—" }

    /// The levels a report's lines can be at, for the level select.
    private func levelChoices(selected: AdminLevel, context: AppRequestContext) -> [[String: Any]] {
        [AdminLevel.province, .district, .commune, .village].map {
            ["value": $0.rawValue, "name": services.localized($0.vietnamese, context), "selected": $0 == selected]
        }
    }
}
