import Documents
import Foundation

extension TargetReport {
    /// One line per unit and indicator, UTF-8 with a byte-order mark so spreadsheet programs
    /// open the Vietnamese correctly; decimals with a comma.
    public var csv: String {
        let number = Self.decimalText
        var out = "\u{FEFF}" + CSVWriter.line(Self.headers) + "\r\n"
        for row in rows {
            out +=
                CSVWriter.line([
                    row.unitCode, row.unitName, row.indicatorName, period, String(row.achieved), row.base.map(String.init) ?? "",
                    number(row.percent), number(row.nationalTarget), number(row.provinceTarget),
                ]) + "\r\n"
        }
        return out
    }
}

extension TargetReport {
    /// A share or a target as Vietnamese spreadsheets write it: "33,3"; empty for none.
    public static func decimalText(_ value: Decimal?) -> String {
        value.map { NSDecimalNumber(decimal: $0).stringValue.replacingOccurrences(of: ".", with: ",") } ?? ""
    }

    /// The download's name without extension, with the level of its lines (a commune table and a
    /// province one downloaded the same day must not overwrite each other):
    /// "tien-do-muc-tieu-2025-cap-xa", "tien-do-muc-tieu-2021-2025-cap-tinh".
    public var fileName: String {
        let level =
            switch self.level {
            case .province: "cap-tinh"
            case .district: "cap-huyen"
            case .commune: "cap-xa"
            case .village: "cap-thon"
            }
        return "tien-do-muc-tieu-\(period.replacingOccurrences(of: "–", with: "-"))-\(level)"
    }

    public static let headers = [
        "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Năm", "Đạt", "Tổng số", "Tỉ lệ (%)", "Mục tiêu quốc gia (%)", "Mục tiêu của tỉnh (%)",
    ]

    /// The same lines as a spreadsheet; shares as text with a decimal comma, as Vietnamese
    /// spreadsheets show them.
    public var xlsx: [UInt8] {
        func share(_ value: Decimal?) -> XlsxCell { .text(Self.decimalText(value)) }
        let cells: [[XlsxCell]] = rows.map { row in
            [
                .text(row.unitCode), .text(row.unitName), .text(row.indicatorName),
                firstYear == year ? .number(year) : .text(period), .number(row.achieved),
                row.base.map(XlsxCell.number) ?? .text(""), share(row.percent), share(row.nationalTarget), share(row.provinceTarget),
            ]
        }
        return XlsxWriter.table(headers: Self.headers, rows: cells, widths: [12, 32, 40, 8, 10, 10, 10, 14, 14], sheetName: "Tiến độ \(period)")
    }
}
