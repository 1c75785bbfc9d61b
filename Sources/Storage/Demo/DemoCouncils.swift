import Logging
import PostgresNIO

/// The demo province's two councils with their founding decisions and standing members, so that
/// a newcomer's first session starts from a roster as a real secretary's would.
enum DemoCouncils {
    static let rosters: [(unitCode: String, founding: String, members: [CouncilStore.NewMember])] = [
        (
            "99010",
            "Quyết định số 15/QĐ-UBND ngày 02/07/2025 của Chủ tịch Ủy ban nhân dân xã Yên Bình",
            [
                .init(fullName: "Lý Văn Đức", position: "Chủ tịch UBND xã", role: .chair, username: "xa.chutich"),
                .init(fullName: "Trần Văn Bình", position: "Chủ tịch Ủy ban MTTQ Việt Nam xã", role: .viceChair),
                .init(fullName: "Ngô Thị Ánh", position: "Công chức Văn hóa – Xã hội", role: .secretary, username: "xa.thuky"),
                .init(fullName: "Đỗ Văn Hùng", position: "Công chức Văn phòng – Thống kê", role: .member, username: "xa.chuyenvien"),
                .init(fullName: "Phan Thị Lụa", position: "Chủ tịch Hội Khuyến học xã", role: .member),
            ]
        ),
        (
            "99",
            "Quyết định số 1520/QĐ-UBND ngày 15/07/2025 của Chủ tịch Ủy ban nhân dân tỉnh Thuận An",
            [
                .init(fullName: "Hoàng Văn Khải", position: "Chủ tịch UBND tỉnh", role: .chair, username: "tinh.chutich"),
                .init(fullName: "Phạm Đức Thắng", position: "Giám đốc Sở Nội vụ", role: .viceChair, username: "tinh.chuyenvien"),
                .init(fullName: "Vũ Thị Thanh Hương", position: "Trưởng ban Thi đua – Khen thưởng", role: .secretary, username: "tinh.thuky"),
                .init(fullName: "Đặng Quốc Bảo", position: "Giám đốc Sở Giáo dục và Đào tạo", role: .member, username: "tinh.uyvien"),
                .init(fullName: "Nguyễn Thị Kim Oanh", position: "Chủ tịch Hội Khuyến học tỉnh", role: .member),
            ]
        ),
    ]

    /// Saves each roster the demo's council does not have yet; returns how many were saved.
    static func load(client: PostgresClient, logger: Logger) async throws -> Int {
        let store = CouncilStore(client: client, logger: logger)
        var saved = 0
        for roster in rosters {
            let rows = try await client.query(
                """
                SELECT u.id, EXISTS (SELECT 1 FROM council_roster r WHERE r.unit_id = u.id) FROM admin_units u
                WHERE u.code = \(roster.unitCode) AND u.valid_to IS NULL
                """,
                logger: logger
            )
            for try await (unitID, kept) in rows.decode((Int, Bool).self) where !kept {
                _ = try await store.save(unitID: unitID, foundingDecision: roster.founding, members: roster.members, by: nil)
                saved += 1
            }
        }
        return saved
    }
}
