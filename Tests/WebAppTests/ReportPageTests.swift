import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct ReportPageTests {
    @Test func communeUserSeesOnlyTheirCommuneWithChartAndCSV() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101001").household("H2", unit: "88201").bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2025,4\n88201,2025,2\n".utf8)
            )
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let page = try await client.execute(uri: "/reports/targets?year=2025", method: .get, headers: jar.header)
            #expect(page.status == .ok)
            #expect(page.text.contains("Tiến độ xây dựng mô hình học tập năm 2025"))
            #expect(page.text.contains("Xã An Hòa"))
            #expect(!page.text.contains("Xã Ân Thi"))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("1/4<br><strong>25%</strong>"))
            let csv = try await client.execute(uri: "/reports/targets?year=2025&format=csv", method: .get, headers: jar.header)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("88101,Xã An Hòa,Gia đình học tập,2025,1,4,25,70,"))
            #expect(!csv.text.contains("Ân Thi"))
        }
    }

    @Test func stagePageAndStageTableCountEachHouseholdOnceWithinTheReadersScope() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder()
                    .household("H1", unit: "88101001", year: 2024)
                    .household("H1", unit: "88101001", year: 2025)
                    .household("H2", unit: "88101001", year: 2026)
                    .household("H3", unit: "88201", year: 2025).bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2025,4\n88201,2025,2\n".utf8)
            )
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let stage = try await client.execute(uri: "/reports/targets?stage=2021-2025", method: .get, headers: jar.header)
            #expect(stage.status == .ok)
            #expect(stage.text.contains("Tiến độ xây dựng mô hình học tập giai đoạn 2021–2025"))
            #expect(stage.text.contains("1/4<br><strong>25%</strong>"))
            #expect(stage.text.contains("<option value=\"2021-2025\" selected>Giai đoạn 2021–2025</option>"))
            let csv = try await client.execute(uri: "/reports/targets?stage=2021-2025&format=csv", method: .get, headers: jar.header)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"tien-do-muc-tieu-2021-2025-cap-xa.csv\"")
            #expect(csv.text.contains("88101,Xã An Hòa,Gia đình học tập,2021–2025,1,4,25,70,"))

            let table = try await client.execute(uri: "/reports/targets?view=stages", method: .get, headers: jar.header)
            #expect(table.status == .ok)
            #expect(table.text.contains("Tiến độ xây dựng mô hình học tập theo giai đoạn"))
            #expect(table.text.contains("Giai đoạn 2026–2030"))
            #expect(table.text.contains("1/4<br><strong>25%</strong> <small>/ 70%</small>"))
            // H1 (2024, 2025) and H2 (2026) over the whole review 2023–2030.
            #expect(table.text.contains("2/4<br><strong>50%</strong>"))
            #expect(!table.text.contains("Xã Ân Thi"))
            let stagesCSV = try await client.execute(uri: "/reports/targets?view=stages&format=csv", method: .get, headers: jar.header)
            #expect(stagesCSV.text.contains("88101,Xã An Hòa,Gia đình học tập,1,4,25,70,"))
            #expect(!stagesCSV.text.contains("Ân Thi"))
            let bad = try await client.execute(uri: "/reports/targets?stage=2025", method: .get, headers: jar.header)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func reportsAPIGivesTheSameFiguresAsJSONWithinTheReadersScope() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101001", year: 2024).household("H1", unit: "88101001").household("H2", unit: "88201")
                    .bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Array("Mã đơn vị,Năm,Hộ gia đình\n88101001,2025,4\n88201,2025,2\n".utf8)
            )
            let token = try await client.apiToken("xa.an.hoa")
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let year = try await client.execute(uri: "/api/v1/reports/targets?year=2025", method: .get, headers: headers)
            #expect(year.status == .ok)
            let report = try JSONDecoder().decode(TargetReport.self, from: Data(year.text.utf8))
            #expect(Set(report.rows.map(\.unitCode)) == ["88101"])
            let households = try #require(report.rows.first { $0.indicator == "household" })
            #expect(households.achieved == 1)
            #expect(households.base == 4)
            let stage = try await client.execute(uri: "/api/v1/reports/targets?stage=2021-2025", method: .get, headers: headers)
            let staged = try JSONDecoder().decode(TargetReport.self, from: Data(stage.text.utf8))
            #expect(staged.firstYear == 2021)
            #expect(staged.rows.first { $0.indicator == "household" }?.achieved == 1)  // H1 once for 2024 and 2025
            let table = try await client.execute(uri: "/api/v1/reports/targets/stages", method: .get, headers: headers)
            #expect(table.status == .ok)
            let stages = try JSONDecoder().decode(StageReport.self, from: Data(table.text.utf8))
            #expect(stages.stages.first?.name == "Giai đoạn 2021–2025")
            #expect(Set(stages.lines.map(\.unitCode)) == ["88101"])
            let bad = try await client.execute(uri: "/api/v1/reports/targets?level=thon", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent)
            let badStage = try await client.execute(uri: "/api/v1/reports/targets?stage=abc", method: .get, headers: headers)
            #expect(badStage.status == .badRequest)
        }
    }
}
