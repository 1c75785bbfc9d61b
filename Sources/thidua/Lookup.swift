import ArgumentParser
import Foundation
import Logging
import Storage

/// `thidua lookup`: the record of merit from the command line — who a name or identifier finds,
/// or (with `--key`) one subject's whole record.
struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Tra cứu thành tích, khen thưởng: tìm theo họ tên (không cần dấu) hoặc mã định danh; --key in toàn bộ quá trình của một đối tượng."
    )

    enum Output: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Họ tên (không cần dấu, ít nhất 3 chữ cái) hoặc mã định danh.") var text: String?
    @Option(help: "Mã tỉnh: chỉ tìm trong tỉnh này (bắt buộc khi dùng --key).") var province: String?
    @Option(help: "Mã định danh: in toàn bộ quá trình thành tích, khen thưởng.") var key: String?
    @Option(help: "table hoặc json.") var format: Output = .table

    func validate() throws {
        guard text != nil || key != nil else { throw ValidationError("Ghi họ tên hoặc mã định danh cần tìm, hoặc --key cùng --province.") }
        if key != nil, province == nil { throw ValidationError("--key cần --province.") }
    }

    func run() async throws {
        let logger = Logger.cli()
        let (text, province, key, format) = (text, province, key, format)
        try await database.withClient(logger: logger) { client in
            let lookup = RecordLookup(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
            var scopes: [Int]?
            if let province {
                guard let unit = try await UnitRepository(client: client, logger: logger).unit(code: province) else {
                    throw CommandFailure("Không có tỉnh mã \(province).")
                }
                scopes = [unit.id]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let key, let province {
                guard let record = try await lookup.record(provinceCode: province, key: key, scopes: scopes) else {
                    throw CommandFailure("Không có hồ sơ nào của mã \(key) trong tỉnh \(province).")
                }
                if format == .json { return print(String(decoding: try encoder.encode(record), as: UTF8.self)) }
                print("\(record.name) (\(record.key))")
                print("Loại\tNăm\tDanh hiệu, hình thức\tQuyết định\tCơ quan")
                for entry in record.entries {
                    print("\(entry.kind)\t\(entry.year)\t\(entry.title)\t\(entry.decision)\t\(entry.issuer)")
                }
                return
            }
            let matches: [RecordLookup.Match]
            do {
                matches = try await lookup.find(text ?? "", scopes: scopes)
            } catch let refused as RecordLookup.LookupError {
                throw CommandFailure(refused.description)
            }
            if format == .json { return print(String(decoding: try encoder.encode(matches), as: UTF8.self)) }
            print("Tỉnh\tMã định danh\tHọ tên / Tên\tĐối tượng\tĐơn vị\tCông nhận\tKhen thưởng")
            for match in matches {
                print("\(match.provinceCode)\t\(match.key)\t\(match.name)\t\(match.kind)\t\(match.unitName)\t\(match.recognitions)\t\(match.awards)")
            }
        }
    }
}
