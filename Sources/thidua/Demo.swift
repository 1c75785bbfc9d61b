import ArgumentParser
import DataFiles
import Foundation
import Logging
import Storage

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nạp dữ liệu mẫu: tỉnh Thuận An (giả định) và tài khoản cho từng vai trò."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Thư mục bộ tiêu chí nạp cùng dữ liệu mẫu.")
    var criteria: String = "criteria"

    @Option(help: "Thư mục quy trình nạp cùng dữ liệu mẫu.")
    var workflows: String = "workflows"

    @Option(help: "Thư mục văn bản quyết định theo tỉnh nạp cùng dữ liệu mẫu.")
    var decisionTexts: String = "decision-texts"

    @Option(help: "Thư mục mẫu in giấy khen, bằng khen nạp cùng dữ liệu mẫu.")
    var certificateLayouts: String = "certificate-layouts"

    @Option(help: "Thư mục kế hoạch (mục tiêu) nạp làm mục tiêu của tỉnh mẫu.")
    var targets: String = "targets"

    func run() async throws {
        let logger = Logger.cli()
        let cost = UInt8(ProcessInfo.processInfo.environment["THIDUA_BCRYPT_COST"].flatMap { Int($0) } ?? 12)
        let criteriaDirectory = URL(fileURLWithPath: criteria)
        let workflowsDirectory = URL(fileURLWithPath: workflows)
        let textsDirectory = URL(fileURLWithPath: decisionTexts)
        let layoutsDirectory = URL(fileURLWithPath: certificateLayouts)
        let targetsDirectory = URL(fileURLWithPath: targets)
        let result = try await database.withClient(logger: logger) { client in
            // The wording first: the demo's issued decision is drafted from it.
            if FileManager.default.fileExists(atPath: textsDirectory.path) {
                _ = try await DecisionTextsStore(client: client, logger: logger).load(files: try DataFileCatalog.files(in: textsDirectory))
            }
            if FileManager.default.fileExists(atPath: layoutsDirectory.path) {
                _ = try await CertificateStore(client: client, logger: logger).load(files: try DataFileCatalog.files(in: layoutsDirectory))
            }
            return try await DemoData.load(
                client: client,
                hasher: PasswordHasher(cost: cost),
                logger: logger,
                criteria: criteriaDirectory,
                workflows: workflowsDirectory,
                targets: targetsDirectory
            )
        }
        print(
            "Dữ liệu mẫu (DEMO): \(result.units.inserted) đơn vị mới, \(result.units.unchanged) đã có; \(result.accountsCreated) tài khoản mới; \(result.assessments) đánh giá hộ gia đình mới."
        )
        print("Tài khoản dùng thử — mật khẩu chung: \(DemoData.password)")
        for account in DemoData.accounts {
            let username = account.username.padding(toLength: 18, withPad: " ", startingAt: 0)
            print(
                "  \(username) \(account.role.vietnamese)\(account.unitCode.map { $0.first?.isLetter == true ? " — tổ chức \($0)" : " — đơn vị \($0)" } ?? "")"
            )
        }
    }
}
