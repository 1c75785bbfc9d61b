import ArgumentParser
import Foundation
import Geography
import Logging
import Storage

/// `thidua recognition`: who recognises each learning-model title in a province (data).
struct Recognition: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cơ quan công nhận từng danh hiệu mô hình học tập của tỉnh (dữ liệu).",
        subcommands: [List.self, Set.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê quy định công nhận đang áp dụng cho một tỉnh.")

        @OptionGroup var database: DatabaseOptions
        @Option var province: String

        func run() async throws {
            let logger = Logger.cli()
            let province = province
            let rules = try await database.withClient(logger: logger) { client in
                try await RecognitionBodies(client: client, logger: logger).rules(provinceCode: province)
            }
            print("Danh hiệu\tTừ năm\tCấp\tCơ quan công nhận\tKỳ\tNguồn")
            for rule in rules {
                let period = rule.period == "stage" ? "giai đoạn" : "năm"
                let body = rule.body + (rule.organisationKind.map { " (tổ chức: \($0))" } ?? "")
                print("\(rule.setID)\t\(rule.fromYear)\t\(rule.levelName)\t\(body)\t\(period)\t\(rule.scope == "VN" ? "mặc định" : "của tỉnh")")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Đặt cơ quan công nhận một danh hiệu từ một năm, ví dụ: thidua recognition set --province 99 --set cong-dong-hoc-tap-thon --from 2026 --level commune --body \"Ủy ban nhân dân cấp xã\" --basis \"Kế hoạch số …\""
        )

        @OptionGroup var database: DatabaseOptions
        @Option var province: String
        @Option(help: "Mã bộ tiêu chí (danh hiệu), ví dụ gia-dinh-hoc-tap.") var set: String
        @Option(help: "Áp dụng từ năm.") var from: Int
        @Option(help: "commune, district, province hoặc central.") var level: String
        @Option(help: "Cơ quan ra quyết định công nhận.") var body: String
        @Option(help: "year: công nhận cho từng năm; stage: cho cả giai đoạn công nhận (2021–2025, 2026–2030).") var period = "year"
        @Option(help: "Văn bản quy định.") var basis: String
        @Option(help: "Loại tổ chức công nhận thay Ủy ban nhân dân, ví dụ hoi-khuyen-hoc (Hội Khuyến học của cấp đó).")
        var organisationKind: String?

        func validate() throws {
            if let organisationKind, organisationKind.range(of: #"^[a-z][a-z0-9-]{1,39}$"#, options: .regularExpression) == nil {
                throw ValidationError("Loại tổ chức không hợp lệ: \(organisationKind) (ví dụ hoi-khuyen-hoc).")
            }
            guard ["commune", "district", "province", "central"].contains(level) else {
                throw ValidationError("Cấp không hợp lệ: \(level) (commune, district, province hoặc central).")
            }
            guard ["year", "stage"].contains(period) else { throw ValidationError("Kỳ công nhận không hợp lệ: \(period) (year hoặc stage).") }
            guard RecordYears.contains(from) else { throw ValidationError("Năm không hợp lệ: \(from).") }
            guard !body.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("Thiếu tên cơ quan công nhận.") }
        }

        func run() async throws {
            let logger = Logger.cli()
            let (province, set, from, level, body, period, basis, kind) = (province, set, from, level, body, period, basis, organisationKind)
            try await database.withClient(logger: logger) { client in
                let titles = try await CriteriaRepository(client: client, logger: logger).titles()
                guard titles[set] != nil else { throw ValidationError("Chưa nạp bộ tiêu chí \(set).") }
                try await RecognitionBodies(client: client, logger: logger).set(
                    provinceCode: province,
                    setID: set,
                    fromYear: from,
                    level: level,
                    body: body,
                    period: period,
                    basis: basis,
                    organisationKind: kind
                )
            }
            print("Đã đặt: danh hiệu \(set) của tỉnh \(province) từ năm \(from) do \(body) công nhận.")
        }
    }
}
