import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

/// The programme's indicators beyond title shares, computed or reported, against hand counts on
/// the small province (Xã An Bình and Xã Đông Hòa merged into Xã An Hòa on 1 July 2025).
@Suite struct ProgramIndicatorTests {
    /// A "Công dân học tập" file of 2025: the three groups of answers as given.
    static func citizens(_ rows: [(unit: String, key: String, learning: String, digital: String, social: String)]) -> [UInt8] {
        CitizenFile.bytes(rows.map { ($0.unit, $0.key, 2025, [$0.learning, $0.digital, $0.social].joined(separator: " ")) })
    }

    static func unitID(_ db: TestDatabase, _ code: String, current: Bool = true) async throws -> Int {
        try #require(
            try await db.scalar(
                "SELECT id FROM admin_units WHERE code = \(code) AND (valid_to IS NULL) = \(current) ORDER BY valid_from DESC LIMIT 1",
                as: Int.self
            )
        )
    }

    static func row(_ report: TargetReport, _ code: String, _ indicator: String) throws -> TargetReport.Row {
        try #require(report.rows.first { $0.unitCode == code && $0.indicator == indicator })
    }

    @Test func digitalSkillsAndSelfUpdatesAreSharesOfTitleHoldersRolledUpThroughMergedCommunes() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let criteria = CriteriaRepository(client: db.client, logger: TestDatabase.logger)
            let set = try await criteria.set("cong-dan-hoc-tap@2021")
            let file = Self.citizens([
                ("88101", "C1", "2 2 2 2", "2 2 2 2", "2 2 2 2"),  // recognised, digital 8/8
                ("88102", "C2", "2 2 2 2", "1 1 1 1", "2 2 2 2"),  // the merged commune; recognised, digital 4 < 6
                ("88201", "C3", "2 2 2 2", "2 2 1 1", "2 2 2 2"),  // recognised, digital 6
                ("88201", "C4", "0 0 0 0", "2 2 2 2", "2 2 2 2"),  // not recognised: not a title holder
            ])
            // Before the review: C3 entered their own self-assessment with their own account; C1's was entered by staff.
            let registrations = RegistrationStore(client: db.client, logger: TestDatabase.logger)
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let clerk = try await accounts.create(
                username: "xa.an.hoa",
                fullName: "Cán bộ An Hòa",
                password: "mat-khau-thu-nghiem",
                roles: [(.submitter, "88101")]
            )
            let answers = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, "2") })
            let c1 = try await registrations.register(
                setID: set.id,
                subjectKey: "C1",
                subjectName: "Công dân C1",
                unitCode: "88101",
                year: 2025,
                registeredBy: clerk
            )
            _ = try await registrations.selfAssess(.init(provinceCode: "88", id: c1.id), set: set, answers: answers, by: clerk)
            let c3 = try await registrations.register(
                setID: set.id,
                subjectKey: "C3",
                subjectName: "Công dân C3",
                unitCode: "88201",
                year: 2025,
                registeredBy: clerk
            )
            let citizens = CitizenAccounts(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let invitation = try await citizens.invite(.init(provinceCode: "88", id: c3.id), by: clerk)
            let claimed = try await citizens.claim(code: invitation.code, username: "cong.dan.c3", password: "mat-khau-cong-dan")
            _ = try await registrations.selfAssess(.init(provinceCode: "88", id: c3.id), set: set, answers: answers, by: claimed.userID)

            // Then the commune's reviewed list recognises them.
            let summary = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                file,
                set: set,
                options: .init(fileName: "cdht.csv", recognisedBy: "Quyết định số 9/QĐ-UBND")
            )
            #expect(summary.meetingCriteria == 3)
            let points = try await db.scalar("SELECT criteria_points::text FROM assessments WHERE subject_key = 'C3'", as: String.self)
            #expect(points == #"{"1": 8, "2": 6, "3": 8}"#)

            try await UnitCountsImporter(client: db.client, logger: TestDatabase.logger).setTargets(
                scope: "88",
                year: 2025,
                percents: ["citizen-digital": 70, "citizen-self-updated": 60],
                basis: "Kế hoạch thử"
            )
            let communes = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "88",
                level: .commune
            )
            // Xã An Hòa: C1 and C2 (from the merged Xã Đông Hòa) hold the title; only C1 has the digital skills.
            #expect(try Self.row(communes, "88101", "citizen-digital").achieved == 1)
            #expect(try Self.row(communes, "88101", "citizen-digital").base == 2)
            #expect(try Self.row(communes, "88101", "citizen-digital").percent == 50)
            #expect(try Self.row(communes, "88101", "citizen-digital").provinceTarget == 70)
            #expect(try Self.row(communes, "88101", "citizen-digital").meetsProvinceTarget == false)
            #expect(try Self.row(communes, "88101", "citizen-self-updated").achieved == 0)
            // Xã Ân Thi: C3 alone holds it (C4 does not), with the skills, and updated it themselves.
            #expect(try Self.row(communes, "88201", "citizen-digital").achieved == 1)
            #expect(try Self.row(communes, "88201", "citizen-digital").base == 1)
            #expect(try Self.row(communes, "88201", "citizen-self-updated").achieved == 1)
            #expect(try Self.row(communes, "88201", "citizen-self-updated").meetsProvinceTarget == true)

            let province = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "88",
                level: .province
            )
            #expect(try Self.row(province, "88", "citizen-digital").achieved == 2)
            #expect(try Self.row(province, "88", "citizen-digital").base == 3)
            #expect(try Self.row(province, "88", "citizen-self-updated").achieved == 1)
            #expect(try Self.row(province, "88", "citizen-self-updated").base == 3)
            // Every indicator of the programmes has a row, in order.
            #expect(
                province.indicators.map(\.id).prefix(8) == [
                    "household", "clan", "community", "unit", "adult", "staff", "citizen-digital", "citizen-self-updated",
                ]
            )
            #expect(province.indicators.count == 11)
        }
    }

    @Test func reportedFiguresRollUpWithTheNewCommunesFigureReplacingTheMergedOnesAndKeepTheirHistory() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let clerk = try await accounts.create(
                username: "xa.an.hoa",
                fullName: "Cán bộ An Hòa",
                password: "mat-khau-thu-nghiem",
                roles: [(.submitter, "88101")]
            )
            let store = ReportedFigureStore(client: db.client, logger: TestDatabase.logger)
            let (anHoa, dongHoa, anThi, province) = (
                try await Self.unitID(db, "88101"), try await Self.unitID(db, "88102", current: false), try await Self.unitID(db, "88201"),
                try await Self.unitID(db, "88")
            )
            // Xã Đông Hòa reported before it merged; Xã An Hòa, which replaced it, reported later the same year.
            try await store.record(
                provinceCode: "88",
                unitID: dongHoa,
                year: 2025,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 3, base: 10, seenRevision: 0)],
                userID: clerk
            )
            try await store.record(
                provinceCode: "88",
                unitID: anHoa,
                year: 2025,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 5, base: 12, seenRevision: 0)],
                userID: clerk
            )
            // Xã Ân Thi reported 2024, then corrected it.
            try await store.record(
                provinceCode: "88",
                unitID: anThi,
                year: 2024,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 2, base: 4, seenRevision: 0)],
                userID: clerk
            )
            try await store.record(
                provinceCode: "88",
                unitID: anThi,
                year: 2024,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 3, base: 4, note: "Bổ sung lớp tháng 12", seenRevision: 1)],
                userID: clerk
            )
            try await store.record(
                provinceCode: "88",
                unitID: province,
                year: 2025,
                figures: [.init(indicator: "association-briefed", achieved: 900, base: 1000, seenRevision: 0)],
                userID: clerk
            )

            // A commune association reports its own members too: the province's row keeps the
            // province association's figure (its cadres and members), not the sum of both.
            try await store.record(
                provinceCode: "88",
                unitID: anHoa,
                year: 2025,
                figures: [.init(indicator: "association-briefed", achieved: 40, base: 50, seenRevision: 0)],
                userID: clerk
            )
            let year = try await TargetReport.build(client: db.client, logger: TestDatabase.logger, year: 2025, provinceCode: "88", level: .commune)
            #expect(try Self.row(year, "88101", "association-briefed").percent == 80)
            #expect(try Self.row(year, "88101", "khuyen-hoc-staff-it").achieved == 5)
            #expect(try Self.row(year, "88101", "khuyen-hoc-staff-it").base == 12)
            #expect(try Self.row(year, "88201", "khuyen-hoc-staff-it").base == nil)  // nothing reported for 2025
            let provinceYear = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "88",
                level: .province
            )
            #expect(try Self.row(provinceYear, "88", "khuyen-hoc-staff-it").achieved == 5)
            #expect(try Self.row(provinceYear, "88", "khuyen-hoc-staff-it").base == 12)
            #expect(try Self.row(provinceYear, "88", "association-briefed").percent == 90)
            #expect(try Self.row(provinceYear, "88", "association-chair-centre").base == nil)
            // Over the stage, each unit's latest year counts: 5/12 and Ân Thi's corrected 3/4.
            let stage = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                years: 2021...2025,
                provinceCode: "88",
                level: .province
            )
            #expect(try Self.row(stage, "88", "khuyen-hoc-staff-it").achieved == 8)
            #expect(try Self.row(stage, "88", "khuyen-hoc-staff-it").base == 16)
            #expect(try Self.row(stage, "88", "khuyen-hoc-staff-it").percent == 50)

            let entries = try await store.entries(provinceCode: "88", unitID: anThi, year: 2024)
            let trained = try #require(entries.first { $0.indicator.id == "khuyen-hoc-staff-it" })
            #expect(trained.revisions.map(\.achieved) == [3, 2])
            #expect(trained.current?.note == "Bổ sung lớp tháng 12")
            #expect(trained.current?.enteredBy == "Cán bộ An Hòa (xa.an.hoa)")
            #expect(entries.map(\.indicator.id) == ["association-briefed", "khuyen-hoc-staff-it", "association-chair-centre"])
        }
    }

    @Test func aFigureAboveItsBaseAStaleRevisionOrAnUnknownIndicatorIsRefusedAndNothingIsStored() async throws {
        try await AssessmentImportTests.withProvince { db, _ in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let clerk = try await accounts.create(
                username: "xa.an.hoa",
                fullName: "Cán bộ An Hòa",
                password: "mat-khau-thu-nghiem",
                roles: [(.submitter, "88101")]
            )
            let store = ReportedFigureStore(client: db.client, logger: TestDatabase.logger)
            let unit = try await Self.unitID(db, "88101")
            await #expect(throws: ReportedFigureStore.Refusal.self) {
                try await store.record(
                    provinceCode: "88",
                    unitID: unit,
                    year: 2025,
                    figures: [
                        .init(indicator: "association-chair-centre", achieved: 1, base: 1, seenRevision: 0),
                        .init(indicator: "khuyen-hoc-staff-it", achieved: 13, base: 12, seenRevision: 0),
                    ],
                    userID: clerk
                )
            }
            do {
                try await store.record(
                    provinceCode: "88",
                    unitID: unit,
                    year: 2025,
                    figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 13, base: 12, seenRevision: 0)],
                    userID: clerk
                )
            } catch ReportedFigureStore.Refusal.fields(let problems) {
                #expect(problems.keys.sorted() == ["khuyen-hoc-staff-it.achieved"])
                #expect(problems["khuyen-hoc-staff-it.achieved"]?.contains("13") == true)
            }
            await #expect(throws: ReportedFigureStore.Refusal.fields(["household": "Không có chỉ tiêu báo cáo \"household\"."])) {
                try await store.record(
                    provinceCode: "88",
                    unitID: unit,
                    year: 2025,
                    figures: [.init(indicator: "household", achieved: 1, base: 2, seenRevision: 0)],
                    userID: clerk
                )
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM reported_figures", as: Int.self) == 0)

            // Two people open the form; the second save, made from the older figure, is refused.
            try await store.record(
                provinceCode: "88",
                unitID: unit,
                year: 2025,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 5, base: 12, seenRevision: 0)],
                userID: clerk
            )
            await #expect(throws: ReportedFigureStore.Refusal.stale(indicators: ["khuyen-hoc-staff-it"])) {
                try await store.record(
                    provinceCode: "88",
                    unitID: unit,
                    year: 2025,
                    figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 6, base: 12, seenRevision: 0)],
                    userID: clerk
                )
            }
            // Saving the same figure again stores nothing.
            let unchanged = try await store.record(
                provinceCode: "88",
                unitID: unit,
                year: 2025,
                figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 5, base: 12, seenRevision: 0)],
                userID: clerk
            )
            #expect(unchanged == 0)
            // The history cannot be rewritten.
            await #expect(throws: PSQLError.self) {
                try await db.client.query("UPDATE reported_figures SET achieved = 0", logger: TestDatabase.logger)
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM reported_figures", as: Int.self) == 1)
        }
    }

    @Test func rowsStoredBeforeCriteriaPointsWereKeptGetThemScoredAgain() async throws {
        try await AssessmentImportTests.withProvince { db, households in
            let set = try await CriteriaRepository(client: db.client, logger: TestDatabase.logger).set("cong-dan-hoc-tap@2021")
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                Self.citizens([("88101", "C1", "2 2 2 2", "2 2 1 0", "1 1 1 1"), ("88201", "C2", "0 0 0 0", "2 2 2 2", "2 2 2 2")]),
                set: set,
                options: .init(fileName: "cdht.csv")
            )
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1").bytes,
                set: households,
                options: .init(fileName: "hgd.csv")
            )
            let scored = try await db.scalar("SELECT string_agg(criteria_points::text, ';' ORDER BY subject_key) FROM assessments", as: String.self)
            // As rows stored before migration 040 are: no points.
            try await db.client.query("UPDATE assessments SET criteria_points = NULL", logger: TestDatabase.logger)
            let filled = try await CriteriaPointsBackfill(client: db.client, logger: TestDatabase.logger).run(batch: 2)
            #expect(filled == 3)
            #expect(
                try await db.scalar("SELECT string_agg(criteria_points::text, ';' ORDER BY subject_key) FROM assessments", as: String.self) == scored
            )
            #expect(scored?.contains(#"{"1": 8, "2": 5, "3": 4}"#) == true)
            #expect(try await CriteriaPointsBackfill(client: db.client, logger: TestDatabase.logger).run() == 0)
        }
    }
}
