/// The most a workbook may cost to read. A 700 KB file can unpack to gigabytes of XML, or ask for
/// a million empty rows: every limit is checked while reading, so such a file is refused with a
/// message naming the limit before it costs more memory or time than these allow.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// Parts (files) in the ZIP container.
    public var entries: Int
    /// Unpacked bytes of any one part (the sheet, the shared strings).
    public var unpackedBytesPerPart: Int
    /// Unpacked bytes of all parts read together.
    public var unpackedBytesTotal: Int
    /// The highest row number (Excel's, 1-based).
    public var rows: Int
    /// Cells of the sheet counted as the CSV they become (empty cells before a filled one count),
    /// and shared strings.
    public var cells: Int
    /// Bytes of one cell's value (Excel allows 32,767 characters).
    public var cellBytes: Int
    /// Wall-clock seconds for reading the workbook.
    public var seconds: Int

    public init(entries: Int, unpackedBytesPerPart: Int, unpackedBytesTotal: Int, rows: Int, cells: Int, cellBytes: Int, seconds: Int) {
        self.entries = entries
        self.unpackedBytesPerPart = unpackedBytesPerPart
        self.unpackedBytesTotal = unpackedBytesTotal
        self.rows = rows
        self.cells = cells
        self.cellBytes = cellBytes
        self.seconds = seconds
    }

    /// A file sent through the web pages or the API: a commune's list (its few thousand
    /// households fit many times over), read in a bounded amount of server memory.
    public static let upload = SpreadsheetLimits(
        entries: 1_000,
        unpackedBytesPerPart: 40 << 20,
        unpackedBytesTotal: 64 << 20,
        rows: 100_000,
        cells: 2_000_000,
        cellBytes: 32_767 * 4,
        seconds: 20
    )

    /// A file an operator reads on the command line: a province's whole list.
    public static let commandLine = SpreadsheetLimits(
        entries: 10_000,
        unpackedBytesPerPart: 2 << 30,
        unpackedBytesTotal: 3 << 30,
        rows: 1_048_576,
        cells: 200_000_000,
        cellBytes: 32_767 * 4,
        seconds: 3_600
    )
}

/// What is left of the limits while one workbook is read.
struct SheetBudget {
    let limits: SpreadsheetLimits
    var unpackedLeft: Int
    var cellsLeft: Int
    private let deadline: ContinuousClock.Instant
    private var ticks = 0

    init(limits: SpreadsheetLimits) {
        self.limits = limits
        unpackedLeft = limits.unpackedBytesTotal
        cellsLeft = limits.cells
        deadline = ContinuousClock.now.advanced(by: .seconds(limits.seconds))
    }

    /// Counted once per XML token; the clock is read every few thousand.
    mutating func tick() throws(XLSXReader.Problem) {
        ticks &+= 1
        if ticks & 4095 == 0, ContinuousClock.now > deadline {
            throw .tooLarge("đọc tệp quá \(limits.seconds) giây")
        }
    }

    /// Read at each unpacked chunk (64 KB): rarer than tokens, so the clock is read every time.
    func overTime() -> XLSXReader.Problem? {
        ContinuousClock.now > deadline ? .tooLarge("đọc tệp quá \(limits.seconds) giây") : nil
    }

    mutating func takeCells(_ count: Int) throws(XLSXReader.Problem) {
        cellsLeft -= count
        if cellsLeft < 0 { throw .tooLarge("hơn \(limits.cells.groupedDigits) ô dữ liệu") }
    }

    func unpackedRefusal(_ part: String, allowed: Int) -> XLSXReader.Problem {
        if allowed < limits.unpackedBytesPerPart {
            return .tooLarge("tổng dung lượng giải nén hơn \(Self.megabytes(limits.unpackedBytesTotal))")
        }
        return .tooLarge("phần \(part) giải nén ra hơn \(Self.megabytes(limits.unpackedBytesPerPart))")
    }

    static func megabytes(_ bytes: Int) -> String { "\((bytes >> 20).groupedDigits) MB" }
}

extension Int {
    /// 2000000 → "2.000.000", as Vietnamese writes numbers.
    var groupedDigits: String {
        let digits = Array(String(self.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}
