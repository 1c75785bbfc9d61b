import DataFiles
import Scoring
import Testing

/// Each kind of invalid criteria file is refused with the line of the problem.
@Suite struct CriteriaFileTests {
    static let valid = """
        id: mau
        version: "1"
        title: Mẫu
        subject: household
        issuer: Hội Khuyến học
        legal_basis: Văn bản mẫu
        status: official
        recognition:
          total_at_least: 10
        criteria:
          - id: "1"
            title: Tiêu chí một
            indicators:
              - id: "1.1"
                text: Chỉ số một
                type: yes_no
                points: 10
              - id: "1.2"
                text: Chỉ số hai
                type: score
                max: 5

        """

    private func error(_ text: String) -> DataFileError? {
        do {
            _ = try CriteriaSetReader.read(text, file: "mau@1.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func theValidSampleReads() throws {
        let set = try CriteriaSetReader.read(Self.valid, file: "mau@1.yaml")
        #expect(set.maximumPoints == 15)
        #expect(set.status == .official)
    }

    static let cases: [(String, String, Int, String)] = [
        ("unknown key", valid.replacingOccurrences(of: "        points: 10", with: "        point: 10"), 17, "khóa không hợp lệ \"point\""),
        ("unknown type", valid.replacingOccurrences(of: "type: yes_no", with: "type: yesno"), 16, "loại chỉ số không hợp lệ"),
        ("duplicate indicator", valid.replacingOccurrences(of: "id: \"1.2\"", with: "id: \"1.1\""), 18, "đã dùng ở dòng 14"),
        (
            "threshold above maximum", valid.replacingOccurrences(of: "total_at_least: 10", with: "total_at_least: 16"), 9,
            "phải nằm trong khoảng 0…15"
        ),
        ("provisional without source", valid.replacingOccurrences(of: "status: official", with: "status: provisional"), 7, "phải ghi nguồn"),
        ("missing points", valid.replacingOccurrences(of: "        points: 10\n", with: ""), 16, "cần khóa points"),
        ("bad subject", valid.replacingOccurrences(of: "subject: household", with: "subject: family"), 4, "đối tượng không hợp lệ"),
        ("broken YAML", valid.replacingOccurrences(of: "title: Tiêu chí một", with: "title: [Tiêu chí một"), 13, "lỗi cú pháp YAML"),
        (
            "levels with a gap",
            valid.replacingOccurrences(of: "        points: 10\n", with: "        points: 10\n        level: 1\n")
                .replacingOccurrences(of: "        max: 5\n", with: "        max: 5\n        level: 3\n"), 9, "không có chỉ số nào ở mức 2"
        ),
        (
            "level on one indicator only", valid.replacingOccurrences(of: "        points: 10\n", with: "        points: 10\n        level: 1\n"), 19,
            "thiếu khóa level"
        ),
    ]

    @Test(arguments: cases.indices)
    func invalidFileIsRefusedWithItsLine(_ index: Int) {
        let (kind, text, line, message) = Self.cases[index]
        let found = error(text)
        #expect(found?.line == line, "\(kind): \(found?.description ?? "accepted")")
        #expect(found?.message.contains(message) == true, "\(kind): \(found?.description ?? "accepted")")
        #expect(found?.file == "mau@1.yaml")
    }
}
