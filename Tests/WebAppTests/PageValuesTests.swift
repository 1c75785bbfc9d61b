import Testing

@testable import WebApp

/// Values handed to a page template never carry an optional: unwrapped, or left out when nil, at
/// any depth — mustache would print `nil` or `Optional("…")` and treat an absent error as present.
@Suite struct PageValuesTests {
    @Test func optionalsAreUnwrappedOrLeftOutAtAnyDepth() {
        let missing: String? = nil
        let present: String? = "Đã lưu"
        let values = AppServices.unwrapped([
            "error": missing as Any,
            "message": present as Any,
            "rows": [["note": missing as Any, "name": "Nguyễn Văn An"]] as [[String: Any]],
            "list": [present as Any, missing as Any],
        ])
        #expect(values["error"] == nil)
        #expect(values["message"] as? String == "Đã lưu")
        let rows = values["rows"] as? [[String: Any]]
        #expect(rows?.first?["note"] == nil)
        #expect(rows?.first?["name"] as? String == "Nguyễn Văn An")
        #expect((values["list"] as? [Any])?.count == 1)
    }
}
