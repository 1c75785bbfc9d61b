import Foundation
import PostgresNIO
import Storage
import Tabular
import TestSupport
import Testing

/// A commune's registration list from a spreadsheet: checked whole, refused whole with line and
/// column, stored in one statement, and a no-op when sent again.
@Suite struct RegistrationImportTests {
    static func withProvince(_ body: @Sendable (TestDatabase, RegistrationImport, Int) async throws -> Void) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            _ = try await db.loadShippedCriteria()
            let commune = try #require(try await db.scalar("SELECT id::int FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            try await body(db, RegistrationImport(client: db.client, logger: TestDatabase.logger), commune)
        }
    }

    static func count(_ db: TestDatabase) async throws -> Int {
        try await db.scalar("SELECT count(*)::int FROM registrations", as: Int.self) ?? -1
    }

    @Test func goodListIsRegisteredAndSendingItAgainChangesNothing() async throws {
        try await Self.withProvince { db, importer, commune in
            // A Vietnamese-locale spreadsheet: semicolons, a byte-order mark, decomposed accents.
            let list =
                "\u{FEFF}Mã thôn;Mã hộ;Họ tên chủ hộ;Năm\r\n88101001;HGD-1;Nguyễn Văn An;2025\r\n88101;HGD-2;Tra\u{0302}\u{0300}n Thi\u{0323} Bình;\r\n\r\n"
            let first = try await importer.commit(Array(list.utf8), setID: "gia-dinh-hoc-tap", year: 2025, scopeUnitIDs: [commune], registeredBy: nil)
            #expect(first == .init(rows: 2, registered: 2, unchanged: 0))
            let names = try await db.scalar("SELECT string_agg(subject_name, '|' ORDER BY subject_key) FROM registrations", as: String.self)
            #expect(names == "Nguyễn Văn An|Trần Thị Bình")
            let again = try await importer.commit(Array(list.utf8), setID: "gia-dinh-hoc-tap", year: 2025, scopeUnitIDs: [commune], registeredBy: nil)
            #expect(again == .init(rows: 2, registered: 0, unchanged: 2))
            #expect(try await Self.count(db) == 2)
            // The same subjects register for a clan title or another year as new registrations.
            let nextYear = try await importer.commit(
                Array(list.utf8),
                setID: "gia-dinh-hoc-tap",
                year: 2026,
                scopeUnitIDs: [commune],
                registeredBy: nil
            )
            #expect(nextYear.registered == 1)  // line 2 keeps its own year 2025
        }
    }

    @Test func badListIsRefusedWholeWithEveryProblemByLineAndColumn() async throws {
        try await Self.withProvince { db, importer, commune in
            let list = """
                Mã đơn vị,Mã đối tượng,Tên,Năm
                88101001,HGD-1,Nguyễn Văn An,2026
                88101001,,Lê Thị Cúc,2026
                88101001,HGD-3,,2026
                88101001,HGD-4,Đỗ Văn Dũng,hai nghìn
                88101001,HGD-1,Nguyễn Văn An,2026
                99999,HGD-6,Hồ Văn Sáu,2026
                88102,HGD-7,Vũ Thị Bảy,2026
                881,HGD-8,Phan Văn Tám,2024
                88201,HGD-9,Mai Thị Chín,2026
                """
            let plan = try await importer.plan(Array(list.utf8), setID: "gia-dinh-hoc-tap", year: nil, scopeUnitIDs: [commune])
            let messages = plan.problems.map(\.description)
            #expect(messages.contains("Dòng 3, cột mã đối tượng: thiếu mã đối tượng"))
            #expect(messages.contains("Dòng 4, cột tên: thiếu tên"))
            #expect(messages.contains("Dòng 5, cột năm: năm \"hai nghìn\" không hợp lệ"))
            #expect(messages.contains("Dòng 6, cột mã đối tượng: HGD-1 trùng với dòng 2 trong cùng năm"))
            #expect(messages.contains("Dòng 7, cột mã đơn vị: không có đơn vị mã 99999"))
            #expect(messages.contains("Dòng 8, cột mã đơn vị: đơn vị 88102 không có hiệu lực trong năm 2026"))
            #expect(messages.contains("Dòng 9, cột mã đơn vị: đơn vị 881 không phải thôn, tổ dân phố hay xã: đăng ký ghi tại thôn hoặc xã"))
            #expect(messages.contains("Dòng 10, cột mã đơn vị: đơn vị 88201 nằm ngoài phạm vi của bạn"))
            #expect(plan.problems.count == 8)
            await #expect(throws: RegistrationImport.Refused.self) {
                _ = try await importer.commit(Array(list.utf8), setID: "gia-dinh-hoc-tap", year: nil, scopeUnitIDs: [commune], registeredBy: nil)
            }
            #expect(try await Self.count(db) == 0)
        }
    }

    @Test func mergedCommunesListFromBeforeTheReformIsWithinTheNewCommune() async throws {
        try await Self.withProvince { db, importer, commune in
            let list = "Mã đơn vị,Mã đối tượng,Tên\n88102,HGD-1,Nguyễn Văn An\n"
            let summary = try await importer.commit(
                Array(list.utf8),
                setID: "dong-ho-hoc-tap",
                year: 2024,
                scopeUnitIDs: [commune],
                registeredBy: nil
            )
            #expect(summary.registered == 1)
        }
    }

    @Test func listWithoutItsColumnsOrForATitleThatTakesNoRegistrationsIsRefused() async throws {
        try await Self.withProvince { db, importer, commune in
            let missing = try await importer.plan(
                Array("Mã đơn vị,Tên\n88101001,An\n".utf8),
                setID: "gia-dinh-hoc-tap",
                year: 2025,
                scopeUnitIDs: nil
            )
            #expect(missing.problems.map(\.description) == ["Dòng 1: thiếu cột bắt buộc \"Mã đối tượng\"."])
            let good = Array("Mã đơn vị,Mã đối tượng,Tên\n88101001,H1,An\n".utf8)
            let communeSet = try await importer.plan(good, setID: "cong-dong-hoc-tap-cap-xa", year: 2025, scopeUnitIDs: nil)
            #expect(communeSet.problems.first?.message.contains("không nhận đăng ký") == true)
            let unknownSet = try await importer.plan(good, setID: "khong-co", year: 2025, scopeUnitIDs: nil)
            #expect(unknownSet.problems.first?.message == "Chưa nạp bộ tiêu chí khong-co.")
            let empty = try await importer.plan(Array("Mã đơn vị,Mã đối tượng,Tên\n".utf8), setID: "gia-dinh-hoc-tap", year: 2025, scopeUnitIDs: nil)
            #expect(empty.problems.map(\.description) == ["Dòng 2: tệp không có dòng dữ liệu nào"])
            let broken = try await importer.plan([0x4D, 0xE3, 0x0A, 0xFF, 0xFE], setID: "gia-dinh-hoc-tap", year: 2025, scopeUnitIDs: nil)
            #expect(broken.problems.first?.message.contains("UTF-8") == true)
            #expect(try await Self.count(db) == 0)
        }
    }
}
