import ArgumentParser
import Foundation
import Geography
import Logging
import Storage

struct Rounds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Đợt thi đua, khen thưởng.",
        subcommands: [Open.self, List.self]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mở đợt: quy trình là phiên bản áp dụng vào ngày mở đợt (ba cấp trước 01/07/2025, hai cấp từ ngày đó), trừ khi chỉ định."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Tên đợt.") var name: String
        @Option(help: "Năm của đợt.") var year: Int
        @Option(help: "Căn cứ: merit (công trạng), thematic (chuyên đề), sudden (đột xuất), simplified, other.") var basis: String = "merit"
        @Option(help: "Ngày mở đợt, dd/MM/yyyy (mặc định: hôm nay).") var opens: String?
        @Option(help: "Hạn nhận hồ sơ, dd/MM/yyyy.") var closes: String?
        @Option(help: "Quy trình id@version (mặc định: quy trình áp dụng vào ngày mở đợt).") var workflow: String?

        func run() async throws {
            let opensOn: Day
            if let opens {
                guard let day = Day(parsing: opens) else { throw CommandFailure("Ngày mở đợt không hợp lệ: \(opens) (dạng dd/MM/yyyy).") }
                opensOn = day
            } else {
                opensOn = Day.todayInVietnam
            }
            var closesOn: Day?
            if let closes {
                guard let day = Day(parsing: closes) else { throw CommandFailure("Hạn nhận hồ sơ không hợp lệ: \(closes).") }
                closesOn = day
            }
            let logger = Logger.cli()
            let (province, name, year, basis, workflow, closingDay) = (province, name, year, basis, workflow, closesOn)
            do {
                let round = try await database.withClient(logger: logger) { client in
                    try await RoundStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger).open(
                        provinceCode: province,
                        name: name,
                        year: year,
                        basis: basis,
                        opensOn: opensOn,
                        closesOn: closingDay,
                        workflow: workflow
                    )
                }
                print("Đã mở đợt \(round.id): \(round.name) (từ \(round.opensOn)), quy trình \(round.workflow) — \(round.workflowTitle).")
            } catch let error as RoundStore.RoundError {
                throw CommandFailure(error.description)
            } catch let error as WorkflowRepository.WorkflowError {
                throw CommandFailure(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các đợt, mới nhất trước.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String?

        func run() async throws {
            let logger = Logger.cli()
            let province = province
            let rounds = try await database.withClient(logger: logger) { client in
                try await RoundStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                    .rounds(provinceCodes: province.map { [$0] })
            }
            for round in rounds {
                print("\(round.provinceCode)/\(round.id)\t\(round.name)\t\(round.year)\t\(round.basis)\tmở \(round.opensOn)\t\(round.workflow)")
            }
        }
    }
}
