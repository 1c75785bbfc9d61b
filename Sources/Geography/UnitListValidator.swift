/// Checks a unit list against itself and the units already stored, and says what to change.
///
/// A list is accepted whole or refused whole: every problem is reported with its row.
public enum UnitListValidator {
    public static func plan(rows: [UnitListRow], existing: [AdminUnit]) throws(UnitImportRefused) -> UnitImportPlan {
        var problems: [UnitImportProblem] = []
        var stored = Dictionary(grouping: existing, by: \.code)
        var firstRowOfVersion: [String: [(line: Int, validity: Validity)]] = [:]
        var plan = UnitImportPlan(inserts: [], closes: [], unchanged: 0)
        var fromFile: [String: [AdminUnit]] = [:]

        // Pass 1: each row against earlier rows of the file and against the store.
        for row in rows {
            let unit = row.unit
            if let clash = firstRowOfVersion[unit.code]?.first(where: { $0.validity.overlaps(unit.validity) }) {
                problems.append(
                    UnitImportProblem(
                        line: row.line,
                        column: "mã",
                        message: "mã \(unit.code) trùng với dòng \(clash.line) trong cùng thời gian hiệu lực."
                    )
                )
                continue
            }
            firstRowOfVersion[unit.code, default: []].append((row.line, unit.validity))

            let versions = stored[unit.code] ?? []
            if let same = versions.first(where: { $0.validity.from == unit.validity.from }) {
                if same == unit {
                    plan.unchanged += 1
                    continue
                }
                if same.validity.to == nil, let end = unit.validity.to,
                    AdminUnit(
                        code: same.code,
                        name: same.name,
                        level: same.level,
                        parentCode: same.parentCode,
                        validity: unit.validity,
                        replaces: same.replaces
                    ) == unit
                {
                    plan.closes.append(.init(code: unit.code, validFrom: unit.validity.from, validTo: end))
                    stored[unit.code] = versions.map { $0 == same ? unit : $0 }
                    continue
                }
                problems.append(
                    UnitImportProblem(
                        line: row.line,
                        column: "mã",
                        message:
                            "mã \(unit.code) (hiệu lực từ \(unit.validity.from)) đã có trong hệ thống với thông tin khác; chỉ được bổ sung ngày hết hiệu lực."
                    )
                )
                continue
            }
            if let clash = versions.first(where: { $0.validity.overlaps(unit.validity) }) {
                problems.append(
                    UnitImportProblem(
                        line: row.line,
                        column: "mã",
                        message: "mã \(unit.code) đã được dùng cho \"\(clash.name)\" trong thời gian \(clash.validity.vietnamese)."
                    )
                )
                continue
            }
            fromFile[unit.code, default: []].append(unit)
            plan.inserts.append(unit)
        }

        // Pass 2: parents and predecessors, looked up among stored units and the file's new ones.
        func version(of code: String, on day: Day) -> AdminUnit? {
            ((stored[code] ?? []) + (fromFile[code] ?? [])).first { $0.validity.contains(day) }
        }
        func anyVersion(of code: String) -> Bool { stored[code] != nil || fromFile[code] != nil }

        let lineOf = Dictionary(rows.map { ("\($0.unit.code)@\($0.unit.validity.from.iso)", $0.line) }, uniquingKeysWith: { a, _ in a })
        for unit in plan.inserts {
            let line = lineOf["\(unit.code)@\(unit.validity.from.iso)"] ?? 0
            func problem(_ column: String, _ message: String) {
                problems.append(UnitImportProblem(line: line, column: column, message: message))
            }
            if let parentCode = unit.parentCode {
                if parentCode == unit.code {
                    problem("mã cấp trên", "đơn vị không thể là cấp trên của chính nó.")
                } else if let parent = version(of: parentCode, on: unit.validity.from) {
                    if !unit.level.allowedParents.contains(parent.level) {
                        problem(
                            "cấp",
                            "đơn vị \(unit.level.vietnamese.lowercased()) không thể trực thuộc \"\(parent.name)\" (\(parent.level.vietnamese.lowercased()))."
                        )
                    } else if let parentEnd = parent.validity.to, unit.validity.to.map({ $0 > parentEnd }) ?? true {
                        problem(
                            "hiệu lực đến",
                            "đơn vị cấp trên \"\(parent.name)\" hết hiệu lực ngày \(parentEnd), đơn vị này phải hết hiệu lực muộn nhất cùng ngày."
                        )
                    }
                } else if anyVersion(of: parentCode) {
                    problem("mã cấp trên", "đơn vị cấp trên \(parentCode) không có hiệu lực vào ngày \(unit.validity.from).")
                } else {
                    problem("mã cấp trên", "không có đơn vị nào mang mã cấp trên \(parentCode).")
                }
            } else if !unit.level.allowedParents.contains(nil) {
                problem("mã cấp trên", "đơn vị \(unit.level.vietnamese.lowercased()) phải có mã đơn vị cấp trên.")
            }

            for predecessorCode in unit.replaces {
                if let predecessor = version(of: predecessorCode, on: unit.validity.from.previous) {
                    if predecessor.level < unit.level && predecessor.level != .district {
                        problem(
                            "thay thế",
                            "\"\(predecessor.name)\" là \(predecessor.level.vietnamese.lowercased()), không thể được thay thế bởi đơn vị cấp dưới."
                        )
                    } else if predecessor.validity.to != unit.validity.from.previous {
                        problem(
                            "thay thế",
                            "\"\(predecessor.name)\" phải hết hiệu lực ngày \(unit.validity.from.previous), ngay trước khi đơn vị thay thế bắt đầu."
                        )
                    }
                } else if anyVersion(of: predecessorCode) {
                    problem("thay thế", "đơn vị \(predecessorCode) không có hiệu lực vào ngày \(unit.validity.from.previous).")
                } else {
                    problem("thay thế", "không có đơn vị nào mang mã \(predecessorCode).")
                }
            }
        }

        guard problems.isEmpty else { throw UnitImportRefused(problems: problems) }
        plan.inserts.sort { ($0.level, $0.validity.from, $0.code) < ($1.level, $1.validity.from, $1.code) }
        return plan
    }
}
