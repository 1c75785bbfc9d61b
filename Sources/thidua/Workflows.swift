import ArgumentParser
import DataFiles
import Foundation
import Logging
import Storage
import Workflow

struct Workflows: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quy trình xét khen thưởng (workflow definitions).",
        subcommands: [Check.self, Import.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra các tệp quy trình: lỗi ghi rõ tệp, dòng và nội dung; mã thoát khác 0 khi có lỗi."
        )

        @Argument(help: "Tệp YAML cần kiểm tra (mặc định: mọi tệp trong workflows/).")
        var files: [String] = []

        @Option(help: "Thư mục quy trình.")
        var directory: String = "workflows"

        func run() throws {
            let urls = files.isEmpty ? try DataFileCatalog.files(in: URL(fileURLWithPath: directory)) : files.map { URL(fileURLWithPath: $0) }
            do {
                let definitions = try DataFileCatalog.load(
                    files: urls,
                    read: { text, file throws(DataFileError) in try WorkflowReader.read(text, file: file) },
                    reference: \.reference,
                    kind: "quy trình"
                )
                for (definition, _) in definitions {
                    print(
                        "hợp lệ: \(definition.reference) — \(definition.title) (\(definition.states.count) trạng thái, \(definition.transitions.count) bước chuyển)"
                    )
                }
            } catch let errors {
                for error in errors.errors { print(error.description) }
                throw ExitCode(1)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nạp quy trình vào cơ sở dữ liệu. Quy trình đã nạp không sửa được: bản sửa đổi mang phiên bản mới."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Thư mục quy trình.")
        var directory: String = "workflows"

        func run() async throws {
            let urls = try DataFileCatalog.files(in: URL(fileURLWithPath: directory))
            let logger = Logger.cli()
            do {
                let result = try await database.withClient(logger: logger) { client in
                    try await WorkflowRepository(client: client, logger: logger).load(files: urls)
                }
                print("Đã nạp \(result.loaded) quy trình mới; \(result.unchanged) quy trình đã có, không đổi.")
            } catch let errors as DataFileErrors {
                throw CommandFailure(errors.description)
            } catch let error as WorkflowRepository.WorkflowError {
                throw CommandFailure(error.description)
            }
        }
    }
}
