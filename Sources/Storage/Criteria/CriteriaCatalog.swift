import DataFiles
import Foundation
import Scoring

/// The criteria sets of a folder (`criteria/`), each file named `<id>@<version>.yaml`.
public enum CriteriaCatalog {
    /// Reads and checks the given files; every problem of every file is collected.
    public static func load(files: [URL]) throws(DataFileErrors) -> [CriteriaSet] {
        try loadWithText(files: files).map(\.item)
    }

    /// The sets with the exact text each was read from (stored with the set when loaded).
    public static func loadWithText(files: [URL]) throws(DataFileErrors) -> [(item: CriteriaSet, text: String)] {
        try DataFileCatalog.load(
            files: files,
            read: { text, file throws(DataFileError) in try CriteriaSetReader.read(text, file: file) },
            reference: \.reference,
            kind: "bộ tiêu chí"
        )
    }

    public static func files(in directory: URL) throws -> [URL] { try DataFileCatalog.files(in: directory) }
}
