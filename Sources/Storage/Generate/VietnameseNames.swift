/// Vietnamese personal names in the proportions the population has them (four in ten people are
/// Nguyễn), for generated data: the lookup benchmark and the national-shape generator.
public enum VietnameseNames {
    /// Surnames, each repeated by its share in a hundred.
    public static let surnames =
        Array(repeating: "Nguyễn", count: 38) + Array(repeating: "Trần", count: 11) + Array(repeating: "Lê", count: 10)
        + Array(repeating: "Phạm", count: 7) + Array(repeating: "Hoàng", count: 5) + Array(repeating: "Huỳnh", count: 4)
        + Array(repeating: "Phan", count: 4) + Array(repeating: "Vũ", count: 4) + Array(repeating: "Võ", count: 3)
        + Array(repeating: "Đặng", count: 2) + ["Bùi", "Bùi", "Đỗ", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Đào"]
    public static let middles = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Hồng", "Công", "Đình", "Kim", "Bảo"]
    public static let givens = [
        "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai",
        "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Thủy", "Trang",
        "Trung", "Tuấn", "Tú", "Vân", "Việt", "Vinh", "Yến",
    ]
    /// Syllables of place names, combined two by two for communes and villages.
    static let places = [
        "An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Hưng", "Phước", "Mỹ", "Thuận", "Đông", "Tây", "Nam", "Bắc", "Trung",
        "Quang", "Minh", "Xuân", "Hải", "Sơn", "Lâm", "Thủy", "Yên", "Vĩnh", "Định", "Lộc", "Thành", "Hiệp", "Lợi", "Đức", "Nghĩa",
    ]

    static func person(_ random: inout ShapeRandom) -> String {
        "\(random.pick(surnames)) \(random.pick(middles)) \(random.pick(givens))"
    }

    /// The `index`-th two-syllable place name ("An Bình", "An Hòa", …), distinct for the first
    /// 992 indexes.
    static func place(_ index: Int) -> String {
        let count = places.count
        let first = places[(index / (count - 1)) % count]
        let rest = places.filter { $0 != first }
        return "\(first) \(rest[index % (count - 1)])"
    }
}
