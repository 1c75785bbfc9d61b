import ArgumentParser
import Documents
import Foundation
import Logging
import Storage

extension Report {
    /// The yearly cycle within a unit: registered, self-assessed, reviewed, recognised, per title.
    struct Cycle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chu trình trong năm của một đơn vị: số đăng ký, đã tự đánh giá, đã thẩm định, được công nhận, theo từng danh hiệu."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Mã đơn vị (xã, thôn, tỉnh…); gồm cả các đơn vị cũ đã sáp nhập vào.")
        var unit: String

        @Option(help: "Năm.")
        var year: Int

        @Option(help: "table, csv hoặc json.")
        var format: Format = .table

        static let columns = ["Danh hiệu", "Đăng ký", "Đã tự đánh giá", "Tự đánh giá đạt", "Đã thẩm định", "Được công nhận", "Không công nhận"]

        func run() async throws {
            guard format != .xlsx else { throw ValidationError("Báo cáo chu trình in ra dạng table, csv hoặc json.") }
            let logger = Logger.cli()
            let (code, year) = (unit, year)
            let cycles = try await database.withClient(logger: logger) { client -> [RegistrationStore.CycleCounts] in
                guard let unit = try await UnitRepository(client: client, logger: logger).unit(code: code) else {
                    throw CommandFailure("Không có đơn vị mã \(code).")
                }
                return try await RegistrationStore(client: client, logger: logger).cycles(year: year, scopeID: unit.id)
            }
            let rows = cycles.map { c in
                [c.set, c.registered, c.selfAssessed, c.selfMeetingCriteria, c.reviewed, c.recognised, c.notRecognised].map { "\($0)" }
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(cycles), as: UTF8.self))
            case .csv:
                print("\u{FEFF}" + CSVWriter.line(Self.columns))
                for row in rows { print(CSVWriter.line(row)) }
            default:
                print("Chu trình năm \(year) — đơn vị \(code)")
                print(Self.columns.joined(separator: "\t"))
                for row in rows { print(row.joined(separator: "\t")) }
                if rows.isEmpty { print("Chưa có đăng ký nào.") }
            }
        }
    }
}
