import Documents
import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// The Hội Khuyến học as an organisation beside the People's Committee: its staff act for it only,
/// within the unit it serves; it recognises "Công dân học tập" under its own header and numbers
/// its decisions in its own register.
@Suite struct OrganisationTests {
    static func setUp(_ db: TestDatabase) async throws -> (province: Organisation, commune: Organisation) {
        let store = OrganisationStore(client: db.client, logger: TestDatabase.logger)
        let province = try await store.add(
            code: "HKH-88",
            kind: "hoi-khuyen-hoc",
            name: "Hội Khuyến học tỉnh Kiểm Thử",
            unitCode: "88",
            symbol: "QĐ-HKH",
            charterBasis: "Điều lệ Hội Khuyến học Việt Nam"
        )
        let commune = try await store.add(
            code: "HKH-88101",
            kind: "hoi-khuyen-hoc",
            name: "Hội Khuyến học xã An Hòa",
            unitCode: "88101",
            parentCode: "HKH-88",
            symbol: "QĐ-HKH",
            charterBasis: "Điều lệ Hội Khuyến học Việt Nam"
        )
        return (province, commune)
    }

    @Test func anOrganisationIsSetUpOnceAtAUnitAndItsStaffActOnlyForIt() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let (_, commune) = try await Self.setUp(db)
            #expect(commune.parentName == "Hội Khuyến học tỉnh Kiểm Thử")
            #expect(commune.issuerTitle == "CHỦ TỊCH HỘI KHUYẾN HỌC XÃ AN HÒA")
            let store = OrganisationStore(client: db.client, logger: TestDatabase.logger)
            await #expect(throws: OrganisationStore.OrganisationError.codeTaken("HKH-88101")) {
                try await store.add(code: "HKH-88101", kind: "so-giao-duc", name: "X", unitCode: "88", symbol: "QĐ-SGD", charterBasis: "x")
            }
            await #expect(throws: OrganisationStore.OrganisationError.kindTaken(kind: "hoi-khuyen-hoc", unitName: "Xã An Hòa")) {
                try await store.add(code: "HKH-2", kind: "hoi-khuyen-hoc", name: "X", unitCode: "88101", symbol: "QĐ-HKH", charterBasis: "x")
            }
            await #expect(throws: OrganisationStore.OrganisationError.badCode("hkh thường")) {
                try await store.add(code: "hkh thường", kind: "hoi-khuyen-hoc", name: "X", unitCode: "88201", symbol: "QĐ-HKH", charterBasis: "x")
            }
            await #expect(throws: OrganisationStore.OrganisationError.unknownUnit("88102")) {  // merged away on 1 July 2025
                try await store.add(code: "HKH-88102", kind: "hoi-khuyen-hoc", name: "X", unitCode: "88102", symbol: "QĐ-HKH", charterBasis: "x")
            }

            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let chairID = try await accounts.create(
                username: "hkh.an.hoa",
                fullName: "Mai Thị Hồng",
                password: "mat-khau-thu-nghiem",
                roles: [(.chair, unitCode: "HKH-88101")]
            )
            let chair = try #require(try await accounts.account(id: chairID))
            #expect(chair.grants.isEmpty, "no role for the People's Committee")
            #expect(chair.organisationGrants.map(\.organisationCode) == ["HKH-88101"])
            #expect(chair.holds([.chair], atOrganisation: commune.id))
            #expect(!chair.may(.recogniseTitles), "the commune's recognition decisions are its chair's, not the association's")
            #expect(!chair.holds([.chair], at: commune.unitID))
            #expect(try await accounts.canAccess(chair, unitID: commune.unitID))
            let otherCommune = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_to IS NULL", as: Int.self))
            #expect(try await !accounts.canAccess(chair, unitID: otherCommune))
            await #expect(throws: AccountError.noAdministratorAtOrganisation) {
                try await accounts.create(
                    username: "hkh.admin",
                    fullName: "Quản trị Hội",
                    password: "mat-khau-thu-nghiem",
                    roles: [(.provinceAdmin, unitCode: "HKH-88")]
                )
            }
        }
    }

    @Test func theAssociationRecognisesLearningCitizensInItsOwnRegisterAndTheCommitteeCannot() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let (_, association) = try await Self.setUp(db)
            let set = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("cong-dan-hoc-tap@2021")
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                CitizenFile.recognisable(["C1", "C2"], unit: "88101"),
                set: set,
                options: .init(fileName: "cdht.csv")
            )
            let store = RecognitionDecisionStore(client: db.client, logger: TestDatabase.logger)
            let day = Day(year: 2026, month: 11, day: 20)!
            // The People's Committee may not record it: the rule names the commune's association.
            do {
                _ = try await store.record(
                    unitID: association.unitID,
                    provinceCode: "88",
                    setID: "cong-dan-hoc-tap",
                    year: 2026,
                    number: nil,
                    issuedOn: day,
                    signer: ("Lý Văn Đức", ""),
                    recordedBy: nil
                )
                Issue.record("the committee recorded the association's title")
            } catch let refused as RecognitionBodies.Refused {
                #expect(refused.description.contains("Hội Khuyến học cấp xã"))
            }
            let recorded = try await store.record(
                unitID: association.unitID,
                provinceCode: "88",
                setID: "cong-dan-hoc-tap",
                year: 2026,
                number: nil,
                issuedOn: day,
                signer: ("Mai Thị Hồng", ""),
                recordedBy: nil,
                organisation: association
            )
            #expect(recorded.reference == "1/QĐ-HKH ngày 20/11/2026")
            #expect(recorded.signerTitle == "CHỦ TỊCH")
            #expect(recorded.recognised == 2)
            #expect(
                try await db.scalar(
                    "SELECT string_agg(DISTINCT recognised_by, ';') FROM assessments WHERE set_id = 'cong-dan-hoc-tap'",
                    as: String.self
                ) == "1/QĐ-HKH ngày 20/11/2026"
            )

            // Its register is its own: the People's Committee's number 1 of 2026 is still free, and
            // the association's next is 2; an entered number already used is refused naming the association.
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101", year: 2026).bytes,
                set: try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("gia-dinh-hoc-tap@2021"),
                options: .init(fileName: "hgd.csv")
            )
            let committee = try await store.record(
                unitID: association.unitID,
                provinceCode: "88",
                setID: "gia-dinh-hoc-tap",
                year: 2026,
                number: nil,
                issuedOn: day,
                signer: ("Lý Văn Đức", "CHỦ TỊCH"),
                recordedBy: nil
            )
            #expect(committee.reference == "1/QĐ-UBND ngày 20/11/2026")
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                CitizenFile.recognisable(["C3"], unit: "88101"),
                set: set,
                options: .init(fileName: "cdht-2.csv")
            )
            await #expect(throws: RecognitionDecisionStore.RecordingError.numberTaken("1/QĐ-HKH", year: 2026, body: "Hội Khuyến học xã An Hòa")) {
                _ = try await store.record(
                    unitID: association.unitID,
                    provinceCode: "88",
                    setID: "cong-dan-hoc-tap",
                    year: 2026,
                    number: 1,
                    issuedOn: day,
                    signer: ("Mai Thị Hồng", ""),
                    recordedBy: nil,
                    organisation: association
                )
            }
            // Another commune's association cannot record for this commune.
            let other = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            await #expect(throws: RecognitionDecisionStore.RecordingError.notServed("Hội Khuyến học xã Ân Thi")) {
                _ = try await store.record(
                    unitID: association.unitID,
                    provinceCode: "88",
                    setID: "cong-dan-hoc-tap",
                    year: 2026,
                    number: nil,
                    issuedOn: day,
                    signer: ("", ""),
                    recordedBy: nil,
                    organisation: other
                )
            }
            let second = try await store.record(
                unitID: association.unitID,
                provinceCode: "88",
                setID: "cong-dan-hoc-tap",
                year: 2026,
                number: nil,
                issuedOn: day,
                signer: ("Mai Thị Hồng", ""),
                recordedBy: nil,
                organisation: association
            )
            #expect(second.number == 2)

            // The decision carries the association's header, charter and signer, not the committee's.
            let subjects = try await AssessmentRepository(client: db.client, logger: TestDatabase.logger)
                .recognitionList(setID: "cong-dan-hoc-tap", year: 2026, scopeID: association.unitID)
            let document = RecognitionDecision.document(
                unitName: "Xã An Hòa",
                title: "Công dân học tập",
                year: 2026,
                basis: nil,
                subjects: subjects,
                recorded: second,
                organisation: association
            )
            #expect(document.authority == ["HỘI KHUYẾN HỌC TỈNH KIỂM THỬ", "HỘI KHUYẾN HỌC XÃ AN HÒA"])
            #expect(document.issuerTitle == "CHỦ TỊCH HỘI KHUYẾN HỌC XÃ AN HÒA")
            #expect(document.bases.first == "Căn cứ Điều lệ Hội Khuyến học Việt Nam;")
            #expect(document.number == "2/QĐ-HKH")
            #expect(document.listCaption.contains("của Chủ tịch Hội Khuyến học xã An Hòa"))
            #expect(!document.articles.joined().contains("Ủy ban nhân dân"))
        }
    }
}
