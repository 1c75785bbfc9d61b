import DataFiles
import Foundation
import Geography
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import Workflow

/// A nomination to the commune Hội Khuyến học's Giấy khen runs through the association's own
/// process end to end: its clerk nominates, its reviewer checks, its Ban Thường vụ votes (its own
/// minutes), its chair signs a decision in its name and register. The People's Committee's staff
/// of the same commune act at no step of it.
@Suite struct AssociationAwardTests {
    static let workflow = "khen-thuong-hoi-khuyen-hoc@2025"

    /// A dossier of the commune association's process with its report, sent by its clerk and put
    /// to its Ban Thường vụ by its reviewer (through the store: the roles are given).
    static func atTheBanThuongVu(
        _ store: NominationStore,
        round: Int,
        unit: Int,
        award: String,
        kind: String,
        key: String,
        name: String,
        achievement: String
    ) async throws -> NominationStore.Nomination {
        var current = try await store.create(
            .init(
                provinceCode: "88",
                roundID: round,
                award: award,
                nomineeKind: kind,
                nomineeKey: key,
                nomineeName: name,
                unitID: unit,
                achievement: achievement
            ),
            createdBy: nil
        )
        try await store.attachDocument(
            to: current.key,
            kind: "bao_cao_thanh_tich",
            bytes: NominationAPITests.report,
            fileName: "bc.pdf",
            uploadedBy: nil,
            roles: [.submitter]
        )
        for (action, role) in [(Action.submit, Role.submitter), (.toCouncil, .reviewer)] {
            _ = try await store.act(
                current.key,
                action: action,
                expectedVersion: current.version,
                actorID: nil,
                roles: [role],
                comment: nil,
                idempotencyKey: nil
            )
            current = try #require(try await store.nomination(current.key))
        }
        return current
    }

    @Test func theAssociationsOwnProcessEndsInItsNumberedDecisionAndTheCommitteeActsAtNoStep() async throws {
        try await AppHarness.withApp { db, client in
            let round = try await db.nominationStore().createRound(
                provinceCode: "88",
                name: "Khen thưởng công tác khuyến học năm 2026",
                year: 2026,
                basis: "thematic",
                workflow: Self.workflow
            )
            let association = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            for (username, role, unit) in [
                ("hkh.vanphong", Role.submitter, "HKH-88201"), ("hkh.canbo", .reviewer, "HKH-88201"), ("hkh.thuky", .councilSecretary, "HKH-88201"),
                ("hkh.chutich", .chair, "HKH-88201"), ("ubnd.chuyenvien", .reviewer, "88201"), ("ubnd.chutich", .chair, "88201"),
            ] {
                try await accounts.create(
                    username: username,
                    fullName: "Người dùng \(username)",
                    password: AppHarness.password,
                    roles: [(role, unitCode: unit)]
                )
            }
            let nominee =
                #"{"roundID":\#(round),"award":"giay-khen-hoi-xa","nomineeKind":"individual","nomineeKey":"HV-017","nomineeName":"Võ Thị Thu","unitCode":"88201"}"#

            // The People's Committee's clerk does not nominate in the association's round.
            let committeeClerk = try await client.apiToken("xa.an.thi")
            let refused = try await NominationAPITests.post(client, "/api/v1/nominations", token: committeeClerk, json: nominee)
            #expect(refused.status == .forbidden)

            // The association's clerk nominates and submits.
            let clerk = try await client.apiToken("hkh.vanphong")
            let created = try await NominationAPITests.post(client, "/api/v1/nominations", token: clerk, json: nominee)
            #expect(created.status == .created)
            let id = try #require(try NominationAPITests.json(created)["nomination"] as? [String: Any])["id"] as! Int
            let upload = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/documents?kind=bao_cao_thanh_tich&name=bao-cao.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(clerk)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: NominationAPITests.report)
            )
            #expect(upload.status == .created)
            let submitted = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: clerk,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            #expect(submitted.status == .ok)

            // The commune's reviewer sees it (same commune) but may take no step of it.
            let committeeReviewer = try await client.apiToken("ubnd.chuyenvien")
            let seen = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)",
                method: .get,
                headers: [.authorization: "Bearer \(committeeReviewer)"]
            )
            #expect(seen.status == .ok)
            #expect(try NominationAPITests.json(seen)["allowedActions"] as? [String] == [])
            let notTheirs = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: committeeReviewer,
                json: #"{"action":"to_council","expectedVersion":2}"#
            )
            #expect(notTheirs.status == .forbidden)
            #expect(try await db.scalar("SELECT state FROM nominations WHERE id = \(id)", as: String.self) == "hoi_xa_kiem_tra")

            // The association's reviewer sends it to its Ban Thường vụ.
            let reviewer = try await client.apiToken("hkh.canbo")
            let toCouncil = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"to_council","expectedVersion":2}"#
            )
            #expect(toCouncil.status == .ok)

            // Its secretary opens the Ban Thường vụ's session: members are typed, none is taken
            // from the People's Committee's council.
            var secretary = CookieJar()
            _ = try await client.signIn("hkh.thuky", jar: &secretary)
            let sessions = try await client.execute(uri: "/council-sessions", method: .get, headers: secretary.header)
            #expect(sessions.text.contains("Ban Thường vụ Hội Khuyến học xã Ân Thi"))
            #expect(sessions.text.contains("Võ Thị Thu"))
            var fields: [(String, String)] = [
                ("unitCode", "to-chuc:HKH-88201"), ("title", "Phiên họp Ban Thường vụ xét khen thưởng"), ("heldOn", "25/11/2026"),
                ("startsAt", "08:00"), ("place", ""), ("n-\(id)", "on"),
            ]
            let noMembers = try await RegistrationPagesTests.post(client, "/council-sessions", fields + [("members", "")], jar: secretary)
            #expect(noMembers.status == .unprocessableContent)
            #expect(noMembers.text.contains("Ghi danh sách thành viên Ban Thường vụ Hội Khuyến học xã Ân Thi dự phiên họp"))
            // What was typed and ticked comes back with the reason.
            #expect(noMembers.text.contains("name=\"n-\(id)\" value=\"on\" checked"))
            #expect(noMembers.text.contains("Thành viên Ban Thường vụ dự họp (bắt buộc)"))
            fields.append(
                ("members", "Mai Thị Hồng | Chủ tịch Hội | Chủ tịch\nKiều Văn Tâm | Phó Chủ tịch Hội | Thư ký\nLê Văn Sơn | Ủy viên Ban Thường vụ")
            )
            let opened = try await RegistrationPagesTests.post(client, "/council-sessions", fields, jar: secretary)
            let location = try #require(opened.headers[.location])
            #expect(location.hasPrefix("/council-sessions/88/"))
            let session = String(location.prefix { $0 != "?" })
            for (path, body) in [
                ("/attendance", [("present-1", "on"), ("present-2", "on"), ("present-3", "on")]), ("/votes", [("all-yes", "on")]),
                ("/close", [("endsAt", "09:00")]),
            ] {
                let done = try await RegistrationPagesTests.post(client, session + path, body, jar: secretary)
                #expect(done.status == .seeOther || done.status == .found, "\(path): \(done.text.prefix(300))")
            }
            #expect(try await db.scalar("SELECT state FROM nominations WHERE id = \(id)", as: String.self) == "hoi_xa_cho_quyet_dinh")
            let minutes = try await client.execute(uri: session + "/minutes", method: .get, headers: secretary.header)
            #expect(minutes.text.contains("01/BB-HKH"))
            #expect(minutes.text.contains("BAN THƯỜNG VỤ"))
            #expect(minutes.text.contains("Họp Ban Thường vụ Hội Khuyến học xã Ân Thi"))
            #expect(!minutes.text.contains("HỘI ĐỒNG THI ĐUA"))

            // The commune's chair drafts none of it; the association's reviewer does.
            var committeeChair = CookieJar()
            _ = try await client.signIn("ubnd.chutich", jar: &committeeChair)
            let notDrafted = try await RegistrationPagesTests.post(
                client,
                "/decisions",
                [("unitCode", "88201"), ("roundID", String(round)), ("award", "giay-khen-hoi-xa")],
                jar: committeeChair
            )
            #expect(notDrafted.status == .forbidden)
            var drafter = CookieJar()
            _ = try await client.signIn("hkh.canbo", jar: &drafter)
            let drafted = try await RegistrationPagesTests.post(
                client,
                "/decisions",
                [("unitCode", "88201"), ("roundID", String(round)), ("award", "giay-khen-hoi-xa")],
                jar: drafter
            )
            let decision = try #require(drafted.headers[.location]).prefix { $0 != "?" }

            // Only the association's chair signs; the number is the first of its own register.
            let issueFields = [("issuedOn", "26/11/2026"), ("number", ""), ("signerName", "Mai Thị Hồng"), ("signerTitle", "CHỦ TỊCH")]
            let notSigned = try await RegistrationPagesTests.post(client, decision + "/issue", issueFields, jar: committeeChair)
            #expect(notSigned.status == .forbidden)
            var chair = CookieJar()
            _ = try await client.signIn("hkh.chutich", jar: &chair)
            let home = try await client.execute(uri: "/", method: .get, headers: chair.header)
            #expect(home.text.contains("Dự thảo quyết định chờ ký"))
            let list = try await client.execute(uri: "/decisions", method: .get, headers: chair.header)
            #expect(list.text.contains("Về việc tặng Giấy khen của Hội Khuyến học xã Ân Thi"))
            let issued = try await RegistrationPagesTests.post(client, decision + "/issue", issueFields, jar: chair)
            #expect(issued.status == .seeOther || issued.status == .found, "\(issued.text.prefix(300))")
            #expect(try await db.scalar("SELECT state FROM nominations WHERE id = \(id)", as: String.self) == "hoi_da_khen_thuong")
            #expect(try await db.scalar("SELECT number || '/' || symbol FROM decisions", as: String.self) == "1/QĐ-HKH")
            #expect(try await db.scalar("SELECT organisation_id::int FROM decisions", as: Int.self) == association.id)
            let file = try await client.execute(uri: "/api/v1\(decision)/export?format=docx", method: .get, headers: chair.header)
            let text = try await DocxText.of(Array(buffer: file.body))
            #expect(text.contains("HỘI KHUYẾN HỌC XÃ ÂN THI"))
            #expect(text.contains("CHỦ TỊCH HỘI KHUYẾN HỌC XÃ ÂN THI"))
            #expect(text.contains("Căn cứ Điều lệ Hội Khuyến học Việt Nam;"))
            #expect(text.contains("Xét đề nghị của Ban Thường vụ Hội Khuyến học xã Ân Thi."))
            #expect(text.contains("Tặng Giấy khen của Hội Khuyến học xã Ân Thi cho 1 cá nhân"))
            #expect(text.contains("Võ Thị Thu"))
            #expect(!text.contains("ỦY BAN NHÂN DÂN"))

            // Its Giấy khen print on the association's own stock, in its name.
            let layouts = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("certificate-layouts")
            _ = try await CertificateStore(client: db.client, logger: TestDatabase.logger).load(files: try DataFileCatalog.files(in: layouts))
            let certificates = try await client.execute(uri: decision + "/certificates", method: .get, headers: chair.header)
            #expect(certificates.status == .ok)
            #expect(certificates.text.contains("CHỦ TỊCH HỘI KHUYẾN HỌC XÃ ÂN THI"))
            #expect(certificates.text.contains("Giấy khen, Bằng khen của Hội Khuyến học (phôi A4 ngang) — 1 tờ"))
        }
    }

    @Test func thePeoplesCommitteesCouncilDoesNotTakeTheAssociationsNominations() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "Hội 2026", year: 2026, basis: "thematic", workflow: Self.workflow)
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_to IS NULL", as: Int.self))
            let current = try await Self.atTheBanThuongVu(
                store,
                round: round,
                unit: unit,
                award: "giay-khen-hoi-xa",
                kind: "collective",
                key: "CHKH-01",
                name: "Chi hội Khuyến học thôn Trung",
                achievement: "Trao 45 suất học bổng cho học sinh vượt khó."
            )
            #expect(current.state == "hoi_xa_ban_thuong_vu")
            _ = try await CouncilStore(client: db.client, logger: TestDatabase.logger).save(
                unitID: unit,
                foundingDecision: "Quyết định số 5/QĐ-UBND",
                members: [.init(fullName: "Lý Văn Đức", position: "Chủ tịch UBND xã", role: .chair)],
                by: nil
            )
            let sessions = CouncilSessionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            await #expect(
                throws: CouncilError.otherBodysProcess(
                    nominee: "Chi hội Khuyến học thôn Trung",
                    process: "Khen thưởng của Hội Khuyến học (cấp xã – cấp tỉnh)"
                )
            ) {
                _ = try await sessions.open(
                    provinceCode: "88",
                    unitID: unit,
                    title: "Phiên họp Hội đồng",
                    heldOn: Day(year: 2026, month: 11, day: 25)!,
                    place: "",
                    members: [],
                    nominations: [current.id],
                    openedBy: nil
                )
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM council_sessions", as: Int.self) == 0)
        }
    }
}

extension AssociationAwardTests {
    /// The API opens the association's Ban Thường vụ session as the page does, and refuses one
    /// who is not its secretary.
    @Test func theAPIOpensTheAssociationsSessionOnlyForItsSecretary() async throws {
        try await AppHarness.withApp { db, client in
            let round = try await db.nominationStore().createRound(
                provinceCode: "88",
                name: "Khen thưởng của Hội 2026",
                year: 2026,
                basis: "thematic",
                workflow: Self.workflow
            )
            _ = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            for (username, role) in [("hkh.vanphong", Role.submitter), ("hkh.canbo", .reviewer), ("hkh.thuky", .councilSecretary)] {
                try await accounts.create(
                    username: username,
                    fullName: "Cán bộ Hội",
                    password: AppHarness.password,
                    roles: [(role, unitCode: "HKH-88201")]
                )
            }
            let clerk = try await client.apiToken("hkh.vanphong")
            let created = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: clerk,
                json:
                    #"{"roundID":\#(round),"award":"giay-khen-hoi-xa","nomineeKind":"collective","nomineeKey":"CHKH-02","nomineeName":"Chi hội thôn Đông","unitCode":"88201"}"#
            )
            let id = try #require(try NominationAPITests.json(created)["nomination"] as? [String: Any])["id"] as! Int
            _ = try await client.execute(
                uri: "/api/v1/nominations/88/\(id)/documents?kind=bao_cao_thanh_tich&name=bao-cao.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(clerk)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: NominationAPITests.report)
            )
            _ = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: clerk,
                json: #"{"action":"submit","expectedVersion":1}"#
            )
            let reviewer = try await client.apiToken("hkh.canbo")
            _ = try await NominationAPITests.post(
                client,
                "/api/v1/nominations/88/\(id)/actions",
                token: reviewer,
                json: #"{"action":"to_council","expectedVersion":2}"#
            )
            let body =
                #"{"unitCode":"88201","organisationCode":"HKH-88201","title":"Ban Thường vụ xét","heldOn":"25/11/2026","nominationIDs":[\#(id)],"members":[{"fullName":"Mai Thị Hồng","role":"chair"},{"fullName":"Kiều Văn Tâm","role":"secretary"}]}"#
            let refused = try await NominationAPITests.post(client, "/api/v1/council-sessions", token: reviewer, json: body)
            #expect(refused.status == .forbidden)
            // An account of another body cannot be made a voting member of the Ban Thường vụ.
            let committeeAccount = try #require(try await db.scalar("SELECT id FROM users WHERE username = 'xa.an.thi'", as: Int.self))
            let outsider = try await NominationAPITests.post(
                client,
                "/api/v1/council-sessions",
                token: try await client.apiToken("hkh.thuky"),
                json: body.replacingOccurrences(
                    of: #"{"fullName":"Mai Thị Hồng","role":"chair"}"#,
                    with: #"{"fullName":"Trần Văn Thi","role":"chair","userID":\#(committeeAccount)}"#
                )
            )
            #expect(outsider.status == .unprocessableContent)
            #expect(outsider.text.contains("không thuộc Ban Thường vụ Hội Khuyến học xã Ân Thi"))
            let opened = try await NominationAPITests.post(
                client,
                "/api/v1/council-sessions",
                token: try await client.apiToken("hkh.thuky"),
                json: body
            )
            #expect(opened.status == .created, "\(opened.text)")
            let organisation = try #require(try NominationAPITests.json(opened)["organisation"] as? [String: Any])
            #expect(organisation["name"] as? String == "Hội Khuyến học xã Ân Thi")
        }
    }
}

extension AssociationAwardTests {
    /// The commune association's Ban Thường vụ passes a nomination for the province association's
    /// Bằng khen: it goes up with a tờ trình of the association (its header, its charter, its
    /// minutes, addressed to the province association's Ban Thường vụ), not the People's Committee's.
    @Test func theAssociationForwardsToTheProvinceAssociationWithItsOwnMemo() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            _ = try await db.addAssociation(unit: "88", name: "Hội Khuyến học tỉnh Hưng Yên")
            let commune = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi", parent: "HKH-88")
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "Hội 2026", year: 2026, basis: "thematic", workflow: Self.workflow)
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_to IS NULL", as: Int.self))
            let current = try await Self.atTheBanThuongVu(
                store,
                round: round,
                unit: unit,
                award: "bang-khen-hoi-tinh",
                kind: "individual",
                key: "HV-001",
                name: "Đặng Thị Mai",
                achievement: "Năm năm liền vận động xây dựng Quỹ khuyến học."
            )
            let sessions = CouncilSessionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            let key = CouncilSessionKey(
                provinceCode: "88",
                id: try await sessions.open(
                    provinceCode: "88",
                    unitID: unit,
                    title: "Ban Thường vụ xét",
                    heldOn: Day(year: 2026, month: 11, day: 25)!,
                    place: "",
                    members: [
                        .init(fullName: "Mai Thị Hồng", position: "Chủ tịch Hội", role: .chair), .init(fullName: "Kiều Văn Tâm", role: .secretary),
                    ],
                    nominations: [current.id],
                    openedBy: nil,
                    organisation: commune
                )
            )
            try await sessions.recordAttendance(key, present: [1, 2], recordedBy: nil)
            try await sessions.recordVotes(in: key, [(current.id, 1, .yes), (current.id, 2, .yes)], recordedBy: nil, asSecretary: true)
            let results = try await sessions.close(key, closedBy: nil)
            #expect(results.map(\.toState) == ["hoi_tinh_tiep_nhan"])
            let memo = try #require(try await store.documents(of: current.key).first { $0.kind == "to_trinh" })
            let file = try #require(try await store.documentFile(of: current.key, sha256: memo.sha256))
            let text = try await DocxText.of(file.content)
            for expected in [
                "HỘI KHUYẾN HỌC TỈNH HƯNG YÊN", "HỘI KHUYẾN HỌC XÃ ÂN THI", "/TTr-HKH", "Kính gửi: Ban Thường vụ Hội Khuyến học tỉnh Hưng Yên",
                "Căn cứ Điều lệ Hội Khuyến học Việt Nam;", "Căn cứ Biên bản số 01/BB-HKH ngày 25/11/2026 của Ban Thường vụ Hội Khuyến học xã Ân Thi;",
                "Bằng khen của Hội Khuyến học cấp tỉnh", "Đặng Thị Mai", "TM. BAN THƯỜNG VỤ",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(!text.contains("ỦY BAN NHÂN DÂN"))
        }
    }
}
