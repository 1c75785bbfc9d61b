import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@testable import WebApp

@Suite struct AssessmentImportPageTests {
    static let boundary = "----thiduaTestBoundary7MA4YWxk"

    static func multipart(_ fields: [(String, String)], file: (name: String, bytes: [UInt8])?) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8
            )
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func upload(
        _ client: any TestClientProtocol,
        jar: CookieJar,
        file: [UInt8],
        decision: String = "",
        csrf: String? = nil
    ) async throws -> TestResponse {
        var headers = jar.header
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(
            uri: "/assessments/import",
            method: .post,
            headers: headers,
            body: multipart([("_csrf", csrf ?? jar.csrf), ("set", "gia-dinh-hoc-tap@2021"), ("decision", decision)], file: ("xa.csv", file))
        )
    }

    static func withCriteria(_ body: @Sendable (TestDatabase, any TestClientProtocol) async throws -> Void) async throws {
        try await AppHarness.withApp { db, client in
            try await db.loadShippedCriteria()
            try await body(db, client)
        }
    }

    @Test func multipartBodiesAreParsed() throws {
        let body = Self.multipart([("_csrf", "abc"), ("set", "gia-dinh-hoc-tap@2021")], file: ("tệp.csv", Array("a,b\r\n1,2\r\n".utf8)))
        let form = try MultipartForm(body: Array(buffer: body), contentType: "multipart/form-data; boundary=\"\(Self.boundary)\"")
        #expect(form.part("_csrf")?.text == "abc")
        #expect(form.part("file")?.fileName == "tệp.csv")
        #expect(form.part("file")?.text == "a,b\r\n1,2\r\n")
        #expect(throws: MultipartForm.ParseError.self) {
            try MultipartForm(body: Array("garbage".utf8), contentType: "multipart/form-data; boundary=x")
        }
    }

    @Test func submitterUploadsAGoodFileAndSeesTheSummary() async throws {
        try await Self.withCriteria { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let form = try await client.execute(uri: "/assessments/import", method: .get, headers: jar.header)
            #expect(form.status == .ok)
            #expect(form.text.contains("enctype=\"multipart/form-data\""))
            #expect(!form.text.contains("Quyết định công nhận"))
            let response = try await Self.upload(client, jar: jar, file: AssessmentFileBuilder().household("H1", unit: "88201").bytes)
            #expect(response.status == .ok)
            #expect(response.text.contains("Đã nhập 1 dòng: 1 đánh giá mới"))
            #expect(try await db.scalar("SELECT imported_by IS NOT NULL FROM assessment_imports", as: Bool.self) == true)
        }
    }

    @Test func badFileIsRefusedWithItsProblemsListed() async throws {
        try await Self.withCriteria { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let file = AssessmentFileBuilder().household("H1", unit: "88201", score41: "12").household("H2", unit: "88101001")
            let response = try await Self.upload(client, jar: jar, file: file.bytes)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Dòng 2, cột 4.1"))
            #expect(response.text.contains("Dòng 3, cột mã đơn vị: đơn vị 88101001 nằm ngoài phạm vi của bạn"))
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) == 0)
        }
    }

    @Test func onlyChairsRecordARecognitionDecisionAndFormsNeedTheirToken() async throws {
        try await Self.withCriteria { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let file = AssessmentFileBuilder().household("H1", unit: "88201").bytes
            let decided = try await Self.upload(client, jar: jar, file: file, decision: "Quyết định số 9/QĐ-UBND")
            #expect(decided.status == .unprocessableContent)
            #expect(decided.text.contains("Chỉ Chủ tịch"))
            let forged = try await Self.upload(client, jar: jar, file: file, csrf: "forged-token")
            #expect(forged.status == .forbidden)
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) == 0)
        }
    }
}

extension AssessmentImportPageTests {
    /// The same file saved by a spreadsheet program as .xlsx (here by openpyxl, with numbers as
    /// numbers): read into rows, checked and imported like the CSV; a bad cell is named by Excel's row.
    static func workbook(from csv: [UInt8]) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("in.csv")
        let target = folder.appendingPathComponent("out.xlsx")
        try Data(csv).write(to: source)
        let result = try await Program.run(
            "python3",
            [
                "-c",
                """
                import csv, openpyxl, sys
                book = openpyxl.Workbook(); sheet = book.active
                for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig")):
                    sheet.append([int(v) if v.isdigit() else v for v in row])
                book.save(sys.argv[2])
                """,
                source.path, target.path,
            ]
        )
        #expect(result.status == 0, "\(result.output)")
        return try [UInt8](Data(contentsOf: target))
    }

    @Test func anXlsxFileIsImportedLikeItsCSV() async throws {
        try await Self.withCriteria { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let good = try await Self.workbook(from: AssessmentFileBuilder().household("H1", unit: "88201").household("H2", unit: "88201").bytes)
            let response = try await Self.upload(client, jar: jar, file: good)
            #expect(response.status == .ok, "\(response.text.prefix(2000))")
            #expect(response.text.contains("Đã nhập 2 dòng: 2 đánh giá mới"))
            let bad = try await Self.workbook(from: AssessmentFileBuilder().household("H3", unit: "88201", score41: "12").bytes)
            let refused = try await Self.upload(client, jar: jar, file: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Dòng 2, cột 4.1"))
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments", as: Int.self) == 2)
        }
    }
}
