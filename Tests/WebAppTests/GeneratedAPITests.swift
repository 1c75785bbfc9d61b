import Crypto
import Foundation
import TestSupport
import Testing

/// The server interface in Sources/APIContract is generated from docs/openapi.json
/// (scripts/generate-api.sh): each generated file records the hash of the document it came from,
/// and a document changed without regenerating fails here, before it can drift from the server.
@Suite struct GeneratedAPITests {
    static var repository: URL { TestDatabase.migrationsDirectory.deletingLastPathComponent() }

    @Test func everyGeneratedFileComesFromTheDocumentAsItIsNow() throws {
        let document = try Data(contentsOf: Self.repository.appendingPathComponent("docs/openapi.json"))
        let hash = SHA256.hash(data: document).map { String(format: "%02x", $0) }.joined()
        let folder = Self.repository.appendingPathComponent("Sources/APIContract/Generated")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("Server.swift") && files.contains("Types.swift"), "\(files)")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let recorded = text.split(separator: "\n").first { $0.hasPrefix("// openapi-sha256: ") }?.dropFirst("// openapi-sha256: ".count)
            #expect(
                recorded.map(String.init) == hash,
                "\(file) was generated from another docs/openapi.json (\(recorded ?? "no hash")): run scripts/generate-api.sh"
            )
        }
    }
}
