import ArgumentParser
import Foundation
import Logging
import Storage

struct Nominations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hồ sơ đề nghị khen thưởng.",
        subcommands: [Escalate.self]
    )

    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo quá hạn theo quy định của từng bước (escalate); chạy hằng ngày, ví dụ bằng cron. Mỗi lần hồ sơ vào bước chỉ báo một lần."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.cli()
            // Never beside the same job of a server (`THIDUA_JOBS`) or of another cron.
            let outcome = try await database.withClient(logger: logger) { client in
                try await JobRunner(client: client, logger: logger).run("escalate-overdue") {
                    try await NominationStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                        .escalateOverdue()
                }
            }
            guard case .ran(let escalations) = outcome else {
                print("Một máy chủ khác đang báo quá hạn: bỏ qua lần này.")
                return
            }
            for escalation in escalations { print(escalation.description) }
            print("Đã báo quá hạn \(escalations.count) hồ sơ.")
        }
    }
}
