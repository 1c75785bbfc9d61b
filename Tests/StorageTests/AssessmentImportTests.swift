import Foundation
import PostgresNIO
import Scoring
import Storage
import TestSupport
import Testing

@Suite struct AssessmentImportTests {
    /// A fresh database with the small province and the shipped criteria sets loaded.
    static func withProvince(_ body: @Sendable (TestDatabase, CriteriaSet) async throws -> Void) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            try await body(db, try await db.loadShippedCriteria())
        }
    }

    private static func importer(_ db: TestDatabase) -> AssessmentImporter {
        AssessmentImporter(client: db.client, logger: TestDatabase.logger)
    }

    private static func count(_ db: TestDatabase) async throws -> Int {
        try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) ?? -1
    }

    @Test func goodFileIsScoredAndStoredAndReimportIsANoOp() async throws {
        try await Self.withProvince { db, set in
            let file = AssessmentFileBuilder()
                .household("HGD-001")
                .household("HGD-002", score41: "9", answer32: "không")  // 100 - 10 - 1 = 89
                .household("HGD-003", unit: "88201", score41: "0", answer32: "không")  // 80: 4.1 below its pass mark, still 80
            let first = try await Self.importer(db).importBytes(file.bytes, set: set, options: .init(fileName: "xa.csv"))
            #expect(first == .init(rows: 3, inserted: 3, unchanged: 0, meetingCriteria: 3))
            let totals = try await db.scalar(
                "SELECT string_agg(total::text, ',' ORDER BY subject_key) FROM assessments WHERE set_id = 'gia-dinh-hoc-tap'",
                as: String.self
            )
            #expect(totals == "100,89,80")
            let again = try await Self.importer(db).importBytes(file.bytes, set: set, options: .init(fileName: "xa.csv"))
            #expect(again == .init(rows: 3, inserted: 0, unchanged: 3, meetingCriteria: 0))
            #expect(try await Self.count(db) == 3)
        }
    }

    @Test func twoCommunesSendingTheSameFileAtOnceStoreItOnce() async throws {
        try await Self.withProvince { db, set in
            var file = AssessmentFileBuilder()
            for n in 1...2000 { file = file.household("HGD-\(n)") }
            let bytes = file.bytes
            let importer = Self.importer(db)
            async let first = importer.importBytes(bytes, set: set, options: .init(fileName: "a.csv"))
            async let second = importer.importBytes(bytes, set: set, options: .init(fileName: "b.csv"))
            let results = try await [first, second]
            // They take turns: one stores the rows, the other finds them all there, unchanged.
            #expect(results.map(\.inserted).sorted() == [0, 2000])
            #expect(results.map(\.unchanged).sorted() == [0, 2000])
            #expect(try await Self.count(db) == 2000)
        }
    }

    @Test func recognitionDecisionMarksOnlyRowsMeetingTheCriteria() async throws {
        try await Self.withProvince { db, set in
            let file = AssessmentFileBuilder().household("HGD-001").household("HGD-002", score41: "0", answer32: "không").raw(
                "88101001,HGD-003,Lê Thị Cúc,2025,2,1,2/2,có,2/2,1/2,không,không,không,0,có"
            )
            let decision = "Quyết định số 12/QĐ-UBND ngày 15/12/2025 của UBND xã An Hòa"
            _ = try await Self.importer(db).importBytes(file.bytes, set: set, options: .init(fileName: "x.csv", recognisedBy: decision))
            let states = try await db.scalar(
                "SELECT string_agg(state || ':' || coalesce(recognised_by, '-'), '|' ORDER BY subject_key) FROM assessments",
                as: String.self
            )
            #expect(states == "recognised:\(decision)|recognised:\(decision)|not_recognised:-")
        }
    }

    @Test func decomposedVietnameseIsStoredComposed() async throws {
        try await Self.withProvince { db, set in
            let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa"
            _ = try await Self.importer(db).importBytes(
                AssessmentFileBuilder().household("HGD-001", name: decomposed).bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            #expect(try await db.scalar("SELECT subject_name FROM assessments", as: String.self) == "Nguyễn Thị Hoa")
        }
    }

    /// Each kind of bad spreadsheet, with the problems it must be refused with (line|column).
    static let badFiles: [(String, [UInt8], [String])] = [
        ("missing indicator column", Array("Mã đơn vị,Mã đối tượng,Tên,Năm,1.1\n88101001,H1,A,2025,1/1\n".utf8), ["1|"]),
        ("unknown column", Array((AssessmentFileBuilder.header + ",ghi chú\n").utf8), ["1|"]),
        (
            "broken UTF-8",
            AssessmentFileBuilder().household("H1").bytes + Array("88101001,H2,".utf8) + [0x4C, 0xEA]
                + Array(",2025,2,1,2/2,có,2/2,1/2,có,có,có,10,có\n".utf8), ["3|"]
        ),
        ("answer of the wrong kind", AssessmentFileBuilder().household("H1", answer32: "có lẽ").bytes, ["2|3.2"]),
        ("points out of range", AssessmentFileBuilder().household("H1").household("H2", score41: "11").bytes, ["3|4.1"]),
        ("ratio above its whole", AssessmentFileBuilder().raw("88101001,H1,A,2025,2,1,3/2,có,2/2,1/2,có,có,có,10,có").bytes, ["2|1.1"]),
        ("more holders than adults", AssessmentFileBuilder().household("H1", adults: 1, holding: 2).bytes, ["2|số đạt công dân học tập"]),
        ("unknown unit", AssessmentFileBuilder().household("H1", unit: "77777").bytes, ["2|mã đơn vị"]),
        ("unit not in force that year", AssessmentFileBuilder().household("H1", year: 2024).household("H2", year: 2007).bytes, ["3|mã đơn vị"]),
        ("unit of the wrong level", AssessmentFileBuilder().household("H1", unit: "88").bytes, ["2|mã đơn vị"]),
        ("duplicate within the file", AssessmentFileBuilder().household("H1").household("H1").bytes, ["3|mã đối tượng"]),
        (
            "bad year and empty key", AssessmentFileBuilder().raw("88101001,,A,20x5,2,1,2/2,có,2/2,1/2,có,có,có,10,có").bytes,
            ["2|mã đối tượng", "2|năm"]
        ),
    ]

    @Test(arguments: badFiles.indices)
    func badSpreadsheetIsRefusedWithRowAndColumnAndNothingIsStored(_ index: Int) async throws {
        let (kind, bytes, expected) = Self.badFiles[index]
        try await Self.withProvince { db, set in
            do {
                _ = try await Self.importer(db).importBytes(bytes, set: set, options: .init(fileName: "x.csv"))
                #expect(expected.isEmpty, "\(kind) was accepted")
            } catch let refused as AssessmentImportRefused {
                let found = Array(Set(refused.problems.map { "\($0.line)|\($0.column ?? "")" })).sorted()
                #expect(found == expected, "\(kind): \(refused)")
                #expect(try await Self.count(db) == 0, "\(kind)")
            }
        }
    }

    @Test func changedAnswersForAStoredAssessmentAreRefusedNotOverwritten() async throws {
        try await Self.withProvince { db, set in
            _ = try await Self.importer(db).importBytes(AssessmentFileBuilder().household("H1").bytes, set: set, options: .init(fileName: "a.csv"))
            let changed = AssessmentFileBuilder().household("H2").household("H1", score41: "5")
            let error = await #expect(throws: AssessmentImportRefused.self) {
                try await Self.importer(db).importBytes(changed.bytes, set: set, options: .init(fileName: "b.csv"))
            }
            #expect(error?.problems.map(\.line) == [3])
            #expect(error?.problems.first?.message.contains("đã có đánh giá khác") == true)
            let stored = try await db.scalar("SELECT string_agg(subject_key || '=' || total, ',') FROM assessments", as: String.self)
            #expect(stored == "H1=100")
        }
    }

    @Test func communeStaffCannotImportAnotherCommunesVillages() async throws {
        try await Self.withProvince { db, set in
            let scope = try #require(
                try await db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_from = '2025-07-01'", as: Int.self)
            )
            let error = await #expect(throws: AssessmentImportRefused.self) {
                try await Self.importer(db).importBytes(
                    AssessmentFileBuilder().household("H1", unit: "88201").household("H2", unit: "88101001").bytes,
                    set: set,
                    options: .init(fileName: "x.csv", scopeUnitIDs: [scope])
                )
            }
            #expect(error?.problems.map(\.line) == [3])
        }
    }
}
