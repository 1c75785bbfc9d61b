import Documents
import Foundation

extension TargetReport {
    /// One line per unit and indicator, UTF-8 with a byte-order mark so spreadsheet programs
    /// open the Vietnamese correctly; decimals with a comma.
    public var csv: String {
        var lines = ["\u{FEFF}Mã đơn vị,Tên đơn vị,Chỉ tiêu,Năm,Đạt,Tổng số,Tỉ lệ (%),Mục tiêu quốc gia (%),Mục tiêu của tỉnh (%)"]
        func number(_ value: Decimal?) -> String {
            guard let value else { return "" }
            return "\"\(NSDecimalNumber(decimal: value).stringValue.replacingOccurrences(of: ".", with: ","))\""
        }
        for row in rows {
            let name = "\"\(row.unitName.replacingOccurrences(of: "\"", with: "\"\""))\""
            lines.append(
                [
                    row.unitCode, name, "\"\(row.indicator.vietnamese)\"", String(year), String(row.achieved), row.base.map(String.init) ?? "",
                    number(row.percent), number(row.nationalTarget), number(row.provinceTarget),
                ].joined(separator: ",")
            )
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

extension TargetReport {
    public static let headers = [
        "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Năm", "Đạt", "Tổng số", "Tỉ lệ (%)", "Mục tiêu quốc gia (%)", "Mục tiêu của tỉnh (%)",
    ]

    /// The same lines as a spreadsheet; shares as text with a decimal comma, as Vietnamese
    /// spreadsheets show them.
    public var xlsx: [UInt8] {
        func share(_ value: Decimal?) -> XlsxCell {
            .text(value.map { NSDecimalNumber(decimal: $0).stringValue.replacingOccurrences(of: ".", with: ",") } ?? "")
        }
        let cells: [[XlsxCell]] = rows.map { row in
            [
                .text(row.unitCode), .text(row.unitName), .text(row.indicator.vietnamese), .number(year), .number(row.achieved),
                row.base.map(XlsxCell.number) ?? .text(""), share(row.percent), share(row.nationalTarget), share(row.provinceTarget),
            ]
        }
        return XlsxWriter.table(headers: Self.headers, rows: cells, widths: [12, 32, 40, 8, 10, 10, 10, 14, 14], sheetName: "Tiến độ \(year)")
    }
}
