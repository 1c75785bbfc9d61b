import Foundation
import ZIPFoundation

/// A ZIP archive built in memory (what DOCX and XLSX files are, and the dossier sent upward),
/// written by ZIPFoundation: entries deflated by zlib, ZIP64 where sizes need it.
public struct ZipArchive {
    /// Callers with data from outside stop before this many entries: one archive in memory.
    public static let mostEntries = 65_535

    private let archive: Archive?
    private var failure: (any Error)?

    public init() {
        archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil)
    }

    public mutating func add(_ path: String, _ content: [UInt8]) {
        guard failure == nil, let archive else { return }
        let data = Data(content)
        do {
            // Office files date their parts; a fixed date keeps the same document byte-identical.
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: Self.fixedDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        } catch {
            failure = error
        }
    }

    public mutating func add(_ path: String, _ text: String) { add(path, Array(text.utf8)) }

    /// The archive's bytes. Building in memory fails only when memory does, which stops the
    /// process anyway; a failure here is a programming error, hence the trap.
    public func finish() -> [UInt8] {
        guard failure == nil, let data = archive?.data else {
            preconditionFailure("ZIP archive could not be built in memory: \(String(describing: failure))")
        }
        return Array(data)
    }

    /// 1 January 2024, 00:00 UTC.
    private static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)
}
