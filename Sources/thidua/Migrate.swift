import ArgumentParser
import Foundation
import Logging
import Storage

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Áp dụng các migration trong sql/ (apply pending database migrations)."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Chỉ in các migration sẽ được áp dụng, không thay đổi gì.")
    var dryRun = false

    func run() async throws {
        let logger = Logger.cli()
        let files = try MigrationFile.load(from: URL(fileURLWithPath: database.migrations))
        let dryRun = dryRun
        let applied = try await database.withClient(logger: logger) { client in
            try await Migrator(client: client, files: files, logger: logger).migrate(dryRun: dryRun)
        }
        if applied.isEmpty {
            print("Cơ sở dữ liệu đã cập nhật: không có migration nào cần áp dụng.")
        } else {
            for file in applied { print("\(dryRun ? "sẽ áp dụng" : "đã áp dụng"): \(file.fileName)") }
        }
    }
}
