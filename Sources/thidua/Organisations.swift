import ArgumentParser
import Foundation
import Logging
import Storage

struct Organisations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tổ chức xét, công nhận, ban hành quyết định bên cạnh Ủy ban nhân dân (Hội Khuyến học, Sở Giáo dục và Đào tạo…).",
        subcommands: [List.self, Add.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các tổ chức của một tỉnh.")

        @OptionGroup var database: DatabaseOptions
        @Option var province: String?

        func run() async throws {
            let logger = Logger.cli()
            let province = province
            let all = try await database.withClient(logger: logger) { client in
                try await OrganisationStore(client: client, logger: logger).all(provinceCode: province)
            }
            print("Mã\tLoại\tTên\tĐơn vị phục vụ\tKý hiệu quyết định")
            for organisation in all {
                print("\(organisation.code)\t\(organisation.kind)\t\(organisation.name)\t\(organisation.unitCode)\t\(organisation.symbol)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Thêm một tổ chức, ví dụ: thidua organisations add --code HKH-99010 --kind hoi-khuyen-hoc --name \"Hội Khuyến học xã Yên Bình\" --unit 99010 --parent HKH-99 --symbol QĐ-HKH --charter \"Điều lệ Hội Khuyến học Việt Nam\". Cấp vai trò cho cán bộ của tổ chức: thidua users create … --role chair@HKH-99010"
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Mã tổ chức (chữ in hoa không dấu, số, gạch ngang), ví dụ HKH-99010.") var code: String
        @Option(help: "Loại: hoi-khuyen-hoc, so-giao-duc, mat-tran, hoi-lien-hiep-phu-nu, doan-thanh-nien, hoặc loại riêng của tỉnh.") var kind:
            String
        @Option(help: "Tên đầy đủ, ví dụ \"Hội Khuyến học xã Yên Bình\".") var name: String
        @Option(help: "Mã đơn vị hành chính tổ chức phục vụ (phạm vi của cán bộ tổ chức).") var unit: String
        @Option(help: "Mã tổ chức cấp trên (dòng đầu của tiêu đề văn bản).") var parent: String?
        @Option(help: "Ký hiệu số quyết định, ví dụ QĐ-HKH.") var symbol: String
        @Option(help: "Căn cứ đầu tiên của mọi quyết định (điều lệ của tổ chức).") var charter: String
        @Option(help: "Thẩm quyền ban hành ghi trên quyết định (mặc định: CHỦ TỊCH + tên tổ chức).") var issuerTitle: String?
        @Option(help: "Chức vụ người ký.") var signerTitle = "CHỦ TỊCH"

        func run() async throws {
            let logger = Logger.cli()
            let (code, kind, name, unit, parent, symbol, charter, issuer, signer) = (
                code, kind, name, unit, parent, symbol, charter, issuerTitle, signerTitle
            )
            let added = try await database.withClient(logger: logger) { client in
                try await OrganisationStore(client: client, logger: logger).add(
                    code: code,
                    kind: kind,
                    name: name,
                    unitCode: unit,
                    parentCode: parent,
                    symbol: symbol,
                    issuerTitle: issuer,
                    signerTitle: signer,
                    charterBasis: charter
                )
            }
            print("Đã thêm \(added.name) (\(added.code)), phục vụ đơn vị \(added.unitCode); quyết định số …/\(added.symbol).")
        }
    }
}
