import Foundation
import PostgresNIO
import Scoring
import Storage
import TestSupport
import Testing

@Suite struct RegistrationStoreTests {
    /// Every indicator of the household set met: 100 points.
    static let fullAnswers = [
        "1.1": "2/2", "1.2": "có", "2.1": "2/2", "2.2": "1/2", "3.1": "có", "3.2": "có", "3.3": "có", "4.1": "10", "4.2": "có",
    ]

    static func store(_ db: TestDatabase) -> RegistrationStore { RegistrationStore(client: db.client, logger: TestDatabase.logger) }

    /// Registers a household for "Gia đình học tập".
    static func household(_ key: String, _ name: String, at unit: String, in year: Int, _ store: RegistrationStore) async throws
        -> RegistrationStore.Registration
    {
        try await store.register(setID: "gia-dinh-hoc-tap", subjectKey: key, subjectName: name, unitCode: unit, year: year, registeredBy: nil)
    }

    static func scope(_ db: TestDatabase, _ code: String) async throws -> Int {
        try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = \(code) AND valid_to IS NULL", as: Int.self))
    }

    @Test func aHouseholdGoesFromRegistrationThroughSelfAssessmentAndReviewToRecognition() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            let store = Self.store(db)
            let registered = try await Self.household("HGD-001", "Nguyễn Văn An", at: "88101001", in: 2025, store)
            #expect(registered.stage == .registered)
            #expect(registered.unitName == "Thôn Đông")
            let again = try await Self.household("HGD-001", "Nguyễn Văn An", at: "88101001", in: 2025, store)
            #expect(again.id == registered.id)
            _ = try await Self.household("HGD-002", "Lê Thị Bình", at: "88101001", in: 2025, store)

            var answers = Self.fullAnswers
            answers["4.1"] = "9"
            answers["3.2"] = "không"
            let (selfAssessed, evaluation) = try await store.selfAssess(
                RegistrationKey(provinceCode: "88", id: registered.id),
                set: set,
                answers: answers,
                by: nil
            )
            #expect(selfAssessed.stage == .selfAssessed)
            #expect(selfAssessed.selfTotal == 89)
            #expect(selfAssessed.selfMeetsCriteria == true)
            #expect(selfAssessed.selfSet == "gia-dinh-hoc-tap@2021")
            #expect(evaluation.total == 89)

            let scope = try await Self.scope(db, "88101")
            #expect(
                try await store.cycles(year: 2025, scopeID: scope)
                    == [
                        RegistrationStore.CycleCounts(
                            set: "gia-dinh-hoc-tap",
                            registered: 2,
                            selfAssessed: 1,
                            selfMeetingCriteria: 1,
                            reviewed: 0,
                            recognised: 0,
                            notRecognised: 0
                        )
                    ]
            )

            // The commune's review: the assessment sheet of the same household and year.
            let importer = AssessmentImporter(client: db.client, logger: TestDatabase.logger)
            _ = try await importer.importBytes(AssessmentFileBuilder().household("HGD-001").bytes, set: set, options: .init(fileName: "a.csv"))
            #expect(try await store.registration(RegistrationKey(provinceCode: "88", id: registered.id))?.stage == .reviewed)
            _ = try await importer.importBytes(
                AssessmentFileBuilder().household("HGD-002", score41: "0", answer32: "không").bytes,
                set: set,
                options: .init(fileName: "b.csv", recognisedBy: "Quyết định số 1/QĐ-UBND ngày 15/12/2025 của UBND xã An Hòa")
            )
            let listed = try await store.registrations(setID: "gia-dinh-hoc-tap", year: 2025, scopeID: scope)
            #expect(listed.map(\.subjectName) == ["Lê Thị Bình", "Nguyễn Văn An"])
            #expect(listed.map(\.stage) == [.recognised, .reviewed])
            #expect(listed.allSatisfy { $0.assessmentID != nil })
            #expect(
                try await store.cycles(year: 2025, scopeID: scope)
                    == [
                        RegistrationStore.CycleCounts(
                            set: "gia-dinh-hoc-tap",
                            registered: 2,
                            selfAssessed: 1,
                            selfMeetingCriteria: 1,
                            reviewed: 2,
                            recognised: 1,
                            notRecognised: 0
                        )
                    ]
            )
            // Another commune's scope sees none of them.
            #expect(try await store.registrations(setID: "gia-dinh-hoc-tap", year: 2025, scopeID: try await Self.scope(db, "88201")).isEmpty)
        }
    }

    @Test func aBadSelfAssessmentIsRefusedNamingTheIndicatorAndStoresNothing() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            let store = Self.store(db)
            let registered = try await Self.household("HGD-001", "Nguyễn Văn An", at: "88101", in: 2025, store)
            var outOfRange = Self.fullAnswers
            outOfRange["4.1"] = "12"
            await #expect(
                throws: RegistrationStore.RegistrationError.answers([
                    "4.1": ScoringError.outOfRange(indicator: "4.1", value: 12, range: 0...10).description
                ])
            ) {
                _ = try await store.selfAssess(RegistrationKey(provinceCode: "88", id: registered.id), set: set, answers: outOfRange, by: nil)
            }
            var unknown = Self.fullAnswers
            unknown["9.9"] = "có"
            await #expect(throws: RegistrationStore.RegistrationError.answers(["9.9": ScoringError.unknownIndicator("9.9").description])) {
                _ = try await store.selfAssess(RegistrationKey(provinceCode: "88", id: registered.id), set: set, answers: unknown, by: nil)
            }
            var missing = Self.fullAnswers
            missing["1.2"] = nil
            await #expect(throws: RegistrationStore.RegistrationError.self) {
                _ = try await store.selfAssess(RegistrationKey(provinceCode: "88", id: registered.id), set: set, answers: missing, by: nil)
            }
            let stored = try await store.registration(RegistrationKey(provinceCode: "88", id: registered.id))
            #expect(stored?.stage == .registered)
            #expect(stored?.selfTotal == nil)
        }
    }

    @Test func aSelfAssessmentCannotBeChangedOnceReviewed() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            let store = Self.store(db)
            let registered = try await Self.household("HGD-001", "Nguyễn Văn An", at: "88101001", in: 2025, store)
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger)
                .importBytes(AssessmentFileBuilder().household("HGD-001").bytes, set: set, options: .init(fileName: "a.csv"))
            await #expect(throws: RegistrationStore.RegistrationError.alreadyReviewed) {
                _ = try await store.selfAssess(RegistrationKey(provinceCode: "88", id: registered.id), set: set, answers: Self.fullAnswers, by: nil)
            }
        }
    }

    @Test(arguments: [
        ("gia-dinh-hoc-tap", "88999", "Hộ A", 2025, RegistrationStore.RegistrationError.unknownUnit("88999")),
        ("gia-dinh-hoc-tap", "881", "Hộ A", 2024, .unitLevel(code: "881")),
        ("gia-dinh-hoc-tap", "88102", "Hộ A", 2026, .unitNotInForce(code: "88102", year: 2026)),
        ("cong-dong-hoc-tap-cap-xa", "88101", "Xã An Hòa", 2025, .notRegistrable(set: "cong-dong-hoc-tap-cap-xa")),
        ("khong-co", "88101", "Hộ A", 2025, .setNotLoaded("khong-co")),
        ("gia-dinh-hoc-tap", "88101", "  ", 2025, .blank(field: "tên đối tượng")),
        ("gia-dinh-hoc-tap", "88101", "Hộ A", 20_255, .yearOutOfRange(20_255)),
        ("gia-dinh-hoc-tap", "88101", String(repeating: "ạ", count: 301), 2025, .tooLong(field: "tên đối tượng", most: 300)),
    ])
    func aRegistrationIsRefusedSayingWhy(set: String, unit: String, name: String, year: Int, refusal: RegistrationStore.RegistrationError)
        async throws
    {
        try await AssessmentImportTests.withProvince { db, _ in
            await #expect(throws: refusal) {
                _ = try await Self.store(db).register(setID: set, subjectKey: "K-1", subjectName: name, unitCode: unit, year: year, registeredBy: nil)
            }
            let stored = try await db.scalar("SELECT count(*)::int FROM registrations", as: Int.self)
            #expect(stored == 0)
        }
    }

    @Test func aReusedCodeRegistersAtTheUnitInForceThatYear() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let store = Self.store(db)
            let before = try await Self.household("HGD-9", "Hộ Chín", at: "88101", in: 2024, store)
            let after = try await Self.household("HGD-9", "Hộ Chín", at: "88101", in: 2026, store)
            #expect(before.unitName == "Xã An Bình")
            #expect(after.unitName == "Xã An Hòa")
            // The merged commune's scope counts both years' registrations of its predecessor.
            let scope = try await Self.scope(db, "88101")
            #expect(try await store.registrations(setID: "gia-dinh-hoc-tap", year: 2024, scopeID: scope).count == 1)
        }
    }
}
