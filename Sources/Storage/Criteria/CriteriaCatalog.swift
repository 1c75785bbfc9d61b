import DataFiles
import Foundation
import Scoring

/// The criteria sets of a folder (`criteria/`), each file named `<id>@<version>.yaml`.
public enum CriteriaCatalog {
    /// Reads and checks the given files; every problem of every file is collected.
    public static func load(files: [URL]) throws(DataFileErrors) -> [CriteriaSet] {
        var sets: [CriteriaSet] = []
        var errors: [DataFileError] = []
        var seen: [String: String] = [:]
        for url in files {
            let name = url.lastPathComponent
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                errors.append(DataFileError(file: url.path, line: 1, column: 1, message: "không đọc được tệp hoặc tệp không phải UTF-8"))
                continue
            }
            do {
                let set = try CriteriaSetReader.read(text, file: url.path)
                if let other = seen[set.reference] {
                    errors.append(DataFileError(file: url.path, line: 1, column: 1, message: "bộ tiêu chí \(set.reference) đã có trong \(other)"))
                } else if name != "\(set.reference).yaml" {
                    errors.append(
                        DataFileError(
                            file: url.path,
                            line: 1,
                            column: 1,
                            message: "tên tệp phải là \(set.reference).yaml, theo mã và phiên bản trong tệp"
                        )
                    )
                } else {
                    seen[set.reference] = url.path
                    sets.append(set)
                }
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw DataFileErrors(errors) }
        return sets.sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    /// Every `*.yaml` file of a folder.
    public static func files(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }
}
