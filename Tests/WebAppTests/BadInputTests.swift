import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// Input the database must never see is refused at the door with 422 (or 413, 405) as a problem
/// document naming the field — never a 500.
@Suite struct BadInputTests {
    static func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, naming field: String, _ comment: Comment? = nil) {
        #expect(response.status == status, comment)
        #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, comment)
        #expect(response.text.contains(field), comment)
    }

    @Test func aNulByteInAQueryOrABodyFieldIs422NamingTheField() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let query = try await client.execute(uri: "/api/v1/queue?q=a%00b", method: .get, headers: [.authorization: "Bearer \(token)"])
            Self.expectProblem(query, .unprocessableContent, naming: "q")
            let body = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: token,
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-0","nomineeName":"Nguyễn\u0000An","unitCode":"88101"}"#
            )
            Self.expectProblem(body, .unprocessableContent, naming: "nomineeName")
        }
    }

    @Test func theLargestPageNumberAnswersAnEmptyPageNotACrash() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let created = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: token,
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-0","nomineeName":"Nguyễn An","unitCode":"88101"}"#
            )
            #expect(created.status == .created)
            let all = try await client.execute(uri: "/api/v1/queue", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(all.text.contains("Nguyễn An"))
            let api = try await client.execute(
                uri: "/api/v1/queue?page=\(Int.max)&pageSize=200",
                method: .get,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(api.status == .ok)
            #expect(api.text.contains(#""items":[]"#))
            // A parameter of the wrong type is named among those given, not called a JSON error.
            let notANumber = try await client.execute(uri: "/api/v1/queue?page=abc", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(notANumber.status == .unprocessableContent, "\(notANumber.text)")
            #expect(notANumber.text.contains("page=abc") && notANumber.text.contains("không đúng kiểu"), "\(notANumber.text)")
            #expect(!notANumber.text.contains("JSON"))
            let wildcards = try await client.execute(uri: "/api/v1/queue?q=%25%25", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(wildcards.status == .ok)
            #expect(wildcards.text.contains(#""items":[]"#), "a search of wildcards alone matches nothing, not everything")
            let publicPage = try await client.execute(uri: "/cong-khai/88?trang=\(Int.max)", method: .get)
            #expect(publicPage.status == .ok)
            let year = try await client.execute(
                uri: "/api/v1/units/88101/registrations?year=99999999999",
                method: .get,
                headers: [.authorization: "Bearer \(token)"]
            )
            Self.expectProblem(year, .unprocessableContent, naming: "99999999999")
        }
    }

    @Test func textsPastTheSchemasBoundsAre422NamingTheFieldNever500() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let key = String(repeating: "9", count: 101)
            let longKey = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: token,
                json: #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"\#(key)","nomineeName":"An","unitCode":"88101"}"#
            )
            Self.expectProblem(longKey, .unprocessableContent, naming: "Mã định danh")
            // One character with 300 combining marks: short in characters, long in bytes.
            let heavy = "a" + String(repeating: "\u{301}", count: 300)
            let login = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"\#(String(repeating: heavy, count: 40))","password":"sai-mat-khau-1"}"#)
            )
            #expect(login.status == .unauthorized)
        }
    }

    @Test func anUnknownKindOrRoundOrAWrongTypeIs422() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let kind = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: token,
                json: #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"alien","nomineeKey":"CD-0","nomineeName":"An","unitCode":"88101"}"#
            )
            Self.expectProblem(kind, .unprocessableContent, naming: "alien")
            let round = try await NominationAPITests.post(
                client,
                "/api/v1/nominations",
                token: token,
                json: #"{"roundID":999,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-0","nomineeName":"An","unitCode":"88101"}"#
            )
            #expect(round.status == .unprocessableContent)
            let type = try await NominationAPITests.post(client, "/api/v1/nominations", token: token, json: #"{"roundID":"một"}"#)
            Self.expectProblem(type, .unprocessableContent, naming: "roundID")
            let documentKind = try await client.execute(
                uri: "/api/v1/nominations/88/1/documents?kind=Không%20hợp%20lệ&name=a.pdf",
                method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/pdf"],
                body: ByteBuffer(bytes: NominationAPITests.report)
            )
            #expect(documentKind.status == .notFound || documentKind.status == .unprocessableContent)
        }
    }

    @Test func aBodyOverTheLimitIs413AndAnUnservedMethod405() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let big = #"{"roundID":1,"nomineeName":""# + String(repeating: "a", count: 2 << 20) + #""}"#
            let response = try await NominationAPITests.post(client, "/api/v1/nominations", token: token, json: big)
            #expect(response.status == .contentTooLarge)
            let trace = try await client.execute(uri: "/health", method: .trace)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow]?.contains("GET") == true)
        }
    }

    @Test func signedInAnswersAreNeverCachedAndStaticMissesCarryTheSecurityHeaders() async throws {
        try await NominationAPITests.withRound { _, client in
            let token = try await client.apiToken("canbo.anhoa")
            let queue = try await client.execute(uri: "/api/v1/queue", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(queue.status == .ok)
            #expect(queue.headers[.cacheControl] == "no-store")
            let missing = try await client.execute(uri: "/static/khong-co.css", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentSecurityPolicy] != nil)
            #expect(missing.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
