import ArgumentParser
import DataFiles
import Documents
import Foundation
import Logging
import Storage

/// `thidua certificates`: the layouts for printing on blank stock (check, import) and the
/// certificates of an issued decision (PDF or Word).
struct Certificates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "In giấy khen, bằng khen trên phôi: kiểm tra, nạp mẫu in (certificate-layouts/) và in theo quyết định.",
        subcommands: [Check.self, Import.self, Print.self]
    )

    static func files(_ files: [String], directory: String) throws -> [URL] {
        files.isEmpty ? try DataFileCatalog.files(in: URL(fileURLWithPath: directory)) : files.map { URL(fileURLWithPath: $0) }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra các mẫu in: trường lạ, thiếu trường bắt buộc, trường ra ngoài trang — ghi rõ tệp, dòng; mã thoát khác 0 khi có lỗi."
        )
        @Argument(help: "Tệp YAML (mặc định: mọi tệp trong certificate-layouts/).") var files: [String] = []
        @Option(help: "Thư mục mẫu in.") var directory: String = "certificate-layouts"

        func run() throws {
            let urls = try Certificates.files(files, directory: directory)
            do {
                let layouts = try DataFileCatalog.load(
                    files: urls,
                    read: { text, file throws(DataFileError) in try CertificateLayoutReader.read(text, file: file) },
                    reference: \.id,
                    kind: "mẫu in"
                )
                for (layout, _) in layouts {
                    print("hợp lệ: \(layout.id) — \(layout.title) (\(layout.fields.count) trường; \(layout.forms.joined(separator: ", ")))")
                }
            } catch let errors {
                for error in errors.errors { print(error.description) }
                throw ExitCode(1)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nạp mẫu in vào cơ sở dữ liệu (tất cả hoặc không tệp nào).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Tệp YAML (mặc định: mọi tệp trong certificate-layouts/).") var files: [String] = []
        @Option(help: "Thư mục mẫu in.") var directory: String = "certificate-layouts"

        func run() async throws {
            let logger = Logger.cli()
            let urls = try Certificates.files(files, directory: directory)
            do {
                let result = try await database.withClient(logger: logger) { client in
                    try await CertificateStore(client: client, logger: logger).load(files: urls)
                }
                print("Đã nạp \(result.loaded) mẫu in; \(result.unchanged) mẫu không đổi.")
            } catch let errors as DataFileErrors {
                for error in errors.errors { print(error.description) }
                throw ExitCode(1)
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In giấy khen, bằng khen của một quyết định đã ban hành: mỗi đối tượng một trang (pdf hoặc docx)."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Số hiệu quyết định trong hệ thống.") var id: Int
        @Option(help: "pdf hoặc docx.") var format: String = "pdf"
        @Option(help: "Tệp ghi ra (mặc định: theo số quyết định).") var output: String?

        func run() async throws {
            guard ["pdf", "docx"].contains(format) else { throw ValidationError("Định dạng chỉ có: pdf, docx.") }
            let logger = Logger.cli()
            let (province, id, format) = (province, id, format)
            let (bytes, name) = try await database.withClient(logger: logger) { client -> ([UInt8], String) in
                let decisions = DecisionStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                guard let decision = try await decisions.decision(DecisionKey(provinceCode: province, id: id)) else {
                    throw CommandFailure("Không có quyết định \(province)/\(id).")
                }
                do {
                    let (layout, texts) = try await CertificateStore(client: client, logger: logger).certificates(of: decision)
                    let docx = CertificateDocx.write(layout, certificates: texts)
                    let name = "giay-khen-\(province)-\(decision.number ?? id)-\(decision.year ?? 0).\(format)"
                    guard format == "pdf" else { return (docx, name) }
                    do {
                        return (CertificatePDF.write(layout, certificates: texts, fonts: try CertificatePDF.Fonts.liberationSerif()), name)
                    } catch let missing as TrueTypeFont.Unreadable {
                        throw CommandFailure("Không in được giấy khen: \(missing.description).")
                    }
                } catch let refused as CertificateStore.CertificateError {
                    throw CommandFailure(refused.description)
                }
            }
            let path = output ?? name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            print("Đã ghi \(path).")
        }
    }
}
