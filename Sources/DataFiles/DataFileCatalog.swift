import Foundation

/// The versioned data files of a folder (`criteria/`, `workflows/`), each named
/// `<id>@<version>.yaml` after what it holds.
public enum DataFileCatalog {
    /// Every `*.yaml` file of a folder, in name order.
    public static func files(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// Reads and checks the given files with `read`; every problem of every file is collected.
    /// A file must be named after the `id@version` it holds, and no two files may hold the same.
    public static func load<Item>(
        files: [URL],
        read: (String, String) throws(DataFileError) -> Item,
        reference: (Item) -> String,
        kind: String
    ) throws(DataFileErrors) -> [(item: Item, text: String)] {
        var items: [(Item, String)] = []
        var errors: [DataFileError] = []
        var seen: [String: String] = [:]
        for url in files {
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                errors.append(DataFileError(file: url.path, line: 1, column: 1, message: "không đọc được tệp hoặc tệp không phải UTF-8"))
                continue
            }
            do {
                let item = try read(text, url.path)
                let name = reference(item)
                if let other = seen[name] {
                    errors.append(DataFileError(file: url.path, line: 1, column: 1, message: "\(kind) \(name) đã có trong \(other)"))
                } else if url.lastPathComponent != "\(name).yaml" {
                    errors.append(
                        DataFileError(file: url.path, line: 1, column: 1, message: "tên tệp phải là \(name).yaml, theo mã và phiên bản trong tệp")
                    )
                } else {
                    seen[name] = url.path
                    items.append((item, text))
                }
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw DataFileErrors(errors) }
        return items.sorted { reference($0.0) < reference($1.0) }
    }
}
