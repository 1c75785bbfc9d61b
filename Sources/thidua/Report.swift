import ArgumentParser
import Foundation
import Geography
import Logging
import Storage

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Báo cáo (reports), in ra dạng bảng, CSV hoặc JSON.",
        subcommands: [Targets.self, Round.self, Awards.self, National.self, Cycle.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, xlsx
    }

    struct Targets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tiến độ so với mục tiêu QĐ 387/QĐ-TTg, QĐ 677/QĐ-TTg và mục tiêu của tỉnh, theo đơn vị."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Năm báo cáo.")
        var year: Int?

        @Option(help: "Một giai đoạn, ví dụ 2021-2025: mỗi đối tượng được công nhận trong giai đoạn tính một lần.")
        var stage: String?

        @Flag(help: "Mọi giai đoạn (của quốc gia và của tỉnh) trong một bảng.")
        var stages = false

        @Option(help: "Mã tỉnh; bỏ trống để báo cáo toàn quốc theo tỉnh.")
        var province: String?

        @Option(help: "Cấp đơn vị của các dòng: province, district, commune, village.")
        var level: String?

        @Option(help: "table, csv, json hoặc xlsx.")
        var format: Format = .table

        @Option(help: "Tệp ghi ra (với xlsx).")
        var output: String?

        func run() async throws {
            let level: AdminLevel
            if let text = self.level {
                guard let parsed = AdminLevel(rawValue: text) else { throw ValidationError("Cấp không hợp lệ: \(text).") }
                level = parsed
            } else {
                level = province == nil ? .province : .commune
            }
            let years: ClosedRange<Int>
            switch (year, stage, stages) {
            case (nil, nil, true):
                try await printStages(level: level)
                return
            case (let year?, nil, false):
                years = year...year
            case (nil, let text?, false):
                guard let parsed = ProgramStage.years(parsing: text) else {
                    throw ValidationError("Giai đoạn không hợp lệ: \(text) (dạng 2021-2025).")
                }
                years = parsed
            default:
                throw ValidationError("Cần đúng một trong --year, --stage hoặc --stages.")
            }
            let logger = Logger.cli()
            let province = province
            let report = try await database.withClient(logger: logger) { client in
                try await TargetReport.build(client: client, logger: logger, years: years, provinceCode: province, level: level)
            }
            let period = report.period
            if try write(report, csv: report.csv, xlsx: report.xlsx, fileName: report.fileName + ".xlsx") { return }
            let heading = years.count == 1 ? "năm \(period)" : "giai đoạn \(period)"
            print("Tiến độ xây dựng mô hình học tập \(heading)\(province.map { " — tỉnh \($0)" } ?? " — toàn quốc")")
            for row in report.rows {
                let share = row.percent.map { TargetReport.decimalText($0) + "%" } ?? "—"
                let target = row.provinceTarget ?? row.nationalTarget
                let mark: String =
                    switch row.meetsProvinceTarget ?? row.meetsNationalTarget {
                    case true?: "đạt"
                    case false?: "chưa đạt"
                    case nil: ""
                    }
                print(
                    "\(row.unitName)\t\(row.indicatorName)\t\(row.achieved)/\(row.base.map(String.init) ?? "?")\t\(share)\tmục tiêu \(target.map { "\(NSDecimalNumber(decimal: $0).stringValue)%" } ?? "—")\t\(mark)"
                )
            }
        }

        /// Writes the report as XLSX (to `--output`, or `fileName`), CSV or JSON; false for a
        /// table, which the caller prints its own way.
        private func write(_ report: some Encodable, csv: @autoclosure () -> String, xlsx: @autoclosure () -> [UInt8], fileName: String) throws
            -> Bool
        {
            switch format {
            case .xlsx:
                let path = output ?? fileName
                try Data(xlsx()).write(to: URL(fileURLWithPath: path))
                print("Đã ghi \(path).")
            case .csv:
                print(csv(), terminator: "")
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            case .table:
                return false
            }
            return true
        }

        /// The stage table: a line per unit and indicator, a column group per stage.
        private func printStages(level: AdminLevel) async throws {
            let logger = Logger.cli()
            let province = province
            let report = try await database.withClient(logger: logger) { client in
                try await StageReport.build(client: client, logger: logger, provinceCode: province, level: level)
            }
            if try write(report, csv: report.csv, xlsx: report.xlsx, fileName: "tien-do-theo-giai-doan.xlsx") { return }
            print("Tiến độ xây dựng mô hình học tập theo giai đoạn\(province.map { " — tỉnh \($0)" } ?? " — toàn quốc")")
            print((["Đơn vị", "Chỉ tiêu"] + report.stages.map(\.name)).joined(separator: "\t"))
            for line in report.lines {
                let cells = line.cells.map { cell -> String in
                    guard let cell else { return "—" }
                    let share = cell.percent.map { TargetReport.decimalText($0) + "%" } ?? "—"
                    return "\(cell.achieved)/\(cell.base.map(String.init) ?? "?") (\(share))"
                }
                print(([line.unitName, line.indicatorName] + cells).joined(separator: "\t"))
            }
        }
    }
}

struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Mục tiêu của tỉnh (dữ liệu, không phải mã nguồn).",
        subcommands: [Set.self, Load.self, Indicators.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Nạp mục tiêu của một kế hoạch (tệp targets/*.yaml) cho một tỉnh, ví dụ: thidua targets load targets/ke-hoach-3853-KH-UBND-binh-duong.yaml --province 99"
        )

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Tệp kế hoạch (YAML).") var file: String
        @Option var province: String
        @Option(help: "Văn bản đặt mục tiêu, thay cho \"basis\" của tệp.") var basis: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("Không đọc được tệp \(file).")
            }
            var plan = try ProgramPlan.read(text, file: file)
            if let basis { plan = ProgramPlan(basis: basis, targets: plan.targets) }
            let logger = Logger.cli()
            let (province, loaded) = (province, plan)
            try await database.withClient(logger: logger) { client in
                try await UnitCountsImporter(client: client, logger: logger).setTargets(scope: province, plan: loaded)
            }
            let count = plan.targets.values.reduce(0) { $0 + $1.count }
            print(
                "Đã nạp \(count) mục tiêu (\(plan.targets.keys.sorted().map(String.init).joined(separator: ", "))) cho tỉnh \(province): \(plan.basis)."
            )
        }
    }

    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các chỉ tiêu có thể đặt mục tiêu: mã, loại, tên và cách tính.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.cli()
            let indicators = try await database.withClient(logger: logger) { client in
                try await ProgramIndicator.all(client: client, logger: logger)
            }
            for indicator in indicators {
                print("\(indicator.id)\t\(indicator.kind.rawValue)\t\(indicator.name)\t\(indicator.basis)")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Đặt mục tiêu của một tỉnh cho một năm, ví dụ: thidua targets set --province 99 --year 2030 household=80 community=70 unit=90 adult=60 staff=80 citizen-digital=90 --basis \"Kế hoạch số …\""
        )

        @OptionGroup var database: DatabaseOptions

        @Option var province: String
        @Option var year: Int
        @Option(help: "Văn bản đặt mục tiêu.") var basis: String
        @Argument(
            help:
                "chỉ tiêu=phần trăm, mã chỉ tiêu như trong bảng program_indicators: household, clan, community, unit, adult, staff, citizen-digital…"
        )
        var values: [String]

        func run() async throws {
            var percents: [String: Decimal] = [:]
            for value in values {
                let parts = value.split(separator: "=").map(String.init)
                guard parts.count == 2, let percent = Decimal(string: parts[1]), percent >= 0, percent <= 100
                else { throw ValidationError("Giá trị không hợp lệ: \(value) (dạng household=80).") }
                percents[parts[0]] = percent
            }
            let logger = Logger.cli()
            let (province, year, basis, sendable) = (province, year, basis, percents)
            try await database.withClient(logger: logger) { client in
                try await UnitCountsImporter(client: client, logger: logger).setTargets(scope: province, year: year, percents: sendable, basis: basis)
            }
            print("Đã đặt \(percents.count) mục tiêu năm \(year) cho tỉnh \(province).")
        }
    }
}
