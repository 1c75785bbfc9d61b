import Storage

/// Why a round's awards are given, as the pages name it.
extension AwardBasis {
    /// The choice in the form that opens a round: merit rounds are the yearly ones.
    var choice: String { self == .merit ? "Công trạng (hằng năm)" : vietnamese }
}
