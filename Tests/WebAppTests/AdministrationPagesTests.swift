import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct AdministrationPagesTests {
    @Test func provinceAdministratorAddsUsersWithinTheProvinceAndOpensRounds() async throws {
        try await AppHarness.withApp { db, client in
            _ = try await db.nominationStore()
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "tinh.quantri",
                fullName: "Hồ Văn Tỉnh",
                password: AppHarness.password,
                roles: [(.provinceAdmin, unitCode: "88")]
            )
            var admin = CookieJar()
            _ = try await client.signIn("tinh.quantri", jar: &admin)
            let list = try await client.execute(uri: "/admin/users", method: .get, headers: admin.header)
            #expect(list.status == .ok)
            #expect(list.text.contains("Phạm Thị Hoà"))
            let added = try await DecisionPagesTests.form(
                client,
                "/admin/users",
                "fullName=L%C3%AA+Th%E1%BB%8B+Th%C6%B0&username=thuky.anhoa&password=mat-khau-rat-dai&role=council_secretary&unitCode=88101",
                jar: &admin
            )
            #expect(added.status == .ok)
            #expect(added.text.contains("Đã thêm Lê Thị Thư"))
            let outside = try await DecisionPagesTests.form(
                client,
                "/admin/users",
                "fullName=Ng%C6%B0%E1%BB%9Di+ngo%C3%A0i&username=ngoai.tinh&password=mat-khau-rat-dai&role=reviewer&unitCode=77",
                jar: &admin
            )
            #expect(outside.status == .unprocessableContent)
            #expect(outside.text.contains("value=\"ngoai.tinh\""), "what was typed is kept")

            // A refused round keeps everything typed and names what is wrong.
            let badDay = try await DecisionPagesTests.form(
                client,
                "/rounds",
                "provinceCode=88&name=Khen+th%C6%B0%E1%BB%9Fng+n%C4%83m+2026&year=2026&basis=thematic&opensOn=05%2F01%2F2026&closesOn=31%2F02%2F2026",
                jar: &admin
            )
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.text.contains("Hạn nhận hồ sơ không hợp lệ: 31/02/2026"))
            #expect(badDay.text.contains("value=\"Khen thưởng năm 2026\""), "the name is kept")
            #expect(badDay.text.contains("<option value=\"thematic\" selected>"), "the basis is kept")
            #expect(badDay.text.contains("value=\"31/02/2026\""))

            let opened = try await DecisionPagesTests.form(
                client,
                "/rounds",
                "provinceCode=88&name=Khen+th%C6%B0%E1%BB%9Fng+n%C4%83m+2026&year=2026&basis=merit&opensOn=05%2F01%2F2026&closesOn=15%2F03%2F2026",
                jar: &admin
            )
            #expect(opened.status == .seeOther)
            let listed = try await client.execute(uri: try #require(opened.headers[.location]), method: .get, headers: admin.header)
            #expect(listed.text.contains("Đã mở đợt Khen thưởng năm 2026"))
            #expect(listed.text.contains("khen-thuong-2-cap@2026"), "the latest version in force on the opening day")

            var reviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewer)
            #expect(try await client.execute(uri: "/admin/users", method: .get, headers: reviewer.header).status == .forbidden)
            let rounds = try await client.execute(uri: "/rounds", method: .get, headers: reviewer.header)
            #expect(rounds.text.contains("Khen thưởng năm 2026"))
            #expect(!rounds.text.contains("Mở đợt mới"))
        }
    }
}
