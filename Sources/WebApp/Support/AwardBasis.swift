import Storage

/// Why a round's awards are given, as the pages name it.
extension AwardBasis {
    var vietnamese: String {
        switch self {
        case .merit: "Công trạng"
        case .thematic: "Chuyên đề, theo đợt"
        case .sudden: "Đột xuất"
        case .simplified: "Thủ tục đơn giản"
        case .other: "Khác"
        }
    }

    /// The choice in the form that opens a round: merit rounds are the yearly ones.
    var choice: String { self == .merit ? "Công trạng (hằng năm)" : vietnamese }
}
