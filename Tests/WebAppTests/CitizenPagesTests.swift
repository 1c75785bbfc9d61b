import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// A citizen updates their own "Công dân học tập" self-assessment: commune staff hand out an
/// invitation, the citizen makes an account with it and fills the questionnaire; the account
/// reaches nothing else.
@Suite struct CitizenPagesTests {
    static let answers: [(String, String)] = (1...3).flatMap { group in (1...4).map { ("answer-\(group).\($0)", "2") } }

    /// A registered citizen and the invitation code the commune's clerk made for them.
    static func invited(_ db: TestDatabase, _ client: any TestClientProtocol) async throws -> (code: String, registration: Int, staff: CookieJar) {
        try await db.loadShippedCriteria()
        var staff = CookieJar()
        _ = try await client.signIn("xa.an.thi", jar: &staff)
        let registered = try await RegistrationPagesTests.post(
            client,
            "/units/88201/registrations",
            [("set", "cong-dan-hoc-tap"), ("year", "2026"), ("unit", "88201"), ("key", "001085012345"), ("name", "Lê Thị Hạnh")],
            jar: staff
        )
        #expect(registered.status == .ok)
        let id = try #require(try await db.scalar("SELECT id::int FROM registrations WHERE subject_key = '001085012345'", as: Int.self))
        let page = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: staff.header)
        #expect(page.text.contains("Tạo mã mời công dân tự đánh giá"))
        let invited = try await RegistrationPagesTests.post(client, "/registrations/88/\(id)/invitation", [], jar: staff)
        #expect(invited.status == .ok)
        let code = try #require(invited.text.firstMatch(of: /class="invitation-code">([A-Z0-9-]+)</)).1
        #expect(invited.text.contains("/cong-dan/kich-hoat?ma="))
        return (String(code), id, staff)
    }

    static func claim(_ client: any TestClientProtocol, code: String, username: String, jar: inout CookieJar) async throws -> TestResponse {
        let page = try await client.execute(uri: "/cong-dan/kich-hoat", method: .get, headers: jar.header)
        jar.take(page)
        let response = try await RegistrationPagesTests.post(
            client,
            "/cong-dan/kich-hoat",
            [("code", code), ("username", username), ("password", "mat-khau-cong-dan"), ("confirm", "mat-khau-cong-dan")],
            jar: jar
        )
        jar.take(response)
        return response
    }

    @Test func aCitizenMakesAnAccountWithTheInvitationAndFillsTheirOwnQuestionnaire() async throws {
        try await AppHarness.withApp { db, client in
            let (code, id, staff) = try await Self.invited(db, client)
            var citizen = CookieJar()
            // The code as people type it: lower case, without the dashes.
            let made = try await Self.claim(
                client,
                code: code.lowercased().replacingOccurrences(of: "-", with: ""),
                username: "001085012345",
                jar: &citizen
            )
            #expect(made.status == .seeOther || made.status == .found)
            #expect(made.headers[.location] == "/cong-dan?da=kich-hoat")
            let home = try await client.execute(uri: "/cong-dan", method: .get, headers: citizen.header)
            #expect(home.status == .ok)
            #expect(home.text.contains("Lê Thị Hạnh"))
            #expect(home.text.contains("Điền phiếu tự đánh giá"))

            // One question left empty: refused, the error beside it, nothing stored.
            let partial = try await RegistrationPagesTests.post(
                client,
                "/cong-dan/phieu",
                Self.answers.filter { $0.0 != "answer-2.3" },
                jar: citizen
            )
            #expect(partial.status == .unprocessableContent)
            #expect(partial.text.components(separatedBy: "class=\"field-error\"").count == 2)
            #expect(partial.text.contains("Chưa trả lời câu này."))
            #expect(partial.text.contains("href=\"#q-2.3\""), "the message leads to the question")
            #expect(try await db.scalar("SELECT count(*)::int FROM registrations WHERE self_answers IS NOT NULL", as: Int.self) == 0)

            let saved = try await RegistrationPagesTests.post(client, "/cong-dan/phieu", Self.answers, jar: citizen)
            // Saved, then to the citizen's page: Back and Refresh never send the form again.
            #expect(saved.headers[.location] == "/cong-dan?da=luu")
            let after = try await client.execute(uri: "/cong-dan?da=luu", method: .get, headers: citizen.header)
            #expect(after.text.contains("Đã lưu phiếu tự đánh giá. Cán bộ xã, phường sẽ thẩm định"))
            #expect(after.text.contains("24/24"))
            #expect(after.text.contains("anh/chị tự nhập"))

            // The commune's staff see that the citizen answered, from their own account.
            let staffView = try await client.execute(uri: "/registrations/88/\(id)", method: .get, headers: staff.header)
            #expect(staffView.text.contains("công dân tự nhập bằng tài khoản riêng"))
            #expect(staffView.text.contains("<code>001085012345</code>"))
            #expect(!staffView.text.contains("Tạo mã mời"))
        }
    }

    @Test func aCitizensAccountReachesNothingButTheirOwnPages() async throws {
        try await AppHarness.withApp { db, client in
            let (code, id, staff) = try await Self.invited(db, client)
            var citizen = CookieJar()
            _ = try await Self.claim(client, code: code, username: "hanh.le", jar: &citizen)
            for uri in ["/queue", "/registrations/88/\(id)", "/units/88201/registrations", "/lookup?q=le+thi", "/account", "/api/v1/queue"] {
                let response = try await client.execute(uri: uri, method: .get, headers: citizen.header)
                #expect(response.status == .notFound, "\(uri): \(response.status)")
            }
            let write = try await RegistrationPagesTests.post(
                client,
                "/registrations/88/\(id)/self-assessment",
                [("set", "cong-dan-hoc-tap@2021")] + Self.answers,
                jar: citizen
            )
            #expect(write.status == .notFound)
            // Home is their own page.
            let root = try await client.execute(uri: "/", method: .get, headers: citizen.header)
            #expect(root.headers[.location] == "/cong-dan")
            // And staff have no citizen page.
            let staffTry = try await client.execute(uri: "/cong-dan", method: .get, headers: staff.header)
            #expect(staffTry.status == .notFound)
            // No role can be given to the account, even in the database.
            let userID = try #require(try await db.scalar("SELECT id::int FROM users WHERE username = 'hanh.le'", as: Int.self))
            await #expect(throws: (any Error).self) {
                try await db.client.query(
                    "INSERT INTO user_roles (user_id, role, unit_id) SELECT \(userID), 'reviewer', id FROM admin_units LIMIT 1",
                    logger: TestDatabase.logger
                )
            }
        }
    }

    @Test func aUsedWrongOrExpiredCodeIsRefusedAlikeRevealingNothingAndGuessesAreThrottled() async throws {
        try await AppHarness.withApp { db, client in
            let (code, id, staff) = try await Self.invited(db, client)
            var first = CookieJar()
            _ = try await Self.claim(client, code: code, username: "hanh.le", jar: &first)
            var second = CookieJar()
            let used = try await Self.claim(client, code: code, username: "someone.else", jar: &second)
            #expect(used.status == .unprocessableContent)
            #expect(used.text.contains("Mã mời không đúng, đã được dùng hoặc đã hết hạn"))
            #expect(!used.text.contains("Lê Thị Hạnh"))
            #expect(!used.text.contains("001085012345"))
            // A citizen who forgot their password gets a new code from the commune: it sets a new
            // password on the same account (the name typed is ignored) and ends its sessions.
            let again = try await RegistrationPagesTests.post(client, "/registrations/88/\(id)/invitation", [], jar: staff)
            #expect(again.status == .ok)
            #expect(again.text.contains("<code>hanh.le</code>"))
            let newCode = try #require(again.text.firstMatch(of: /class="invitation-code">([A-Z0-9-]+)</)).1
            var reset = CookieJar()
            let page = try await client.execute(uri: "/cong-dan/kich-hoat", method: .get, headers: reset.header)
            reset.take(page)
            let resetDone = try await RegistrationPagesTests.post(
                client,
                "/cong-dan/kich-hoat",
                [("code", String(newCode)), ("username", "ignored.name"), ("password", "mat-khau-moi-hanh"), ("confirm", "mat-khau-moi-hanh")],
                jar: reset
            )
            #expect(resetDone.headers[.location] == "/cong-dan?da=dat-lai")
            reset.take(resetDone)
            let welcome = try await client.execute(uri: "/cong-dan?da=dat-lai", method: .get, headers: reset.header)
            #expect(welcome.text.contains("Tên đăng nhập của anh/chị: hanh.le."))
            #expect(try await client.execute(uri: "/cong-dan", method: .get, headers: first.header).status != .ok, "the old session ended")
            var oldPassword = CookieJar()
            #expect(try await client.signIn("hanh.le", password: "mat-khau-cong-dan", jar: &oldPassword).status == .unauthorized)
            #expect(try await db.scalar("SELECT count(*)::int FROM users WHERE username = 'ignored.name'", as: Int.self) == 0)

            // An expired code reads the same as a wrong one.
            try await db.client.query(
                """
                INSERT INTO registrations (province_code, set_id, subject_key, subject_name, unit_id, year)
                SELECT '88', 'cong-dan-hoc-tap', '001085099999', 'Đinh Văn Tư', unit_id, year FROM registrations WHERE id = \(id)
                """,
                logger: TestDatabase.logger
            )
            let other = try #require(try await db.scalar("SELECT id::int FROM registrations WHERE subject_key = '001085099999'", as: Int.self))
            let invited = try await RegistrationPagesTests.post(client, "/registrations/88/\(other)/invitation", [], jar: staff)
            let otherCode = try #require(invited.text.firstMatch(of: /class="invitation-code">([A-Z0-9-]+)</)).1
            try await db.client.query(
                "UPDATE citizen_invitations SET created_at = now() - interval '20 days', expires_at = now() - interval '1 second' WHERE registration_id = \(other)",
                logger: TestDatabase.logger
            )
            var late = CookieJar()
            let expired = try await Self.claim(client, code: String(otherCode), username: "dinh.tu", jar: &late)
            #expect(expired.status == .unprocessableContent)
            #expect(expired.text.contains("Mã mời không đúng, đã được dùng hoặc đã hết hạn"))
            #expect(try await db.scalar("SELECT count(*)::int FROM users WHERE username IN ('someone.else', 'dinh.tu')", as: Int.self) == 0)

            // Guessing codes: after the free attempts, the address waits.
            var guesser = CookieJar()
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<12 {
                statuses.append(try await Self.claim(client, code: "AAA-BBB-CCC-\(100 + attempt)", username: "guess\(attempt)", jar: &guesser).status)
            }
            #expect(statuses.contains(.tooManyRequests))
        }
    }
}

/// What the attack probe of 02/12/2026 found, kept found.
@Suite struct CitizenProbeFindingsTests {
    @Test func anInvitationIsMadeOnlyWithTheFormsCSRFToken() async throws {
        try await AppHarness.withApp { db, client in
            let (_, id, staff) = try await CitizenPagesTests.invited(db, client)
            var headers = staff.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: "/registrations/88/\(id)/invitation",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "x=1")
            )
            #expect(forged.status == .forbidden)
            #expect(try await db.scalar("SELECT count(*)::int FROM citizen_invitations", as: Int.self) == 1)
        }
    }

    @Test func aCitizensAccountGetsNoAPIToken() async throws {
        try await AppHarness.withApp { db, client in
            let (code, _, _) = try await CitizenPagesTests.invited(db, client)
            var citizen = CookieJar()
            _ = try await CitizenPagesTests.claim(client, code: code, username: "hanh.le", jar: &citizen)
            let login = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"hanh.le","password":"mat-khau-cong-dan"}"#)
            )
            #expect(login.status == .unauthorized)
            #expect(!login.text.contains("token"))
        }
    }

    @Test func everyMistakeOfTheQuestionnaireIsMarkedAtOnceAndUnknownFieldsAreDropped() async throws {
        try await AppHarness.withApp { db, client in
            let (code, _, _) = try await CitizenPagesTests.invited(db, client)
            var citizen = CookieJar()
            _ = try await CitizenPagesTests.claim(client, code: code, username: "hanh.le", jar: &citizen)
            var answers = CitizenPagesTests.answers.filter { $0.0 != "answer-2.3" }
            answers = answers.map { $0.0 == "answer-1.1" ? ($0.0, "7") : $0 }
            let both = try await RegistrationPagesTests.post(client, "/cong-dan/phieu", answers, jar: citizen)
            #expect(both.status == .unprocessableContent)
            #expect(both.text.components(separatedBy: "class=\"field-error\"").count == 3, "the empty and the unreadable answer, together")
            // A field no question has is not an error the citizen could find: it is dropped.
            let extra = try await RegistrationPagesTests.post(
                client,
                "/cong-dan/phieu",
                CitizenPagesTests.answers + [("answer-9.9", "2")],
                jar: citizen
            )
            #expect(extra.headers[.location] == "/cong-dan?da=luu")
        }
    }
}
