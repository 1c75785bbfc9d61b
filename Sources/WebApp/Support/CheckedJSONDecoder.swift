import Foundation
import Hummingbird
import NIOCore

/// How every JSON body is read: collected up to the context's limit (over it: 413), checked for
/// what PostgreSQL or the reader must never receive — a NUL character, a text longer than any
/// field needs — and decoded, with a wrong type or an unknown value refused as 422 naming the
/// field. Nothing reaches a route that would make the database answer with an error.
struct CheckedJSONDecoder: RequestDecoder {
    /// No field of the API holds more: an achievement summary is a few thousand characters.
    static let longestText = 20_000

    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        try Self.check(data)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let (field, message) = Self.describe(error)
            throw APIValidationError(message: message, errors: [field])
        }
    }

    /// Refuses (422, naming the field) a JSON body holding a NUL or a text longer than
    /// `longestText`. The walk that names the field is a second parse: only for a body that could
    /// hold a NUL (JSON carries one only as the escape \u0000) or such a text.
    static func check(_ bytes: some Collection<UInt8>) throws {
        let data = Data(bytes)
        if data.count > Self.longestText || Self.mayHoldNul(data),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let problem = Self.problem(in: object, path: "")
        {
            throw APIValidationError(message: problem.message, errors: [problem.field])
        }
    }

    /// Whether the bytes contain the escape `\u0000`.
    static func mayHoldNul(_ data: Data) -> Bool {
        data.range(of: Data("\\u0000".utf8)) != nil
    }

    /// The first text of the document that holds a NUL or is too long, with its path.
    static func problem(in value: Any, path: String) -> (field: String, message: String)? {
        switch value {
        case let text as String:
            let field = path.isEmpty ? "(nội dung)" : path
            if text.unicodeScalars.contains("\u{0}") { return (field, "Trường \(field) chứa ký tự NUL (\\u0000), không được phép.") }
            if text.count > longestText { return (field, "Trường \(field) dài quá \(longestText) ký tự.") }
            return nil
        case let object as [String: Any]:
            for (key, member) in object {
                if key.unicodeScalars.contains("\u{0}") {
                    return (path.isEmpty ? "(tên trường)" : path, "Tên trường chứa ký tự NUL, không được phép.")
                }
                if let found = problem(in: member, path: path.isEmpty ? key : path + "." + key) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, member) in array.enumerated() {
                if let found = problem(in: member, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// The field a decoding error is about, and a Vietnamese sentence saying what is wrong.
    static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return (field, "Thiếu trường \(field).")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return (field, "Trường \(field.isEmpty ? "(nội dung)" : field) không đúng kiểu dữ liệu.")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty { return ("(nội dung)", "Nội dung gửi lên không phải JSON hợp lệ (UTF-8).") }
            return (field, "Giá trị của trường \(field) không hợp lệ.")
        @unknown default:
            return ("(nội dung)", "Dữ liệu gửi lên không đúng định dạng.")
        }
    }
}
