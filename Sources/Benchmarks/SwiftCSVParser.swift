import Foundation
import SwiftCSV

/// SwiftCSV in a file of its own (see `CSVSwiftParser`).
enum SwiftCSVParser {
    static func fields(path: String) throws -> Int {
        let csv = try CSV<Enumerated>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
        nonisolated(unsafe) var fields = csv.header.count
        try csv.enumerateAsArray(limitTo: nil, startAt: 1) { row in fields += row.count }
        return fields
    }
}
