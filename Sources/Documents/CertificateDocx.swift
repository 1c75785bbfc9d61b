/// Certificates as a Word file ready to print on blank stock: one page per awardee, each field a
/// frame placed at its millimetres from the page's top-left corner, no margins, one font family.
/// LibreOffice turns it into the PDF the printer takes.
public enum CertificateDocx {
    public static func write(_ layout: CertificateLayout, certificates: [CertificateText]) -> [UInt8] {
        var body = DocxWriter.documentStart
        for (index, certificate) in certificates.enumerated() {
            // A page break ahead of every certificate but the first; the frames follow it.
            body += index == 0 ? "<w:p/>" : #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            for field in layout.fields {
                guard let text = certificate[field.name], !text.isEmpty else { continue }
                body += frame(field, text: text)
            }
        }
        let width = twips(layout.widthMM)
        let height = twips(layout.heightMM)
        let orientation = width > height ? #" w:orient="landscape""# : ""
        body +=
            "<w:sectPr><w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"\(orientation)/><w:pgMar w:top=\"0\" w:right=\"0\" w:bottom=\"0\" w:left=\"0\" w:header=\"0\" w:footer=\"0\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
        return DocxWriter.package(body)
    }

    static func twips(_ millimetres: Double) -> Int { Int((millimetres * 1440 / 25.4).rounded()) }

    /// A paragraph in a frame anchored to the page: its box starts at the field's top-left corner.
    static func frame(_ field: CertificateLayout.Field, text: String) -> String {
        let size = Int((field.size * 2).rounded())
        var x = "<w:p><w:pPr>"
        x +=
            "<w:framePr w:w=\"\(twips(field.widthMM))\" w:hSpace=\"0\" w:vSpace=\"0\" w:wrap=\"notBeside\" w:hAnchor=\"page\" w:vAnchor=\"page\" w:x=\"\(twips(field.xMM))\" w:y=\"\(twips(field.yMM))\"/>"
        x += "<w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"\(field.align == "center" ? "center" : field.align)\"/></w:pPr>"
        x += DocxWriter.run(text, size: size, bold: field.bold, italic: field.italic)
        return x + "</w:p>"
    }
}
