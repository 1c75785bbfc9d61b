/// The kinds of document a dossier holds, with the names people know them by, in the order the
/// forms list them.
public enum DocumentKinds {
    public static let all: [(id: String, title: String)] = [
        ("bao_cao_thanh_tich", "Báo cáo thành tích"), ("to_trinh", "Tờ trình"), ("bien_ban_hoi_dong", "Biên bản họp Hội đồng"),
        ("minh_chung", "Minh chứng khác"),
    ]

    /// The name of a kind; an unknown kind (from an import of old data) stays as it is.
    public static func title(_ id: String) -> String { all.first { $0.id == id }?.title ?? id }

    /// Kinds ThiDua writes itself when a council closes its session: the minutes and, for the
    /// dossiers it sends up, the tờ trình.
    public static let written: Set<String> = ["to_trinh", "bien_ban_hoi_dong"]
}
