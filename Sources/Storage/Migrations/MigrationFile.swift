import Crypto
import Foundation

/// One numbered file of `sql/`: `001_geography.sql` is version 1, named "geography".
public struct MigrationFile: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let fileName: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex: an applied file that changes afterwards is refused.
    public let checksum: String

    public init(fileName: String, contents: Data) throws(MigrationError) {
        let stem = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let version = Int(parts[0]), version > 0, !parts[1].isEmpty else {
            throw .badFileName(fileName)
        }
        guard let sql = String(data: contents, encoding: .utf8) else { throw .notUTF8(fileName) }
        self.version = version
        self.name = String(parts[1])
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hash(data: contents).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `*.sql` file of a folder, ordered by version; two files with one version are refused.
    public static func load(from directory: URL) throws(MigrationError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .directoryUnreadable(directory.path)
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw .directoryUnreadable(directory.appendingPathComponent(name).path)
            }
            files.append(try MigrationFile(fileName: name, contents: data))
        }
        files.sort { $0.version < $1.version }
        for (a, b) in zip(files, files.dropFirst()) where a.version == b.version {
            throw .duplicateVersion(a.version, a.fileName, b.fileName)
        }
        return files
    }
}
