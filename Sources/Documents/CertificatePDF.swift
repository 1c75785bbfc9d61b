import Foundation

/// Certificates written straight to PDF: one page per awardee, each field set at its millimetres
/// in Liberation Serif (embedded whole, as a CID font with a ToUnicode map so the text can be
/// searched and copied), lines wrapped inside the field's box and aligned in it. No converter: a
/// decision of 10,000 awardees takes seconds, and memory grows only with the pages' text.
public enum CertificatePDF {
    /// The four styles of one family.
    public struct Fonts: Sendable {
        public let regular: TrueTypeFont
        public let bold: TrueTypeFont
        public let italic: TrueTypeFont
        public let boldItalic: TrueTypeFont

        public init(regular: TrueTypeFont, bold: TrueTypeFont, italic: TrueTypeFont, boldItalic: TrueTypeFont) {
            self.regular = regular
            self.bold = bold
            self.italic = italic
            self.boldItalic = boldItalic
        }

        /// Liberation Serif 2 from Debian's fonts-liberation2, where `make run` installs it.
        public static func liberationSerif(in folder: String = "/usr/share/fonts/truetype/liberation2") throws -> Fonts {
            func load(_ style: String) throws -> TrueTypeFont {
                let path = "\(folder)/LiberationSerif-\(style).ttf"
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw TrueTypeFont.Unreadable(description: "không có phông \(path): cài gói fonts-liberation2")
                }
                return try TrueTypeFont(bytes: Array(data))
            }
            return Fonts(regular: try load("Regular"), bold: try load("Bold"), italic: try load("Italic"), boldItalic: try load("BoldItalic"))
        }

        func style(bold: Bool, italic: Bool) -> Int { (bold ? 1 : 0) + (italic ? 2 : 0) }
        var all: [TrueTypeFont] { [regular, bold, italic, boldItalic] }
        static let names = ["LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"]
    }

    static let point = 72 / 25.4

    public static func write(_ layout: CertificateLayout, certificates: [CertificateText], fonts: Fonts) -> [UInt8] {
        var pdf = PDFBuffer()
        let pageWidth = layout.widthMM * point
        let pageHeight = layout.heightMM * point
        // Object numbers: 1 catalog, 2 page tree, 3… fonts (5 objects per style), then pages.
        let fontBase = 3
        var used: [Set<Int>] = Array(repeating: [], count: 4)
        var contents: [String] = []
        contents.reserveCapacity(certificates.count)
        for certificate in certificates {
            var stream = ""
            for field in layout.fields {
                guard let text = certificate[field.name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
                let style = fonts.style(bold: field.bold, italic: field.italic)
                let font = fonts.all[style]
                let boxWidth = field.widthMM * point
                var baseline = pageHeight - field.yMM * point - Double(font.ascent) * field.size / Double(font.unitsPerEm)
                for line in lines(text, font: font, size: field.size, width: boxWidth) {
                    let glyphs = line.precomposedScalars.map(font.glyph)
                    used[style].formUnion(glyphs)
                    let width = Double(glyphs.reduce(0) { $0 + font.width($1) }) * field.size / 1000
                    let x =
                        field.xMM * point
                        + (field.align == "center" ? (boxWidth - width) / 2 : field.align == "right" ? boxWidth - width : 0)
                    stream += "BT /F\(style) \(number(field.size)) Tf \(number(x)) \(number(baseline)) Td <"
                    for glyph in glyphs { stream += hex4(glyph) }
                    stream += "> Tj ET\n"
                    baseline -= field.size * 1.2
                }
            }
            contents.append(stream)
        }
        let pagesBase = fontBase + 5 * 4
        pdf.header()
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<certificates.count).map { "\(pagesBase + 2 * $0) 0 R" }.joined(separator: " ")
        pdf.object(2, "<< /Type /Pages /Count \(certificates.count) /Kids [\(kids)] >>")
        for (style, font) in fonts.all.enumerated() {
            let base = fontBase + 5 * style
            let name = Fonts.names[style]
            pdf.object(
                base,
                "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H /DescendantFonts [\(base + 1) 0 R] /ToUnicode \(base + 4) 0 R >>"
            )
            let widths = used[style].sorted().map { "\($0) [\(font.width($0))]" }.joined(separator: " ")
            pdf.object(
                base + 1,
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(base + 2) 0 R /CIDToGIDMap /Identity /DW 500 /W [\(widths)] >>"
            )
            let scale = { (value: Int) in value * 1000 / font.unitsPerEm }
            pdf.object(
                base + 2,
                "<< /Type /FontDescriptor /FontName /\(name) /Flags \(style >= 2 ? 98 : 34) /FontBBox [\(scale(font.bbox.0)) \(scale(font.bbox.1)) \(scale(font.bbox.2)) \(scale(font.bbox.3))] /ItalicAngle \(style >= 2 ? -12 : 0) /Ascent \(scale(font.ascent)) /Descent \(scale(font.descent)) /CapHeight \(scale(font.ascent)) /StemV 80 /FontFile2 \(base + 3) 0 R >>"
            )
            pdf.stream(base + 3, dictionary: "/Length1 \(font.bytes.count)", bytes: font.bytes)
            pdf.stream(base + 4, dictionary: "", bytes: Array(toUnicode(font: font, glyphs: used[style]).utf8))
        }
        let resources = (0..<4).map { "/F\($0) \(fontBase + 5 * $0) 0 R" }.joined(separator: " ")
        for (index, content) in contents.enumerated() {
            let page = pagesBase + 2 * index
            pdf.object(
                page,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(pageWidth)) \(number(pageHeight))] /Resources << /Font << \(resources) >> >> /Contents \(page + 1) 0 R >>"
            )
            pdf.stream(page + 1, dictionary: "", bytes: Array(content.utf8))
        }
        return pdf.finish(root: 1)
    }

    /// The text broken at spaces into lines no wider than `width` (a word wider than the box
    /// stands alone on its line).
    static func lines(_ text: String, font: TrueTypeFont, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || font.width(of: candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Glyph → Unicode, so readers and `pdftotext` get the text back.
    static func toUnicode(font: TrueTypeFont, glyphs: Set<Int>) -> String {
        var reverse: [Int: Unicode.Scalar] = [:]
        for value in 0x20...0x1EFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let glyph = font.glyph(scalar)
            if glyph != 0, glyphs.contains(glyph), reverse[glyph] == nil { reverse[glyph] = scalar }
        }
        var cmap =
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        let pairs = reverse.sorted { $0.key < $1.key }
        for chunk in stride(from: 0, to: pairs.count, by: 100) {
            let part = pairs[chunk..<min(chunk + 100, pairs.count)]
            cmap += "\(part.count) beginbfchar\n"
            for (glyph, scalar) in part { cmap += "<\(hex4(glyph))> <\(hex4(Int(scalar.value)))>\n" }
            cmap += "endbfchar\n"
        }
        return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    }

    static func hex4(_ value: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[(value >> 12) & 15], digits[(value >> 8) & 15], digits[(value >> 4) & 15], digits[value & 15]])
    }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// A PDF file being written: objects at recorded offsets, then the cross-reference table.
struct PDFBuffer {
    var bytes: [UInt8] = []
    var offsets: [Int: Int] = [:]

    mutating func header() { append("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n") }

    mutating func append(_ text: String) { bytes += Array(text.utf8) }

    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n\(body)\nendobj\n")
    }

    mutating func stream(_ number: Int, dictionary: String, bytes content: [UInt8]) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n<< /Length \(content.count) \(dictionary) >>\nstream\n")
        bytes += content
        append("\nendstream\nendobj\n")
    }

    mutating func finish(root: Int) -> [UInt8] {
        let count = (offsets.keys.max() ?? 0) + 1
        let xref = bytes.count
        append("xref\n0 \(count)\n0000000000 65535 f \n")
        for number in 1..<count { append(String(format: "%010d 00000 n \n", offsets[number] ?? 0)) }
        append("trailer\n<< /Size \(count) /Root \(root) 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return bytes
    }
}
