import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import Workflow

@Suite struct CouncilSessionAPITests {
    /// A round, a nomination of Xã An Hòa waiting at the commune council, its secretary and a
    /// member with an account.
    static func withNominationAtCouncil(_ body: @Sendable (TestDatabase, any TestClientProtocol, Int, Int) async throws -> Void) async throws {
        try await NominationAPITests.withRound { db, client in
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "thuky.anhoa",
                fullName: "Lê Thị Thư",
                password: AppHarness.password,
                roles: [(.councilSecretary, unitCode: "88101")]
            )
            let member = try await accounts.create(
                username: "uyvien.anhoa",
                fullName: "Đỗ Văn Viên",
                password: AppHarness.password,
                roles: [(.councilMember, unitCode: "88101")]
            )
            let store = try await db.nominationStore()
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: 1,
                    award: "giay-khen-xa",
                    nomineeKind: "individual",
                    nomineeKey: "CD-9",
                    nomineeName: "Vũ Thị Mai",
                    unitID: unit
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: nomination.id),
                kind: "bao_cao_thanh_tich",
                bytes: NominationAPITests.report,
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
            try await body(db, client, nomination.id, member)
        }
    }

    static func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, json: String = "") async throws
        -> TestResponse
    {
        try await client.execute(
            uri: uri,
            method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: json)
        )
    }

    @Test func secretaryRunsASessionWhereAMemberVotesForHimself() async throws {
        try await Self.withNominationAtCouncil { db, client, nomination, memberUser in
            let secretary = try await client.apiToken("thuky.anhoa")
            let member = try await client.apiToken("uyvien.anhoa")
            let reviewer = try await client.apiToken("xa.an.hoa")
            let outsider = try await client.apiToken("xa.an.thi")
            let open = """
                {"unitCode":"88101","title":"Phiên họp Hội đồng TĐKT xã An Hòa","heldOn":"10/12/2025","place":"UBND xã",
                 "members":[{"fullName":"Nguyễn Văn Chủ","position":"Chủ tịch Hội đồng"},{"fullName":"Đỗ Văn Viên","position":"Ủy viên","userID":\(memberUser)},
                            {"fullName":"Ủy viên 3"},{"fullName":"Ủy viên 4"},{"fullName":"Ủy viên 5"}],
                 "nominationIDs":[\(nomination)]}
                """
            #expect(try await Self.send(client, .post, "/api/v1/council-sessions", token: reviewer, json: open).status == .forbidden)
            let created = try await Self.send(client, .post, "/api/v1/council-sessions", token: secretary, json: open)
            #expect(created.status == .created)
            let session = try #require(try NominationAPITests.json(created)["id"] as? Int)
            let base = "/api/v1/council-sessions/88/\(session)"

            #expect(try await Self.send(client, .put, base + "/attendance", token: secretary, json: #"{"present":[1,2,3,4]}"#).status == .ok)
            let own = try await Self.send(
                client,
                .post,
                base + "/votes",
                token: member,
                json: #"{"nominationID":\#(nomination),"member":2,"vote":"yes"}"#
            )
            #expect(own.status == .ok)
            let forged = try await Self.send(
                client,
                .post,
                base + "/votes",
                token: member,
                json: #"{"nominationID":\#(nomination),"member":3,"vote":"no"}"#
            )
            #expect(forged.status == .forbidden)
            for number in [1, 3] {
                let recorded = try await Self.send(
                    client,
                    .post,
                    base + "/votes",
                    token: secretary,
                    json: #"{"nominationID":\#(nomination),"member":\#(number),"vote":"yes"}"#
                )
                #expect(recorded.status == .ok)
            }
            let read = try await Self.send(client, .get, base, token: secretary)
            let agenda = try #require(try NominationAPITests.json(read)["agenda"] as? [[String: Any]])
            #expect(agenda.first?["result"] as? String == "passed")
            #expect(agenda.first?["yes"] as? Int == 3)

            #expect(try await Self.send(client, .get, base, token: outsider).status == .notFound)
            #expect(try await Self.send(client, .post, base + "/close", token: member).status == .forbidden)
            let closed = try await Self.send(client, .post, base + "/close", token: secretary)
            #expect(closed.status == .ok)
            #expect(try NominationAPITests.json(closed)["isClosed"] as? Bool == true)
            #expect(try await db.scalar("SELECT state FROM nominations WHERE id = \(nomination)", as: String.self) == "xa_cho_quyet_dinh")
            let late = try await Self.send(client, .put, base + "/attendance", token: secretary, json: #"{"present":[1]}"#)
            #expect(late.status == .conflict)
            #expect(late.text.contains("Phiên họp đã kết thúc"))
        }
    }

    @Test func theRosterKeptThroughTheAPIOpensSessionsAndTheMinutesComeAsWord() async throws {
        try await Self.withNominationAtCouncil { db, client, nomination, _ in
            let secretary = try await client.apiToken("thuky.anhoa")
            let reviewer = try await client.apiToken("xa.an.hoa")
            let roster = """
                {"foundingDecision":"Quyết định số 45/QĐ-UBND ngày 02/07/2025",
                 "members":[{"fullName":"Nguyễn Văn Chủ","position":"Chủ tịch UBND xã","role":"chair"},
                            {"fullName":"Lê Thị Thư","role":"secretary","username":"thuky.anhoa"},
                            {"fullName":"Đỗ Văn Viên","username":"uyvien.anhoa"}]}
                """
            #expect(try await Self.send(client, .put, "/api/v1/councils/88101", token: reviewer, json: roster).status == .forbidden)
            let twoChairs = roster.replacingOccurrences(of: #""role":"secretary""#, with: #""role":"chair""#)
            let refused = try await Self.send(client, .put, "/api/v1/councils/88101", token: secretary, json: twoChairs)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Hội đồng chỉ có một Chủ tịch Hội đồng"))
            let unknownRole = try await Self.send(
                client,
                .put,
                "/api/v1/councils/88101",
                token: secretary,
                json: #"{"members":[{"fullName":"A","role":"boss"}]}"#
            )
            #expect(unknownRole.status == .unprocessableContent)
            #expect(unknownRole.text.contains("members[0].role"))
            let saved = try await Self.send(client, .put, "/api/v1/councils/88101", token: secretary, json: roster)
            #expect(saved.status == .ok)
            let members = try #require(try NominationAPITests.json(saved)["members"] as? [[String: Any]])
            #expect(members.map { $0["role"] as? String } == ["chair", "secretary", "member"])
            #expect(members[2]["username"] as? String == "uyvien.anhoa")
            let read = try await Self.send(client, .get, "/api/v1/councils/88101", token: reviewer)
            #expect(try NominationAPITests.json(read)["foundingDecision"] as? String == "Quyết định số 45/QĐ-UBND ngày 02/07/2025")

            let open = #"{"unitCode":"88101","title":"Phiên họp tháng 12","heldOn":"10/12/2025","startsAt":"14:00","nominationIDs":[\#(nomination)]}"#
            let created = try await Self.send(client, .post, "/api/v1/council-sessions", token: secretary, json: open)
            #expect(created.status == .created)
            let session = try NominationAPITests.json(created)
            #expect((session["members"] as? [[String: Any]])?.count == 3)
            #expect(session["startsAt"] as? String == "14:00")
            let base = "/api/v1/council-sessions/88/\(try #require(session["id"] as? Int))"
            let word = try await Self.send(client, .get, base + "/minutes?format=docx", token: secretary)
            #expect(word.status == .ok)
            #expect(word.headers[.contentType] == FileKind.docx.rawValue)
            #expect(word.headers[.contentDisposition]?.contains("bien-ban-tam-2025.docx") == true)
            let odt = try await Self.send(client, .get, base + "/minutes?format=odt", token: secretary)
            #expect(odt.status == .unprocessableContent)
            _ = db
        }
    }
}
