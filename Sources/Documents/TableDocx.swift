/// A printable list as a Word file: a title, a line under it, then a bordered table on A4
/// landscape in the house font — the record of merit a reviewer prints or converts to PDF.
public enum TableDocx {
    public static func write(title: String, subtitle: String, headers: [String], widthsMM: [Double], rows: [[String]]) -> [UInt8] {
        let widths = widthsMM.map { Int(($0 * 1440 / 25.4).rounded()) }
        var body = DocxWriter.documentStart
        body += DocxWriter.paragraph(title.uppercased(), size: 28, bold: true, align: "center", after: 60)
        body += DocxWriter.paragraph(subtitle, size: 24, italic: true, align: "center", after: 240)
        body += DocxWriter.table(widths: widths, borders: true) {
            var x = DocxWriter.row(headers.map { DocxWriter.paragraph($0, size: 22, bold: true, align: "center", after: 0) }, header: true)
            for row in rows { x += DocxWriter.row(row.map { DocxWriter.paragraph($0, size: 22, after: 0) }) }
            return x
        }
        // A4 landscape, 15 mm margins.
        body +=
            #"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="850" w:right="850" w:bottom="850" w:left="850" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        return DocxWriter.package(body)
    }
}
