import Geography

/// The wording of a province's award decisions, kept as data (`decision-texts/*.yaml`): per
/// issuing level, the legal bases, whose proposal is considered, the articles of each kind of
/// decision and who carries it out, with placeholders ThiDua fills from the decision. A province
/// without its own file uses `standard`. A draft keeps the wording it was drafted with.
public struct DecisionTexts: Sendable, Equatable, Codable {
    /// A province code, or "*" for the default of every province.
    public let province: String
    /// Issuing levels: `commune`, `district`, `province`.
    public let levels: [String: Level]

    public struct Level: Sendable, Equatable, Codable {
        public let bases: [String]
        public let proposal: String
        /// Articles by kind of decision (`award`, `correction`, `revocation`).
        public let articles: [String: [String]]
        public let executors: String

        public init(bases: [String], proposal: String, articles: [String: [String]], executors: String) {
            self.bases = bases
            self.proposal = proposal
            self.articles = articles
            self.executors = executors
        }
    }

    /// The file it lives in, without `.yaml`: the province code, or `mac-dinh` for the default.
    public var fileStem: String { province == "*" ? "mac-dinh" : province }

    public init(province: String, levels: [String: Level]) {
        self.province = province
        self.levels = levels
    }

    /// `{don_vi}` the issuing unit in a sentence ("xã Yên Bình"), `{hinh_thuc}` the award with
    /// its body named, `{doi_tuong}` the counts of the list ("2 tập thể, 5 cá nhân"), `{nam}` the
    /// round's year, `{quyet_dinh_goc}` the decision corrected or revoked, `{thi_hanh}` the
    /// executors' sentence (in articles only).
    public static let placeholders: Set<String> = ["don_vi", "hinh_thuc", "doi_tuong", "nam", "quyet_dinh_goc", "thi_hanh"]

    /// The wording for a body at `level`: a district (before 07/2025) reads as a commune does
    /// unless the file names it.
    public func level(_ level: AdminLevel) -> Level {
        levels[level.rawValue] ?? (level == .province ? nil : levels[AdminLevel.commune.rawValue])
            ?? Self.standard.levels[level == .province ? "province" : "commune"]!
    }

    /// The pattern with each `{placeholder}` replaced; an unknown one stays as written.
    public static func fill(_ pattern: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static let commonBases = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng;",
    ]

    static func articles(prizeFrom body: String) -> [String: [String]] {
        [
            "award": [
                "Điều 1. Tặng {hinh_thuc} cho {doi_tuong} (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời năm {nam}.",
                "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ, do \(body) chi từ Quỹ thi đua, khen thưởng.",
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 4. {thi_hanh}",
            ],
            "correction": [
                "Điều 1. Đính chính Quyết định số {quyet_dinh_goc}: thông tin của {doi_tuong} được ghi lại như trong danh sách kèm theo.",
                "Điều 2. Các nội dung khác của Quyết định số {quyet_dinh_goc} giữ nguyên. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. {thi_hanh}",
            ],
            "revocation": [
                "Điều 1. Thu hồi {hinh_thuc} đã tặng tại Quyết định số {quyet_dinh_goc} cho {doi_tuong} có tên trong danh sách kèm theo.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                "Điều 3. {thi_hanh}",
            ],
        ]
    }

    /// The wording of an organisation's own award decisions (the Hội Khuyến học's Giấy khen,
    /// Bằng khen): its charter first (`charter`, "Căn cứ Điều lệ …;"), the Law on emulation and
    /// commendation, its Ban Thường vụ's proposal, no prize from the state's fund, and its office
    /// and branches carrying it out. `{don_vi}` is the organisation's name.
    public static func organisation(charter: String) -> Level {
        var articles = articles(prizeFrom: "")
        articles["award"] = [
            "Điều 1. Tặng {hinh_thuc} cho {doi_tuong} (có danh sách kèm theo) đã có thành tích xuất sắc trong công tác khuyến học, khuyến tài, xây dựng xã hội học tập năm {nam}.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. {thi_hanh}",
        ]
        return Level(
            bases: [charter, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
            proposal: "Xét đề nghị của Ban Thường vụ {don_vi}.",
            articles: articles,
            executors:
                "Văn phòng {don_vi}, các chi hội và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        )
    }

    /// ThiDua's wording for any province: the commune's People's Committee acting on its
    /// council's proposal, the province's on the Director of Home Affairs'.
    public static let standard = DecisionTexts(
        province: "*",
        levels: [
            "commune": Level(
                bases: commonBases,
                proposal: "Xét đề nghị của Hội đồng Thi đua – Khen thưởng {don_vi}.",
                articles: articles(prizeFrom: "Ủy ban nhân dân {don_vi}"),
                executors:
                    "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {don_vi}, Hội đồng Thi đua – Khen thưởng {don_vi} và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ),
            "province": Level(
                bases: commonBases,
                proposal: "Xét đề nghị của Giám đốc Sở Nội vụ.",
                articles: articles(prizeFrom: "Ủy ban nhân dân {don_vi}"),
                executors:
                    "Chánh Văn phòng Ủy ban nhân dân {don_vi}, Giám đốc Sở Nội vụ, Hội đồng Thi đua – Khen thưởng {don_vi} và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ),
        ]
    )
}
