import Foundation
import Geography
import PostgresNIO
import Storage
import TestSupport
import Testing

/// Report figures against a hand count on the small province, whose communes merged in 2025.
@Suite struct TargetReportTests {
    @Test func reportByNewCommunesCountsWhatTheMergedCommunesRecognised() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            let file = AssessmentFileBuilder()
                .household("H1", unit: "88101001")  // the new village (in force at the end of 2025)
                .household("H2", unit: "88101001")
                .household("H3", unit: "88102")  // the old commune, merged into Xã An Hòa on 1 July 2025
                .household("H4", unit: "88201", score41: "0", answer32: "không")
                .raw("88201,H5,Lê Văn E,2025,3,0,1/2,không,1/2,0/2,không,không,không,0,có")  // does not meet the criteria
            let summary = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                file.bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            #expect(summary.meetingCriteria == 4)
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2025,4\n88102,2025,2\n88201,2025,5\n".utf8)
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).setTargets(
                scope: "88",
                year: 2030,
                percents: ["household": 80],
                basis: "Kế hoạch của tỉnh"
            )

            let communes = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "88",
                level: .commune
            )
            func row(_ code: String, _ indicator: String) throws -> TargetReport.Row {
                try #require(communes.rows.first { $0.unitCode == code && $0.indicator == indicator })
            }
            #expect(Set(communes.rows.map(\.unitName)) == ["Xã An Hòa", "Xã Ân Thi"])
            #expect(try row("88101", "household").achieved == 3)
            #expect(try row("88101", "household").base == 6)
            #expect(try row("88101", "household").percent == 50)
            #expect(try row("88101", "household").nationalTarget == 70)
            #expect(try row("88101", "household").provinceTarget == 80)
            #expect(try row("88101", "household").meetsNationalTarget == false)
            #expect(try row("88201", "household").achieved == 1)
            #expect(try row("88201", "household").base == 5)
            #expect(try row("88201", "household").percent == 20)
            #expect(try row("88101", "community").base == 1)
            #expect(try row("88201", "community").base == nil)
            #expect(try row("88101", "adult").achieved == 3)
            #expect(try row("88101", "adult").base == 6)
            // Vietnamese order: "Xã An Hòa" before "Xã Ân Thi".
            #expect(communes.rows.first?.unitName == "Xã An Hòa")

            let province = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "88",
                level: .province
            )
            let households = try #require(province.rows.first { $0.indicator == "household" })
            #expect(households.achieved == 4)
            #expect(households.base == 11)
            #expect(households.percent == Decimal(string: "36.4"))

            let csv = communes.csv
            #expect(csv.hasPrefix("\u{FEFF}Mã đơn vị,Tên đơn vị"))
            #expect(csv.contains("88101,Xã An Hòa,Gia đình học tập,2025,3,6,50,70,80\r\n"))
        }
    }

    @Test func reportForAYearBeforeTheReformIsByTheOldDistricts() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101001", year: 2024).bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 2/QĐ-UBND")
            )
            let districts = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2024,
                provinceCode: "88",
                level: .district
            )
            let names = Set(districts.rows.map(\.unitName))
            #expect(names == ["Huyện Một", "Huyện Hai"])
            #expect(districts.rows.first { $0.unitName == "Huyện Một" && $0.indicator == "household" }?.achieved == 1)
            #expect(districts.rows.first { $0.unitName == "Huyện Hai" && $0.indicator == "household" }?.achieved == 0)
        }
    }

    @Test func nationalReportEndsWithTheNationAddedUp() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101001").household("H2", unit: "88201").bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2025,3\n88201,2025,5\n".utf8)
            )
            let nation = try await TargetReport.build(client: db.client, logger: TestDatabase.logger, year: 2025, provinceCode: nil, level: .province)
            let total = try #require(nation.rows.first { $0.unitCode == "VN" && $0.indicator == "household" })
            #expect(total.unitName == "Toàn quốc")
            #expect(total.achieved == 2)
            #expect(total.base == 8)
            #expect(total.percent == 25)
            #expect(nation.rows.last?.unitCode == "VN")
        }
    }

    /// Hand count: H1 recognised in 2023 (old commune 88102) and again in 2025 counts once for the
    /// stage; H2 (2023), H3 (2025) once each; H5 only in 2026; the 2023 row that missed the
    /// criteria never counts. Bases are the latest counts of the stage (2025, not 2024).
    @Test func stageCountsEachSubjectRecognisedInItsYearsOnce() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            let file = AssessmentFileBuilder()
                .household("H1", unit: "88102", year: 2023)
                .household("H2", unit: "88101001", year: 2023)
                .raw("88201,H4,Lê Văn E,2023,3,0,1/2,không,1/2,0/2,không,không,không,0,có")
                .household("H1", unit: "88101001", year: 2025)
                .household("H3", unit: "88201", year: 2025)
                .household("H5", unit: "88201", year: 2026)
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                file.bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2024,10\n88101001,2025,4\n88102,2025,2\n88201,2025,5\n".utf8)
            )
            let report = try await StageReport.build(client: db.client, logger: TestDatabase.logger, provinceCode: "88", level: .commune)
            #expect(report.stages.map(\.name) == ["Giai đoạn 2021–2025", "Sơ kết 2023–2025", "Tổng kết 2023–2030", "Giai đoạn 2026–2030"])
            func cell(_ code: String, _ indicator: String, _ stage: String) throws -> TargetReport.Row? {
                let line = try #require(report.lines.first { $0.unitCode == code && $0.indicator == indicator })
                let position = try #require(report.stages.firstIndex { $0.key == stage })
                return line.cells[position]
            }
            let first = try #require(try cell("88101", "household", "2021-2025"))
            #expect(first.achieved == 2)
            #expect(first.base == 6)
            #expect(first.percent == Decimal(string: "33.3"))
            #expect(first.nationalTarget == 70)
            #expect(try cell("88101", "adult", "2021-2025")?.achieved == 2)
            #expect(try cell("88101", "adult", "2021-2025")?.base == 4)
            #expect(try cell("88201", "household", "2021-2025")?.achieved == 1)
            #expect(try cell("88201", "household", "2021-2025")?.percent == 20)
            #expect(try cell("88201", "household", "2023-2030")?.achieved == 2)
            #expect(try cell("88101", "household", "2023-2030")?.achieved == 2)
            let later = try #require(try cell("88201", "household", "2026-2030"))
            #expect(later.achieved == 1)
            #expect(later.base == nil)
            #expect(later.nationalTarget == nil)
            #expect(try cell("88201", "adult", "2026-2030")?.nationalTarget == 70)
            // The old commune is not a line of its own: it was not in force at the end of any stage.
            #expect(!report.lines.contains { $0.unitCode == "88102" })

            // The yearly report of 2025 alone counts only what was recognised in 2025.
            let year = try await TargetReport.build(client: db.client, logger: TestDatabase.logger, year: 2025, provinceCode: "88", level: .commune)
            #expect(year.rows.first { $0.unitCode == "88101" && $0.indicator == "household" }?.achieved == 1)

            let csv = report.csv
            #expect(csv.hasPrefix("\u{FEFF}Mã đơn vị,Tên đơn vị,Chỉ tiêu,Giai đoạn 2021–2025: đạt,"))
            #expect(csv.contains("88101,Xã An Hòa,Gia đình học tập,2,6,\"33,3\",70,"))
        }
    }
}
