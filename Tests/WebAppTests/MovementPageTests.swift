import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// The movement's public page: anyone sees a province's progress against every target, what each
/// commune saw recognised and the recognition decisions — and no one's name or identity number.
@Suite struct MovementPageTests {
    @Test func anyoneSeesTheProvincesProgressByCommuneWithNoPersonNamed() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            let association = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            let set = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("cong-dan-hoc-tap@2021")
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                CitizenFile.recognisable(["079088001234", "079088005678"], unit: "88201", year: 2025),
                set: set,
                options: .init(fileName: "cdht.csv")
            )
            _ = try await RecognitionDecisionStore(client: db.client, logger: TestDatabase.logger).record(
                unitID: association.unitID,
                provinceCode: "88",
                setID: "cong-dan-hoc-tap",
                year: 2025,
                number: nil,
                issuedOn: .init(year: 2025, month: 12, day: 20)!,
                signer: ("Mai Thị Hồng", ""),
                recordedBy: nil,
                organisation: association
            )
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("HGD-1", unit: "88101001").household("HGD-2", unit: "88102").bytes,
                set: try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("gia-dinh-hoc-tap@2021"),
                options: .init(fileName: "hgd.csv", recognisedBy: "Quyết định số 5/QĐ-UBND")
            )

            let page = try await client.execute(uri: "/cong-khai/88/phong-trao?year=2025", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "private, max-age=300")
            let text = page.text
            #expect(text.contains("Phong trào xây dựng xã hội học tập — Tỉnh Kiểm Thử"))
            #expect(text.contains("Công dân học tập có kỹ năng số"))
            #expect(text.contains("Cán bộ khuyến học cấp xã được bồi dưỡng ứng dụng công nghệ thông tin"))
            #expect(text.contains("<svg"))
            // By commune: Xã An Hòa counts the household of the commune merged into it; Xã Ân Thi its two citizens.
            #expect(text.contains("<tr><td>Xã An Hòa</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"))
            #expect(text.contains("<tr><td>Xã Ân Thi</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>"))
            #expect(text.contains("Quyết định số 1/QĐ-HKH ngày 20/12/2025 của Hội Khuyến học xã Ân Thi"))
            // No one named, no identity number.
            #expect(!text.contains("079088001234"))
            #expect(!text.contains("Công dân 079088"))
            #expect(!text.contains("HGD-1"))

            let missing = try await client.execute(uri: "/cong-khai/77/phong-trao", method: .get)
            #expect(missing.status == .notFound)
            let probe = try await client.execute(uri: "/cong-khai/88101/phong-trao", method: .get)  // a commune, not a province
            #expect(probe.status == .notFound)
            let odd = try await client.execute(uri: "/cong-khai/'%20OR%201=1/phong-trao", method: .get)
            #expect(odd.status == .notFound)
        }
    }

    @Test func theAssociationsReviewerAppraisesTheTitleItRecognises() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            _ = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "hkh.thamdinh",
                fullName: "Tạ Văn Lộc",
                password: AppHarness.password,
                roles: [(.reviewer, unitCode: "HKH-88201")]
            )
            let set = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("cong-dan-hoc-tap@2021")
            let store = RegistrationStore(client: db.client, logger: TestDatabase.logger)
            let answers = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, "2") })
            let citizen = try await store.register(
                setID: "cong-dan-hoc-tap",
                subjectKey: "079088001234",
                subjectName: "Lê Thị Học",
                unitCode: "88201",
                year: 2026,
                registeredBy: nil
            )
            _ = try await store.selfAssess(citizen.key, set: set, answers: answers, by: nil)
            let household = try await store.register(
                setID: "gia-dinh-hoc-tap",
                subjectKey: "HGD-9",
                subjectName: "Hộ ông Chín",
                unitCode: "88201",
                year: 2026,
                registeredBy: nil
            )
            let familySet = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("gia-dinh-hoc-tap@2021")
            _ = try await store.selfAssess(
                household.key,
                set: familySet,
                answers: ["1.1": "2/2", "1.2": "có", "2.1": "2/2", "2.2": "1/2", "3.1": "có", "3.2": "có", "3.3": "có", "4.1": "9", "4.2": "có"],
                by: nil
            )
            var jar = CookieJar()
            _ = try await client.signIn("hkh.thamdinh", jar: &jar)
            let offer = try await client.execute(uri: "/registrations/88/\(citizen.id)", method: .get, headers: jar.header)
            #expect(offer.text.contains("Thẩm định phiếu này"))
            let appraised = try await RegistrationPagesTests.post(
                client,
                "/registrations/88/\(citizen.id)/appraisal",
                [("set", "cong-dan-hoc-tap@2021")] + answers.map { ("answer-\($0.key)", $0.value) },
                jar: jar
            )
            #expect(appraised.status == .seeOther)
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments WHERE subject_key = '079088001234'", as: Int.self) == 1)
            // A family's title is the People's Committee's: the association's reviewer does not appraise it.
            let family = try await client.execute(uri: "/registrations/88/\(household.id)", method: .get, headers: jar.header)
            #expect(!family.text.contains("Thẩm định phiếu này"))
            let refused = try await RegistrationPagesTests.post(
                client,
                "/registrations/88/\(household.id)/appraisal",
                [("set", "gia-dinh-hoc-tap@2021"), ("answer-4.1", "9")],
                jar: jar
            )
            #expect(refused.status == .forbidden)
        }
    }
}
