import Foundation
import Geography
import Hummingbird
import Storage

/// "Phong trào xây dựng xã hội học tập": the public information page of a province the programme
/// asks for — progress against every target (table and chart), what each commune saw recognised,
/// and the recognition decisions recorded. Counts and decision numbers only: no one is named.
/// Computed once every five minutes per province and year, and cacheable by browsers and proxies.
struct MovementPage {
    let services: AppServices

    struct Snapshot: Sendable {
        let provinceName: String
        let isDemo: Bool
        let year: Int
        let report: TargetReport
        let communes: [PublicMovement.CommuneCounts]
        let decisions: [PublicMovement.RecognitionLine]
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/cong-khai/:province/phong-trao") { request, context -> Response in
            let province = try context.parameters.require("province")
            guard province.count <= 10, province.allSatisfy(\.isNumber) else { throw HTTPError(.notFound, message: "Không có tỉnh mã \(province).") }
            let year = request.uri.queryParameters.get("year").flatMap(Int.init)
            let snapshot = try await services.movementPages.value(for: "\(province)|\(year.map(String.init) ?? "")") {
                try await load(province: province, year: year, context: context)
            }
            var response = try page(snapshot, province: province, context: context).response(from: request, context: context)
            // Private: every response carries the visitor's own form-token cookie and language.
            response.headers[.cacheControl] = "private, max-age=300"
            return response
        }
        return routes
    }

    private func load(province: String, year asked: Int?, context: AppRequestContext) async throws -> Snapshot {
        guard let unit = try await services.units.unit(code: province), unit.level == .province else {
            throw HTTPError(.notFound, message: "Không có tỉnh mã \(province).")
        }
        let (client, logger) = (services.reader, context.logger)
        var year = asked ?? Day.todayInVietnam.year
        if asked == nil, let latest = try await PublicMovement.latestYear(client: client, logger: logger, provinceCode: province) { year = latest }
        return Snapshot(
            provinceName: unit.name,
            isDemo: unit.isDemo,
            year: year,
            report: try await TargetReport.build(client: client, logger: logger, year: year, provinceCode: province, level: .province),
            communes: try await PublicMovement.counts(client: client, logger: logger, provinceCode: province, year: year),
            decisions: try await PublicMovement.recognitionDecisions(client: client, logger: logger, provinceCode: province, year: year)
        )
    }

    private func page(_ snapshot: Snapshot, province: String, context: AppRequestContext) throws -> HTMLPage {
        let text: (Decimal?) -> String = { $0.map { TargetChart.vietnamese($0) + "%" } ?? "—" }
        let rows = snapshot.report.rows
        let thisYear = Day.todayInVietnam.year
        var values: [String: Any] = [
            "title": "Phong trào xây dựng xã hội học tập — \(snapshot.provinceName)",
            "provinceName": snapshot.provinceName,
            "province": province,
            "year": snapshot.year,
            "years": (max(RecordYears.range.lowerBound, thisYear - 6)...thisYear).reversed().map { ["value": $0, "selected": $0 == snapshot.year] },
            "targets": rows.map { row -> [String: Any] in
                let met = row.meetsProvinceTarget ?? row.meetsNationalTarget
                return [
                    "name": services.localized(row.indicatorName, context),
                    "value": row.base == nil ? "—" : "\(row.achieved)/\(row.base ?? 0)",
                    "percent": text(row.percent),
                    "target": text(row.provinceTarget ?? row.nationalTarget),
                    "met": met == true, "missed": met == false,
                ]
            },
            "chart": TargetChart(
                title: services.localized("Tỉ lệ đạt năm \(snapshot.year) theo chỉ tiêu, vạch dọc là mục tiêu", context),
                rows: rows,
                label: \.indicatorName
            ).svg,
            "communes": snapshot.communes.map {
                [
                    "name": $0.name, "households": $0.households, "clans": $0.clans, "communities": $0.communities, "units": $0.units,
                    "citizens": $0.citizens,
                ] as [String: Any]
            },
            "hasCommunes": !snapshot.communes.isEmpty,
            "decisions": snapshot.decisions.map {
                ["decision": $0.decision, "title": $0.title, "recognised": $0.recognised] as [String: Any]
            },
            "hasDecisions": !snapshot.decisions.isEmpty,
        ]
        if snapshot.isDemo { values["demo"] = true }
        return services.page("movement", values, context: context)
    }
}
