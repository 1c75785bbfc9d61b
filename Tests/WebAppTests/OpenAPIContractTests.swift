import Foundation
import Geography
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import Workflow

/// The OpenAPI document in docs/ and the server agree: every documented operation exists and
/// answers with a documented status and content type, signed in or not.
@Suite struct OpenAPIContractTests {
    struct Operation: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let statuses: [String: [String]]
        let secured: Bool
        let needsBody: Bool
        /// An endless stream (server-sent events): only its refusal without a session is called.
        let isStream: Bool
        /// Needs a role the signed-in test reviewer does not hold: only its documented refusal is checked.
        let needsOtherRole: Bool
        var description: String { "\(method) \(path)" }
    }

    static func operations() throws -> [Operation] {
        let url = TestDatabase.migrationsDirectory.deletingLastPathComponent().appendingPathComponent("docs/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        // Error answers are shared: `$ref` to components/responses.
        let shared = (document["components"] as? [String: Any])?["responses"] as? [String: [String: Any]] ?? [:]
        func resolved(_ response: [String: Any]) -> [String: Any] {
            guard let reference = response["$ref"] as? String else { return response }
            return shared[String(reference.split(separator: "/").last ?? "")] ?? response
        }
        var result: [Operation] = []
        for (path, methods) in paths {
            for (method, body) in methods {
                let operation = try #require(body as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: [String: Any]])
                let statuses = responses.mapValues { response in Array((resolved(response)["content"] as? [String: Any])?.keys ?? [:].keys) }
                // Required query parameters take the example the document gives them.
                let required = (operation["parameters"] as? [[String: Any]] ?? []).filter {
                    $0["in"] as? String == "query" && $0["required"] as? Bool == true
                }
                let query = required.compactMap { parameter -> String? in
                    guard let name = parameter["name"] as? String, let example = parameter["example"] else { return nil }
                    return name + "=" + ("\(example)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                }.joined(separator: "&")
                result.append(
                    Operation(
                        method: HTTPRequest.Method(method.uppercased())!,
                        path: path.replacingOccurrences(of: "{code}", with: "88101").replacingOccurrences(of: "{province}", with: "88")
                            .replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{nomination}", with: "1")
                            + (query.isEmpty ? "" : "?" + query),
                        statuses: statuses,
                        secured: operation["security"] != nil,
                        needsBody: operation["requestBody"] != nil,
                        isStream: operation["x-stream"] as? Bool == true,
                        needsOtherRole: operation["x-role"] != nil
                    )
                )
            }
        }
        return result.sorted { $0.description < $1.description }
    }

    private func check(_ response: TestResponse, against operation: Operation, _ note: String) {
        let status = String(response.status.code)
        #expect(operation.statuses.keys.contains(status), "\(operation) \(note) answered undocumented \(status)")
        if let documented = operation.statuses[status], !documented.isEmpty {
            let type = response.headers[.contentType] ?? "-"
            #expect(documented.contains { type.hasPrefix($0) }, "\(operation) \(note): \(type) is not one of \(documented)")
        }
    }

    @Test func everyDocumentedOperationAnswersAsDocumented() async throws {
        let operations = try Self.operations()
        #expect(operations.count >= 6)
        try await AppHarness.withApp { db, client in
            // One assessment (province 88, id 1) for the operations that read one.
            let set = try await db.loadShippedCriteria()
            // And one nomination (province 88, id 1) in Xã An Hòa, where the signed-in reviewer works.
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Đợt mẫu",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(
                try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_from = '2025-07-01'", as: Int.self)
            )
            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "giay-khen-xa",
                    nomineeKind: "individual",
                    nomineeKey: "CD-1",
                    nomineeName: "Mẫu",
                    unitID: unit
                ),
                createdBy: nil
            )
            // It waits at the commune council, on session 1, which the reviewer also runs as
            // the council's secretary.
            let report = Array("%PDF-1.4\nBáo cáo\n%%EOF\n".utf8)
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: nomination.id),
                kind: "bao_cao_thanh_tich",
                bytes: report,
                fileName: "b.pdf",
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
            try await db.client.query(
                "INSERT INTO user_roles (user_id, role, unit_id) SELECT id, 'council_secretary', \(unit) FROM users WHERE username = 'xa.an.hoa'",
                logger: TestDatabase.logger
            )
            _ = try await CouncilSessionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger).open(
                provinceCode: "88",
                unitID: unit,
                title: "Phiên mẫu",
                heldOn: Day(year: 2025, month: 12, day: 1)!,
                place: "",
                members: [.init(fullName: "Thành viên")],
                nominations: [nomination.id],
                openedBy: nil
            )
            // And decision 1: a draft of Xã An Hòa listing a second nomination.
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "Mẫu Hai", key: "CD-2")
            _ = try await DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
                .draft(provinceCode: "88", unitID: unit, roundID: round, award: "giay-khen-xa", createdBy: nil)
            // And external decision 1: a ministry's award to a collective of the commune.
            _ = try await ExternalDecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger).record(
                .init(
                    provinceCode: "88",
                    issuerKind: .ministry,
                    issuer: "Bộ Giáo dục và Đào tạo",
                    number: "12/QĐ-BGDĐT",
                    issuedOn: Day(year: 2025, month: 11, day: 20)!,
                    awardTitle: "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
                    awardees: [.init(name: "Trung tâm học tập cộng đồng xã An Hòa", kind: "collective", unitID: unit)],
                    document: (Array("%PDF-1.4\nQĐ\n%%EOF\n".utf8), "qd.pdf")
                ),
                by: nil
            )
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1").bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            let login = ByteBuffer(string: #"{"username":"xa.an.hoa","password":"\#(AppHarness.password)"}"#)
            for operation in operations {
                let body = operation.path == "/api/v1/auth/login" ? login : nil
                let anonymous = try await client.execute(
                    uri: operation.path,
                    method: operation.method,
                    headers: [.contentType: "application/json"],
                    body: body
                )
                check(anonymous, against: operation, "without a session")
                if operation.secured && !operation.isStream {
                    let token = try await client.apiToken("xa.an.hoa")
                    let signedIn = try await client.execute(
                        uri: operation.path,
                        method: operation.method,
                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"]
                    )
                    check(signedIn, against: operation, "signed in")
                    if !operation.needsBody && !operation.needsOtherRole {
                        #expect(signedIn.status.code < 300, "\(operation) signed in answered \(signedIn.status)")
                    }
                }
            }
        }
    }
}
