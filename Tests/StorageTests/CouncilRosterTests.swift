import Documents
import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// A council kept once by its founding decision: sessions start from its standing roster (roles
/// and accounts included), and closing a session numbers its minutes in the council's series
/// for the year and puts them into every dossier the session decided.
@Suite struct CouncilRosterTests {
    static let founding = "Quyết định số 45/QĐ-UBND ngày 02/07/2025 của Chủ tịch Ủy ban nhân dân xã An Hòa"

    static func roster(username: String? = nil) -> [CouncilStore.NewMember] {
        [
            .init(fullName: "Nguyễn Văn Chủ", position: "Chủ tịch UBND xã", role: .chair),
            .init(fullName: "Trần Thị Phó", position: "Phó Chủ tịch UBND xã", role: .viceChair),
            .init(fullName: "Lê Thị Thư", position: "Công chức Văn hóa – Xã hội", role: .secretary, username: username),
        ] + (4...7).map { .init(fullName: "Ủy viên \($0)", position: "Trưởng thôn \($0)") }
    }

    static func open(
        _ councils: CouncilSessionStore,
        unit: Int,
        _ nominations: [NominationStore.Nomination],
        title: String = "Xét khen thưởng cuối năm"
    )
        async throws -> CouncilSessionKey
    {
        let id = try await councils.open(
            provinceCode: "88",
            unitID: unit,
            title: title,
            heldOn: Day(year: 2025, month: 12, day: 10)!,
            startsAt: "8:30",
            place: "Hội trường UBND xã",
            members: [],
            nominations: nominations.map(\.id),
            openedBy: nil
        )
        return CouncilSessionKey(provinceCode: "88", id: id)
    }

    @Test func aSessionWithoutTypedMembersTakesTheStandingRosterWithRolesAndAccounts() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(1) { db, councils, nominations, unit in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            let secretary = try await accounts.create(
                username: "thuky.anhoa",
                fullName: "Lê Thị Thư",
                password: "mat-khau-du-dai-12",
                roles: [(.councilSecretary, unitCode: "88101")]
            )
            let rosters = CouncilStore(client: db.client, logger: TestDatabase.logger)
            let saved = try await rosters.save(unitID: unit, foundingDecision: Self.founding, members: Self.roster(username: "thuky.anhoa"), by: nil)
            #expect(saved.members.count == 7)
            #expect(saved.chair?.fullName == "Nguyễn Văn Chủ")
            #expect(saved.secretary?.userID == secretary)

            let key = try await Self.open(councils, unit: unit, nominations)
            let session = try #require(try await councils.session(key))
            #expect(session.members.map(\.fullName) == saved.members.map(\.fullName))
            #expect(session.chair?.fullName == "Nguyễn Văn Chủ")
            #expect(session.secretary?.userID == secretary)
            #expect(session.startsAt == "08:30")
            #expect(session.foundingDecision == Self.founding)
            #expect(session.minutes.basis?.hasPrefix("Căn cứ \(Self.founding)") == true)
            #expect(session.minutes.opening.hasPrefix("Vào lúc 08 giờ 30 phút, ngày 10/12/2025"))
            #expect(session.minutes.isDraft)
        }
    }

    @Test func aRosterWithTwoChairsOrAnUnknownAccountIsRefusedAndTheSavedOneStays() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(0) { db, _, _, unit in
            let rosters = CouncilStore(client: db.client, logger: TestDatabase.logger)
            _ = try await rosters.save(unitID: unit, foundingDecision: Self.founding, members: Self.roster(), by: nil)

            var twoChairs = Self.roster()
            twoChairs[1].role = .chair
            await #expect(throws: CouncilError.rosterDuplicateRole(.chair, first: "Nguyễn Văn Chủ", second: "Trần Thị Phó")) {
                _ = try await rosters.save(unitID: unit, foundingDecision: "", members: twoChairs, by: nil)
            }
            await #expect(throws: CouncilError.rosterUnknownAccount(member: "Lê Thị Thư", username: "khong.co")) {
                _ = try await rosters.save(unitID: unit, foundingDecision: "", members: Self.roster(username: "khong.co"), by: nil)
            }
            await #expect(throws: CouncilError.rosterEmpty) {
                _ = try await rosters.save(unitID: unit, foundingDecision: "", members: [.init(fullName: "  ")], by: nil)
            }
            let kept = try #require(try await rosters.council(unitID: unit))
            #expect(kept.members.count == 7)
            #expect(kept.foundingDecision == Self.founding)
        }
    }

    @Test func openingWithNeitherRosterNorMembersNamesTheUnit() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(1) { _, councils, nominations, unit in
            await #expect(throws: CouncilError.noCouncil(unit: "Xã An Hòa")) {
                _ = try await Self.open(councils, unit: unit, nominations)
            }
        }
    }

    @Test func closingNumbersTheMinutesPerCouncilAndYearAndPutsThemInEveryDecidedDossier() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(3) { db, councils, nominations, unit in
            let rosters = CouncilStore(client: db.client, logger: TestDatabase.logger)
            _ = try await rosters.save(unitID: unit, foundingDecision: Self.founding, members: Self.roster(), by: nil)
            let store = try await db.nominationStore()

            var numbers: [String] = []
            for (index, batch) in [Array(nominations[0...1]), [nominations[2]]].enumerated() {
                let key = try await Self.open(councils, unit: unit, batch, title: "Phiên \(index + 1)")
                try await councils.recordAttendance(key, present: Set(1...7), recordedBy: nil)
                // The whole council's show of hands in one stroke.
                try await councils.recordVotes(
                    in: key,
                    batch.flatMap { nomination in (1...7).map { (nomination.id, $0, CouncilSessionStore.Vote.yes) } },
                    recordedBy: nil,
                    asSecretary: true
                )
                try await councils.close(key, closedBy: nil, endsAt: "10:15")
                let closed = try #require(try await councils.session(key))
                #expect(closed.endsAt == "10:15")
                #expect(!closed.minutes.isDraft)
                #expect(closed.minutes.chairName == "Nguyễn Văn Chủ")
                #expect(closed.minutes.secretaryName == "Lê Thị Thư")
                #expect(closed.minutes.closing.contains("10 giờ 15 phút"))
                #expect(closed.minutes.results.allSatisfy { $0.outcome == "Thông qua" && $0.yes == 7 })
                numbers.append(try #require(closed.minutesNumberText))

                let minutes = MinutesDocx.write(closed.minutes)
                for nomination in batch {
                    let documents = try await store.documents(of: NominationKey(provinceCode: "88", id: nomination.id))
                    let attached = documents.filter { $0.kind == CouncilSessionStore.minutesKind }
                    #expect(attached.count == 1)
                    #expect(attached.first?.fileName == "bien-ban-0\(index + 1)-BB-HDTDKT-2025.docx")
                    let file = try #require(
                        try await store.documentFile(of: NominationKey(provinceCode: "88", id: nomination.id), sha256: attached[0].sha256)
                    )
                    #expect(file.content == minutes)
                }
            }
            #expect(numbers == ["01/BB-HĐTĐKT", "02/BB-HĐTĐKT"])
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }

    @Test func aBatchOfVotesWithOneAbsentMemberRecordsNone() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(1) { db, councils, nominations, unit in
            let rosters = CouncilStore(client: db.client, logger: TestDatabase.logger)
            _ = try await rosters.save(unitID: unit, foundingDecision: "", members: Self.roster(), by: nil)
            let key = try await Self.open(councils, unit: unit, nominations)
            try await councils.recordAttendance(key, present: Set(1...6), recordedBy: nil)
            await #expect(throws: CouncilError.memberAbsent(7)) {
                try await councils.recordVotes(
                    in: key,
                    (1...7).map { (nominations[0].id, $0, CouncilSessionStore.Vote.yes) },
                    recordedBy: nil,
                    asSecretary: true
                )
            }
            let session = try #require(try await councils.session(key))
            #expect(session.agenda[0].yes == 0)
        }
    }

    @Test func dossiersTheCouncilSendsUpCarryTheCommunesMemoNamingTheReceiverTheMinutesAndTheList() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(2, award: "bang-khen-tinh") { db, councils, nominations, unit in
            let rosters = CouncilStore(client: db.client, logger: TestDatabase.logger)
            _ = try await rosters.save(unitID: unit, foundingDecision: Self.founding, members: Self.roster(), by: nil)
            let key = try await Self.open(councils, unit: unit, nominations)
            try await councils.recordAttendance(key, present: Set(1...7), recordedBy: nil)
            try await councils.recordVotes(
                in: key,
                nominations.flatMap { nomination in (1...7).map { (nomination.id, $0, CouncilSessionStore.Vote.yes) } },
                recordedBy: nil,
                asSecretary: true
            )
            let results = try await councils.close(key, closedBy: nil)
            #expect(results.map(\.toState) == ["tinh_tiep_nhan", "tinh_tiep_nhan"])
            let store = try await db.nominationStore()
            var memos: Set<String> = []
            for nomination in nominations {
                let documents = try await store.documents(of: NominationKey(provinceCode: "88", id: nomination.id))
                let memo = try #require(documents.first { $0.kind == "to_trinh" })
                #expect(memo.fileName == "to-trinh-de-nghi-khen-thuong-2025.docx")
                memos.insert(memo.sha256)
            }
            // One memo for the session's batch, listed in each dossier.
            #expect(memos.count == 1)
            let memo = try #require(memos.first)
            let file = try #require(try await store.documentFile(of: NominationKey(provinceCode: "88", id: nominations[0].id), sha256: memo))
            let text = try await DocxText.of(file.content)
            for expected in [
                "TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", "Kính gửi: Chủ tịch Ủy ban nhân dân",
                "Căn cứ Biên bản số 01/BB-HĐTĐKT ngày 10/12/2025", "Công dân 1", "Công dân 2", "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn Chủ",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }
}
