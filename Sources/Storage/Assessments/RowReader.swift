import Foundation
import Scoring
import Tabular

/// Reads assessment rows as they stream in: checks and scores each, and turns the good ones into
/// lines of PostgreSQL's COPY text format. Problems are collected (up to a limit), not thrown, so
/// one pass reports everything.
struct RowReader {
    let program: ScoringProgram
    let setReference: String
    private var csv = CSVReader()
    private var layout: AssessmentFileLayout?
    private var row: [Int32]
    private var seenHeader = false
    var rows = 0
    var problems: [AssessmentImportRefused.Problem] = []
    var truncated = false

    init(program: ScoringProgram, setReference: String) {
        self.program = program
        self.setReference = setReference
        self.row = [Int32](repeating: 0, count: program.rowWidth)
    }

    mutating func detectDelimiter(_ firstChunk: [UInt8]) {
        csv = CSVReader(delimiter: CSVReader.detectDelimiter(firstLine: firstChunk.prefix(8192)))
    }

    mutating func feed(_ chunk: [UInt8], emit: ([UInt8]) -> Void) throws {
        do {
            var records: [CSVRecord] = []
            try csv.feed(chunk) { records.append($0) }
            for record in records { handle(record, emit: emit) }
        } catch let error as CSVError {
            problem(.init(line: error.line, message: error.vietnamese))
            csv = CSVReader(delimiter: csv.delimiter)  // stop reading: the rest is unreliable
            throw AssessmentImportRefused(problems: problems, truncated: truncated)
        }
    }

    mutating func finish(emit: ([UInt8]) -> Void) throws {
        do {
            var records: [CSVRecord] = []
            try csv.finish { records.append($0) }
            for record in records { handle(record, emit: emit) }
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

    private mutating func handle(_ record: CSVRecord, emit: ([UInt8]) -> Void) {
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
        read(record, layout: layout, emit: emit)
    }

    private mutating func read(_ record: CSVRecord, layout: AssessmentFileLayout, emit: ([UInt8]) -> Void) {
        let header = layout.header
        var rowProblems: [AssessmentImportRefused.Problem] = []
        func fixed(_ key: String) -> String { header.value(key, in: record) }
        func note(_ key: String, _ message: String) {
            rowProblems.append(.init(line: record.line, column: AssessmentFileLayout.columnTitles[key] ?? key, message: message))
        }
        let unit = fixed("unit")
        let subject = fixed("subject")
        let name = fixed("name")
        let yearText = fixed("year")
        if unit.isEmpty { note("unit", "thiếu mã đơn vị") }
        if subject.isEmpty { note("subject", "thiếu mã đối tượng") }
        if name.isEmpty { note("name", "thiếu tên") }
        let year = Int(yearText)
        if year == nil || !(2000...2100).contains(year!) { note("year", "năm \"\(yearText)\" không hợp lệ") }
        let adultsText = fixed("adults")
        let holdingText = fixed("adults_holding")
        let adults = adultsText.isEmpty ? nil : Int(adultsText)
        let holding = holdingText.isEmpty ? nil : Int(holdingText)
        if !adultsText.isEmpty, adults == nil || adults! < 0 { note("adults", "\"\(adultsText)\" không phải số người hợp lệ") }
        if !holdingText.isEmpty, holding == nil || holding! < 0 { note("adults_holding", "\"\(holdingText)\" không phải số người hợp lệ") }
        if let adults, let holding, holding > adults { note("adults_holding", "\(holding) người đạt nhiều hơn \(adults) người lớn") }
        if holding != nil && adults == nil { note("adults", "cần số người lớn khi có số người đạt \"Công dân học tập\"") }

        var answersJSON = "{"
        var factsJSON = "{"
        for source in layout.sources {
            let indicator = program.set.indicators[source.indicator]
            let cell = header.value(source.key, in: record)
            let column = source.title
            do {
                if source.isFact {
                    let fact = try Self.parseFact(cell, indicator: indicator)
                    program.encode(fact, indicator: source.indicator, into: &row)
                    if factsJSON.count > 1 { factsJSON += "," }
                    factsJSON += "\"\(Self.json(column))\":" + Self.json(fact)
                } else {
                    guard !cell.isEmpty else { throw ScoringError.missingAnswer(indicator: indicator.id) }
                    let answer = try indicator.parseAnswer(cell)
                    if case .ratio(let part, let whole) = answer, part < 0 || whole < 0 || part > whole {
                        throw ScoringError.invalidRatio(indicator: indicator.id, part: part, whole: whole)
                    }
                    program.encode(answer, indicator: source.indicator, into: &row)
                    if answersJSON.count > 1 { answersJSON += "," }
                    answersJSON += "\"\(Self.json(indicator.id))\":" + Self.json(answer)
                }
            } catch {
                rowProblems.append(.init(line: record.line, column: column, message: "\(error)"))
            }
        }
        guard rowProblems.isEmpty, let year else {
            for p in rowProblems { problem(p) }
            return
        }
        let score = row.withUnsafeBufferPointer { program.score($0) }
        var line = ""
        line.reserveCapacity(256)
        line += String(record.line)
        for field in [unit, subject, name, String(year), answersJSON + "}", factsJSON + "}"] {
            line += "\t"
            line += Self.copyEscaped(field)
        }
        line += "\t\(score.total)\t\(score.level)\t\(score.recognised ? "t" : "f")"
        line += "\t" + (adults.map(String.init) ?? "\\N")
        line += "\t" + (holding.map(String.init) ?? "\\N")
        line += "\n"
        emit(Array(line.utf8))
    }

    static func parseFact(_ cell: String, indicator: Indicator) throws(ScoringError) -> Fact {
        switch indicator.kind {
        case .share:
            guard case .ratio(let part, let whole) = try indicator.parseRatioCell(cell) else {
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

    /// COPY text format: backslash, tab and line breaks are escaped.
    static func copyEscaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
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

extension Indicator {
    /// Reads a `k/n` cell whatever the indicator's own answer form.
    fileprivate func parseRatioCell(_ cell: String) throws(ScoringError) -> Answer {
        let parts = cell.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let part = parts[0], let whole = parts[1] else {
            throw .wrongAnswerType(indicator: id, expected: "tỉ lệ dạng k/n", got: cell)
        }
        return .ratio(part: part, whole: whole)
    }
}
