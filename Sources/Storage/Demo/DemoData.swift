import DataFiles
import Foundation
import Logging
import PostgresNIO

/// The demo province "Tỉnh Thuận An" (code 99, fictional), its units before and after the 2025
/// reform, and one account per role. Everything it creates is flagged `is_demo`.
public enum DemoData {
    /// Shared by every demo account and printed by `make run`; demo data only.
    public static let password = "thidua-demo-2025"

    public struct DemoAccount: Sendable {
        public let username: String
        public let fullName: String
        public let role: Role
        public let unitCode: String?
    }

    public static let accounts: [DemoAccount] = [
        .init(username: "quantri.hethong", fullName: "Trần Minh Quân", role: .systemAdmin, unitCode: nil),
        .init(username: "tinh.quantri", fullName: "Lê Thị Hồng Nhung", role: .provinceAdmin, unitCode: "99"),
        .init(username: "tinh.chuyenvien", fullName: "Phạm Đức Thắng", role: .reviewer, unitCode: "99"),
        .init(username: "tinh.thuky", fullName: "Vũ Thị Thanh Hương", role: .councilSecretary, unitCode: "99"),
        .init(username: "tinh.uyvien", fullName: "Đặng Quốc Bảo", role: .councilMember, unitCode: "99"),
        .init(username: "tinh.chutich", fullName: "Hoàng Văn Khải", role: .chair, unitCode: "99"),
        .init(username: "huyen.chuyenvien", fullName: "Bùi Thị Lan", role: .reviewer, unitCode: "991"),
        .init(username: "xa.canbo", fullName: "Nguyễn Thị Mai", role: .submitter, unitCode: "99010"),
        .init(username: "xa.chuyenvien", fullName: "Đỗ Văn Hùng", role: .reviewer, unitCode: "99010"),
        .init(username: "xa.thuky", fullName: "Ngô Thị Ánh", role: .councilSecretary, unitCode: "99010"),
        .init(username: "xa.chutich", fullName: "Lý Văn Đức", role: .chair, unitCode: "99010"),
        .init(username: "phuong.canbo", fullName: "Trịnh Thị Thu", role: .submitter, unitCode: "99001"),
        .init(username: "hkh.xa.chutich", fullName: "Mai Thị Hồng", role: .chair, unitCode: "HKH-99010"),
        .init(username: "hkh.xa.canbo", fullName: "Tạ Văn Lộc", role: .reviewer, unitCode: "HKH-99010"),
        .init(username: "hkh.xa.vanphong", fullName: "Lương Thị Hoa", role: .submitter, unitCode: "HKH-99010"),
        .init(username: "hkh.xa.thuky", fullName: "Kiều Văn Tâm", role: .councilSecretary, unitCode: "HKH-99010"),
        .init(username: "hkh.tinh.chutich", fullName: "Cao Minh Triết", role: .chair, unitCode: "HKH-99"),
    ]

    /// The demo's Hội Khuyến học: the province's and Xã Yên Bình's, which recognises "Công dân học tập".
    static func loadOrganisations(client: PostgresClient, logger: Logger) async throws {
        let store = OrganisationStore(client: client, logger: logger)
        let charter = "Điều lệ Hội Khuyến học Việt Nam"
        if try await store.organisation(code: "HKH-99") == nil {
            try await store.add(
                code: "HKH-99",
                kind: "hoi-khuyen-hoc",
                name: "Hội Khuyến học tỉnh Thuận An",
                unitCode: "99",
                symbol: "QĐ-HKH",
                charterBasis: charter
            )
        }
        if try await store.organisation(code: "HKH-99010") == nil {
            try await store.add(
                code: "HKH-99010",
                kind: "hoi-khuyen-hoc",
                name: "Hội Khuyến học xã Yên Bình",
                unitCode: "99010",
                parentCode: "HKH-99",
                symbol: "QĐ-HKH",
                charterBasis: charter
            )
        }
    }

    /// The demo unit list, in the layout `thidua units import` reads.
    public static func unitList() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "demo-province", withExtension: "csv"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw CocoaError(.fileNoSuchFile) }
        return Array(data)
    }

    /// Loads what is missing of the demo data; with `criteria`, also the criteria sets of that
    /// folder and demo household assessments for 2024 and 2025; with `workflows`, the workflow
    /// definitions of that folder and the demo province's 2025 commendation round; with `targets`,
    /// the plans of that folder as the demo province's targets.
    public static func load(
        client: PostgresClient,
        hasher: PasswordHasher,
        logger: Logger,
        criteria: URL? = nil,
        workflows: URL? = nil,
        targets: URL? = nil
    ) async throws -> (
        units: UnitRepository.ImportSummary, accountsCreated: Int, assessments: Int
    ) {
        let units = try await UnitRepository(client: client, logger: logger).importList(try unitList(), isDemo: true)
        try await loadOrganisations(client: client, logger: logger)
        let repository = AccountRepository(client: client, hasher: hasher, logger: logger)
        var created = 0
        for account in accounts {
            do {
                try await repository.create(
                    username: account.username,
                    fullName: account.fullName,
                    password: password,
                    roles: [(account.role, unitCode: account.unitCode)],
                    isDemo: true
                )
                created += 1
            } catch AccountError.usernameTaken {
                continue
            }
        }
        _ = try await DemoCouncils.load(client: client, logger: logger)
        var assessments = 0
        if let criteria {
            try await CriteriaRepository(client: client, logger: logger).load(files: try CriteriaCatalog.files(in: criteria))
            assessments = try await DemoAssessments.load(client: client, logger: logger)
            try await DemoProgramme.load(client: client, logger: logger, targets: targets)
        }
        if let workflows {
            let repository = WorkflowRepository(client: client, logger: logger)
            try await repository.load(files: try DataFileCatalog.files(in: workflows))
            let existing = try await client.query("SELECT count(*)::int FROM rounds WHERE province_code = '99'", logger: logger)
            var rounds = 0
            for try await n in existing.decode(Int.self) { rounds = n }
            var round2025: Int?
            if rounds == 0 {
                round2025 = try await NominationStore(client: client, workflows: repository, logger: logger).createRound(
                    provinceCode: "99",
                    name: "Khen thưởng phong trào xây dựng xã hội học tập năm 2025 (dữ liệu mẫu)",
                    year: 2025,
                    basis: "thematic",
                    workflow: "khen-thuong-2-cap@2025"
                )
            }
            // The finished 2025 round only on a database whose demo round was made just now.
            try await DemoNominations.load(client: client, workflows: repository, logger: logger, round2025: round2025)
            if criteria != nil { try await DemoRegistrations.load(client: client, logger: logger) }
        }
        return (units, created, assessments)
    }
}
