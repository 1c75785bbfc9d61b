import Foundation
import Geography
import Scoring
import Tabular

/// Reads assessment rows as they stream in: checks and scores each, and turns the good ones into
/// lines of PostgreSQL's COPY text format. Problems are collected (up to a limit), not thrown, so
/// one pass reports everything.
struct RowReader {
    /// The most adults one row can count (a household, or a unit's staff).
    static let mostAdults = 1_000_000

    let program: ScoringProgram
    let setReference: String
    private var csv = CSVReader()
    private var layout: AssessmentFileLayout?
    private var row: [Int32]
    private var seenHeader = false
    /// Scratch buffers for a row's answers and facts as JSON, reused from row to row.
    private var answers: [UInt8] = []
    private var facts: [UInt8] = []
    /// Each criterion's points for the row being scored, and its key in the stored JSON.
    private var criterionPoints: [Int32]
    private let criterionKeys: [[UInt8]]
    var rows = 0
    var problems: [AssessmentImportRefused.Problem] = []
    var truncated = false

    init(program: ScoringProgram, setReference: String) {
        self.program = program
        self.setReference = setReference
        self.row = [Int32](repeating: 0, count: program.rowWidth)
        self.criterionPoints = [Int32](repeating: 0, count: program.criterionCount)
        self.criterionKeys = program.set.criteria.map { Array("\"\(Self.json($0.id))\":".utf8) }
    }

    mutating func detectDelimiter(_ firstChunk: [UInt8]) {
        csv = CSVReader(delimiter: CSVReader.detectDelimiter(firstLine: firstChunk.prefix(8192)))
    }

    mutating func feed(_ chunk: [UInt8], into out: inout [UInt8]) throws {
        do {
            var records: [CSVRecord] = []
            try csv.feed(chunk) { records.append($0) }
            for record in records { handle(record, into: &out) }
        } catch let error as CSVError {
            problem(.init(line: error.line, message: error.vietnamese))
            throw AssessmentImportRefused(problems: problems, truncated: truncated)
        }
    }

    mutating func finish(into out: inout [UInt8]) throws {
        do {
            var records: [CSVRecord] = []
            try csv.finish { records.append($0) }
            for record in records { handle(record, into: &out) }
        } catch let error as CSVError {
            problem(.init(line: error.line, message: error.vietnamese))
            throw AssessmentImportRefused(problems: problems, truncated: truncated)
        }
        if !seenHeader { problem(.init(line: 1, message: "tệp trống: cần dòng tiêu đề và các dòng đánh giá")) }
    }

    private mutating func problem(_ problem: AssessmentImportRefused.Problem) {
        if problems.count < AssessmentImporter.problemLimit {
            problems.append(problem)
        } else {
            truncated = true
        }
    }

    private mutating func handle(_ record: CSVRecord, into out: inout [UInt8]) {
        if record.isBlank { return }
        guard let layout else {
            // After a refused header the rows cannot be read; the header's problems say why.
            guard !seenHeader else { return }
            seenHeader = true
            do {
                layout = try AssessmentFileLayout(program: program, headerRecord: record)
            } catch {
                for message in error.messages { problem(.init(line: record.line, message: message)) }
            }
            return
        }
        rows += 1
        read(record, layout: layout, into: &out)
    }

    /// Checks and scores one row and appends it to `out` as a COPY line; problems are noted.
    private mutating func read(_ record: CSVRecord, layout: AssessmentFileLayout, into out: inout [UInt8]) {
        let fields = record.fields
        func field(_ position: Int?) -> String {
            guard let position, position < fields.count else { return "" }
            return fields[position].normalizedText
        }
        var rowProblems: [AssessmentImportRefused.Problem] = []
        func note(_ key: String, _ message: String) {
            rowProblems.append(.init(line: record.line, column: AssessmentFileLayout.columnTitles[key] ?? key, message: message))
        }
        let unit = field(layout.unit)
        let subject = field(layout.subject)
        let name = field(layout.name)
        let yearText = field(layout.year)
        if unit.isEmpty { note("unit", "thiếu mã đơn vị") }
        if subject.isEmpty { note("subject", "thiếu mã đối tượng") }
        if TextBounds.exceeds(subject, TextBounds.key) { note("subject", "mã đối tượng " + TextBounds.tooLong(TextBounds.key)) }
        if name.isEmpty { note("name", "thiếu tên") }
        if TextBounds.exceeds(name, TextBounds.name) { note("name", "tên " + TextBounds.tooLong(TextBounds.name)) }
        let year = Int(yearText).flatMap { RecordYears.contains($0) ? $0 : nil }
        if year == nil { note("year", "năm \"\(yearText)\" không hợp lệ") }
        let adultsText = field(layout.adults)
        let holdingText = field(layout.adultsHolding)
        // A household or unit counts its adults in tens or thousands: past the bound a number is
        // a typing slip (and would overflow the report's sums).
        let adults = adultsText.isEmpty ? nil : Int(adultsText).flatMap { $0 <= Self.mostAdults ? $0 : nil }
        let holding = holdingText.isEmpty ? nil : Int(holdingText).flatMap { $0 <= Self.mostAdults ? $0 : nil }
        if !adultsText.isEmpty, adults == nil || adults! < 0 { note("adults", "\"\(adultsText)\" không phải số người hợp lệ") }
        if !holdingText.isEmpty, holding == nil || holding! < 0 {
            note("adults_holding", "\"\(holdingText)\" không phải số người hợp lệ")
        }
        if let adults, let holding, holding > adults { note("adults_holding", "\(holding) người đạt nhiều hơn \(adults) người lớn") }
        if holding != nil && adults == nil { note("adults", "cần số người lớn khi có số người đạt \"Công dân học tập\"") }

        answers.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        answers.append(UInt8(ascii: "{"))
        facts.append(UInt8(ascii: "{"))
        for source in layout.sources {
            let indicator = program.set.indicators[source.indicator]
            let cell = field(source.column)
            do {
                if source.isFact {
                    let fact = try Self.parseFact(cell, indicator: indicator)
                    program.encode(fact, indicator: source.indicator, into: &row)
                    if facts.count > 1 { facts.append(UInt8(ascii: ",")) }
                    facts += source.jsonKey
                    facts += Self.json(fact).utf8
                } else {
                    guard !cell.isEmpty else { throw ScoringError.missingAnswer(indicator: indicator.id) }
                    let answer = try indicator.parseAnswer(cell)
                    if case .ratio(let part, let whole) = answer, part < 0 || whole < 0 || part > whole {
                        throw ScoringError.invalidRatio(indicator: indicator.id, part: part, whole: whole)
                    }
                    program.encode(answer, indicator: source.indicator, into: &row)
                    if answers.count > 1 { answers.append(UInt8(ascii: ",")) }
                    answers += source.jsonKey
                    answers += Self.json(answer).utf8
                }
            } catch {
                rowProblems.append(.init(line: record.line, column: source.title, message: "\(error)"))
            }
        }
        answers.append(UInt8(ascii: "}"))
        facts.append(UInt8(ascii: "}"))
        guard rowProblems.isEmpty, let year else {
            for p in rowProblems { problem(p) }
            return
        }
        let score = row.withUnsafeBufferPointer { row in
            criterionPoints.withUnsafeMutableBufferPointer { program.score(row, criterionPoints: $0) }
        }
        let tab = UInt8(ascii: "\t")
        out += String(record.line).utf8
        for text in [unit, subject, name] {
            out.append(tab)
            Self.appendCopyEscaped(text, to: &out)
        }
        out.append(tab)
        out += String(year).utf8
        out.append(tab)
        Self.appendCopyEscaped(answers, to: &out)
        out.append(tab)
        Self.appendCopyEscaped(facts, to: &out)
        out.append(tab)
        out += String(score.total).utf8
        out.append(tab)
        out += String(score.level).utf8
        out.append(tab)
        out.append(score.recognised ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        out.append(tab)
        var points: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in criterionKeys.enumerated() {
            if index > 0 { points.append(UInt8(ascii: ",")) }
            points += key
            points += String(criterionPoints[index]).utf8
        }
        points.append(UInt8(ascii: "}"))
        Self.appendCopyEscaped(points, to: &out)
        out.append(tab)
        if let adults { out += String(adults).utf8 } else { out += [UInt8(ascii: "\\"), UInt8(ascii: "N")] }
        out.append(tab)
        if let holding { out += String(holding).utf8 } else { out += [UInt8(ascii: "\\"), UInt8(ascii: "N")] }
        out.append(UInt8(ascii: "\n"))
    }

    /// COPY text format: backslash, tab and line breaks are escaped.
    static func appendCopyEscaped(_ text: String, to out: inout [UInt8]) {
        if !text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(contentsOf: text.utf8)
            return
        }
        appendCopyEscaped(Array(text.utf8), to: &out)
    }

    static func appendCopyEscaped(_ bytes: [UInt8], to out: inout [UInt8]) {
        if !bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            default: out.append(byte)
            }
        }
    }

    static func parseFact(_ cell: String, indicator: Indicator) throws(ScoringError) -> Fact {
        switch indicator.kind {
        case .share:
            guard let (part, whole) = Indicator.ratio(cell) else {
                throw .wrongAnswerType(indicator: indicator.id, expected: "tỉ lệ dạng k/n", got: cell)
            }
            guard part >= 0, whole >= 0, part <= whole else { throw .invalidRatio(indicator: indicator.id, part: part, whole: whole) }
            return .ratio(part: part, whole: whole)
        default:
            let folded = cell.lowercased()
            if ["có", "co", "x", "1", "đạt", "dat", "yes", "true"].contains(folded) { return .bool(true) }
            if ["không", "khong", "0", "no", "false", "chưa đạt", "-"].contains(folded) { return .bool(false) }
            throw .wrongAnswerType(indicator: indicator.id, expected: "có hoặc không", got: cell)
        }
    }

    static func json(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func json(_ answer: Answer) -> String {
        switch answer {
        case .yes: "true"
        case .no: "false"
        case .points(let p): String(p)
        case .choice(let value): "\"\(json(value))\""
        case .ratio(let part, let whole): "[\(part),\(whole)]"
        }
    }

    static func json(_ fact: Fact) -> String {
        switch fact {
        case .bool(let holds): holds ? "true" : "false"
        case .ratio(let part, let whole): "[\(part),\(whole)]"
        }
    }
}
