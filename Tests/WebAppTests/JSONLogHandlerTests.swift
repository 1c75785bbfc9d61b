import Foundation
import Logging
import Synchronization
import Testing
import WebApp

/// `THIDUA_LOG_FORMAT=json`: each event is one line holding one JSON object with the request id
/// and every metadata field, whatever characters the message carries.
@Suite struct JSONLogHandlerTests {
    @Test func anEventIsOneLineOfJSONWithItsMetadataAsFields() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "thidua") { label in JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } } }
        logger[metadataKey: "hb.request.id"] = "b91a69ac"
        logger.error("request failed\n\"quoted\" — Hộ ông An", metadata: ["user.id": "2", "counts": ["a": "1"]])
        let captured = lines.withLock { $0 }
        #expect(captured.count == 1)
        let line = try #require(captured.first)
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A), "the message's line break is escaped inside the JSON")
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["level"] as? String == "error")
        #expect(object["message"] as? String == "request failed\n\"quoted\" — Hộ ông An")
        #expect(object["hb.request.id"] as? String == "b91a69ac")
        #expect(object["user.id"] as? String == "2")
        #expect((object["counts"] as? [String: String]) == ["a": "1"])
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}
