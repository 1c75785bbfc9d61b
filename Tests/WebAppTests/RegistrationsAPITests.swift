import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@Suite struct RegistrationsAPITests {
    struct Listed: Decodable {
        struct Cycle: Decodable {
            let set: String
            let registered: Int
            let selfAssessed: Int
            let selfMeetingCriteria: Int
        }
        struct Item: Decodable {
            let provinceCode: String
            let id: Int
            let subjectName: String
            let stage: String
            let selfTotal: Int?
        }
        let year: Int
        let cycles: [Cycle]
        let registrations: [Item]
    }

    struct Scored: Decodable {
        struct Indicator: Decodable {
            let id: String
            let points: Int
            let reason: String
        }
        let total: Int
        let meetsCriteria: Bool
        let indicators: [Indicator]
    }

    @Test func communeStaffRegisterAHouseholdAndEnterItsSelfAssessment() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            let token = try await client.apiToken("xa.an.thi")
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let created = try await client.execute(
                uri: "/api/v1/registrations",
                method: .post,
                headers: headers,
                body: ByteBuffer(
                    string: #"{"set":"gia-dinh-hoc-tap","subjectKey":"HGD-7","subjectName":"Đỗ Văn Bảy","unitCode":"88201","year":2025}"#
                )
            )
            #expect(created.status == .created)
            let registration = try JSONDecoder().decode(Listed.Item.self, from: Data(created.text.utf8))
            #expect(registration.stage == "registered")

            let answers = #"{"1.1":"2/2","1.2":"có","2.1":"2/2","2.2":"1/2","3.1":"có","3.2":"không","3.3":"có","4.1":"9","4.2":"có"}"#
            let scored = try await client.execute(
                uri: "/api/v1/registrations/88/\(registration.id)/self-assessment",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"set":"gia-dinh-hoc-tap@2021","answers":\#(answers)}"#)
            )
            #expect(scored.status == .ok)
            let result = try JSONDecoder().decode(Scored.self, from: Data(scored.text.utf8))
            #expect(result.total == 89)
            #expect(result.meetsCriteria)
            #expect(result.indicators.first { $0.id == "3.2" }?.points == 0)

            let bad = try await client.execute(
                uri: "/api/v1/registrations/88/\(registration.id)/self-assessment",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"set":"gia-dinh-hoc-tap@2021","answers":{"4.1":"15"}}"#)
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("4.1"))

            let listed = try await client.execute(uri: "/api/v1/units/88201/registrations?year=2025", method: .get, headers: headers)
            #expect(listed.status == .ok)
            let list = try JSONDecoder().decode(Listed.self, from: Data(listed.text.utf8))
            #expect(list.registrations.map(\.subjectName) == ["Đỗ Văn Bảy"])
            #expect(list.registrations.first?.stage == "self_assessed")
            #expect(list.registrations.first?.selfTotal == 89)
            #expect(list.cycles.map(\.registered) == [1])
            #expect(list.cycles.first?.selfMeetingCriteria == 1)
        }
    }

    @Test func anotherCommunesStaffSeeNothingOfIt() async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            let registration = try await RegistrationStore(client: db.client, logger: TestDatabase.logger).register(
                setID: "gia-dinh-hoc-tap",
                subjectKey: "HGD-7",
                subjectName: "Đỗ Văn Bảy",
                unitCode: "88201",
                year: 2025,
                registeredBy: nil
            )
            let token = try await client.apiToken("xa.an.hoa")
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let list = try await client.execute(uri: "/api/v1/units/88201/registrations?year=2025", method: .get, headers: headers)
            #expect(list.status == .notFound)
            let selfAssessment = try await client.execute(
                uri: "/api/v1/registrations/88/\(registration.id)/self-assessment",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"set":"gia-dinh-hoc-tap@2021","answers":{}}"#)
            )
            #expect(selfAssessment.status == .notFound)
            let register = try await client.execute(
                uri: "/api/v1/registrations",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"set":"gia-dinh-hoc-tap","subjectKey":"X","subjectName":"Y","unitCode":"88201","year":2025}"#)
            )
            #expect(register.status == .notFound)
        }
    }

    @Test func theReviewerAppraisesThroughTheAPIGivingAReasonForEachChange() async throws {
        try await AppHarness.withApp { db, client in
            let set = try await db.loadShippedCriteria()
            let store = RegistrationStore(client: db.client, logger: TestDatabase.logger)
            let registration = try await store.register(
                setID: "gia-dinh-hoc-tap",
                subjectKey: "HGD-9",
                subjectName: "Hộ bà Chín",
                unitCode: "88101",
                year: 2025,
                registeredBy: nil
            )
            let answers = ["1.1": "2/2", "1.2": "có", "2.1": "2/2", "2.2": "1/2", "3.1": "có", "3.2": "không", "3.3": "có", "4.1": "9", "4.2": "có"]
            let path = "/api/v1/registrations/88/\(registration.id)/appraisal"
            let reviewer = try await client.apiToken("xa.an.hoa")
            let headers: HTTPFields = [.authorization: "Bearer \(reviewer)", .contentType: "application/json"]
            let body = { (four: String, reason: String?) in
                let reasons = reason.map { #","reasons":{"4.1":"\#($0)"}"# } ?? ""
                return ByteBuffer(
                    string:
                        #"{"set":"gia-dinh-hoc-tap@2021","answers":{"1.1":"2/2","1.2":"có","2.1":"2/2","2.2":"1/2","3.1":"có","3.2":"không","3.3":"có","4.1":"\#(four)","4.2":"có"}\#(reasons)}"#
                )
            }
            let early = try await client.execute(uri: path, method: .post, headers: headers, body: body("9", nil))
            #expect(early.status == .unprocessableContent)
            #expect(early.text.contains("chưa tự đánh giá"))
            _ = try await store.selfAssess(registration.key, set: set, answers: answers, by: nil)

            let submitter = try await client.apiToken("xa.an.thi")
            let notTheirs = try await client.execute(
                uri: path,
                method: .post,
                headers: [.authorization: "Bearer \(submitter)", .contentType: "application/json"],
                body: body("9", nil)
            )
            #expect(notTheirs.status == .notFound, "another commune's registration is not found")
            let unexplained = try await client.execute(uri: path, method: .post, headers: headers, body: body("6", nil))
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.text.contains("4.1"))
            let appraised = try await client.execute(uri: path, method: .post, headers: headers, body: body("6", "Thực tế 6 điểm"))
            #expect(appraised.status == .ok)
            let scored = try JSONDecoder().decode(Scored.self, from: Data(appraised.text.utf8))
            #expect(scored.indicators.first { $0.id == "4.1" }?.points == 6)
            #expect(appraised.text.contains(#""stage":"reviewed""#))
            let again = try await client.execute(uri: path, method: .post, headers: headers, body: body("6", "Thực tế 6 điểm"))
            #expect(again.status == .conflict)
        }
    }
}
