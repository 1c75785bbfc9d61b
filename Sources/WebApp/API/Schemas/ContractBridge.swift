import Foundation

/// A type of the API document filled from one of our own `Encodable` values of the same shape
/// (a decision, a council session, a report: records whose every field the document lists), by
/// encoding ours and decoding theirs. What the client receives is then always the document's
/// shape, written by the generated encoder; a field of ours that the document lacks is dropped,
/// and one the document requires that we lack fails here, loudly (500, logged), in every test
/// that reaches the operation. Small records are mapped field by field instead (`Account`,
/// `Nomination`, …), where the compiler checks them.
extension Decodable {
    init(converting value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            self = try decoder.decode(Self.self, from: try encoder.encode(value))
        } catch {
            throw ContractMismatch(type: String(describing: Self.self), cause: String(describing: error))
        }
    }
}

/// Our value does not have the shape docs/openapi.json gives the response: a defect of ours.
struct ContractMismatch: Error, CustomStringConvertible {
    let type: String
    let cause: String
    var description: String { "response does not match docs/openapi.json (\(type)): \(cause)" }
}

/// One of the document's enumerations from our value of it; a value the document does not list
/// is a defect of ours, not something to paper over with a default.
func contractValue<Value: RawRepresentable>(_ raw: String, as type: Value.Type = Value.self) throws -> Value where Value.RawValue == String {
    guard let value = Value(rawValue: raw) else { throw ContractMismatch(type: String(describing: Value.self), cause: "no case \(raw)") }
    return value
}
