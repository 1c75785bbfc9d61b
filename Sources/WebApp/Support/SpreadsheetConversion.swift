import Dispatch
import Tabular

/// Uploaded workbooks are read into CSV on one serial queue of their own, off Swift's cooperative
/// threads: on a 2-core server those two threads answer every request, so a large or hostile
/// workbook must never hold them. One at a time also bounds the memory that reading costs
/// (`SpreadsheetLimits.upload` for one file).
enum SpreadsheetConversion {
    private static let queue = DispatchQueue(label: "thidua.spreadsheets", qos: .utility)

    /// The file as CSV: a workbook converted with Excel's row numbers kept, anything else as sent.
    static func csv(_ bytes: [UInt8]) async -> Result<[UInt8], XLSXReader.Problem> {
        guard XLSXReader.looksLikeWorkbook(bytes) else { return .success(bytes) }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: XLSXReader.converted(bytes, limits: .upload)) }
        }
    }
}
