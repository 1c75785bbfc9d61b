import ArgumentParser
import Foundation
import Logging
import Storage

/// `thidua registrations`: a commune's registration lists from spreadsheets, as the web page takes them.
struct Registrations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Đăng ký xây dựng mô hình học tập.",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập danh sách đăng ký (CSV hoặc XLSX) cho một danh hiệu; tệp có lỗi bị từ chối toàn bộ, kèm số dòng và cột.",
            discussion: """
                Cột: Mã đơn vị (thôn hoặc xã), Mã đối tượng, Tên, Năm (có thể bỏ trống khi có --year). Nhập lại cùng danh sách
                không tạo bản ghi trùng.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Tệp CSV (UTF-8) hoặc XLSX.")
        var file: String

        @Option(name: .customLong("set"), help: "Danh hiệu (mã bộ tiêu chí), ví dụ gia-dinh-hoc-tap.")
        var setID: String

        @Option(help: "Năm cho các dòng không ghi năm.")
        var year: Int?

        @Option(help: "Mã xã: chỉ nhận các dòng thuộc xã này.")
        var unit: String?

        func run() async throws {
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandFailure("Không đọc được tệp \(file).") }
            let logger = Logger.cli()
            let (file, setID, year, unit) = (file, setID, year, unit)
            do {
                let summary = try await database.withClient(logger: logger) { client in
                    var scopes: [Int]?
                    if let unit {
                        guard let record = try await UnitRepository(client: client, logger: logger).unit(code: unit) else {
                            throw CommandFailure("Không có đơn vị mã \(unit).")
                        }
                        scopes = [record.id]
                    }
                    return try await RegistrationImport(client: client, logger: logger).commit(
                        Array(bytes),
                        setID: setID,
                        year: year,
                        scopeUnitIDs: scopes,
                        registeredBy: nil
                    )
                }
                print("Đã nhập \(file): \(summary.rows) dòng, \(summary.registered) đăng ký mới, \(summary.unchanged) đã có, không đổi.")
            } catch let refused as RegistrationImport.Refused {
                throw CommandFailure("\(file): tệp bị từ chối, không có dòng nào được lưu.\n\(refused.description)")
            }
        }
    }
}
