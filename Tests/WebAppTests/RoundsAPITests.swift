import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct RoundsAPITests {
    @Test func provinceAdministratorOpensARoundOnTheProcessInForce() async throws {
        try await AppHarness.withApp { db, client in
            _ = try await db.nominationStore()
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "tinh.quantri",
                fullName: "Hồ Văn Tỉnh",
                password: AppHarness.password,
                roles: [(.provinceAdmin, unitCode: "88")]
            )
            let admin = try await client.apiToken("tinh.quantri")
            let reviewer = try await client.apiToken("xa.an.hoa")
            let body =
                #"{"provinceCode":"88","name":"Khen thưởng năm 2025","year":2025,"basis":"merit","opensOn":"15/07/2025","closesOn":"15/03/2026"}"#
            let refused = try await CouncilSessionAPITests.send(client, .post, "/api/v1/rounds", token: reviewer, json: body)
            #expect(refused.status == .forbidden)
            let created = try await CouncilSessionAPITests.send(client, .post, "/api/v1/rounds", token: admin, json: body)
            #expect(created.status == .created)
            #expect(try NominationAPITests.json(created)["workflow"] as? String == "khen-thuong-2-cap@2025")
            let wrong = try await CouncilSessionAPITests.send(
                client,
                .post,
                "/api/v1/rounds",
                token: admin,
                json: #"{"provinceCode":"88","name":"Sai","year":2025,"basis":"merit","opensOn":"15/07/2025","workflow":"khen-thuong-3-cap@2024"}"#
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("không áp dụng vào ngày 15/07/2025"))
            let listed = try await CouncilSessionAPITests.send(client, .get, "/api/v1/rounds", token: reviewer)
            let items = try #require(try NominationAPITests.json(listed)["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["Khen thưởng năm 2025"])
        }
    }
}
