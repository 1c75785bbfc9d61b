/// The shared strings of a workbook, kept as one byte buffer with the end of each string, so a
/// part of many short strings costs its size and a word per string.
struct SharedStrings {
    private var text: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }

    func string(_ index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index < ends.count else { return nil }
        return text[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// `<si>` items: the texts of their runs, phonetic guides (`<rPh>`) left out.
    mutating func read(_ bytes: [UInt8], budget: inout SheetBudget) throws(XLSXReader.Problem) {
        let part = "xl/sharedStrings.xml"
        var cursor = XMLCursor(bytes, part: part)
        var inItem = false
        var inText = false
        var phonetic = 0
        var itemStart = 0
        text.reserveCapacity(bytes.count / 2)
        while let token = try cursor.next() {
            try budget.tick()
            switch token {
            case .start(let name, _, let selfClosing):
                if cursor.isName(name, "si") {
                    guard !inItem else { throw .corrupt(part) }
                    try budget.takeCells(1)
                    itemStart = text.count
                    if selfClosing { ends.append(text.count) } else { inItem = true }
                } else if cursor.isName(name, "rPh"), !selfClosing {
                    phonetic += 1
                } else if cursor.isName(name, "t"), !selfClosing, inItem, phonetic == 0 {
                    inText = true
                }
            case .end(let name):
                if cursor.isName(name, "si") {
                    inItem = false
                    ends.append(text.count)
                } else if cursor.isName(name, "rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if cursor.isName(name, "t") {
                    inText = false
                }
            case .text(let range):
                if inText { cursor.appendUnescaped(range, to: &text) }
            case .cdata(let range):
                if inText { text.append(contentsOf: bytes[range].lazy.filter(XMLCursor.isTextByte)) }
            }
            if inItem, text.count - itemStart > budget.limits.cellBytes {
                throw .tooLarge("một ô chữ dài hơn \(budget.limits.cellBytes.groupedDigits) byte")
            }
        }
    }
}

/// Reads a worksheet's rows in one pass: `<row r>` with its `<c r t>` cells, values from `<v>` or
/// inline `<is><t>`, shared strings by index. Rows must rise (as Excel writes them); every row,
/// cell and byte is counted against the limits as it is read.
enum SheetScanner {
    static func scan(
        _ bytes: [UInt8],
        shared: SharedStrings,
        budget: inout SheetBudget,
        row emit: (Int, [(Int, [UInt8])]) -> Void
    ) throws(XLSXReader.Problem) {
        let part = "trang tính"
        var cursor = XMLCursor(bytes, part: part)
        var lastRow = 0
        var rowNumber = 0
        var inRow = false
        var cells: [(Int, [UInt8])] = []
        var lastColumn = -1
        var inCell = false
        var cellColumn = 0
        var cellType: CellType = .number
        var value: [UInt8] = []
        var inValue = false
        var inInline = false
        var inText = false
        var phonetic = 0
        while let token = try cursor.next() {
            try budget.tick()
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if cursor.isName(name, "row") {
                    guard !inRow else { throw .corrupt(part) }
                    let number = cursor.attribute("r", in: attributes).flatMap { Self.number(cursor.bytes[$0]) } ?? lastRow + 1
                    guard number <= budget.limits.rows else {
                        throw .tooLarge("dòng \(number.groupedDigits), quá \(budget.limits.rows.groupedDigits) dòng")
                    }
                    guard number > lastRow else { throw .corrupt(part + ": dòng \(number) không theo thứ tự") }
                    rowNumber = number
                    cells = []
                    lastColumn = -1
                    if selfClosing {
                        emit(number, [])
                        lastRow = number
                    } else {
                        inRow = true
                    }
                } else if cursor.isName(name, "c") {
                    guard inRow, !inCell else { throw .corrupt(part) }
                    let column = cursor.attribute("r", in: attributes).map { columnIndex(cursor.bytes[$0]) } ?? lastColumn + 1
                    guard column < 16_384 else { throw .corrupt(part + ": cột ngoài bảng tính") }
                    guard column > lastColumn else { throw .corrupt(part + ": ô không theo thứ tự ở dòng \(rowNumber)") }
                    try budget.takeCells(column - lastColumn)
                    lastColumn = column
                    cellColumn = column
                    cellType = cursor.attribute("t", in: attributes).map { CellType(cursor.bytes[$0]) } ?? .number
                    value.removeAll(keepingCapacity: true)
                    if selfClosing { cells.append((column, [])) } else { inCell = true }
                } else if selfClosing {
                    break
                } else if inCell, cursor.isName(name, "v") {
                    inValue = true
                } else if inCell, cursor.isName(name, "is") {
                    inInline = true
                } else if inCell, cursor.isName(name, "rPh") {
                    phonetic += 1
                } else if inInline, phonetic == 0, cursor.isName(name, "t") {
                    inText = true
                }
            case .end(let name):
                if cursor.isName(name, "row") {
                    guard inRow else { throw .corrupt(part) }
                    emit(rowNumber, cells)
                    lastRow = rowNumber
                    inRow = false
                } else if cursor.isName(name, "c") {
                    guard inCell else { throw .corrupt(part) }
                    cells.append((cellColumn, try resolved(value, type: cellType, shared: shared)))
                    inCell = false
                    inValue = false
                    inInline = false
                    inText = false
                    phonetic = 0
                } else if cursor.isName(name, "v") {
                    inValue = false
                } else if cursor.isName(name, "is") {
                    inInline = false
                } else if cursor.isName(name, "t") {
                    inText = false
                } else if cursor.isName(name, "rPh") {
                    phonetic = max(0, phonetic - 1)
                }
            case .text(let range):
                if inValue || inText { cursor.appendUnescaped(range, to: &value) }
            case .cdata(let range):
                if inValue || inText { value.append(contentsOf: bytes[range].lazy.filter(XMLCursor.isTextByte)) }
            }
            if value.count > budget.limits.cellBytes {
                throw .tooLarge("ô ở dòng \(rowNumber) dài hơn \(budget.limits.cellBytes.groupedDigits) byte")
            }
        }
        guard !inRow else { throw .corrupt(part) }
    }

    enum CellType {
        case number, shared, inline, boolean, other

        init(_ bytes: ArraySlice<UInt8>) {
            switch String(decoding: bytes, as: UTF8.self) {
            case "s": self = .shared
            case "inlineStr": self = .inline
            case "b": self = .boolean
            case "n": self = .number
            default: self = .other
            }
        }
    }

    static func resolved(_ value: [UInt8], type: CellType, shared: SharedStrings) throws(XLSXReader.Problem) -> [UInt8] {
        switch type {
        case .shared:
            guard let index = number(value[...]) else { return [] }
            return shared.string(index).map(Array.init) ?? []
        case .boolean:
            return value == [UInt8(ascii: "1")] ? Array("TRUE".utf8) : Array("FALSE".utf8)
        case .number, .inline, .other:
            return value
        }
    }

    /// A non-negative decimal of at most nine digits.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// "AB12" → 27 (from 0); letters beyond three are refused by the caller's column check.
    static func columnIndex(_ reference: ArraySlice<UInt8>) -> Int {
        var index = 0
        for byte in reference {
            guard byte >= 65, byte <= 90 else { break }
            index = index * 26 + Int(byte - 64)
            if index > 16_384 { return 16_384 }
        }
        return max(index - 1, 0)
    }
}
