import ArgumentParser
import DataFiles
import Foundation
import Workflow

struct Workflows: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quy trình xét khen thưởng (workflow definitions).",
        subcommands: [Check.self]
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
}
