import Foundation
import Storage

/// A horizontal bar chart of one indicator's share per unit, as inline SVG: no script, no
/// external assets, readable when printed. The target is drawn as a vertical line.
struct TargetChart {
    let title: String
    let rows: [TargetReport.Row]
    /// What names a bar: the unit (one indicator across units) or the indicator (one unit's targets).
    var label: KeyPath<TargetReport.Row, String> = \.unitName

    private static let rowHeight = 28
    private static let labelWidth = 220
    private static let barWidth = 420
    private static let labelLength = 32

    var svg: String {
        let height = max(1, rows.count) * Self.rowHeight + 50
        let width = Self.labelWidth + Self.barWidth + 110
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-labelledby="chart-title" class="chart">
            <title id="chart-title">\(escape(title))</title>
            """
        for (index, row) in rows.enumerated() {
            let y = 20 + index * Self.rowHeight
            let percent = row.percent.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
            let length = Int((percent / 100 * Double(Self.barWidth)).rounded())
            let target = row.provinceTarget ?? row.nationalTarget
            let meets = (row.meetsProvinceTarget ?? row.meetsNationalTarget) == true
            // A long name (an indicator's) is cut to fit the label column; the table beside the
            // chart gives it whole.
            let name = row[keyPath: label]
            let shown = name.count > Self.labelLength ? name.prefix(Self.labelLength - 1) + "…" : name
            out +=
                "<text x=\"\(Self.labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"chart-label\">\(escape(String(shown)))</text>"
            out += "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 4)\" width=\"\(Self.barWidth)\" height=\"18\" class=\"chart-track\"/>"
            out +=
                "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"18\" class=\"\(meets ? "chart-bar chart-met" : "chart-bar")\"/>"
            let label = row.percent.map { Self.vietnamese($0) + "%" } ?? "chưa có số liệu"
            out += "<text x=\"\(Self.labelWidth + Self.barWidth + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(label)</text>"
            if let target {
                let x = Self.labelWidth + Int((NSDecimalNumber(decimal: target).doubleValue / 100 * Double(Self.barWidth)).rounded())
                out += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(y + 1)\" y2=\"\(y + 25)\" class=\"chart-target\"/>"
            }
        }
        out += "</svg>"
        return out
    }

    static func vietnamese(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue.replacingOccurrences(of: ".", with: ",")
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
