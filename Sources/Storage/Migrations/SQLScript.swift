import Foundation

/// Splits a migration file into its statements. The PostgreSQL extended protocol that postgres-nio
/// speaks takes one statement at a time, so a file is run statement by statement inside one
/// transaction. Quotes, quoted identifiers, dollar-quoted bodies and comments are respected.
public enum SQLScript {
    public struct Statement: Equatable, Sendable {
        /// The line of the file the statement starts on, for error messages.
        public let line: Int
        public let text: String
    }

    public static func statements(in script: String) -> [Statement] {
        let chars = Array(script.unicodeScalars)
        var result: [Statement] = []
        var current = String.UnicodeScalarView()
        var line = 1
        var startLine: Int?
        var i = 0

        func append(_ scalar: Unicode.Scalar) {
            if startLine == nil, !scalar.properties.isWhitespace { startLine = line }
            current.append(scalar)
            if scalar == "\n" { line += 1 }
        }
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { result.append(Statement(line: startLine ?? line, text: text)) }
            current = String.UnicodeScalarView()
            startLine = nil
        }

        while i < chars.count {
            let c = chars[i]
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "-" && next == "-" {
                // Line comment: dropped, but its line break is kept for line counting.
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                var depth = 0
                repeat {
                    if chars[i] == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                        depth += 1
                        i += 2
                    } else if chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/" {
                        depth -= 1
                        i += 2
                    } else {
                        if chars[i] == "\n" { line += 1 }
                        i += 1
                    }
                } while depth > 0 && i < chars.count
                append(" ")
                continue
            }
            if c == "'" || c == "\"" {
                append(c)
                i += 1
                while i < chars.count {
                    append(chars[i])
                    if chars[i] == c {
                        if i + 1 < chars.count && chars[i + 1] == c {
                            append(chars[i + 1])
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$", let tag = dollarTag(chars, at: i) {
                for s in tag { append(s) }
                i += tag.count
                while i < chars.count {
                    if chars[i] == "$", chars[i...].starts(with: tag) {
                        for s in tag { append(s) }
                        i += tag.count
                        break
                    }
                    append(chars[i])
                    i += 1
                }
                continue
            }
            if c == ";" {
                flush()
                i += 1
                continue
            }
            append(c)
            i += 1
        }
        flush()
        return result
    }

    /// `$$` or `$name$` starting at `i`, if that is what stands there.
    private static func dollarTag(_ chars: [Unicode.Scalar], at i: Int) -> [Unicode.Scalar]? {
        var j = i + 1
        while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(chars[j])) {
            j += 1
        }
        guard j < chars.count, chars[j] == "$" else { return nil }
        return Array(chars[i...j])
    }
}
