import Foundation

/// The text of a Word file as Python's zipfile reads it (an independent reader): the runs of
/// `word/document.xml` joined, each paragraph on its own line.
public enum DocxText {
    public static func of(_ docx: [UInt8]) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-docx-\(UUID().uuidString).docx")
        try Data(docx).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import re, sys, zipfile
            xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8")
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml):
                print("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph)))
            """
        let result = try await Program.run("python3", ["-c", script, file.path])
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: result.output]) }
        return result.output
    }
}
