import Foundation

/// The tier of an administrative unit. Villages (thôn, tổ dân phố) are not a tier of government but
/// are where families and communities are assessed, so they are units here too.
public enum AdminLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case province
    case district
    case commune
    case village

    /// Vietnamese name of the tier, as shown on pages.
    public var vietnamese: String {
        switch self {
        case .province: "Cấp tỉnh"
        case .district: "Cấp huyện"
        case .commune: "Cấp xã"
        case .village: "Thôn, tổ dân phố"
        }
    }

    /// The tiers a unit of this tier may sit under. A commune sits under a district before the
    /// 2025 reform and directly under its province after it (and always did in some cities).
    public var allowedParents: Set<AdminLevel?> {
        switch self {
        case .province: [nil]
        case .district: [.province]
        case .commune: [.district, .province]
        case .village: [.commune]
        }
    }

    private var depth: Int {
        switch self {
        case .province: 0
        case .district: 1
        case .commune: 2
        case .village: 3
        }
    }

    public static func < (a: AdminLevel, b: AdminLevel) -> Bool { a.depth < b.depth }

    /// Reads the level column of a unit list: our own codes (`province`, `tinh`, …) or the type
    /// names the official lists print in their "Cấp" column (`Phường`, `Thị trấn`, `Quận`, …).
    /// "Thành phố" is a province when it has no parent and a district-level city otherwise.
    public static func parse(_ text: some StringProtocol, hasParent: Bool) -> AdminLevel? {
        let key = String(text.trimmingSpaces).precomposedLowercased
        if key == "thành phố" || key == "thanh pho" || key == "tp" {
            return hasParent ? .district : .province
        }
        return aliases[key]
    }

    private static let aliases: [String: AdminLevel] = {
        var map: [String: AdminLevel] = [:]
        let words: [(AdminLevel, [String])] = [
            (.province, ["province", "tinh", "tỉnh", "cấp tỉnh", "thành phố trung ương", "thành phố trực thuộc trung ương"]),
            (.district, ["district", "huyen", "huyện", "cấp huyện", "quận", "quan", "thị xã", "thi xa"]),
            (.commune, ["commune", "xa", "xã", "cấp xã", "phường", "phuong", "thị trấn", "thi tran", "đặc khu", "dac khu"]),
            (
                .village,
                [
                    "village", "thon", "thôn", "bản", "ban", "ấp", "ap", "làng", "lang", "tổ dân phố", "to dan pho", "khu phố",
                    "khu pho", "khóm", "khom", "buôn", "buon", "sóc", "soc", "plei", "khu dân cư", "xóm", "xom", "tổ", "khu",
                ]
            ),
        ]
        for (level, names) in words {
            for name in names { map[name.precomposedLowercased] = level }
        }
        return map
    }()
}

extension StringProtocol {
    /// NFC-normalised and lower-cased: Vietnamese text arrives both precomposed and decomposed.
    var precomposedLowercased: String {
        String(self).precomposedStringWithCanonicalMapping.lowercased()
    }
}
