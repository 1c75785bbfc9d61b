import ArgumentParser
import DataFiles
import Foundation
import Logging
import Storage

extension Decisions {
    /// The provinces' wording of decisions (`decision-texts/*.yaml`): checked, then loaded.
    struct Texts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Văn bản quyết định theo tỉnh (căn cứ, đề nghị, các điều): kiểm tra và nạp từ decision-texts/.",
            subcommands: [Check.self, Import.self]
        )

        static func files(_ files: [String], directory: String) throws -> [URL] {
            files.isEmpty ? try DataFileCatalog.files(in: URL(fileURLWithPath: directory)) : files.map { URL(fileURLWithPath: $0) }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Kiểm tra các tệp văn bản quyết định: lỗi ghi rõ tệp, dòng và nội dung; mã thoát khác 0 khi có lỗi."
            )
            @Argument(help: "Tệp YAML cần kiểm tra (mặc định: mọi tệp trong decision-texts/).") var files: [String] = []
            @Option(help: "Thư mục văn bản quyết định.") var directory: String = "decision-texts"

            func run() throws {
                let urls = try Texts.files(files, directory: directory)
                do {
                    let loaded = try DataFileCatalog.load(
                        files: urls,
                        read: { text, file throws(DataFileError) in try DecisionTextsReader.read(text, file: file) },
                        reference: \.fileStem,
                        kind: "văn bản quyết định"
                    )
                    for (texts, _) in loaded {
                        let who = texts.province == "*" ? "mọi tỉnh" : "tỉnh \(texts.province)"
                        print("hợp lệ: \(who) — cấp \(texts.levels.keys.sorted().joined(separator: ", "))")
                    }
                } catch let errors {
                    for error in errors.errors { print(error.description) }
                    throw ExitCode(1)
                }
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Nạp văn bản quyết định vào cơ sở dữ liệu (tất cả hoặc không tệp nào); dự thảo đã lập giữ văn bản cũ."
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "Tệp YAML (mặc định: mọi tệp trong decision-texts/).") var files: [String] = []
            @Option(help: "Thư mục văn bản quyết định.") var directory: String = "decision-texts"

            func run() async throws {
                let logger = Logger.cli()
                let urls = try Texts.files(files, directory: directory)
                do {
                    let result = try await database.withClient(logger: logger) { client in
                        try await DecisionTextsStore(client: client, logger: logger).load(files: urls)
                    }
                    print("Đã nạp \(result.loaded) tệp văn bản quyết định; \(result.unchanged) tệp không đổi.")
                } catch let errors as DataFileErrors {
                    for error in errors.errors { print(error.description) }
                    throw ExitCode(1)
                }
            }
        }
    }
}
