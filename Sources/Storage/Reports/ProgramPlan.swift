import DataFiles
import Foundation

/// A plan's targets as a data file (`targets/*.yaml`): the document that sets them, and for each
/// year the percentage per indicator. A province loads its plan with `thidua targets load`; the
/// indicators are checked against `program_indicators` when it is stored.
///
///     basis: Kế hoạch số 3853/KH-UBND ngày 29/7/2022 của Ủy ban nhân dân tỉnh Bình Dương
///     years:
///       2025: {household: 70, community: 65, unit: 80}
public struct ProgramPlan: Sendable, Equatable {
    public let basis: String
    /// Year → indicator id → percent.
    public let targets: [Int: [String: Decimal]]

    public init(basis: String, targets: [Int: [String: Decimal]]) {
        self.basis = basis
        self.targets = targets
    }

    public static func read(_ text: String, file: String) throws(DataFileError) -> ProgramPlan {
        let top = try YAMLNode.parse(text, file: file).mapping(allowed: ["basis", "years"], required: ["basis", "years"])
        let basis = try top["basis"]!.string()
        guard !basis.trimmingCharacters(in: .whitespaces).isEmpty else { throw top["basis"]!.error("cần ghi văn bản đặt mục tiêu") }
        var targets: [Int: [String: Decimal]] = [:]
        for (yearText, node) in try top["years"]!.mapping(allowed: nil) {
            guard let year = Int(yearText), (2000...2100).contains(year) else { throw node.error("năm \"\(yearText)\" không hợp lệ") }
            var percents: [String: Decimal] = [:]
            for (indicator, value) in try node.mapping(allowed: nil) {
                guard let percent = Decimal(string: try value.scalarText()), percent >= 0, percent <= 100 else {
                    throw value.error("tỉ lệ phải là số từ 0 đến 100")
                }
                percents[indicator] = percent
            }
            guard !percents.isEmpty else { throw node.error("năm \(year) chưa có mục tiêu nào") }
            targets[year] = percents
        }
        guard !targets.isEmpty else { throw top["years"]!.error("cần ít nhất một năm") }
        return ProgramPlan(basis: basis, targets: targets)
    }
}
