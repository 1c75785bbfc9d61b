import ArgumentParser
import Foundation
import Logging
import Storage
import Tabular

struct Assessments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kết quả đánh giá mô hình học tập.",
        subcommands: [Import.self, Recognise.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập bảng đánh giá (CSV) theo một bộ tiêu chí; tệp có lỗi bị từ chối toàn bộ, kèm số dòng và cột.",
            discussion: """
                Cột: mã đơn vị, mã đối tượng, tên, năm, (số người lớn, số đạt công dân học tập), rồi một cột cho mỗi chỉ số
                (tiêu đề là mã chỉ số, ví dụ 1.1) và mỗi dữ liệu từ hồ sơ khác mà bộ tiêu chí dùng. Nhập lại cùng tệp không tạo bản ghi trùng.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Tệp CSV (UTF-8).")
        var file: String

        @Option(name: .customLong("set"), help: "Bộ tiêu chí, dạng ID@PHIÊN_BẢN, ví dụ gia-dinh-hoc-tap@2021.")
        var setReference: String

        @Option(
            help: "Quyết định công nhận áp dụng cho các dòng đạt tiêu chí, ví dụ \"Quyết định số 12/QĐ-UBND ngày 15/12/2025 của UBND xã Yên Bình\"."
        )
        var recognisedBy: String?

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure("Không đọc được tệp \(file).") }
            // A workbook is read into CSV (Excel's row numbers kept) and checked the same way.
            var workbook: [UInt8]?
            if let head = FileHandle(forReadingAtPath: file)?.readData(ofLength: 4), XLSXReader.looksLikeWorkbook(Array(head)) {
                switch XLSXReader.converted(Array(FileManager.default.contents(atPath: file) ?? Data()), limits: .commandLine) {
                case .success(let csv): workbook = csv
                case .failure(let problem): throw CommandFailure("\(file): \(problem.description)")
                }
            }
            let logger = Logger.cli()
            let (file, reference, recognisedBy, converted) = (file, setReference, recognisedBy, workbook)
            let started = ContinuousClock.now
            do {
                let summary = try await database.withClient(logger: logger) { client in
                    let set = try await CriteriaRepository(client: client, logger: logger).set(reference)
                    if let converted {
                        return try await AssessmentImporter(client: client, logger: logger).importBytes(
                            converted,
                            set: set,
                            options: .init(fileName: URL(fileURLWithPath: file).lastPathComponent, recognisedBy: recognisedBy)
                        )
                    }
                    return try await AssessmentImporter(client: client, logger: logger).importFile(
                        at: file,
                        set: set,
                        options: .init(fileName: URL(fileURLWithPath: file).lastPathComponent, recognisedBy: recognisedBy),
                        progress: { rows in
                            if rows >= 100_000 { FileHandle.standardError.write(Data("\rđã đọc \(rows) dòng…".utf8)) }
                        }
                    )
                }
                let seconds =
                    Double((ContinuousClock.now - started).components.attoseconds) / 1e18 + Double((ContinuousClock.now - started).components.seconds)
                print(
                    "Đã nhập \(file): \(summary.rows) dòng, \(summary.inserted) đánh giá mới (\(summary.meetingCriteria) đạt tiêu chí), \(summary.unchanged) đã có, không đổi. (\(String(format: "%.1f", seconds)) giây)"
                )
            } catch let refused as AssessmentImportRefused {
                throw CommandFailure("\(file): \(refused.description)")
            } catch let error as CriteriaRepository.CriteriaError {
                throw CommandFailure(error.description)
            }
        }
    }

    struct Recognise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi quyết định công nhận cho các đánh giá đang chờ của một đơn vị và năm: đạt tiêu chí thì được công nhận."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Mã đơn vị (xã) ra quyết định.") var unit: String
        @Option(help: "Năm đánh giá.") var year: Int
        @Option(name: .customLong("set"), help: "Mã bộ tiêu chí, ví dụ gia-dinh-hoc-tap.") var setID: String
        @Option(help: "Quyết định công nhận, ví dụ \"Quyết định số 12/QĐ-UBND ngày 15/12/2025 của UBND xã Yên Bình\".") var decision: String

        func run() async throws {
            let logger = Logger.cli()
            let (unit, year, setID, decision) = (unit, year, setID, decision)
            let result = try await database.withClient(logger: logger) { client -> (Int, Int)? in
                guard let record = try await UnitRepository(client: client, logger: logger).unit(code: unit) else { return nil }
                return try await AssessmentRepository(client: client, logger: logger).recognise(
                    setID: setID,
                    year: year,
                    scopeID: record.id,
                    decision: decision
                )
            }
            guard let (yes, no) = result else { throw CommandFailure("Không có đơn vị mã \(unit).") }
            print("Đã ghi quyết định: \(yes) được công nhận, \(no) không đạt tiêu chí.")
        }
    }
}
