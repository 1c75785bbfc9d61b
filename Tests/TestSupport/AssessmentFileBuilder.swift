/// Builds assessment spreadsheets for the household set `gia-dinh-hoc-tap@2021` in tests.
public struct AssessmentFileBuilder: Sendable {
    public static let header = "Mã đơn vị,Mã đối tượng,Họ tên chủ hộ,Năm,Số người lớn,Số đạt công dân học tập,1.1,1.2,2.1,2.2,3.1,3.2,3.3,4.1,4.2"
    private var lines = [header]

    public init() {}

    /// A household meeting every indicator (100 points) unless answers are overridden.
    public func household(
        _ key: String,
        unit: String = "88101001",
        name: String = "Nguyễn Văn An",
        year: Int = 2025,
        adults: Int = 2,
        holding: Int = 1,
        score41: String = "10",
        answer32: String = "có"
    ) -> AssessmentFileBuilder {
        var copy = self
        copy.lines.append("\(unit),\(key),\(name),\(year),\(adults),\(holding),2/2,có,2/2,1/2,có,\(answer32),có,\(score41),có")
        return copy
    }

    public func raw(_ line: String) -> AssessmentFileBuilder {
        var copy = self
        copy.lines.append(line)
        return copy
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
    public var bytes: [UInt8] { Array(text.utf8) }
}
