import Testing

@testable import Geography

@Suite struct UnitListReaderTests {
    private let header = "Mã,Tên,Cấp,Mã cấp trên,Hiệu lực từ,Hiệu lực đến,Thay thế\n"

    private func refusal(_ body: String) -> UnitImportRefused? {
        do {
            _ = try UnitListReader.read(Array((header + body).utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func officialTypeNamesMapToLevels() throws {
        let rows = try UnitListReader.read(
            Array(
                (header
                    + "01,Thành phố Hà Nội,Thành phố,,01/01/2008,,\n001,Quận Ba Đình,Quận,01,01/01/2008,,\n00001,Phường Phúc Xá,Phường,001,2008-01-01,,\n00001001,Tổ dân phố 1,Tổ dân phố,00001,01/01/2008,,\n")
                    .utf8
            )
        )
        #expect(rows.map(\.unit.level) == [.province, .district, .commune, .village])
        #expect(rows[2].unit.validity.from == Day(year: 2008, month: 1, day: 1))
    }

    @Test func headersWithoutDiacriticsOrInEnglishAreAccepted() throws {
        let rows = try UnitListReader.read(Array("code;name;level;parent_code;valid_from\n77;Tỉnh Mẫu;province;;01/01/2020\n".utf8))
        #expect(rows.first?.unit.name == "Tỉnh Mẫu")
    }

    @Test func missingRequiredColumnIsNamed() {
        let error = #expect(throws: UnitImportRefused.self) { try UnitListReader.read(Array("mã,tên\n1,Xã A\n".utf8)) }
        #expect(error?.problems.contains { $0.message.contains("thiếu cột bắt buộc \"cấp\"") } == true)
    }

    @Test func everyBadRowIsReportedWithItsLineAndColumn() throws {
        let refused = try #require(
            refusal("77,Tỉnh A,Tỉnh,,01/01/2020,,\n,Xã B,Xã,77,01/01/2020,,\n78,Xã C,Hạt,77,31/02/2020,,\n79,Xã D,Xã,77,01/01/2020,01/01/2019,\n")
        )
        let found = refused.problems.map { "\($0.line)|\($0.column ?? "")" }
        #expect(found == ["3|mã", "4|cấp", "4|hiệu lực từ", "5|hiệu lực đến"])
    }

    @Test func brokenUTF8IsRefusedWithItsLine() {
        var bytes = Array((header + "77,Tỉnh A,Tỉnh,,01/01/2020,,\n").utf8)
        bytes += [0x37, 0x38, 0x2C, 0x58, 0xE3, 0x2C] + Array("Xã,77,01/01/2020,,\n".utf8)
        do {
            _ = try UnitListReader.read(bytes)
            Issue.record("broken UTF-8 was accepted")
        } catch {
            #expect(error.problems.map(\.line) == [3])
        }
    }

    @Test func brokenCSVQuoteIsRefusedWithItsLine() throws {
        let refused = try #require(refusal("77,Tỉnh A,Tỉnh,,01/01/2020,,\n78,\"Xã B,Xã,77,01/01/2020,,\n"))
        #expect(refused.problems.map(\.line) == [3])
    }
}

@Suite struct UnitListValidatorTests {
    private func rows(_ text: String) throws -> [UnitListRow] {
        try UnitListReader.read(Array(("mã,tên,cấp,mã cấp trên,hiệu lực từ,hiệu lực đến,thay thế\n" + text).utf8))
    }

    private func problems(_ text: String, existing: [AdminUnit] = []) throws -> [String] {
        do {
            _ = try UnitListValidator.plan(rows: try rows(text), existing: existing)
            return []
        } catch let refused as UnitImportRefused {
            return refused.problems.map { "\($0.line)|\($0.column ?? "")" }
        }
    }

    private let province = AdminUnit(
        code: "77",
        name: "Tỉnh A",
        level: .province,
        parentCode: nil,
        validity: Validity(from: Day(year: 2008, month: 1, day: 1)!, to: nil)
    )

    @Test func reformListPlansParentsBeforeChildren() throws {
        let plan = try UnitListValidator.plan(
            rows: try rows(
                """
                77101,Xã Mới,Xã,77,01/07/2025,,77101;77102
                77,Tỉnh A,Tỉnh,,01/01/2008,,
                771,Huyện B,Huyện,77,01/01/2008,30/06/2025,
                77101,Xã Cũ,Xã,771,01/01/2008,30/06/2025,
                77102,Xã Cũ Hai,Xã,771,01/01/2008,30/06/2025,

                """
            ),
            existing: []
        )
        #expect(plan.inserts.map(\.level) == [.province, .district, .commune, .commune, .commune])
        #expect(plan.inserts.filter { $0.code == "77101" }.count == 2)
    }

    @Test func duplicateCodeInTheSamePeriodIsRefused() throws {
        #expect(try problems("77,Tỉnh A,Tỉnh,,01/01/2008,,\n77,Tỉnh B,Tỉnh,,01/01/2010,,\n") == ["3|mã"])
    }

    @Test func unknownParentIsRefused() throws {
        #expect(try problems("77,Tỉnh A,Tỉnh,,01/01/2008,,\n77101,Xã C,Xã,999,01/01/2008,,\n") == ["3|mã cấp trên"])
    }

    @Test func parentNotYetValidIsRefused() throws {
        #expect(try problems("77101,Xã C,Xã,77,01/01/2000,,\n", existing: [province]) == ["2|mã cấp trên"])
    }

    @Test func levelThatDoesNotFitItsParentIsRefused() throws {
        let list = "771,Huyện B,Huyện,77,01/01/2008,,\n77100,Thôn X,Thôn,771,01/01/2008,,\n78,Tỉnh Con,Tỉnh,77,01/01/2008,,\n"
        #expect(try problems(list, existing: [province]) == ["3|cấp", "4|cấp"])
    }

    @Test func communeWithoutParentIsRefused() throws {
        #expect(try problems("77101,Xã C,Xã,,01/01/2008,,\n") == ["2|mã cấp trên"])
    }

    @Test func childOutlivingItsAbolishedParentIsRefused() throws {
        #expect(
            try problems("771,Huyện B,Huyện,77,01/01/2008,30/06/2025,\n77101,Xã C,Xã,771,01/01/2008,,\n", existing: [province]) == ["3|hiệu lực đến"]
        )
    }

    @Test func predecessorMustEndTheDayBeforeItsSuccessorStarts() throws {
        let list = "77101,Xã Cũ,Xã,77,01/01/2008,31/12/2024,\n77101,Xã Mới,Xã,77,01/07/2025,,77101\n"
        #expect(try problems(list, existing: [province]) == ["3|thay thế"])
        #expect(try problems("77201,Xã Mới,Xã,77,01/07/2025,,99999\n", existing: [province]) == ["2|thay thế"])
    }

    @Test func reimportingStoredUnitsChangesNothing() throws {
        let plan = try UnitListValidator.plan(rows: try rows("77,Tỉnh A,Tỉnh,,01/01/2008,,\n"), existing: [province])
        #expect(plan.isEmpty)
        #expect(plan.unchanged == 1)
    }

    @Test func endDateMayBeAddedToAnOpenUnitButNothingElseChanged() throws {
        let district = AdminUnit(
            code: "771",
            name: "Huyện B",
            level: .district,
            parentCode: "77",
            validity: Validity(from: Day(year: 2008, month: 1, day: 1)!, to: nil)
        )
        let plan = try UnitListValidator.plan(rows: try rows("771,Huyện B,Huyện,77,01/01/2008,30/06/2025,\n"), existing: [province, district])
        #expect(plan.closes == [.init(code: "771", validFrom: Day(year: 2008, month: 1, day: 1)!, validTo: Day(year: 2025, month: 6, day: 30)!)])
        #expect(try problems("771,Huyện Đổi Tên,Huyện,77,01/01/2008,,\n", existing: [province, district]) == ["2|mã"])
    }
}

@Suite struct DayTests {
    @Test func parsesBothVietnameseAndISOForms() {
        #expect(Day(parsing: "01/07/2025") == Day(year: 2025, month: 7, day: 1))
        #expect(Day(parsing: "2025-07-01") == Day(year: 2025, month: 7, day: 1))
        #expect(Day(parsing: "29/02/2023") == nil)
        #expect(Day(parsing: "29/02/2024") != nil)
        #expect(Day(parsing: "1/7/25") == nil)
    }

    @Test func previousDayCrossesMonthAndYear() {
        #expect(Day(year: 2025, month: 7, day: 1)!.previous == Day(year: 2025, month: 6, day: 30))
        #expect(Day(year: 2025, month: 1, day: 1)!.previous == Day(year: 2024, month: 12, day: 31))
        #expect(Day(year: 2024, month: 3, day: 1)!.previous == Day(year: 2024, month: 2, day: 29))
    }
}
