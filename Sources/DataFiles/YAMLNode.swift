import Yams

/// A YAML node that knows where it stands in its file, with typed readers whose errors name the
/// file, line and key. Unknown keys are errors: a misspelt key must never be silently ignored.
public struct YAMLNode {
    public let file: String
    /// The key path from the document root, e.g. `criteria[1].indicators[0].points`.
    public let path: String
    let node: Node

    /// Parses a whole document.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DataFileError(file: file, line: 1, column: 1, message: "tệp trống")
            }
            return YAMLNode(file: file, path: "", node: node)
        } catch let error as DataFileError {
            throw error
        } catch let error as YamlError {
            throw Self.locate(error, file: file)
        } catch {
            throw DataFileError(file: file, line: 1, column: 1, message: "không đọc được YAML: \(error)")
        }
    }

    public var line: Int { (node.mark?.line ?? 0) }
    public var column: Int { (node.mark?.column ?? 0) }

    public func error(_ message: String) -> DataFileError {
        DataFileError(file: file, line: line, column: column, message: path.isEmpty ? message : "\(path): \(message)")
    }

    public var isNull: Bool {
        if case .scalar(let scalar) = node {
            return scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty && scalar.style == .plain
        }
        return false
    }

    /// The node as a mapping whose keys must all be in `allowed` (nil: any key).
    public func mapping(allowed: Set<String>?, required: Set<String> = []) throws(DataFileError) -> [String: YAMLNode] {
        guard case .mapping(let mapping) = node else { throw error("cần một bảng khóa: giá trị (mapping)") }
        var result: [String: YAMLNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw child(keyNode, "?").error("khóa phải là chuỗi") }
            let childNode = child(value, key)
            if let allowed, !allowed.contains(key) {
                throw YAMLNode(file: file, path: path, node: keyNode).error(
                    "khóa không hợp lệ \"\(key)\" (các khóa hợp lệ: \(allowed.sorted().joined(separator: ", ")))"
                )
            }
            guard result[key] == nil else { throw childNode.error("khóa \"\(key)\" bị lặp lại") }
            result[key] = childNode
        }
        for key in required.sorted() where result[key] == nil {
            throw error("thiếu khóa bắt buộc \"\(key)\"")
        }
        return result
    }

    public func sequence() throws(DataFileError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("cần một danh sách") }
        return sequence.enumerated().map { index, item in
            YAMLNode(file: file, path: "\(path)[\(index)]", node: item)
        }
    }

    public func string() throws(DataFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("cần một chuỗi") }
        let text = scalar.string.precomposedStringWithCanonicalMappingIfNeeded
        guard !text.isEmpty else { throw error("không được để trống") }
        return text
    }

    /// An identifier of a data file (`gia-dinh-hoc-tap`): lower-case ASCII letters, digits, `-`.
    public func identifier(of kind: String) throws(DataFileError) -> String {
        let id = try string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw error("mã \(kind) chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
        }
        return id
    }

    public func int(in range: ClosedRange<Int>? = nil) throws(DataFileError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error("cần một số nguyên") }
        if let range, !range.contains(value) {
            throw error("giá trị \(value) phải nằm trong khoảng \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    public func bool() throws(DataFileError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("cần true hoặc false") }
        return value
    }

    /// The raw scalar text, for values with their own syntax (percentages, ratios).
    public func scalarText() throws(DataFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("cần một giá trị đơn") }
        return scalar.string
    }

    private func child(_ node: Node, _ key: String) -> YAMLNode {
        YAMLNode(file: file, path: path.isEmpty ? key : "\(path).\(key)", node: node)
    }

    private static func locate(_ error: YamlError, file: String) -> DataFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DataFileError(file: file, line: mark.line, column: mark.column, message: "lỗi cú pháp YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DataFileError(
                file: file,
                line: context.mark.line,
                column: context.mark.column,
                message: "khóa bị lặp lại: \(duplicates.joined(separator: ", "))"
            )
        default:
            return DataFileError(file: file, line: 1, column: 1, message: "lỗi YAML: \(error)")
        }
    }
}

extension String {
    /// Files typed on different systems mix precomposed and decomposed Vietnamese: store NFC.
    fileprivate var precomposedStringWithCanonicalMappingIfNeeded: String {
        self.unicodeScalars.allSatisfy(\.isASCII) ? self : NFC.compose(self)
    }
}
