import ArgumentParser
import DataFiles
import Foundation
import Logging
import Storage
import Workflow

struct Workflows: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quy trình xét khen thưởng (workflow definitions).",
        subcommands: [Check.self, Import.self, Migrate.self]
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

extension Workflows {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chuyển hồ sơ đang xét sang phiên bản quy trình khác theo tệp ánh xạ, trong một giao dịch, có ghi nhật ký.",
            discussion: "Ví dụ: thidua workflows migrate workflows/migrations/khen-thuong-3-cap@2024-sang-2-cap@2025.yaml --dry-run"
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Tệp ánh xạ (from, to, states, award_states, awards, units).")
        var mapping: String

        @Option(help: "Chỉ chuyển hồ sơ của tỉnh có mã này.")
        var province: String?

        @Flag(help: "Chạy thử: in danh sách sẽ chuyển, không ghi gì.")
        var dryRun = false

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: mapping, encoding: .utf8)
            } catch {
                throw CommandFailure("Không đọc được tệp \(mapping).")
            }
            let logger = Logger.cli()
            let (file, province, dryRun) = (mapping, province, dryRun)
            do {
                let moves = try await database.withClient(logger: logger) { client in
                    try await WorkflowMigrator(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                        .migrate(mapping: text, file: file, provinceCode: province, dryRun: dryRun, actorID: nil)
                }
                for move in moves { print(move.description) }
                print(
                    dryRun
                        ? "Chạy thử: \(moves.count) hồ sơ sẽ được chuyển; chưa ghi gì."
                        : "Đã chuyển \(moves.count) hồ sơ (mỗi hồ sơ có bước chuyển \"migrate\" và bản ghi nhật ký)."
                )
            } catch let errors as DataFileErrors {
                throw CommandFailure(errors.description)
            } catch let error as DataFileError {
                throw CommandFailure(error.description)
            } catch let error as WorkflowMigrator.Refused {
                throw CommandFailure(error.description)
            } catch let error as WorkflowRepository.WorkflowError {
                throw CommandFailure(error.description)
            }
        }
    }
}
