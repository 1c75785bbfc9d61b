import DataFiles
import Foundation
import Logging
import PostgresNIO

/// The demo province's programme beyond title shares: the plans' targets (targets/*.yaml), the
/// 2025 "Công dân học tập" holders of each commune with their digital skills, and the figures the
/// communes and the province reported for 2025 — so the targets report shows every indicator.
enum DemoProgramme {
    static func load(client: PostgresClient, logger: Logger, targets: URL?) async throws {
        let importer = UnitCountsImporter(client: client, logger: logger)
        if let targets, FileManager.default.fileExists(atPath: targets.path) {
            for file in try DataFileCatalog.files(in: targets) {
                let text = try String(contentsOf: file, encoding: .utf8)
                let plan = try ProgramPlan.read(text, file: file.path)
                try await importer.setTargets(scope: "99", plan: ProgramPlan(basis: plan.basis + " (dùng làm mẫu)", targets: plan.targets))
            }
        }
        let communes = try await unitCodes(client: client, logger: logger)
        try await citizens(client: client, logger: logger, communes: communes)
        try await figures(client: client, logger: logger, communes: communes)
    }

    /// Twelve citizens per commune, recognised by the commune's Hội Khuyến học in 2025; about two in three with
    /// the digital skills (group 2 from 6 of 8 points).
    private static func citizens(client: PostgresClient, logger: Logger, communes: [String]) async throws {
        let set = try await CriteriaRepository(client: client, logger: logger).set("cong-dan-hoc-tap@2021")
        var lines = ["Mã đơn vị,Mã đối tượng,Tên,Năm,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,3.3,3.4"]
        let names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Phạm Đức Duy", "Hoàng Thị Giang", "Vũ Quốc Huy"]
        for (c, commune) in communes.enumerated() {
            for n in 0..<12 {
                let digital = (n + c) % 3 == 0 ? ["1", "1", "1", "2"] : ["2", "2", "1", "2"]
                let row =
                    [commune, "CDHT-\(commune)-\(n + 1)", "\(names[(n + c) % names.count]) \(n + 1)", "2025"] + ["2", "2", "1", "2"] + digital
                    + ["2", "1", "2", "2"]
                lines.append(row.joined(separator: ","))
            }
        }
        _ = try await AssessmentImporter(client: client, logger: logger).importBytes(
            Array((lines.joined(separator: "\n") + "\n").utf8),
            set: set,
            options: .init(
                fileName: "demo-cong-dan-2025.csv",
                recognisedBy: "Quyết định số 31/QĐ-HKH ngày 20/12/2025 của Hội Khuyến học xã (dữ liệu mẫu)"
            )
        )
    }

    /// The 2025 figures: each commune's Khuyến học staff trained and its centre; the province
    /// association's cadres briefed. Entered once, by the demo's commune clerk and province reviewer.
    private static func figures(client: PostgresClient, logger: Logger, communes: [String]) async throws {
        var entered = 0
        for try await n in try await client.query("SELECT count(*)::int FROM reported_figures WHERE province_code = '99'", logger: logger)
            .decode(Int.self)
        { entered = n }
        guard entered == 0 else { return }
        var people: [String: Int] = [:]
        for try await (name, id) in try await client.query(
            "SELECT username, id::int FROM users WHERE username IN ('xa.canbo', 'tinh.chuyenvien')",
            logger: logger
        ).decode((String, Int).self) { people[name] = id }
        guard let clerk = people["xa.canbo"], let reviewer = people["tinh.chuyenvien"] else { return }
        let store = ReportedFigureStore(client: client, logger: logger)
        for (index, code) in communes.enumerated() {
            guard let unit = try await unitID(client: client, logger: logger, code: code) else { continue }
            try await store.record(
                provinceCode: "99",
                unitID: unit,
                year: 2025,
                figures: [
                    .init(indicator: "khuyen-hoc-staff-it", achieved: 2 + index % 3, base: 6, seenRevision: 0),
                    .init(indicator: "association-chair-centre", achieved: index % 4 == 3 ? 0 : 1, base: 1, seenRevision: 0),
                ],
                userID: clerk
            )
        }
        if let province = try await unitID(client: client, logger: logger, code: "99") {
            try await store.record(
                provinceCode: "99",
                unitID: province,
                year: 2025,
                figures: [
                    .init(indicator: "association-briefed", achieved: 1_840, base: 2_000, note: "Báo cáo của Hội Khuyến học tỉnh", seenRevision: 0)
                ],
                userID: reviewer
            )
        }
    }

    private static func unitCodes(client: PostgresClient, logger: Logger) async throws -> [String] {
        var codes: [String] = []
        for try await code in try await client.query(
            """
            SELECT code FROM admin_units
            WHERE is_demo AND level = 'commune' AND daterange(valid_from, valid_to, '[]') @> make_date(2025, 12, 31) ORDER BY code
            """,
            logger: logger
        ).decode(String.self) { codes.append(code) }
        return codes
    }

    private static func unitID(client: PostgresClient, logger: Logger, code: String) async throws -> Int? {
        for try await id in try await client.query(
            "SELECT id::int FROM admin_units WHERE is_demo AND code = \(code) AND valid_to IS NULL",
            logger: logger
        ).decode(Int.self) { return id }
        return nil
    }
}
