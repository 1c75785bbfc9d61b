import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct AccountTests {
    private func accounts(_ db: TestDatabase) -> AccountRepository {
        AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
    }

    @Test func rightPasswordAuthenticatesAndWrongOneDoesNot() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            try await accounts(db).create(
                username: "xa.canbo",
                fullName: "Nguyễn Văn An",
                password: "mat-khau-dai-1",
                roles: [(.submitter, unitCode: "88101")]
            )
            let account = try #require(try await accounts(db).authenticate(username: "XA.CANBO", password: "mat-khau-dai-1"))
            #expect(account.fullName == "Nguyễn Văn An")
            #expect(account.grants.map(\.role) == [.submitter])
            #expect(try await accounts(db).authenticate(username: "xa.canbo", password: "sai-mat-khau") == nil)
            #expect(try await accounts(db).authenticate(username: "khong.co", password: "mat-khau-dai-1") == nil)
            let hash = try await db.scalar("SELECT password_hash FROM users WHERE username = 'xa.canbo'", as: String.self)
            #expect(hash?.hasPrefix("$2b$") == true)
        }
    }

    @Test func roleNeedsAnExistingUnitAndNothingIsStoredOtherwise() async throws {
        try await TestDatabase.withFresh { db in
            await #expect(throws: AccountError.unknownUnit("12345")) {
                try await accounts(db).create(
                    username: "nguoi.moi",
                    fullName: "Lê Văn B",
                    password: "mat-khau-dai-1",
                    roles: [(.reviewer, unitCode: "12345")]
                )
            }
            let users = try await db.scalar("SELECT count(*)::int FROM users", as: Int.self)
            #expect(users == 0)
        }
    }

    @Test func communeRoleReachesItsVillagesAndReplacedCommunesButNotOtherCommunes() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            try await accounts(db).create(
                username: "xa.an.hoa",
                fullName: "Phạm Thị C",
                password: "mat-khau-dai-1",
                roles: [(.reviewer, unitCode: "88101")]
            )
            let account = try #require(try await accounts(db).authenticate(username: "xa.an.hoa", password: "mat-khau-dai-1"))
            func id(_ code: String, from: String) async throws -> Int {
                try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = \(code) AND valid_from = \(from)::date", as: Int.self))
            }
            #expect(try await accounts(db).canAccess(account, unitID: try await id("88101001", from: "2025-07-01")))
            #expect(try await accounts(db).canAccess(account, unitID: try await id("88102", from: "2008-01-01")))
            #expect(try await !accounts(db).canAccess(account, unitID: try await id("88201", from: "2025-07-01")))
            #expect(try await !accounts(db).canAccess(account, unitID: try await id("88", from: "2008-01-01")))
        }
    }

    @Test func shortPasswordsAndBadUsernamesAreRefused() async throws {
        try await TestDatabase.withFresh { db in
            await #expect(throws: AccountError.weakPassword) {
                try await accounts(db).create(username: "ngan", fullName: "A", password: "ngan", roles: [(.systemAdmin, unitCode: nil)])
            }
            await #expect(throws: AccountError.invalidUsername("có dấu")) {
                try await accounts(db).create(username: "Có Dấu", fullName: "A", password: "mat-khau-dai-1", roles: [])
            }
            await #expect(throws: AccountError.invalidUsername("abc\n")) {
                try await accounts(db).create(username: "abc\n", fullName: "A", password: "mat-khau-dai-1", roles: [])
            }
            await #expect(throws: AccountError.noUnitForSystemAdmin) {
                try await accounts(db).create(username: "quantri", fullName: "A", password: "mat-khau-dai-1", roles: [(.systemAdmin, unitCode: "88")])
            }
            let users = try await db.scalar("SELECT count(*)::int FROM users", as: Int.self)
            #expect(users == 0)
        }
    }

    @Test func throttleAdmitsTheFreeAttemptsThenMakesEachWaitAndForgets() async throws {
        try await TestDatabase.withFresh { db in
            let throttle = LoginThrottle(client: db.client, logger: TestDatabase.logger)
            let rule = LoginThrottle.Rule(key: "user+ip:a|1.2.3.4", freeAttempts: 3, decaySeconds: 60)
            for _ in 0..<3 { #expect(try await throttle.admit([rule]) == nil) }
            let wait = try #require(try await throttle.admit([rule]))
            #expect((55...60).contains(wait))
            #expect(try #require(try await throttle.admit([rule])) > 60)
            // Over three minutes later the count has fallen by more than three: one attempt is free again.
            try await db.client.query("UPDATE login_throttle SET updated_at = updated_at - interval '200 seconds'")
            #expect(try await throttle.admit([rule]) == nil)
            try await throttle.succeeded([rule], forgetting: [rule.key])
            for _ in 0..<3 { #expect(try await throttle.admit([rule]) == nil) }
        }
    }

    @Test func parallelAttemptsAreAdmittedOnlyUpToTheFreeCount() async throws {
        try await TestDatabase.withFresh { db in
            let throttle = LoginThrottle(client: db.client, logger: TestDatabase.logger)
            let rules = [
                LoginThrottle.Rule(key: "user+ip:b|5.6.7.8", freeAttempts: 5, decaySeconds: 60),
                LoginThrottle.Rule(key: "ip:5.6.7.8", freeAttempts: 30, decaySeconds: 6),
            ]
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 { group.addTask { try await throttle.admit(rules) == nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 5)
        }
    }
}
