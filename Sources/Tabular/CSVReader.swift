/// A streaming RFC 4180 reader over UTF-8 bytes: feed it chunks as they arrive and it hands out
/// records, so a file of a million rows never has to sit in memory whole.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; `\r\n` and `\n` both end a
/// record. A UTF-8 byte-order mark at the very start is skipped.
public struct CSVReader: Sendable {
    public let delimiter: UInt8
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var state = State.fieldStart
    private var line = 1
    private var recordLine = 1
    private var atFileStart = true
    private var bomBytesSeen = 0
    private var recordHasContent = false

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterCR
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// Guesses the delimiter from a file's first line: spreadsheets saved with a Vietnamese
    /// locale write `;`, most others `,`; tab-separated exports exist too.
    public static func detectDelimiter(firstLine: some Sequence<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in firstLine {
            if byte == quote { inQuotes.toggle() }
            if byte == lf { break }
            if !inQuotes, byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t") {
                counts[byte, default: 0] += 1
            }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? UInt8(ascii: ",")
    }

    /// Consumes a chunk of bytes and calls `emit` for every record it completes.
    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: (CSVRecord) throws -> Void) throws {
        try feed(Array(bytes), emit: emit)
    }

    /// The same for a chunk already in an array, the way files and uploads arrive. Not generic,
    /// so the byte loop is compiled for this module's own types: called from another module, the
    /// generic loop ran unspecialised, through a protocol witness per byte (a third of an
    /// import's reading time).
    public mutating func feed(_ bytes: [UInt8], emit: (CSVRecord) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in try feed(buffer: buffer, emit: emit) }
    }

    private mutating func feed(buffer bytes: UnsafeBufferPointer<UInt8>, emit: (CSVRecord) throws -> Void) throws {
        for byte in bytes {
            if atFileStart {
                if bomBytesSeen < 3, byte == Self.bom[bomBytesSeen] {
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { atFileStart = false }
                    continue
                }
                atFileStart = false
                if bomBytesSeen > 0 {
                    // A partial BOM was real content after all.
                    field.append(contentsOf: Self.bom[0..<bomBytesSeen])
                    state = .unquoted
                    recordHasContent = true
                }
            }
            try consume(byte, emit: emit)
        }
    }

    /// Ends the input: emits a last record without a trailing line break, or throws when a quote
    /// was left open.
    public mutating func finish(emit: (CSVRecord) throws -> Void) throws {
        switch state {
        case .quoted:
            throw CSVError.unterminatedQuote(line: recordLine)
        case .afterCR:
            state = .fieldStart
        case .fieldStart where !recordHasContent:
            return
        default:
            try endRecord(emit: emit)
        }
    }

    /// Reads a whole file held in memory.
    public static func records(in bytes: [UInt8], delimiter: UInt8? = nil) throws -> [CSVRecord] {
        var reader = CSVReader(delimiter: delimiter ?? detectDelimiter(firstLine: bytes.prefix(4096)))
        var out: [CSVRecord] = []
        try reader.feed(bytes) { out.append($0) }
        try reader.finish { out.append($0) }
        return out
    }

    private mutating func consume(_ byte: UInt8, emit: (CSVRecord) throws -> Void) throws {
        if byte == 0 { throw CSVError.nulByte(line: line) }
        switch state {
        case .afterCR:
            state = .fieldStart
            if byte == Self.lf { return }
            try consume(byte, emit: emit)
        case .fieldStart:
            if byte == Self.quote {
                state = .quoted
                recordHasContent = true
            } else if byte == delimiter {
                try endField()
                recordHasContent = true
            } else if byte == Self.cr || byte == Self.lf {
                try endLine(byte, emit: emit)
            } else {
                field.append(byte)
                state = .unquoted
                recordHasContent = true
            }
        case .unquoted:
            if byte == delimiter {
                try endField()
                state = .fieldStart
            } else if byte == Self.cr || byte == Self.lf {
                try endLine(byte, emit: emit)
            } else if byte == Self.quote {
                throw CSVError.strayQuote(line: line)
            } else {
                field.append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                if byte == Self.lf { line += 1 }
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == Self.quote {
                field.append(byte)
                state = .quoted
            } else if byte == delimiter {
                try endField()
                state = .fieldStart
            } else if byte == Self.cr || byte == Self.lf {
                try endLine(byte, emit: emit)
            } else {
                throw CSVError.strayQuote(line: line)
            }
        }
    }

    private mutating func endField() throws {
        // Decoding repairs bad sequences with U+FFFD, so a field is valid UTF-8 exactly when its
        // decoded bytes are the bytes read. (`String(validating:as:)` is generic over the encoding
        // and looked up its metadata for every field: a tenth of an import's reading time.)
        let text = String(decoding: field, as: UTF8.self)
        guard text.utf8.count == field.count, text.utf8.elementsEqual(field) else {
            throw CSVError.invalidUTF8(line: line)
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endLine(_ byte: UInt8, emit: (CSVRecord) throws -> Void) throws {
        if recordHasContent || !field.isEmpty {
            try endRecord(emit: emit)
        } else {
            // A blank line still counts for line numbers; it is reported as a blank record so
            // callers can skip it without losing their place.
            try emit(CSVRecord(line: line, fields: [""]))
        }
        line += 1
        recordLine = line
        state = byte == Self.cr ? .afterCR : .fieldStart
    }

    private mutating func endRecord(emit: (CSVRecord) throws -> Void) throws {
        try endField()
        let record = CSVRecord(line: recordLine, fields: fields)
        fields.removeAll(keepingCapacity: true)
        recordHasContent = false
        state = .fieldStart
        try emit(record)
    }
}
