import Tabular

/// Reads a unit list in the layout of the official code lists: one unit per row with its code,
/// name, level, parent code and validity, and the codes of the units it replaced.
///
/// Headers may be written in Vietnamese with or without accents (`Mã`, `Tên`, `Cấp`, `Mã cấp trên`,
/// `Hiệu lực từ`, `Hiệu lực đến`, `Thay thế`) or in English (`code`, `name`, `level`,
/// `parent_code`, `valid_from`, `valid_to`, `replaces`). Dates are `dd/MM/yyyy` or `yyyy-MM-dd`.
public enum UnitListReader {
    public static let columns: [ColumnSpec] = [
        ColumnSpec("code", required: true, aliases: ["mã", "ma", "code", "mã đơn vị", "ma_don_vi"]),
        ColumnSpec("name", required: true, aliases: ["tên", "ten", "name", "tên đơn vị", "ten_don_vi"]),
        ColumnSpec("level", required: true, aliases: ["cấp", "cap", "level", "loại", "loai"]),
        ColumnSpec(
            "parent",
            required: false,
            aliases: ["mã cấp trên", "ma_cap_tren", "parent_code", "parent", "mã đơn vị cấp trên", "ma_tinh_huyen"]
        ),
        ColumnSpec("from", required: true, aliases: ["hiệu lực từ", "hieu_luc_tu", "valid_from", "từ ngày", "tu_ngay"]),
        ColumnSpec("to", required: false, aliases: ["hiệu lực đến", "hieu_luc_den", "valid_to", "đến ngày", "den_ngay"]),
        ColumnSpec("replaces", required: false, aliases: ["thay thế", "thay_the", "replaces", "thay thế đơn vị", "sáp nhập từ"]),
    ]

    static let columnNames: [String: String] = [
        "code": "mã", "name": "tên", "level": "cấp", "parent": "mã cấp trên", "from": "hiệu lực từ",
        "to": "hiệu lực đến", "replaces": "thay thế",
    ]

    /// Parses the file's bytes into rows. Every problem of every row is collected before refusing,
    /// so a commune fixes its file in one pass.
    public static func read(_ bytes: [UInt8]) throws(UnitImportRefused) -> [UnitListRow] {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: bytes).filter { !$0.isBlank }
        } catch let error as CSVError {
            throw UnitImportRefused(problems: [UnitImportProblem(line: error.line, message: error.vietnamese)])
        } catch {
            throw UnitImportRefused(problems: [UnitImportProblem(line: 1, message: "Không đọc được tệp.")])
        }
        guard let header = records.first else {
            throw UnitImportRefused(problems: [UnitImportProblem(line: 1, message: "Tệp trống: cần một dòng tiêu đề và ít nhất một đơn vị.")])
        }
        let map: HeaderMap
        do {
            map = try HeaderMap(header: header, columns: columns)
        } catch {
            throw UnitImportRefused(problems: error.messages.map { UnitImportProblem(line: header.line, message: $0) })
        }
        guard records.count > 1 else {
            throw UnitImportRefused(problems: [UnitImportProblem(line: header.line, message: "Tệp không có đơn vị nào sau dòng tiêu đề.")])
        }
        var rows: [UnitListRow] = []
        var problems: [UnitImportProblem] = []
        for record in records.dropFirst() {
            switch row(record, map: map) {
            case .success(let row): rows.append(row)
            case .failure(let refused): problems += refused.problems
            }
        }
        guard problems.isEmpty else { throw UnitImportRefused(problems: problems) }
        return rows
    }

    private static func row(_ record: CSVRecord, map: HeaderMap) -> Result<UnitListRow, UnitImportRefused> {
        var problems: [UnitImportProblem] = []
        func problem(_ key: String, _ message: String) {
            problems.append(UnitImportProblem(line: record.line, column: columnNames[key], message: message))
        }
        let code = map.value("code", in: record)
        let name = map.value("name", in: record)
        let parent = map.value("parent", in: record)
        let levelText = map.value("level", in: record)
        let fromText = map.value("from", in: record)
        let toText = map.value("to", in: record)

        if code.isEmpty {
            problem("code", "thiếu mã đơn vị.")
        } else if !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
            problem("code", "mã \"\(code)\" chỉ được gồm chữ số, chữ cái không dấu, dấu chấm hoặc gạch ngang.")
        }
        if name.isEmpty { problem("name", "thiếu tên đơn vị.") }
        let level = AdminLevel.parse(levelText, hasParent: !parent.isEmpty)
        if levelText.isEmpty {
            problem("level", "thiếu cấp của đơn vị.")
        } else if level == nil {
            problem("level", "không nhận ra cấp \"\(levelText)\" (ví dụ hợp lệ: Tỉnh, Huyện, Xã, Phường, Thôn, Tổ dân phố).")
        }
        let from = Day(parsing: fromText)
        if fromText.isEmpty {
            problem("from", "thiếu ngày bắt đầu hiệu lực.")
        } else if from == nil {
            problem("from", "ngày \"\(fromText)\" không hợp lệ (dùng dạng dd/MM/yyyy).")
        }
        let to = toText.isEmpty ? nil : Day(parsing: toText)
        if !toText.isEmpty, to == nil {
            problem("to", "ngày \"\(toText)\" không hợp lệ (dùng dạng dd/MM/yyyy).")
        }
        if let from, let to, to < from {
            problem("to", "ngày hết hiệu lực \(to) trước ngày bắt đầu \(from).")
        }
        let replaces = map.value("replaces", in: record)
            .split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == " " })
            .map(String.init)
        guard problems.isEmpty, let level, let from else { return .failure(UnitImportRefused(problems: problems)) }
        let unit = AdminUnit(
            code: code,
            name: name,
            level: level,
            parentCode: parent.isEmpty ? nil : parent,
            validity: Validity(from: from, to: to),
            replaces: replaces
        )
        return .success(UnitListRow(line: record.line, unit: unit))
    }
}
