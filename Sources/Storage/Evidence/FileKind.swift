/// The kinds of document people attach (evidence, dossier documents), recognised by their
/// content, never by the name they were given: a renamed executable is not a PDF.
public enum FileKind: String, CaseIterable, Sendable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The largest file accepted.
    public static let maximumSize = 10 * 1024 * 1024

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        case .docx: "docx"
        case .xlsx: "xlsx"
        }
    }

    /// Identifies a file from its first bytes. Office files are ZIP archives: which one is told by
    /// the folder their parts live in (`word/` or `xl/`), named in the archive's local headers.
    public static func detect(_ bytes: some Collection<UInt8>) -> FileKind? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let names = Array(bytes.prefix(64 * 1024))
            if contains(names, Array("word/".utf8)) { return .docx }
            if contains(names, Array("xl/".utf8)) { return .xlsx }
        }
        return nil
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
