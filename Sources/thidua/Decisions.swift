import ArgumentParser
import Foundation
import Geography
import Logging
import PostgresNIO
import Storage

struct Decisions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quyết định khen thưởng: lập dự thảo, ban hành (cấp số), xuất DOCX/XLSX/CSV/PDF.",
        subcommands: [Draft.self, Issue.self, List.self, Export.self, Proposal.self, Texts.self]
    )

    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập dự thảo quyết định của Chủ tịch UBND một đơn vị từ các hồ sơ đang chờ quyết định trong đợt."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã đơn vị ban hành (xã, tỉnh).") var unit: String
        @Option(help: "Số đợt.") var round: Int
        @Option(help: "Hình thức khen thưởng (ví dụ giay-khen-xa).") var award: String

        func run() async throws {
            let logger = Logger.cli()
            let (unitCode, round, award) = (unit, round, award)
            let decision = try await database.withClient(logger: logger) { client in
                guard let unit = try await UnitRepository(client: client, logger: logger).unit(code: unitCode) else {
                    throw CommandFailure("Không có đơn vị \(unitCode).")
                }
                return try await Self.store(client, logger).draft(
                    provinceCode: unit.provinceCode,
                    unitID: unit.id,
                    roundID: round,
                    award: award,
                    createdBy: nil
                )
            }
            print("Đã lập dự thảo quyết định \(decision.provinceCode)/\(decision.id): \(decision.title) — \(decision.awardees.count) đối tượng.")
        }

        static func store(_ client: PostgresClient, _ logger: Logger) -> DecisionStore {
            DecisionStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ban hành: cấp số (theo cơ quan và năm), ghi ngày, chuyển hồ sơ sang \"đã khen thưởng\"; sau đó không sửa được."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Số hiệu dự thảo.") var id: Int
        @Option(help: "Ngày ký, dd/MM/yyyy (mặc định: hôm nay).") var on: String?
        @Option(help: "Người ký.") var signer: String?
        @Option(help: "Chức vụ người ký (mặc định: CHỦ TỊCH).") var signerTitle: String?

        func run() async throws {
            let day =
                try on.map { text in
                    guard let day = Day(parsing: text) else { throw CommandFailure("Ngày ký không hợp lệ: \(text).") }
                    return day
                } ?? Day.todayInVietnam
            let logger = Logger.cli()
            let (province, id, signer, signerTitle) = (province, id, signer, signerTitle)
            let decision = try await database.withClient(logger: logger) { client in
                let store = Draft.store(client, logger)
                if signer != nil || signerTitle != nil {
                    _ = try await store.updateDraft(
                        DecisionKey(provinceCode: province, id: id),
                        title: nil,
                        bases: nil,
                        proposal: nil,
                        signerName: signer,
                        signerTitle: signerTitle
                    )
                }
                return try await store.issue(DecisionKey(provinceCode: province, id: id), on: day, issuedBy: nil)
            }
            print("Đã ban hành Quyết định số \(decision.numberText ?? "") ngày \(decision.issuedOn ?? ""): \(decision.awardees.count) đối tượng.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê quyết định (dự thảo trước, rồi mới ban hành trước).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String?

        func run() async throws {
            let logger = Logger.cli()
            let province = province
            let list = try await database.withClient(logger: logger) { client in
                try await Draft.store(client, logger).decisions(provinceCodes: province.map { [$0] })
            }
            for item in list {
                print(
                    "\(item.provinceCode)/\(item.id)\t\(item.number ?? "dự thảo")\t\(item.issuedOn ?? "")\t\(item.awardees) đối tượng\t\(item.title)"
                )
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xuất quyết định và danh sách kèm theo: docx (thể thức NĐ 30/2020), xlsx, csv (UTF-8), pdf (qua LibreOffice)."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Số hiệu quyết định.") var id: Int
        @Option(help: "docx, xlsx, csv hoặc pdf.") var format: String = "docx"
        @Option(help: "Tệp ghi ra (mặc định: tên theo số quyết định, trong thư mục hiện tại).") var output: String?

        func run() async throws {
            guard let export = DecisionExport(rawValue: format.lowercased()) else {
                throw CommandFailure("Định dạng không hỗ trợ: \(format) (chọn: docx, xlsx, csv, pdf).")
            }
            let logger = Logger.cli()
            let (province, id) = (province, id)
            let decision = try await database.withClient(logger: logger) { client in
                guard let decision = try await Draft.store(client, logger).decision(DecisionKey(provinceCode: province, id: id)) else {
                    throw CommandFailure("Không có quyết định \(province)/\(id).")
                }
                return decision
            }
            let bytes: [UInt8]
            do {
                bytes = try await export.bytes(of: decision)
            } catch let error as DecisionExport.ExportError {
                throw CommandFailure(error.description)
            }
            let path = output ?? export.fileName(for: decision)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            print("Đã ghi \(path) (\(bytes.count) byte).")
        }
    }

    struct Proposal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Hồ sơ tỉnh đề nghị Thủ tướng Chính phủ tặng Bằng khen: tờ trình và danh sách (DOCX, XLSX), biên bản Hội đồng, báo cáo thành tích — một tệp ZIP."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tỉnh.") var province: String
        @Option(help: "Số đợt.") var round: Int
        @Option(help: "Tệp ZIP ghi ra.") var output: String?

        func run() async throws {
            let logger = Logger.cli()
            let (province, round) = (province, round)
            let bytes: [UInt8]
            do {
                bytes = try await database.withClient(logger: logger) { client in
                    try await CentralProposal(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                        .dossier(round: RoundKey(provinceCode: province, id: round))
                }
            } catch let error as CentralProposal.ProposalError {
                throw CommandFailure(error.description)
            }
            let path = output ?? "ho-so-de-nghi-thu-tuong-\(province)-dot-\(round).zip"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            print("Đã ghi \(path) (\(bytes.count) byte).")
        }
    }
}
