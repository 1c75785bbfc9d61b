import ArgumentParser
import DataFiles
import Foundation
import Logging
import Scoring
import Storage

struct Criteria: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bộ tiêu chí công nhận mô hình học tập (criteria sets).",
        subcommands: [Check.self, List.self, Import.self]
    )

    /// Files named on the command line, or every set of `criteria/`.
    struct FileOptions: ParsableArguments {
        @Argument(help: "Tệp YAML cần kiểm tra (mặc định: mọi tệp trong criteria/).")
        var files: [String] = []

        @Option(help: "Thư mục bộ tiêu chí.")
        var directory: String = "criteria"

        func urls() throws -> [URL] {
            if !files.isEmpty { return files.map { URL(fileURLWithPath: $0) } }
            return try CriteriaCatalog.files(in: URL(fileURLWithPath: directory))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra các tệp bộ tiêu chí: lỗi ghi rõ tệp, dòng và nội dung; mã thoát khác 0 khi có lỗi."
        )

        @OptionGroup var options: FileOptions

        func run() throws {
            let urls = try options.urls()
            do {
                let sets = try CriteriaCatalog.load(files: urls)
                for set in sets {
                    print("hợp lệ: \(set.reference) — \(set.title) (\(set.indicators.count) chỉ số)")
                }
            } catch let errors {
                for error in errors.errors { print(error.description) }
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các bộ tiêu chí.")

        @OptionGroup var options: FileOptions

        func run() throws {
            let sets = try CriteriaCatalog.load(files: try options.urls())
            for set in sets {
                let status: String
                switch set.status {
                case .official: status = "chính thức"
                case .provisional: status = "tạm thời"
                }
                let rule =
                    set.recognition.minimumLevel.map { "từ mức \($0)" } ?? set.recognition.totalAtLeast.map { "từ \($0)/\(set.maximumPoints) điểm" }
                    ?? "đạt mọi tiêu chí"
                print("\(set.reference)\t\(set.title)\t\(set.subject.vietnamese)\t\(status)\t\(rule)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nạp bộ tiêu chí vào cơ sở dữ liệu. Bộ đã nạp không được sửa: bộ sửa đổi phải mang phiên bản mới."
        )

        @OptionGroup var options: FileOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let urls = try options.urls()
            let logger = Logger.cli()
            do {
                let result = try await database.withClient(logger: logger) { client in
                    try await CriteriaRepository(client: client, logger: logger).load(files: urls)
                }
                print("Đã nạp \(result.loaded) bộ tiêu chí mới; \(result.unchanged) bộ đã có, không đổi.")
            } catch let errors as DataFileErrors {
                throw CommandFailure(errors.description)
            } catch let error as CriteriaRepository.CriteriaError {
                throw CommandFailure(error.description)
            }
        }
    }
}
