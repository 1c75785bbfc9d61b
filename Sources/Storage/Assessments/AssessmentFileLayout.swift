import Scoring
import Tabular

/// The columns of an assessment spreadsheet for one criteria set: who and where, then one
/// column per answered indicator (headed by its id, e.g. `1.1`) and one per fact the set reads.
struct AssessmentFileLayout {
    let program: ScoringProgram
    let header: HeaderMap
    /// For each indicator of the set: the column it is read from (answer or fact), and the
    /// JSON key its value is stored under, as bytes ready to write.
    let sources: [Source]
    /// Column positions of the fixed columns (nil when an optional one is absent).
    let unit: Int?
    let subject: Int?
    let name: Int?
    let year: Int?
    let adults: Int?
    let adultsHolding: Int?

    struct Source {
        let indicator: Int
        let column: Int?
        let title: String
        let isFact: Bool
        let jsonKey: [UInt8]
    }

    static let fixedColumns: [ColumnSpec] = [
        ColumnSpec("unit", required: true, aliases: ["mã đơn vị", "ma_don_vi", "mã thôn", "mã xã", "unit_code", "unit"]),
        ColumnSpec("subject", required: true, aliases: ["mã đối tượng", "ma_doi_tuong", "mã hộ", "ma_ho", "subject_key", "subject"]),
        ColumnSpec("name", required: true, aliases: ["tên", "ten", "họ tên chủ hộ", "chủ hộ", "tên đối tượng", "name"]),
        ColumnSpec("year", required: true, aliases: ["năm", "nam", "year"]),
        ColumnSpec("adults", required: false, aliases: ["số người lớn", "so_nguoi_lon", "adults", "số cán bộ", "so_can_bo"]),
        ColumnSpec(
            "adults_holding",
            required: false,
            aliases: ["số đạt công dân học tập", "so_dat_cong_dan_hoc_tap", "số công dân học tập", "so_cdht", "adults_holding"]
        ),
    ]

    static let columnTitles: [String: String] = [
        "unit": "mã đơn vị", "subject": "mã đối tượng", "name": "tên", "year": "năm", "adults": "số người lớn",
        "adults_holding": "số đạt công dân học tập",
    ]

    init(program: ScoringProgram, headerRecord: CSVRecord) throws(HeaderMap.Problems) {
        self.program = program
        var specs = Self.fixedColumns
        var sources: [(Int, String, String, Bool)] = []
        var factKeys: Set<String> = []
        for (index, indicator) in program.set.indicators.enumerated() {
            switch indicator.kind {
            case .fact(let name, _), .share(_, _, let name?, _, _, _):
                let key = "fact:\(name)"
                if factKeys.insert(key).inserted { specs.append(ColumnSpec(key, required: true, aliases: [name])) }
                sources.append((index, key, name, true))
            default:
                let key = "answer:\(indicator.id)"
                specs.append(ColumnSpec(key, required: true, aliases: [indicator.id, "chỉ số \(indicator.id)"]))
                sources.append((index, key, indicator.id, false))
            }
        }
        let header = try HeaderMap(header: headerRecord, columns: specs)
        self.header = header
        func position(_ key: String) -> Int? { header.columnNumber(key).map { $0 - 1 } }
        self.sources = sources.map { index, key, title, isFact in
            Source(
                indicator: index,
                column: position(key),
                title: title,
                isFact: isFact,
                jsonKey: Array("\"\(RowReader.json(title))\":".utf8)
            )
        }
        unit = position("unit")
        subject = position("subject")
        name = position("name")
        year = position("year")
        adults = position("adults")
        adultsHolding = position("adults_holding")
    }
}
