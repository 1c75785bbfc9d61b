import Documents
import Foundation
import Logging
import PostgresNIO
import Tabular
import Workflow

/// Many nominations from one spreadsheet (CSV, UTF-8, as communes send them): the whole file is
/// checked first — headers, each row's fields, kinds and awards of the round's process, duplicates
/// within the file and open nominations already in the round — and shown as a preview with every
/// problem by line and column; only a clean file is stored, in one transaction.
public struct NominationImport: Sendable {
    public let store: NominationStore

    public init(store: NominationStore) { self.store = store }

    public struct Row: Sendable, Equatable {
        public let line: Int
        public let nomineeName: String
        public let nomineeKind: String
        public let nomineeKey: String
        public let nomineeDetail: String
        public let achievement: String
        public let award: String
        public let awardTitle: String
        /// The award as the file wrote it, shown beside the matched title in the preview.
        public let awardTyped: String
    }

    public struct Plan: Sendable {
        public let rows: [Row]
        public let problems: [RowProblem]

        public init(rows: [Row], problems: [RowProblem]) {
            self.rows = rows
            self.problems = problems
        }
    }

    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let problems: [RowProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    static let columns = [
        ColumnSpec("name", required: true, aliases: ["Họ và tên", "Họ tên", "Tên", "Tên đối tượng"]),
        ColumnSpec("kind", required: true, aliases: ["Loại đối tượng", "Đối tượng"]),
        ColumnSpec("key", required: true, aliases: ["Mã định danh", "Mã", "CCCD", "Mã hộ"]),
        ColumnSpec("detail", required: false, aliases: ["Chức vụ, địa chỉ", "Chức vụ", "Địa chỉ"]),
        ColumnSpec("achievement", required: true, aliases: ["Thành tích", "Tóm tắt thành tích"]),
        ColumnSpec("award", required: true, aliases: ["Hình thức", "Hình thức khen thưởng", "Hình thức đề nghị"]),
    ]

    /// The nominee kinds as the template's drop-down offers them.
    public static let kindNames = ["cá nhân", "hộ gia đình", "dòng họ", "tập thể", "doanh nghiệp", "đơn vị hành chính"]

    /// The workbook to fill ("Tải tệp mẫu"): the columns this import reads, by the names it
    /// knows them by, drop-down lists of the kinds and of `awards` (the round's titles), and one
    /// example row it accepts as it stands.
    public static func template(awards: [String]) -> [UInt8] {
        XlsxWriter.table(
            headers: columns.map { $0.aliases[0] },
            rows: [
                [
                    .text("Nguyễn Văn An"), .text("cá nhân"), .text("001085012345"), .text("Giáo viên Trường Tiểu học xã"),
                    .text("Tích cực học tập suốt đời, đạt danh hiệu Công dân học tập ba năm liền"), .text(awards.first ?? "giay-khen-xa"),
                ]
            ],
            widths: [28, 18, 18, 32, 60, 48],
            sheetName: "Hồ sơ đề nghị",
            choices: [1: kindNames, 5: awards]
        )
    }

    /// Reads and checks the file against the round; stores nothing.
    public func plan(_ bytes: [UInt8], provinceCode: String, roundID: Int) async throws -> Plan {
        let records: [CSVRecord]
        do {
            records = try SpreadsheetRecords.read(bytes)
        } catch let unreadable as SpreadsheetRecords.Unreadable {
            return Plan(rows: [], problems: [unreadable.problem])
        }
        guard let header = records.first else { return Plan(rows: [], problems: [RowProblem(line: 1, message: "Tệp trống.")]) }
        let map: HeaderMap
        do {
            map = try HeaderMap(header: header, columns: Self.columns)
        } catch {
            return Plan(rows: [], problems: error.rowProblems(line: header.line))
        }
        let round = try await store.client.query(
            "SELECT workflow_id || '@' || workflow_version FROM rounds WHERE province_code = \(provinceCode) AND id = \(roundID)",
            logger: store.logger
        )
        var reference: String?
        for try await value in round.decode(String.self) { reference = value }
        guard let reference else { throw NominationStore.NominationError.unknownRound }
        let definition = try await store.workflows.definition(reference)

        var rows: [Row] = []
        var problems: [RowProblem] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() where !record.isBlank {
            let name = map.value("name", in: record)
            let kindText = map.value("kind", in: record)
            let key = map.value("key", in: record)
            let achievement = map.value("achievement", in: record)
            let awardText = map.value("award", in: record)
            var rowProblems: [RowProblem] = []
            if name.count < 2 { rowProblems.append(.init(line: record.line, column: "Họ và tên", message: "thiếu họ tên hoặc tên đối tượng")) }
            let kind = AwardNames.kind(kindText)
            if kind == nil {
                rowProblems.append(
                    .init(
                        line: record.line,
                        column: "Loại đối tượng",
                        message:
                            "\"\(kindText)\" không phải: cá nhân (CN), hộ gia đình (HGĐ), dòng họ, tập thể (TT), doanh nghiệp (DN), đơn vị hành chính (ĐVHC)"
                    )
                )
            }
            if key.isEmpty { rowProblems.append(.init(line: record.line, column: "Mã định danh", message: "thiếu mã định danh")) }
            if TextBounds.exceeds(key, TextBounds.key) {
                rowProblems.append(.init(line: record.line, column: "Mã định danh", message: "mã định danh " + TextBounds.tooLong(TextBounds.key)))
            }
            if TextBounds.exceeds(name, TextBounds.name) {
                rowProblems.append(.init(line: record.line, column: "Họ và tên", message: "tên " + TextBounds.tooLong(TextBounds.name)))
            }
            if achievement.count < 10 {
                rowProblems.append(.init(line: record.line, column: "Thành tích", message: "tóm tắt thành tích quá ngắn (ít nhất 10 ký tự)"))
            }
            var award: WorkflowDefinition.Award?
            switch AwardNames.match(awardText, in: definition.awards) {
            case .award(let found): award = found
            case .ambiguous(let titles):
                rowProblems.append(
                    .init(
                        line: record.line,
                        column: "Hình thức",
                        message: "\"\(awardText)\" có thể là nhiều hình thức (\(titles.joined(separator: "; "))): ghi rõ hơn"
                    )
                )
            case .none:
                rowProblems.append(
                    .init(
                        line: record.line,
                        column: "Hình thức",
                        message: "\"\(awardText)\" không có trong quy trình của đợt (\(definition.awards.map(\.title).joined(separator: "; ")))"
                    )
                )
            }
            if let award, !key.isEmpty {
                let identity = key + "|" + award.id
                if let earlier = seen[identity] {
                    rowProblems.append(
                        .init(line: record.line, column: "Mã định danh", message: "trùng với dòng \(earlier) (cùng đối tượng, cùng hình thức)")
                    )
                } else {
                    seen[identity] = record.line
                }
            }
            problems += rowProblems
            if rowProblems.isEmpty, let kind, let award {
                rows.append(
                    Row(
                        line: record.line,
                        nomineeName: name,
                        nomineeKind: kind,
                        nomineeKey: key,
                        nomineeDetail: map.value("detail", in: record),
                        achievement: achievement,
                        award: award.id,
                        awardTitle: award.title,
                        awardTyped: awardText
                    )
                )
            }
        }
        if rows.isEmpty && problems.isEmpty { problems.append(RowProblem(line: header.line + 1, message: "Tệp không có dòng dữ liệu nào.")) }
        // Nominees already open in the round for the same award.
        if !rows.isEmpty {
            let open = try await store.client.query(
                """
                SELECT nominee_key || '|' || award FROM nominations
                WHERE province_code = \(provinceCode) AND round_id = \(roundID) AND is_open AND nominee_key = ANY(\(rows.map(\.nomineeKey)))
                """,
                logger: store.logger
            )
            var taken: Set<String> = []
            for try await identity in open.decode(String.self) { taken.insert(identity) }
            for row in rows where taken.contains(row.nomineeKey + "|" + row.award) {
                problems.append(.init(line: row.line, column: "Mã định danh", message: "đối tượng đã có hồ sơ đang xét cùng hình thức trong đợt này"))
            }
        }
        return Plan(rows: rows, problems: problems.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") })
    }

    /// Checks again and stores every row, or nothing.
    public func commit(_ bytes: [UInt8], provinceCode: String, roundID: Int, unitID: Int, createdBy: Int?) async throws -> [NominationStore
        .Nomination]
    {
        let plan = try await plan(bytes, provinceCode: provinceCode, roundID: roundID)
        guard plan.problems.isEmpty else {
            StoreMetrics.importRefused(.nominations)
            throw Refused(problems: plan.problems)
        }
        let created = try await store.createMany(
            plan.rows.map {
                .init(
                    provinceCode: provinceCode,
                    roundID: roundID,
                    award: $0.award,
                    nomineeKind: $0.nomineeKind,
                    nomineeKey: $0.nomineeKey,
                    nomineeName: $0.nomineeName,
                    unitID: unitID,
                    achievement: $0.achievement,
                    nomineeDetail: $0.nomineeDetail
                )
            },
            createdBy: createdBy
        )
        StoreMetrics.imported(.nominations, rows: created.count)
        return created
    }
}
