/// Why migrations cannot run. Each case names the file involved.
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    case directoryUnreadable(String)
    case badFileName(String)
    case notUTF8(String)
    case duplicateVersion(Int, String, String)
    /// A file applied earlier whose content is no longer what was applied.
    case checksumMismatch(version: Int, fileName: String, applied: String, onDisk: String)
    /// A version recorded as applied with no file for it any more.
    case appliedFileMissing(version: Int, fileName: String)
    /// A statement of a file failed; the file's transaction was rolled back.
    case statementFailed(fileName: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path):
            "Không đọc được thư mục migration \(path) (cannot read the migrations folder)."
        case .badFileName(let name):
            "Tên tệp migration \(name) không hợp lệ: cần dạng 001_ten.sql (expected NNN_name.sql)."
        case .notUTF8(let name):
            "Tệp migration \(name) không phải UTF-8."
        case .duplicateVersion(let version, let a, let b):
            "Hai tệp migration cùng số \(version): \(a) và \(b)."
        case .checksumMismatch(let version, let fileName, let applied, let onDisk):
            "Migration \(version) (\(fileName)) đã áp dụng nhưng nội dung tệp đã bị sửa "
                + "(checksum applied \(applied.prefix(12))…, on disk \(onDisk.prefix(12))…). "
                + "Không sửa migration đã áp dụng; hãy thêm một migration mới."
        case .appliedFileMissing(let version, let fileName):
            "Migration \(version) (\(fileName)) đã áp dụng nhưng tệp không còn trong thư mục sql/."
        case .statementFailed(let fileName, let line, let message):
            "Migration \(fileName), câu lệnh ở dòng \(line) lỗi: \(message). Tệp này đã được hoàn tác toàn bộ."
        }
    }
}
