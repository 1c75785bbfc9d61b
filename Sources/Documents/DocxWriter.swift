/// Writes a decision as a Word document in the layout of Nghị định 30/2020/NĐ-CP: A4, Times New
/// Roman, the issuing body and the national motto side by side, number and date line, title,
/// bases, articles, recipients and signature, then the attached list on a new page.
public enum DocxWriter {
    public static func write(_ document: DecisionDocument) -> [UInt8] {
        package(body(document))
    }

    /// A Word file around a `document.xml` body (the styles give every run Times New Roman).
    static func package(_ documentXML: String) -> [UInt8] {
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", contentTypes)
        zip.add("_rels/.rels", rootRelationships)
        zip.add("word/_rels/document.xml.rels", documentRelationships)
        zip.add("word/styles.xml", styles)
        zip.add("word/document.xml", documentXML)
        return zip.finish()
    }

    static let documentStart =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#

    /// A4, margins 20 mm top and bottom, 30 mm left, 20 mm right; then the end of the body.
    static let documentEnd =
        #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#

    /// The head of every document an official signs (Nghị định 30/2020): issuing body | national
    /// motto, then number | place and date.
    static func header(authority: [String], number: String, placeAndDate: String) -> String {
        table(widths: [3686, 5386], borders: false) {
            var left = ""
            for (index, line) in authority.enumerated() {
                left += paragraph(line, size: 26, bold: index > 0, align: "center", after: 0)
            }
            left += paragraph("———————", size: 26, align: "center", after: 0)
            var right = paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 24, bold: true, align: "center", after: 0)
            right += paragraph("Độc lập - Tự do - Hạnh phúc", size: 26, bold: true, align: "center", after: 0)
            right += paragraph("———————————", size: 26, align: "center", after: 0)
            return row([left, right])
                + row([
                    paragraph("Số: \(number)", size: 26, align: "center", after: 0),
                    paragraph(placeAndDate, size: 26, italic: true, align: "center", after: 0),
                ])
        }
    }

    static func body(_ d: DecisionDocument) -> String {
        var x = ""
        x.reserveCapacity(4096 + d.sections.reduce(0) { $0 + $1.awardees.count } * 900)
        x += documentStart
        x += header(authority: d.authority, number: d.number, placeAndDate: d.placeAndDate)
        x += paragraph(d.isDraft ? "DỰ THẢO" : "", size: 24, italic: true, align: "right", after: 0)
        x += paragraph(d.heading, size: 28, bold: true, align: "center", before: 240, after: 0)
        x += paragraph(d.title, size: 28, bold: true, align: "center", after: 240)
        x += paragraph(d.issuerTitle, size: 28, bold: true, align: "center", after: 240)
        for basis in d.bases { x += paragraph(basis, size: 28, italic: true, align: "both", indent: true, after: 120) }
        x += paragraph(d.proposal, size: 28, italic: true, align: "both", indent: true, after: 240)
        if let operative = d.operativeHeading { x += paragraph(operative, size: 28, bold: true, align: "center", after: 240) }
        for article in d.articles { x += articleParagraph(article) }
        x += table(widths: [4536, 4536], borders: false) {
            var left = paragraph("Nơi nhận:", size: 24, bold: true, italic: true, after: 0)
            for recipient in d.recipients { left += paragraph(recipient, size: 22, after: 0) }
            // "TM. ỦY BAN NHÂN DÂN" above "CHỦ TỊCH": one paragraph per line, the space to sign after the last.
            let titleLines = d.signerTitle.split(separator: "\n").map(String.init)
            var right = ""
            for (index, line) in titleLines.enumerated() {
                right += paragraph(line, size: 28, bold: true, align: "center", after: index == titleLines.count - 1 ? 1200 : 0)
            }
            right += paragraph(d.signerName, size: 28, bold: true, align: "center", after: 0)
            return row([left, right])
        }
        // The attached list, on a new page.
        x += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
        x += paragraph(d.listHeading, size: 28, bold: true, align: "center", after: 0)
        x += paragraph(d.listCaption, size: 26, italic: true, align: "center", after: 240)
        let widths = [600, 2900, 1900, 1700, 1971]
        x += table(widths: widths, borders: true) {
            var rows = row(DecisionDocument.listHeaders.map { paragraph($0, size: 24, bold: true, align: "center", after: 0) }, header: true)
            for section in d.sections {
                rows += "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"5\"/></w:tcPr>"
                rows += paragraph(section.heading, size: 24, bold: true, after: 0) + "</w:tc></w:tr>"
                for awardee in section.awardees {
                    rows += row([
                        paragraph(String(awardee.number), size: 24, align: "center", after: 0),
                        paragraph(awardee.name, size: 24, bold: true, after: 0),
                        paragraph(awardee.detail, size: 24, after: 0),
                        paragraph(awardee.unit, size: 24, after: 0),
                        paragraph(awardee.achievement, size: 24, after: 0),
                    ])
                }
            }
            return rows
        }
        return x + documentEnd
    }

    /// "Điều 1. Tặng …": the article number bold, the rest plain.
    static func articleParagraph(_ text: String) -> String {
        var head = ""
        var rest = text
        if text.hasPrefix("Điều "), let dot = text.firstIndex(of: ".") {
            head = String(text[...dot])
            rest = String(text[text.index(after: dot)...])
        }
        var x = #"<w:p><w:pPr><w:jc w:val="both"/><w:spacing w:after="120"/><w:ind w:firstLine="567"/></w:pPr>"#
        if !head.isEmpty { x += run(head, size: 28, bold: true) }
        x += run(rest, size: 28)
        return x + "</w:p>"
    }

    static func paragraph(
        _ text: String,
        size: Int,
        bold: Bool = false,
        italic: Bool = false,
        align: String = "left",
        indent: Bool = false,
        before: Int = 0,
        after: Int = 120
    ) -> String {
        var x = "<w:p><w:pPr><w:jc w:val=\"\(align)\"/><w:spacing w:before=\"\(before)\" w:after=\"\(after)\"/>"
        if indent { x += #"<w:ind w:firstLine="567"/>"# }
        x += "</w:pPr>"
        if !text.isEmpty { x += run(text, size: size, bold: bold, italic: italic) }
        return x + "</w:p>"
    }

    static func run(_ text: String, size: Int, bold: Bool = false, italic: Bool = false) -> String {
        var x = "<w:r><w:rPr>"
        if bold { x += "<w:b/>" }
        if italic { x += "<w:i/>" }
        x += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr><w:t xml:space=\"preserve\">"
        return x + xmlEscaped(text) + "</w:t></w:r>"
    }

    static func row(_ cells: [String], header: Bool = false) -> String {
        var x = header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>"
        for cell in cells { x += "<w:tc>" + cell + "</w:tc>" }
        return x + "</w:tr>"
    }

    static func table(widths: [Int], borders: Bool, _ rows: () -> String) -> String {
        var x = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
        if borders {
            x += "<w:tblBorders>"
            for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                x += "<w:\(edge) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            }
            x += "</w:tblBorders>"
        }
        x += "</w:tblPr><w:tblGrid>"
        for width in widths { x += "<w:gridCol w:w=\"\(width)\"/>" }
        x += "</w:tblGrid>" + rows() + "</w:tbl>"
        return x
    }

    static let contentTypes = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
        """#

    static let rootRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """#

    static let documentRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """#

    /// Times New Roman 14 pt by default, as Nghị định 30/2020 asks.
    static let styles = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>
        """#
}
