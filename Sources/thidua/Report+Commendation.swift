import ArgumentParser
import Foundation
import Logging
import Storage

extension Report {
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo cáo một đợt: hồ sơ theo cấp, bước, hình thức và loại đối tượng; thời gian ở từng cấp; quá hạn; số khen thưởng theo đơn vị."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Số đợt (hoặc dùng --from và --to cho sơ kết, tổng kết nhiều năm).") var round: Int?
        @Option(help: "Từ năm (sơ kết 2023–2025: --from 2023 --to 2025).") var from: Int?
        @Option(help: "Đến năm.") var to: Int?
        @Option(help: "table, csv hoặc json.") var format: Format = .table

        func validate() throws {
            if format == .xlsx { throw ValidationError("Báo cáo đợt in ra dạng table, csv hoặc json.") }
            guard (round != nil) != (from != nil && to != nil) else {
                throw ValidationError("Chọn một đợt (--round) hoặc một khoảng năm (--from và --to).")
            }
        }

        func run() async throws {
            let logger = Logger.cli()
            let (province, round, from, to) = (province, round, from, to)
            let report = try await database.withClient(logger: logger) { client in
                let workflows = WorkflowRepository(client: client, logger: logger)
                if let round {
                    return try await RoundReport.build(client: client, workflows: workflows, logger: logger, provinceCode: province, roundID: round)
                }
                return try await RoundReport.review(
                    client: client,
                    workflows: workflows,
                    logger: logger,
                    provinceCode: province,
                    fromYear: from ?? 0,
                    toYear: to ?? 0
                )
            }
            switch format {
            case .json, .xlsx:
                try Report.printJSON(report)
            case .csv:
                print("\u{FEFF}cấp,bước,hình thức,loại đối tượng,số hồ sơ,quá hạn", terminator: "\r\n")
                for step in report.byStep {
                    print("\(step.level),\(step.state),\(step.award),\(step.nomineeKind),\(step.count),\(step.overdue)", terminator: "\r\n")
                }
            case .table:
                print("Đợt \(report.roundName) (\(report.workflow)): \(report.total) hồ sơ, \(report.overdue) quá hạn")
                for step in report.byStep {
                    print(
                        "\(step.level)\t\(step.stateTitle)\t\(step.award)\t\(step.nomineeKind)\t\(step.count)\(step.overdue > 0 ? "\tquá hạn \(step.overdue)" : "")"
                    )
                }
                for level in report.timeAtLevel {
                    print(
                        "Thời gian ở \(level.level): \(level.nominations) hồ sơ, trung bình \(level.averageDays) ngày, lâu nhất \(level.longestDays) ngày"
                    )
                }
                for unit in report.awardsByUnit { print("Khen thưởng\t\(unit.unitName)\t\(unit.award)\t\(unit.count)") }
            }
        }
    }

    struct Awards: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thống kê khen thưởng theo hình thức và cấp trong năm (Biểu 0602.N, Thông tư 02/2023/TT-BNV); xuất XLSX."
        )

        enum Output: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Năm (theo ngày ký quyết định).") var year: Int
        @Option(help: "table, csv, json hoặc xlsx.") var format: Output = .table
        @Option(help: "Tệp ghi ra (bắt buộc với xlsx).") var output: String?

        func run() async throws {
            let logger = Logger.cli()
            let (province, year) = (province, year)
            let statistics = try await database.withClient(logger: logger) { client in
                try await AwardStatistics.build(client: client, logger: logger, provinceCode: province, year: year)
            }
            switch format {
            case .json: try Report.printJSON(statistics)
            case .csv: print(statistics.csv, terminator: "")
            case .xlsx:
                let path = output ?? "bieu-0602N-\(province)-\(year).xlsx"
                try Data(statistics.xlsx).write(to: URL(fileURLWithPath: path))
                print("Đã ghi \(path).")
            case .table:
                print(AwardStatistics.headers.joined(separator: "\t"))
                for row in statistics.rows {
                    print(
                        [
                            row.awardTitle, "\(row.total)", "\(row.collectives)", "\(row.households)", "\(row.individuals)", "\(row.merit)",
                            "\(row.thematic)", "\(row.sudden)", "\(row.other)",
                        ]
                        .joined(separator: "\t")
                    )
                }
            }
        }
    }

    struct National: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Danh sách khen thưởng của tỉnh trong năm cho cơ sở dữ liệu thi đua, khen thưởng quốc gia (JSON hoặc CSV, bố cục có phiên bản: docs/national-export.md)."
        )

        enum Output: String, ExpressibleByArgument, CaseIterable { case json, csv }

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Năm (theo ngày ký quyết định).") var year: Int
        @Option(help: "json hoặc csv.") var format: Output = .json
        @Option(help: "Tệp ghi ra (mặc định: in ra màn hình).") var output: String?

        func run() async throws {
            let logger = Logger.cli()
            let (province, year) = (province, year)
            let export = try await database.withClient(logger: logger) { client in
                try await NationalAwardExport.build(
                    client: client,
                    workflows: WorkflowRepository(client: client, logger: logger),
                    logger: logger,
                    provinceCode: province,
                    year: year
                )
            }
            let bytes = format == .json ? export.json : Array(export.csv.utf8)
            if let output {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
                print("Đã ghi \(output): \(export.awards.count) lượt khen thưởng.")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
                if format == .json { print() }
            }
        }
    }
}
