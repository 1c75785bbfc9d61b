/// A "Công dân học tập" assessment file, as a commune would send it: the three groups of four
/// questions (self-study, tools and digital skills, social) answered 0, 1 or 2.
public enum CitizenFile {
    public static let header = "Mã đơn vị,Mã đối tượng,Tên,Năm,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,3.3,3.4"

    /// One row per citizen; `answers` is the twelve answers, space-separated in groups as written
    /// ("2 2 2 2 2 2 1 1 2 2 2 2"); the name is "Công dân" and the key.
    public static func bytes(_ rows: [(unit: String, key: String, year: Int, answers: String)]) -> [UInt8] {
        var text = header + "\n"
        for row in rows {
            let cells = row.answers.split(separator: " ").map(String.init)
            text += "\(row.unit),\(row.key),Công dân \(row.key),\(row.year)," + cells.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    /// Citizens who all meet the criteria (digital skills 6 of 8).
    public static func recognisable(_ keys: [String], unit: String, year: Int = 2026) -> [UInt8] {
        bytes(keys.map { (unit, $0, year, "2 2 2 2 2 2 1 1 2 2 2 2") })
    }
}
