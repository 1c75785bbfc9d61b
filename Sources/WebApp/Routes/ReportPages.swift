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
            let year = query.get("year").flatMap(Int.init) ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            guard (2000...2100).contains(year) else { throw HTTPError(.badRequest, message: "Năm không hợp lệ.") }
            let indicator = query.get("indicator").flatMap(TargetIndicator.init(rawValue:)) ?? .household
            let report = try await report(for: account, year: year, level: query.get("level").flatMap(AdminLevel.init(rawValue:)))
            if query.get("format") == "csv" {
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"tien-do-muc-tieu-\(year).csv\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: report.csv))
                )
            }
            if query.get("format") == "xlsx" {
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        .contentDisposition: "attachment; filename=\"tien-do-muc-tieu-\(year).xlsx\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: report.xlsx))
                )
            }
            return try page(report, indicator: indicator, context: context).response(from: request, context: context)
        }
        return routes
    }

    /// The report of the reader's province (the whole country, by province, for a system
    /// administrator), limited to the units the reader may see.
    private func report(for account: Account, year: Int, level requested: AdminLevel?) async throws -> TargetReport {
        if account.isSystemAdmin && requested == nil {
            return try await TargetReport.build(client: services.client, logger: services.logger, year: year, provinceCode: nil, level: .province)
        }
        guard let scope = account.grants.compactMap(\.unitID).first, let unit = try await services.units.unit(id: scope) else {
            throw HTTPError(.forbidden, message: "Tài khoản chưa được giao đơn vị nào.")
        }
        let level = requested ?? (unit.level == .province ? .commune : unit.level)
        let full = try await TargetReport.build(
            client: services.client,
            logger: services.logger,
            year: year,
            provinceCode: unit.provinceCode,
            level: level
        )
        if account.isSystemAdmin { return full }
        var visible: [String: Bool] = [:]
        var rows: [TargetReport.Row] = []
        for row in full.rows {
            if visible[row.unitCode] == nil {
                let record = try await services.units.unit(code: row.unitCode)
                visible[row.unitCode] = try await record.asyncMap { try await services.accounts.canAccess(account, unitID: $0.id) } ?? false
            }
            if visible[row.unitCode] == true { rows.append(row) }
        }
        return TargetReport(year: full.year, provinceCode: full.provinceCode, level: full.level, rows: rows)
    }

    private func page(_ report: TargetReport, indicator: TargetIndicator, context: AppRequestContext) throws -> HTMLPage {
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
        let chartRows = report.rows.filter { $0.indicator == indicator }
        let target = chartRows.first.flatMap { $0.provinceTarget ?? $0.nationalTarget }
        let chart = TargetChart(
            title: services.localized(
                "\(indicator.vietnamese) năm \(report.year): tỉ lệ đạt theo đơn vị, vạch dọc là mục tiêu \(text(target))",
                context
            ),
            rows: chartRows
        )
        return services.page(
            "targets",
            [
                "title": "Tiến độ so với mục tiêu năm \(report.year)",
                "year": report.year,
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
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
