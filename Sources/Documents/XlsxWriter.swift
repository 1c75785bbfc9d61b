/// Writes the list of a decision as a spreadsheet: one header row, then one row per awardee with
/// its section, inline strings (no shared-string table to keep in step), widths set for reading.
public enum XlsxWriter {
    public static let headers = DecisionDocument.listHeaders + ["Phần"]

    public static func write(_ document: DecisionDocument, sheetName: String = "Danh sách") -> [UInt8] {
        var sheet = ""
        sheet.reserveCapacity(2048 + document.sections.reduce(0) { $0 + $1.awardees.count } * 500)
        sheet += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        sheet +=
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        sheet +=
            #"<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="32" customWidth="1"/><col min="3" max="4" width="28" customWidth="1"/><col min="5" max="5" width="48" customWidth="1"/><col min="6" max="6" width="16" customWidth="1"/></cols><sheetData>"#
        sheet += row(1, headers.map { .text($0) }, style: 1)
        var index = 2
        for section in document.sections {
            for awardee in section.awardees {
                sheet += row(
                    index,
                    [
                        .number(awardee.number), .text(awardee.name), .text(awardee.detail), .text(awardee.unit), .text(awardee.achievement),
                        .text(section.heading),
                    ]
                )
                index += 1
            }
        }
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

    enum Cell {
        case text(String)
        case number(Int)
    }

    static func row(_ number: Int, _ cells: [Cell], style: Int = 0) -> String {
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
