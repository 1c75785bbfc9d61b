import Foundation
import Testing

@testable import Storage

@Suite struct AuditPayloadTests {
    @Test func payloadIsValidJSONWithSortedKeysAndEscapedText() throws {
        let fields = ["comment": "Thiếu \"biên bản\"\nvà báo cáo\\tab\u{1}", "action": "return", "to": "xa_bo_sung"]
        let text = NominationStore.json(fields)
        #expect(text.hasPrefix(#"{"action":"return","comment":"Thiếu \"biên bản\"\nvà báo cáo\\tab\u0001","to""#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(parsed == fields)
        #expect(NominationStore.json([:]) == "{}")
    }
}
