import Foundation
import Hummingbird

/// Reads a submitted form and checks its CSRF token against the cookie.
struct FormReader {
    struct CSRFRefused: Error {}

    static func read<Form: Decodable>(_ type: Form.Type, request: Request, context: AppRequestContext) async throws -> Form {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = String(buffer: buffer)
        // A percent-encoded NUL would reach the database as text it refuses.
        if body.range(of: "%00", options: .caseInsensitive) != nil || body.unicodeScalars.contains("\u{0}") {
            throw APIValidationError(message: "Biểu mẫu chứa ký tự NUL (%00), không được phép.", errors: ["(biểu mẫu)"])
        }
        // The token is read on its own, so that a form the decoder refuses (a field sent twice)
        // is answered for what it is, not as an expired form.
        let token = Self.field("_csrf", in: body) ?? ""
        guard !context.csrfToken.isEmpty, ConstantTime.equal(token, context.csrfToken) else { throw CSRFRefused() }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: body)
        } catch {
            throw APIValidationError(message: "Biểu mẫu gửi lên không đọc được: có trường bị lặp lại hoặc sai dạng.", errors: ["(biểu mẫu)"])
        }
    }

    /// The first value of a field of an URL-encoded body.
    static func field(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// Reads a form with files and checks its CSRF token.
    static func readMultipart(request: Request, context: AppRequestContext, limit: Int) async throws -> MultipartForm {
        let buffer = try await request.body.collect(upTo: limit)
        let form: MultipartForm
        do {
            form = try MultipartForm(body: Array(buffer: buffer), contentType: request.headers[.contentType] ?? "")
        } catch {
            throw HTTPError(.badRequest, message: "Biểu mẫu gửi lên không đọc được.")
        }
        let token = form.part("_csrf")?.text ?? ""
        guard !context.csrfToken.isEmpty, ConstantTime.equal(token, context.csrfToken) else { throw CSRFRefused() }
        // Text parts and file names reach the database as text; files are content, checked by kind.
        for part in form.parts {
            let nul = part.fileName.map { $0.unicodeScalars.contains("\u{0}") } ?? part.body.contains(0)
            if nul || part.name.unicodeScalars.contains("\u{0}") {
                throw APIValidationError(message: "Trường \(part.name) của biểu mẫu chứa ký tự NUL, không được phép.", errors: [part.name])
            }
        }
        return form
    }

}
