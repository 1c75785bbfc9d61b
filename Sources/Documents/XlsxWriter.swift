/// Writes the list of a decision as a spreadsheet: one header row, then one row per awardee with
/// its section, inline strings (no shared-string table to keep in step), widths set for reading.
public enum XlsxWriter {
    public static let headers = DecisionDocument.listHeaders + ["Phần"]

    public static func write(_ document: DecisionDocument, sheetName: String = "Danh sách") -> [UInt8] {
        var rows: [[XlsxCell]] = []
        rows.reserveCapacity(document.sections.reduce(0) { $0 + $1.awardees.count })
        for section in document.sections {
            for awardee in section.awardees {
                rows.append([
                    .number(awardee.number), .text(awardee.name), .text(awardee.detail), .text(awardee.unit), .text(awardee.achievement),
                    .text(section.heading),
                ])
            }
        }
        return table(headers: headers, rows: rows, widths: [6, 32, 28, 28, 48, 16], sheetName: sheetName)
    }

    /// Any table: a bold header row, frozen, then the rows.
    public static func table(headers: [String], rows: [[XlsxCell]], widths: [Int], sheetName: String) -> [UInt8] {
        var sheet = ""
        sheet.reserveCapacity(2048 + rows.count * 500)
        sheet += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        sheet +=
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#
        for (index, width) in widths.enumerated() { sheet += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>" }
        sheet += "</cols><sheetData>"
        sheet += row(1, headers.map { .text($0) }, style: 1)
        for (index, cells) in rows.enumerated() { sheet += row(index + 2, cells) }
        sheet += "</sheetData></worksheet>"

        var zip = ZipArchive()
        zip.add("[Content_Types].xml", contentTypes)
        zip.add("_rels/.rels", rootRelationships)
        zip.add("xl/workbook.xml", workbook(sheetName))
        zip.add("xl/_rels/workbook.xml.rels", workbookRelationships)
        zip.add("xl/styles.xml", styles)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        return zip.finish()
    }

    static func row(_ number: Int, _ cells: [XlsxCell], style: Int = 0) -> String {
        var x = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = "\(column(index))\(number)"
            let styled = style > 0 ? " s=\"\(style)\"" : ""
            switch cell {
            case .text(let text):
                x += "<c r=\"\(reference)\" t=\"inlineStr\"\(styled)><is><t xml:space=\"preserve\">\(xmlEscaped(text))</t></is></c>"
            case .number(let value):
                x += "<c r=\"\(reference)\"\(styled)><v>\(value)</v></c>"
            }
        }
        return x + "</row>"
    }

    /// A, B, …, Z, AA, …
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    static func workbook(_ sheetName: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#
            + xmlEscaped(String(sheetName.prefix(31))) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    }

    static let contentTypes = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """#

    static let rootRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """#

    static let workbookRelationships = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """#

    /// Style 0: Times New Roman 12; style 1: the same, bold (headers).
    static let styles = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="12"/><name val="Times New Roman"/></font><font><b/><sz val="12"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """#
}

/// A spreadsheet cell: text or a whole number.
public enum XlsxCell: Sendable, Equatable {
    case text(String)
    case number(Int)
}
