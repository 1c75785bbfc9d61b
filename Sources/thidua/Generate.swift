import ArgumentParser
import DataFiles
import Foundation
import Logging
import Storage

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sinh dữ liệu theo quy mô cả nước để đo hiệu năng (tỉnh giả định, đánh dấu dữ liệu mẫu).",
        discussion: """
            --scale 1 là một tỉnh 1.000.000 hộ gia đình (123 xã, 28 thôn mỗi xã), theo tỉ lệ cả nước: hộ gia đình, \
            dòng họ, cộng đồng, đơn vị và công dân được đánh giá năm 2025 (đã công nhận) và 2026, một đợt khen thưởng năm 2025 \
            với hồ sơ ở các bước. Cùng mã tỉnh và tỉ lệ luôn cho cùng dữ liệu; tỉnh đã sinh được giữ nguyên.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Quy mô mỗi tỉnh: 1 là 1.000.000 hộ gia đình; 0.1 là 100.000 hộ.")
    var scale: Double = 0.1

    @Option(help: "Mã các tỉnh sinh ra, hai chữ số, cách nhau bằng dấu phẩy.")
    var provinces: String = "80"

    @Option(help: "Thư mục bộ tiêu chí.")
    var criteria: String = "criteria"

    @Option(help: "Thư mục quy trình.")
    var workflows: String = "workflows"

    func run() async throws {
        let logger = Logger.cli()
        let shape: NationalShape
        do {
            shape = try NationalShape(provinceCodes: provinces.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, scale: scale)
        } catch {
            throw ValidationError(error.description)
        }
        let cost = UInt8(ProcessInfo.processInfo.environment["THIDUA_BCRYPT_COST"].flatMap { Int($0) } ?? 12)
        let start = ContinuousClock.now
        let summary = try await database.withClient(logger: logger) { client in
            try await CriteriaRepository(client: client, logger: logger).load(files: try CriteriaCatalog.files(in: URL(fileURLWithPath: criteria)))
            try await WorkflowRepository(client: client, logger: logger).load(files: try DataFileCatalog.files(in: URL(fileURLWithPath: workflows)))
            return try await shape.load(client: client, hasher: PasswordHasher(cost: cost), logger: logger) { print($0) }
        }
        let elapsed = ContinuousClock.now - start
        let assessments = summary.assessments.values.reduce(0, +)
        print(
            """
            Đã sinh \(shape.provinceCodes.count) tỉnh (\(Self.grouped(shape.householdsPerProvince)) hộ, \(shape.communesPerProvince) xã mỗi tỉnh) \
            trong \(elapsed.components.seconds) giây: \(summary.units) đơn vị hành chính, \(summary.accounts) tài khoản, \
            \(Self.grouped(assessments)) đánh giá (\(Self.grouped(summary.recognised)) đạt năm 2025), \(summary.nominations) hồ sơ khen thưởng, \
            \(summary.transitions) lần chuyển bước.
            """
        )
        for (reason, count) in summary.refused.sorted(by: { $0.key < $1.key }) { print("  Bị từ chối \(count) lần: \(reason)") }
        print("Tài khoản: <mã xã>.canbo, <mã xã>.chuyenvien, <mã tỉnh>.tinh.chuyenvien …, mật khẩu \(DemoData.password).")
    }

    /// Thousands grouped with dots, as Vietnamese writes them: 1.000.000.
    static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(".", at: index)
            index -= 3
        }
        return String(digits)
    }
}
