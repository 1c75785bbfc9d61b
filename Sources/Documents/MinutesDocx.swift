/// Writes council minutes as a Word document in the layout of Nghị định 30/2020/NĐ-CP (the same
/// page, font and header as the decisions).
public enum MinutesDocx {
    public static func write(_ minutes: MinutesDocument) -> [UInt8] {
        DocxWriter.package(body(minutes))
    }

    static func body(_ m: MinutesDocument) -> String {
        typealias W = DocxWriter
        var x = W.documentStart
        x += W.header(authority: m.authority, number: m.number, placeAndDate: m.placeAndDate)
        x += W.paragraph(m.isDraft ? "BIÊN BẢN TẠM (phiên họp chưa kết thúc)" : "", size: 24, italic: true, align: "right", after: 0)
        x += W.paragraph("BIÊN BẢN", size: 28, bold: true, align: "center", before: 240, after: 0)
        x += W.paragraph(m.title, size: 28, bold: true, align: "center", after: 240)
        if let basis = m.basis { x += W.paragraph(basis, size: 28, italic: true, align: "both", indent: true, after: 120) }
        for line in [m.opening, "Chủ trì: \(m.chair).", "Thư ký: \(m.secretary).", m.attendance] {
            x += W.paragraph(line, size: 28, align: "both", indent: true, after: 120)
        }
        if !m.present.isEmpty {
            x += W.paragraph("Thành viên có mặt:", size: 28, align: "both", indent: true, after: 60)
            for (index, member) in m.present.enumerated() {
                x += W.paragraph("\(index + 1). \(member)", size: 28, align: "left", indent: true, after: 0)
            }
        }
        x += W.paragraph(
            "Nội dung: \(m.councilWord) xem xét, biểu quyết các hồ sơ đề nghị khen thưởng. \(m.rule)",
            size: 28,
            align: "both",
            indent: true,
            before: 120,
            after: 120
        )
        x += W.paragraph("Kết quả biểu quyết:", size: 28, bold: true, align: "left", indent: true, after: 120)
        x += W.table(widths: [600, 2900, 2300, 900, 1100, 1271], borders: true) {
            var rows = W.row(MinutesDocument.resultHeaders.map { W.paragraph($0, size: 24, bold: true, align: "center", after: 0) }, header: true)
            for (index, result) in m.results.enumerated() {
                rows += W.row([
                    W.paragraph(String(index + 1), size: 24, align: "center", after: 0),
                    W.paragraph(result.nominee, size: 24, after: 0),
                    W.paragraph(result.award, size: 24, after: 0),
                    W.paragraph(String(result.yes), size: 24, align: "center", after: 0),
                    W.paragraph(String(result.no), size: 24, align: "center", after: 0),
                    W.paragraph(result.outcome, size: 24, after: 0),
                ])
            }
            return rows
        }
        x += W.paragraph(m.closing, size: 28, align: "both", indent: true, before: 240, after: 240)
        x += W.table(widths: [4536, 4536], borders: false) {
            W.row([
                W.paragraph("THƯ KÝ", size: 28, bold: true, align: "center", after: 1200)
                    + W.paragraph(m.secretaryName, size: 28, bold: true, align: "center", after: 0),
                W.paragraph("CHỦ TRÌ", size: 28, bold: true, align: "center", after: 1200)
                    + W.paragraph(m.chairName, size: 28, bold: true, align: "center", after: 0),
            ])
        }
        return x + W.documentEnd
    }
}
