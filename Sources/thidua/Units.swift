import ArgumentParser
import Foundation
import Geography
import Logging
import Storage

struct Units: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Danh mục đơn vị hành chính.",
        subcommands: [Import.self, Counts.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập danh mục đơn vị hành chính từ tệp CSV (mã, tên, cấp, mã cấp trên, hiệu lực từ/đến, thay thế)."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy).")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("Không đọc được tệp \(file).")
            }
            let bytes = Array(data)
            let logger = Logger.cli()
            do {
                let summary = try await database.withClient(logger: logger) { client in
                    try await UnitRepository(client: client, logger: logger).importList(bytes)
                }
                print(
                    "Đã nhập \(file): \(summary.inserted) đơn vị mới, \(summary.closed) đơn vị được ghi ngày hết hiệu lực, \(summary.unchanged) dòng không đổi."
                )
            } catch let refused as UnitImportRefused {
                throw CommandFailure("\(file): \(refused.description)")
            }
        }
    }

    struct Counts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Nhập số hộ gia đình, dòng họ, đơn vị của từng đơn vị theo năm (mẫu số của các tỉ lệ): cột mã đơn vị, năm, hộ gia đình, dòng họ, đơn vị."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Tệp CSV (UTF-8).")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("Không đọc được tệp \(file).") }
            let bytes = Array(data)
            let logger = Logger.cli()
            do {
                let stored = try await database.withClient(logger: logger) { client in
                    try await UnitCountsImporter(client: client, logger: logger).importBytes(bytes)
                }
                print("Đã lưu \(stored) số liệu.")
            } catch let refused as AssessmentImportRefused {
                throw CommandFailure("\(file): \(refused.description)")
            }
        }
    }
}
