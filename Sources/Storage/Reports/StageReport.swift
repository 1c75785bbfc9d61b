import Documents
import Foundation
import Geography
import Logging
import PostgresNIO

/// Progress by stage as one table: a line per unit and indicator, a group of columns per stage
/// (recognised of how many, the share, the target of the stage's last year), so that 2021–2025
/// and 2026–2030 read side by side. Each stage is a `TargetReport` over its years.
public struct StageReport: Sendable, Codable, Equatable {
    public let provinceCode: String?
    public let level: AdminLevel
    public let stages: [ProgramStage]
    public let lines: [Line]

    public struct Line: Sendable, Codable, Equatable {
        public let unitCode: String
        public let unitName: String
        public let indicator: String
        public let indicatorName: String
        /// One per stage, in the order of `stages`; nil where the unit was not in force at the
        /// end of that stage.
        public let cells: [TargetReport.Row?]
    }

    public init(provinceCode: String?, level: AdminLevel, stages: [ProgramStage], reports: [TargetReport]) {
        self.provinceCode = provinceCode
        self.level = level
        self.stages = stages
        // Units in the order of the first report that has them (Vietnamese order within each),
        // so units of a later stage only follow those of an earlier one.
        var order: [String] = []
        var names: [String: String] = [:]
        var cells: [String: [String: [TargetReport.Row?]]] = [:]
        var indicators: [(id: String, name: String)] = []
        for (position, report) in reports.enumerated() {
            for indicator in report.indicators where !indicators.contains(where: { $0.id == indicator.id }) { indicators.append(indicator) }
            for row in report.rows {
                if names[row.unitCode] == nil {
                    order.append(row.unitCode)
                    names[row.unitCode] = row.unitName
                }
                cells[row.unitCode, default: [:]][row.indicator, default: Array(repeating: nil, count: reports.count)][position] = row
            }
        }
        lines = order.flatMap { code in
            indicators.compactMap { indicator in
                cells[code]?[indicator.id].map {
                    Line(unitCode: code, unitName: names[code] ?? code, indicator: indicator.id, indicatorName: indicator.name, cells: $0)
                }
            }
        }
    }

    /// Every stage that applies (the nation's and the province's own), each reported over its years.
    public static func build(client: PostgresClient, logger: Logger, provinceCode: String?, level: AdminLevel) async throws -> StageReport {
        let stages = try await ProgramStage.all(client: client, logger: logger, provinceCode: provinceCode)
        var reports: [TargetReport] = []
        for stage in stages {
            reports.append(try await TargetReport.build(client: client, logger: logger, years: stage.years, provinceCode: provinceCode, level: level))
        }
        return StageReport(provinceCode: provinceCode, level: level, stages: stages, reports: reports)
    }

    /// The same table with only the given units' lines (a reader's scope).
    public func keeping(unitCodes: Set<String>) -> StageReport {
        StageReport(provinceCode: provinceCode, level: level, stages: stages, lines: lines.filter { unitCodes.contains($0.unitCode) })
    }

    private init(provinceCode: String?, level: AdminLevel, stages: [ProgramStage], lines: [Line]) {
        self.provinceCode = provinceCode
        self.level = level
        self.stages = stages
        self.lines = lines
    }
}

extension StageReport {
    public var headers: [String] {
        ["Mã đơn vị", "Tên đơn vị", "Chỉ tiêu"]
            + stages.flatMap { ["\($0.name): đạt", "\($0.name): tổng số", "\($0.name): tỉ lệ (%)", "\($0.name): mục tiêu (%)"] }
    }

    /// A line per unit and indicator, four columns per stage; UTF-8 with a byte-order mark and
    /// decimal commas, like the yearly report.
    public var csv: String {
        var out = "\u{FEFF}" + CSVWriter.line(headers) + "\r\n"
        for line in lines {
            out += CSVWriter.line([line.unitCode, line.unitName, line.indicatorName] + line.cells.flatMap(Self.texts)) + "\r\n"
        }
        return out
    }

    public var xlsx: [UInt8] {
        let rows: [[XlsxCell]] = lines.map { line in
            [.text(line.unitCode), .text(line.unitName), .text(line.indicatorName)]
                + line.cells.flatMap { cell -> [XlsxCell] in
                    guard let cell else { return [.text(""), .text(""), .text(""), .text("")] }
                    return [
                        .number(cell.achieved), cell.base.map(XlsxCell.number) ?? .text(""), .text(TargetReport.decimalText(cell.percent)),
                        .text(TargetReport.decimalText(cell.provinceTarget ?? cell.nationalTarget)),
                    ]
                }
        }
        return XlsxWriter.table(
            headers: headers,
            rows: rows,
            widths: [12, 32, 40] + stages.flatMap { _ in [10, 10, 10, 12] },
            sheetName: "Tiến độ theo giai đoạn"
        )
    }

    /// Achieved, base, share and target of one stage as text ("" where there is none).
    static func texts(_ cell: TargetReport.Row?) -> [String] {
        guard let cell else { return ["", "", "", ""] }
        return [
            String(cell.achieved), cell.base.map(String.init) ?? "", TargetReport.decimalText(cell.percent),
            TargetReport.decimalText(cell.provinceTarget ?? cell.nationalTarget),
        ]
    }
}
