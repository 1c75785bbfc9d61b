import Foundation
import Geography
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

/// Council sessions: the rule of the step applied to recorded attendance and votes, and closing
/// that moves every nomination on the agenda or none.
@Suite struct CouncilSessionTests {
    static let report = Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8)
    static let members = (1...7).map {
        CouncilSessionStore.NewMember(fullName: "Thành viên \($0)", position: $0 == 1 ? "Chủ tịch Hội đồng" : "Ủy viên")
    }

    /// Nominations of individuals of commune 88101, each brought to the commune council step.
    static func withNominationsAtCouncil(
        _ count: Int,
        workflow: String = "khen-thuong-2-cap@2025",
        award: String = "giay-khen-xa",
        extraWorkflow: (name: String, text: String)? = nil,
        _ body: @Sendable (TestDatabase, CouncilSessionStore, [NominationStore.Nomination], Int) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            if let extraWorkflow {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-council-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let file = folder.appendingPathComponent(extraWorkflow.name)
                try extraWorkflow.text.write(to: file, atomically: true, encoding: .utf8)
                try await store.workflows.load(files: [file])
            }
            let round = try await store.createRound(provinceCode: "88", name: "Năm 2025", year: 2025, basis: "merit", workflow: workflow)
            let unit = try #require(
                try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_from = '2025-07-01'", as: Int.self)
            )
            var nominations: [NominationStore.Nomination] = []
            for index in stride(from: 1, through: count, by: 1) {
                var nomination = try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: round,
                        award: award,
                        nomineeKind: "individual",
                        nomineeKey: "CD-\(index)",
                        nomineeName: "Công dân \(index)",
                        unitID: unit
                    ),
                    createdBy: nil
                )
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: nomination.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: report,
                    fileName: "bao-cao.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
                for (action, role) in [(Action.submit, Workflow.Role.submitter), (.toCouncil, .reviewer)] {
                    nomination = try await store.act(
                        NominationKey(provinceCode: "88", id: nomination.id),
                        action: action,
                        expectedVersion: nomination.version,
                        actorID: nil,
                        roles: [role],
                        comment: nil,
                        idempotencyKey: nil
                    ).nomination
                }
                nominations.append(nomination)
            }
            let councils = CouncilSessionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            try await body(db, councils, nominations, unit)
        }
    }

    static func open(_ councils: CouncilSessionStore, unit: Int, _ nominations: [NominationStore.Nomination]) async throws -> Int {
        try await councils.open(
            provinceCode: "88",
            unitID: unit,
            title: "Phiên họp Hội đồng TĐKT xã An Hòa",
            heldOn: Day(year: 2025, month: 12, day: 10)!,
            place: "Hội trường UBND xã",
            members: members,
            nominations: nominations.map(\.id),
            openedBy: nil
        )
    }

    static func vote(_ councils: CouncilSessionStore, _ session: Int, _ nomination: Int, yes: ClosedRange<Int>, no: ClosedRange<Int>?) async throws {
        for member in yes {
            try await councils.recordVote(
                in: CouncilSessionKey(provinceCode: "88", id: session),
                nominationID: nomination,
                member: member,
                vote: .yes,
                recordedBy: nil,
                asSecretary: true
            )
        }
        for member in no.map(Array.init) ?? [] {
            try await councils.recordVote(
                in: CouncilSessionKey(provinceCode: "88", id: session),
                nominationID: nomination,
                member: member,
                vote: .no,
                recordedBy: nil,
                asSecretary: true
            )
        }
    }

    @Test func closingMovesPassedNominationsOnAndFailedOnesOut() async throws {
        try await Self.withNominationsAtCouncil(2) { db, councils, nominations, unit in
            let session = try await Self.open(councils, unit: unit, nominations)
            try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: Set(1...6), recordedBy: nil)
            // More than half of all 7 members: 4 yes passes, 3 yes fails even with 3 no.
            try await Self.vote(councils, session, nominations[0].id, yes: 1...4, no: 5...6)
            try await Self.vote(councils, session, nominations[1].id, yes: 1...3, no: 4...6)

            let before = try #require(try await councils.session(CouncilSessionKey(provinceCode: "88", id: session)))
            #expect(before.agenda.map(\.result) == ["passed", "failed"])
            #expect(before.agenda.map(\.yes) == [4, 3])
            #expect(before.agenda[1].reason == "Chưa đạt: 3/7 phiếu đồng ý, cần trên 50% tổng số thành viên.")
            #expect(before.agenda[0].rule.contains("biểu quyết công khai"))

            let results = try await councils.close(CouncilSessionKey(provinceCode: "88", id: session), closedBy: nil)
            #expect(results.map(\.toState) == ["xa_cho_quyet_dinh", "khong_khen_thuong"])
            let after = try #require(try await councils.session(CouncilSessionKey(provinceCode: "88", id: session)))
            #expect(after.isClosed)
            #expect(after.agenda.map(\.result) == ["passed", "failed"])
            let history = try await db.scalar(
                "SELECT string_agg(action, ',' ORDER BY seq) FROM nomination_transitions WHERE nomination_id = \(nominations[1].id)",
                as: String.self
            )
            #expect(history == "create,submit,to_council,record_vote")
            let verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.firstBreak == nil)
            let sessionChain = try await db.scalar(
                "SELECT string_agg(action, ',' ORDER BY seq) FROM audit_records WHERE chain = 'council:' || \(session)",
                as: String.self
            )
            #expect(sessionChain == "open_session,attendance," + Array(repeating: "vote", count: 12).joined(separator: ",") + ",close_session")

            await #expect(throws: CouncilError.closed) {
                try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: [1], recordedBy: nil)
            }
        }
    }

    @Test func withoutQuorumNothingIsClosedAndNothingMoves() async throws {
        try await Self.withNominationsAtCouncil(2) { db, councils, nominations, unit in
            let session = try await Self.open(councils, unit: unit, nominations)
            // 4 of 7 present is less than two thirds.
            try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: Set(1...4), recordedBy: nil)
            try await Self.vote(councils, session, nominations[0].id, yes: 1...4, no: nil)
            try await Self.vote(councils, session, nominations[1].id, yes: 1...4, no: nil)
            let read = try #require(try await councils.session(CouncilSessionKey(provinceCode: "88", id: session)))
            #expect(read.agenda.map(\.result) == ["no_quorum", "no_quorum"])

            let error = await #expect(throws: CouncilError.self) {
                try await councils.close(CouncilSessionKey(provinceCode: "88", id: session), closedBy: nil)
            }
            guard case .cannotClose(let id, let nominee, let why)? = error else {
                Issue.record("expected a refusal naming the nomination, got \(String(describing: error))")
                return
            }
            #expect(id == nominations[0].id)
            #expect(nominee == "Công dân 1")
            #expect(why.contains("Không đủ số thành viên dự họp: 4/7"))
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations WHERE state = 'xa_hoi_dong'", as: Int.self) == 2)
            #expect(try await db.scalar("SELECT count(*)::int FROM council_sessions WHERE closed_at IS NULL", as: Int.self) == 1)
        }
    }

    @Test func votesAreRefusedFromAbsentMembersAndFromOthersThanTheMember() async throws {
        try await Self.withNominationsAtCouncil(1) { _, councils, nominations, unit in
            let session = try await Self.open(councils, unit: unit, nominations)
            try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: Set(1...5), recordedBy: nil)
            await #expect(throws: CouncilError.memberAbsent(6)) {
                try await councils.recordVote(
                    in: CouncilSessionKey(provinceCode: "88", id: session),
                    nominationID: nominations[0].id,
                    member: 6,
                    vote: .yes,
                    recordedBy: nil,
                    asSecretary: true
                )
            }
            await #expect(throws: CouncilError.notYourVote(2)) {
                try await councils.recordVote(
                    in: CouncilSessionKey(provinceCode: "88", id: session),
                    nominationID: nominations[0].id,
                    member: 2,
                    vote: .yes,
                    recordedBy: nil,
                    asSecretary: false
                )
            }
            await #expect(throws: CouncilError.memberUnknown(9)) {
                try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: [1, 9], recordedBy: nil)
            }
            await #expect(throws: CouncilError.openBallot(nomination: nominations[0].id, nominee: nominations[0].nomineeName)) {
                try await councils.recordSecretTally(
                    in: CouncilSessionKey(provinceCode: "88", id: session),
                    nominationID: nominations[0].id,
                    yes: 5,
                    no: 0,
                    recordedBy: nil
                )
            }
        }
    }

    @Test func onlyNominationsWaitingAtTheCouncilOfTheUnitGoOnTheAgenda() async throws {
        try await Self.withNominationsAtCouncil(1) { db, councils, nominations, unit in
            let province = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88' AND valid_to IS NULL", as: Int.self))
            await #expect(
                throws: CouncilError.notAtCouncil(
                    nomination: nominations[0].id,
                    nominee: nominations[0].nomineeName,
                    state: "Hội đồng Thi đua – Khen thưởng cấp xã xét"
                )
            ) {
                _ = try await Self.open(councils, unit: province, nominations)
            }
            _ = try await Self.open(councils, unit: unit, nominations)
            let first = "Phiên họp Hội đồng TĐKT xã An Hòa (10/12/2025)"
            await #expect(throws: CouncilError.alreadyOnSession(nomination: nominations[0].id, nominee: nominations[0].nomineeName, session: first)) {
                _ = try await Self.open(councils, unit: unit, nominations)
            }
            func open(title: String, members: [CouncilSessionStore.NewMember]) async throws {
                _ = try await councils.open(
                    provinceCode: "88",
                    unitID: unit,
                    title: title,
                    heldOn: Day(year: 2025, month: 12, day: 11)!,
                    place: "",
                    members: members,
                    nominations: [],
                    openedBy: nil
                )
            }
            await #expect(throws: CouncilError.emptyTitle) { try await open(title: "  ", members: Self.members) }
            await #expect(throws: CouncilError.tooLong(field: "Tên phiên họp", most: 300)) {
                try await open(title: String(repeating: "ạ", count: 301), members: Self.members)
            }
            await #expect(throws: CouncilError.unknownUser(999_999)) {
                try await open(title: "Phiên họp", members: [.init(fullName: "Nguyễn An", position: "Chủ tịch", userID: 999_999)])
            }
            // Nothing of the refused sessions was kept.
            #expect(try await db.scalar("SELECT count(*)::int FROM council_sessions", as: Int.self) == 1)
        }
    }

    @Test func secretBallotTakesTheCountingCommitteeTotals() async throws {
        let shipped = try String(contentsOf: TestDatabase.workflowsDirectory.appendingPathComponent("khen-thuong-2-cap@2025.yaml"), encoding: .utf8)
        let secret = shipped.replacingOccurrences(of: "id: khen-thuong-2-cap", with: "id: khen-thuong-kin")
            .replacingOccurrences(of: "ballot: open", with: "ballot: secret")
        try await Self.withNominationsAtCouncil(1, workflow: "khen-thuong-kin@2025", extraWorkflow: ("khen-thuong-kin@2025.yaml", secret)) {
            _,
            councils,
            nominations,
            unit in
            let session = try await Self.open(councils, unit: unit, nominations)
            try await councils.recordAttendance(CouncilSessionKey(provinceCode: "88", id: session), present: Set(1...7), recordedBy: nil)
            await #expect(throws: CouncilError.secretBallot(nomination: nominations[0].id, nominee: nominations[0].nomineeName)) {
                try await Self.vote(councils, session, nominations[0].id, yes: 1...1, no: nil)
            }
            await #expect(throws: CouncilError.self) {
                try await councils.recordSecretTally(
                    in: CouncilSessionKey(provinceCode: "88", id: session),
                    nominationID: nominations[0].id,
                    yes: 6,
                    no: 2,
                    recordedBy: nil
                )
            }
            try await councils.recordSecretTally(
                in: CouncilSessionKey(provinceCode: "88", id: session),
                nominationID: nominations[0].id,
                yes: 5,
                no: 2,
                recordedBy: nil
            )
            let read = try #require(try await councils.session(CouncilSessionKey(provinceCode: "88", id: session)))
            #expect(read.agenda[0].votes.isEmpty)
            #expect(read.agenda[0].rule.contains("bỏ phiếu kín"))
            #expect(read.agenda[0].result == "passed")
            let results = try await councils.close(CouncilSessionKey(provinceCode: "88", id: session), closedBy: nil)
            #expect(results.map(\.toState) == ["xa_cho_quyet_dinh"])
        }
    }
}
