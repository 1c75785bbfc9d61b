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
        let (applied, filled) = try await database.withClient(logger: logger) { client in
            let applied = try await Migrator(client: client, files: files, logger: logger).migrate(dryRun: dryRun)
            // Rows stored before each criterion's points were kept get them now (040).
            let filled = dryRun ? 0 : try await CriteriaPointsBackfill(client: client, logger: logger).run()
            return (applied, filled)
        }
        if filled > 0 { print("đã tính lại điểm từng tiêu chí cho \(filled) đánh giá cũ") }
        if applied.isEmpty {
            print("Cơ sở dữ liệu đã cập nhật: không có migration nào cần áp dụng.")
        } else {
            for file in applied { print("\(dryRun ? "sẽ áp dụng" : "đã áp dụng"): \(file.fileName)") }
        }
    }
}
