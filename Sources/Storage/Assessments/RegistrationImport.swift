import Foundation
import Geography
import Logging
import PostgresNIO
import Tabular

/// A commune's registration list for one title (the households, clans or units that undertake to
/// strive for it this year), from a spreadsheet (CSV or XLSX). The whole file is checked first —
/// header, each row's fields, units that exist at a village or commune in force that year and
/// within the sender's scope, duplicates within the file — and every problem is listed by line and
/// column; only a clean file is stored, in one statement. Subjects already registered stay as
/// they are, so sending the same list again changes nothing.
public struct RegistrationImport: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Row: Sendable, Equatable {
        public let line: Int
        public let unitCode: String
        public let unitID: Int
        public let provinceCode: String
        public let subjectKey: String
        public let subjectName: String
        public let year: Int
    }

    public struct Plan: Sendable {
        public let rows: [Row]
        public let problems: [RowProblem]
    }

    public struct Summary: Sendable, Equatable {
        public let rows: Int
        public let registered: Int
        public let unchanged: Int

        public init(rows: Int, registered: Int, unchanged: Int) {
            self.rows = rows
            self.registered = registered
            self.unchanged = unchanged
        }
    }

    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let problems: [RowProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    static let columns = [
        ColumnSpec("unit", required: true, aliases: ["Mã đơn vị", "Mã thôn", "Mã xã", "Mã thôn, tổ dân phố"]),
        ColumnSpec("key", required: true, aliases: ["Mã đối tượng", "Mã hộ", "Mã định danh", "Mã"]),
        ColumnSpec("name", required: true, aliases: ["Tên", "Tên đối tượng", "Họ tên chủ hộ", "Họ và tên", "Tên dòng họ", "Tên đơn vị"]),
        ColumnSpec("year", required: false, aliases: ["Năm", "Năm đăng ký"]),
    ]

    /// The column headings a blank list starts with.
    public static let headings = ["Mã đơn vị", "Mã đối tượng", "Tên", "Năm"]

    /// Reads and checks the list; stores nothing. `year` fills rows without a year of their own;
    /// `scopeUnitIDs` (nil for administrators) are the units the sender may register in.
    public func plan(_ bytes: [UInt8], setID: String, year: Int?, scopeUnitIDs: [Int]?) async throws -> Plan {
        func refused(_ problems: [RowProblem]) -> Plan { Plan(rows: [], problems: problems) }
        if let year, !RecordYears.contains(year) {
            return refused([RowProblem(line: 0, message: RecordYears.refusal(year))])
        }
        let records: [CSVRecord]
        do {
            records = try SpreadsheetRecords.read(bytes)
        } catch let unreadable as SpreadsheetRecords.Unreadable {
            return refused([unreadable.problem])
        }
        guard let header = records.first(where: { !$0.isBlank }) else { return refused([RowProblem(line: 1, message: "tệp trống")]) }
        let map: HeaderMap
        do {
            map = try HeaderMap(header: header, columns: Self.columns)
        } catch {
            return refused(error.rowProblems(line: header.line))
        }
        if let problem = try await registrable(setID) { return refused([RowProblem(line: header.line, message: problem)]) }

        struct Read {
            let line: Int
            let unit: String
            let key: String
            let name: String
            let year: Int
        }
        var read: [Read] = []
        var problems: [RowProblem] = []
        var seen: [String: Int] = [:]
        for record in records where record.line > header.line && !record.isBlank {
            let unit = map.value("unit", in: record)
            let key = map.value("key", in: record)
            let name = map.value("name", in: record)
            let yearText = map.value("year", in: record)
            var rowProblems: [RowProblem] = []
            if unit.isEmpty { rowProblems.append(.init(line: record.line, column: "mã đơn vị", message: "thiếu mã đơn vị")) }
            if key.isEmpty { rowProblems.append(.init(line: record.line, column: "mã đối tượng", message: "thiếu mã đối tượng")) }
            if name.isEmpty { rowProblems.append(.init(line: record.line, column: "tên", message: "thiếu tên")) }
            if TextBounds.exceeds(key, TextBounds.key) {
                rowProblems.append(.init(line: record.line, column: "mã đối tượng", message: "mã đối tượng " + TextBounds.tooLong(TextBounds.key)))
            }
            if TextBounds.exceeds(name, TextBounds.name) {
                rowProblems.append(.init(line: record.line, column: "tên", message: "tên " + TextBounds.tooLong(TextBounds.name)))
            }
            var rowYear = year
            if !yearText.isEmpty {
                rowYear = Int(yearText).flatMap { RecordYears.contains($0) ? $0 : nil }
                if rowYear == nil { rowProblems.append(.init(line: record.line, column: "năm", message: "năm \"\(yearText)\" không hợp lệ")) }
            } else if year == nil {
                rowProblems.append(.init(line: record.line, column: "năm", message: "thiếu năm (điền cột Năm hoặc chọn năm khi nhập)"))
            }
            if let rowYear, !key.isEmpty {
                let identity = "\(key)|\(rowYear)"
                if let earlier = seen[identity] {
                    rowProblems.append(.init(line: record.line, column: "mã đối tượng", message: "\(key) trùng với dòng \(earlier) trong cùng năm"))
                } else {
                    seen[identity] = record.line
                }
            }
            problems += rowProblems
            if rowProblems.isEmpty, let rowYear { read.append(Read(line: record.line, unit: unit, key: key, name: name, year: rowYear)) }
        }
        if read.isEmpty && problems.isEmpty { problems.append(RowProblem(line: header.line + 1, message: "tệp không có dòng dữ liệu nào")) }

        // Units: each code and year resolves to the version in force that year (the newest if the
        // code was reused within the year), then level and scope are checked — one query each.
        let units = try await unitVersions(codes: Array(Set(read.map(\.unit))))
        let inScope = try await unitsWithinScope(ids: units.map(\.id), scopes: scopeUnitIDs)
        var rows: [Row] = []
        for row in read {
            let versions = units.filter { $0.code == row.unit }
            guard !versions.isEmpty else {
                problems.append(.init(line: row.line, column: "mã đơn vị", message: "không có đơn vị mã \(row.unit)"))
                continue
            }
            guard let version = versions.filter({ $0.isInForce(during: row.year) }).max(by: { $0.validity.from < $1.validity.from }) else {
                problems.append(.init(line: row.line, column: "mã đơn vị", message: "đơn vị \(row.unit) không có hiệu lực trong năm \(row.year)"))
                continue
            }
            guard ["village", "commune"].contains(version.level) else {
                problems.append(
                    .init(
                        line: row.line,
                        column: "mã đơn vị",
                        message: "đơn vị \(row.unit) không phải thôn, tổ dân phố hay xã: đăng ký ghi tại thôn hoặc xã"
                    )
                )
                continue
            }
            guard inScope.contains(version.id) else {
                problems.append(.init(line: row.line, column: "mã đơn vị", message: "đơn vị \(row.unit) nằm ngoài phạm vi của bạn"))
                continue
            }
            rows.append(
                Row(
                    line: row.line,
                    unitCode: row.unit,
                    unitID: version.id,
                    provinceCode: version.provinceCode,
                    subjectKey: row.key,
                    subjectName: row.name,
                    year: row.year
                )
            )
        }
        return Plan(rows: rows, problems: problems.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") })
    }

    /// Checks the list again and registers every row, or nothing.
    public func commit(_ bytes: [UInt8], setID: String, year: Int?, scopeUnitIDs: [Int]?, registeredBy: Int?) async throws -> Summary {
        let plan = try await plan(bytes, setID: setID, year: year, scopeUnitIDs: scopeUnitIDs)
        guard plan.problems.isEmpty else {
            StoreMetrics.importRefused(.registrations)
            throw Refused(problems: plan.problems)
        }
        let rows = plan.rows
        let inserted = try await client.query(
            """
            WITH added AS (
                INSERT INTO registrations (province_code, set_id, subject_key, subject_name, unit_id, year, registered_by)
                SELECT t.province_code, \(setID), t.subject_key, t.subject_name, t.unit_id, t.year, \(registeredBy)
                FROM unnest(\(rows.map(\.provinceCode))::text[], \(rows.map(\.subjectKey))::text[], \(rows.map(\.subjectName))::text[],
                            \(rows.map(\.unitID))::bigint[], \(rows.map(\.year))::int[])
                     AS t(province_code, subject_key, subject_name, unit_id, year)
                ON CONFLICT (province_code, set_id, subject_key, year) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::int FROM added
            """,
            logger: logger
        )
        var count = 0
        for try await value in inserted.decode(Int.self) { count = value }
        StoreMetrics.imported(.registrations, rows: count)
        return Summary(rows: rows.count, registered: count, unchanged: rows.count - count)
    }

    /// Why the set cannot take registrations, or nil when it can.
    private func registrable(_ setID: String) async throws -> String? {
        do {
            try await RegistrationStore(client: client, logger: logger).requireRegistrable(setID: setID)
            return nil
        } catch let error as RegistrationStore.RegistrationError {
            return error.description
        }
    }

    private struct UnitVersion {
        let id: Int
        let code: String
        let provinceCode: String
        let level: String
        let validity: Validity

        func isInForce(during year: Int) -> Bool {
            guard let first = Day(year: year, month: 1, day: 1), let last = Day(year: year, month: 12, day: 31) else { return false }
            return validity.overlaps(Validity(from: first, to: last))
        }
    }

    private func unitVersions(codes: [String]) async throws -> [UnitVersion] {
        guard !codes.isEmpty else { return [] }
        let rows = try await client.query(
            """
            SELECT id, code, province_code, level, to_char(valid_from, 'DD/MM/YYYY'), to_char(valid_to, 'DD/MM/YYYY')
            FROM admin_units WHERE code = ANY(\(codes))
            """,
            logger: logger
        )
        var out: [UnitVersion] = []
        for try await (id, code, province, level, from, to) in rows.decode((Int, String, String, String, String, String?).self) {
            guard let start = Day(parsing: from) else { continue }
            let validity = Validity(from: start, to: to.flatMap { Day(parsing: $0) })
            out.append(UnitVersion(id: id, code: code, provinceCode: province, level: level, validity: validity))
        }
        return out
    }

    private func unitsWithinScope(ids: [Int], scopes: [Int]?) async throws -> Set<Int> {
        guard let scopes else { return Set(ids) }
        guard !ids.isEmpty, !scopes.isEmpty else { return [] }
        let rows = try await client.query(
            "SELECT DISTINCT unit_id FROM admin_unit_scope WHERE unit_id = ANY(\(ids)) AND scope_id = ANY(\(scopes))",
            logger: logger
        )
        var out: Set<Int> = []
        for try await id in rows.decode(Int.self) { out.insert(id) }
        return out
    }
}
