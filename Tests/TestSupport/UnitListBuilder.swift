/// Builds small unit lists for tests, row by row, in the CSV layout `thidua units import` reads.
public struct UnitListBuilder: Sendable {
    private var lines = ["mã,tên,cấp,mã cấp trên,hiệu lực từ,hiệu lực đến,thay thế"]

    public init() {}

    public func unit(
        _ code: String,
        _ name: String,
        _ level: String,
        parent: String = "",
        from: String = "01/01/2008",
        to: String = "",
        replaces: String = ""
    ) -> UnitListBuilder {
        var copy = self
        copy.lines.append([code, name, level, parent, from, to, replaces].joined(separator: ","))
        return copy
    }

    public func raw(_ line: String) -> UnitListBuilder {
        var copy = self
        copy.lines.append(line)
        return copy
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
    public var bytes: [UInt8] { Array(text.utf8) }

    /// A province with two districts and three communes before 1 July 2025, and the two merged
    /// communes directly under the province after: a small copy of the reform.
    public static func smallProvince(code p: String = "88") -> UnitListBuilder {
        UnitListBuilder()
            .unit(p, "Tỉnh Kiểm Thử", "Tỉnh")
            .unit("\(p)1", "Huyện Một", "Huyện", parent: p, to: "30/06/2025")
            .unit("\(p)2", "Huyện Hai", "Huyện", parent: p, to: "30/06/2025")
            .unit("\(p)101", "Xã An Bình", "Xã", parent: "\(p)1", to: "30/06/2025")
            .unit("\(p)102", "Xã Đông Hòa", "Xã", parent: "\(p)1", to: "30/06/2025")
            .unit("\(p)201", "Xã Ân Thi", "Xã", parent: "\(p)2", to: "30/06/2025")
            .unit("\(p)101001", "Thôn Đông", "Thôn", parent: "\(p)101", to: "30/06/2025")
            .unit("\(p)101", "Xã An Hòa", "Xã", parent: p, from: "01/07/2025", replaces: "\(p)101;\(p)102")
            .unit("\(p)201", "Xã Ân Thi", "Xã", parent: p, from: "01/07/2025", replaces: "\(p)201")
            .unit("\(p)101001", "Thôn Đông", "Thôn", parent: "\(p)101", from: "01/07/2025", replaces: "\(p)101001")
    }
}
