import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// An RFC 9457 problem document: how every API error is answered.
struct Problem: Codable, Sendable {
    var type: String = "about:blank"
    let title: String
    let status: Int
    var detail: String?
    var instance: String?
    /// Extra members for validation errors: one entry per problem, with where it is.
    var errors: [String]?
    /// For a conflict (409): the resource as it now is, so the client can show it and retry.
    var current: NominationStore.Nomination?

    func response(requestID: String) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json; charset=utf-8", .cacheControl: "no-store"]
        headers[.requestID] = requestID
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
