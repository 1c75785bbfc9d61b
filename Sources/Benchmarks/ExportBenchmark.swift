import Documents
import Foundation

/// A decision with 10,000 awardees written as DOCX, XLSX and CSV, together: the target is under
/// 2 seconds, with memory that does not grow with repeated exports.
struct ExportBenchmark {
    let awardees = 10_000

    func run() -> [(String, String, String)] {
        let names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Đức Em", "Vũ Thị Giang", "Đặng Quốc Hùng"]
        let sections = ["I. TẬP THỂ", "II. HỘ GIA ĐÌNH", "III. CÁ NHÂN"].enumerated().map { index, heading in
            DecisionDocument.Section(
                heading: heading,
                awardees: (1...(awardees / 3 + (index == 2 ? awardees % 3 : 0))).map { number in
                    .init(
                        number: number,
                        name: "\(names[number % names.count]) \(number)",
                        detail: "Thôn Đông \(number % 40), xã An Hòa",
                        unit: "Xã An Hòa",
                        achievement: "Đạt danh hiệu Gia đình học tập 5 năm liền, tích cực tham gia học tập suốt đời"
                    )
                }
            )
        }
        let document = DecisionDocument(
            authority: ["ỦY BAN NHÂN DÂN", "TỈNH THUẬN AN"],
            number: "1234/QĐ-UBND",
            placeAndDate: "Thuận An, ngày 10 tháng 12 năm 2025",
            title: "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            issuerTitle: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THUẬN AN",
            bases: ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
            proposal: "Xét đề nghị của Hội đồng Thi đua – Khen thưởng tỉnh.",
            articles: ["Điều 1. Tặng Bằng khen …", "Điều 2. …", "Điều 3. …"],
            recipients: ["- Như Điều 3;", "- Lưu: VT."],
            signerTitle: "CHỦ TỊCH",
            signerName: "Hoàng Văn Khải",
            listCaption: "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 10/12/2025)",
            sections: sections,
            isDraft: false
        )
        var best = Double.infinity
        var sizes = (0, 0, 0)
        let before = peakMemoryMiB()
        var afterFirst = 0.0
        for round in 0..<5 {
            let clock = ContinuousClock()
            let start = clock.now
            let docx = DocxWriter.write(document)
            let xlsx = XlsxWriter.write(document)
            let csv = CSVWriter.write(document)
            best = min(best, seconds(clock.now - start))
            sizes = (docx.count, xlsx.count, csv.count)
            if round == 0 { afterFirst = peakMemoryMiB() }
        }
        let after = peakMemoryMiB()
        print(
            "export: 10,000 awardees, DOCX \(sizes.0 / 1024) KiB, XLSX \(sizes.1 / 1024) KiB, CSV \(sizes.2 / 1024) KiB, best of 5 \(formatted(best, decimals: 2)) s"
        )
        return [
            ("Decision with 10,000 awardees exported to DOCX + XLSX + CSV together (best of 5)", "\(formatted(best, decimals: 2)) s", "< 2 s"),
            (
                "Peak memory of the exporting process: before / after one export / after five",
                "\(formatted(before)) / \(formatted(afterFirst)) / \(formatted(after)) MiB", "flat"
            ),
        ]
    }
}
