import ArgumentParser
import Foundation
import Logging
import Storage

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nhật ký kiểm toán (chuỗi băm).",
        subcommands: [Verify.self, Anchor.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tính lại mọi chuỗi băm và đối chiếu mốc neo gần nhất; báo bản ghi hỏng đầu tiên, mã thoát khác 0 nếu có."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.cli()
            let (records, firstBreak) = try await database.withClient(logger: logger) { client in
                try await AuditTrail.verify(client: client, logger: logger)
            }
            if let firstBreak { throw CommandFailure("Nhật ký đã bị can thiệp: \(firstBreak.description)") }
            print("Nhật ký nguyên vẹn: \(records) bản ghi, mọi chuỗi và mốc neo đều khớp.")
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi mốc neo (đầu mọi chuỗi của từng tỉnh); chạy hằng ngày, ví dụ bằng cron."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.cli()
            // Never beside the same job of a server (`THIDUA_JOBS`) or of another cron.
            let outcome = try await database.withClient(logger: logger) { client in
                try await JobRunner(client: client, logger: logger).run("audit-anchor") {
                    try await AuditTrail.anchor(client: client, logger: logger)
                }
            }
            guard case .ran(let count) = outcome else {
                print("Một máy chủ khác đang ghi mốc neo: bỏ qua lần này.")
                return
            }
            print("Đã ghi mốc neo cho \(count) tỉnh.")
        }
    }
}
