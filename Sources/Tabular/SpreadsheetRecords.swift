/// What the list imports share: a file as communes send it — CSV, or a workbook whose first sheet
/// is read as CSV with Excel's row numbers kept — into records, and a refused header row into the
/// row problems the import reports.
public enum SpreadsheetRecords {
    /// A file that cannot be read: one problem, at its line.
    public struct Unreadable: Error, Sendable {
        public let problem: RowProblem
    }

    /// Every record of the file; throws `Unreadable` for a broken workbook or CSV.
    public static func read(_ bytes: [UInt8], limits: SpreadsheetLimits = .upload) throws -> [CSVRecord] {
        var bytes = bytes
        if XLSXReader.looksLikeWorkbook(bytes) {
            switch XLSXReader.converted(bytes, limits: limits) {
            case .success(let csv): bytes = csv
            case .failure(let problem): throw Unreadable(problem: RowProblem(line: 1, message: problem.description))
            }
        }
        do {
            return try CSVReader.records(in: bytes)
        } catch let error as CSVError {
            throw Unreadable(problem: RowProblem(line: error.line, message: error.vietnamese))
        }
    }
}

extension HeaderMap.Problems {
    /// The header's problems as problems of its line: the messages already say where
    /// ("Dòng 1, cột 3: …"), so only what follows is kept.
    public func rowProblems(line: Int) -> [RowProblem] {
        messages.map { message in
            RowProblem(line: line, message: message.range(of: ": ").map { String(message[$0.upperBound...]) } ?? message)
        }
    }
}
