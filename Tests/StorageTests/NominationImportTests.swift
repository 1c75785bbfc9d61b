import Foundation
import Storage
import Tabular
import TestSupport
import Testing

/// A spreadsheet of nominations is checked whole, shown with every problem by line and column,
/// and stored in one transaction only when clean; sending it again stores nothing twice.
@Suite struct NominationImportTests {

    static let header = "Họ và tên,Loại đối tượng,Mã định danh,\"Chức vụ, địa chỉ\",Thành tích,Hình thức\n"

    @Test func aBadFileIsRefusedWholeWithEachProblemAndAGoodOneIsStoredOnce() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let importer = NominationImport(store: store)

            let bad =
                Self.header + """
                    Nguyễn Văn An,cá nhân,CD-1,Giáo viên,Tích cực học tập suốt đời,Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã
                    Trần Thị Bình,công dân,CD-2,,Tích cực học tập suốt đời,giay-khen-xa
                    Lê Văn Cường,cá nhân,,,ngắn,Huân chương
                    Nguyễn Văn An,cá nhân,CD-1,Giáo viên,Tích cực học tập suốt đời,giay-khen-xa

                    """
            let plan = try await importer.plan(Array(bad.utf8), provinceCode: "88", roundID: round)
            #expect(
                plan.problems.map(\.description) == [
                    "Dòng 3, cột Loại đối tượng: \"công dân\" không phải: cá nhân (CN), hộ gia đình (HGĐ), dòng họ, tập thể (TT), doanh nghiệp (DN), đơn vị hành chính (ĐVHC)",
                    "Dòng 4, cột Hình thức: \"Huân chương\" không có trong quy trình của đợt (Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã; Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh; Bằng khen của Thủ tướng Chính phủ)",
                    "Dòng 4, cột Mã định danh: thiếu mã định danh",
                    "Dòng 4, cột Thành tích: tóm tắt thành tích quá ngắn (ít nhất 10 ký tự)",
                    "Dòng 5, cột Mã định danh: trùng với dòng 2 (cùng đối tượng, cùng hình thức)",
                ]
            )
            await #expect(throws: NominationImport.Refused.self) {
                _ = try await importer.commit(Array(bad.utf8), provinceCode: "88", roundID: round, unitID: unit, createdBy: nil)
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 0)

            let headerOnly = try await importer.plan(Array("Tên,Đối tượng\n".utf8), provinceCode: "88", roundID: round)
            #expect(headerOnly.problems.map(\.description).contains("Dòng 1: thiếu cột bắt buộc \"Mã định danh\"."))

            let good =
                Self.header + """
                    Nguyễn Văn An,Cá nhân,CD-1,"Giáo viên, Trường Tiểu học",Tích cực học tập suốt đời,Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã
                    Thôn Đông,tập thể,T-1,Xã An Hòa,Cộng đồng học tập tiêu biểu,giay-khen-xa

                    """
            let created = try await importer.commit(Array(good.utf8), provinceCode: "88", roundID: round, unitID: unit, createdBy: nil)
            #expect(created.map(\.nomineeName) == ["Nguyễn Văn An", "Thôn Đông"])
            #expect(created.map(\.nomineeKind) == [.individual, .collective])
            #expect(
                try await db.scalar("SELECT nominee_detail FROM nominations WHERE nominee_key = 'CD-1'", as: String.self)
                    == "Giáo viên, Trường Tiểu học"
            )
            let again = try await importer.plan(Array(good.utf8), provinceCode: "88", roundID: round)
            #expect(again.problems.count == 2)
            #expect(again.problems.first?.message == "đối tượng đã có hồ sơ đang xét cùng hình thức trong đợt này")
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations", as: Int.self) == 2)
        }
    }
}
