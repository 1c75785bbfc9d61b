import Foundation

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

    /// Any table: a bold header row, frozen, then the rows. `choices` gives columns (by index) a
    /// drop-down list, kept on a hidden second sheet; other values may still be typed (a warning
    /// is not shown), since imports also read the usual short forms.
    public static func table(
        headers: [String],
        rows: [[XlsxCell]],
        widths: [Int],
        sheetName: String,
        choices: [Int: [String]] = [:]
    ) -> [UInt8] {
        var sheet = ""
        sheet.reserveCapacity(2048 + rows.count * 500)
        sheet += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        sheet +=
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#
        for (index, width) in widths.enumerated() { sheet += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>" }
        sheet += "</cols><sheetData>"
        sheet += row(1, headers.map { .text($0) }, style: 1)
        for (index, cells) in rows.enumerated() { sheet += row(index + 2, cells) }
        sheet += "</sheetData>"
        let lists = choices.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        if !lists.isEmpty {
            sheet += "<dataValidations count=\"\(lists.count)\">"
            for (listIndex, (column, values)) in lists.enumerated() {
                let name = Self.column(column)
                let source = Self.column(listIndex)
                sheet +=
                    "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"0\" sqref=\"\(name)2:\(name)5000\">"
                sheet += "<formula1>'\(listSheetName)'!$\(source)$1:$\(source)$\(values.count)</formula1></dataValidation>"
            }
            sheet += "</dataValidations>"
        }
        sheet += "</worksheet>"

        var zip = ZipArchive()
        zip.add("[Content_Types].xml", lists.isEmpty ? contentTypes : contentTypesWithLists)
        zip.add("_rels/.rels", rootRelationships)
        zip.add("xl/workbook.xml", workbook(sheetName, withLists: !lists.isEmpty))
        zip.add("xl/_rels/workbook.xml.rels", lists.isEmpty ? workbookRelationships : workbookRelationshipsWithLists)
        zip.add("xl/styles.xml", styles)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        if !lists.isEmpty { zip.add("xl/worksheets/sheet2.xml", listSheet(lists.map(\.value))) }
        return zip.finish()
    }

    /// The hidden sheet the drop-down lists read, one list per column.
    static let listSheetName = "Danh mục"

    static func listSheet(_ lists: [[String]]) -> String {
        var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        sheet += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for rowIndex in 0..<(lists.map(\.count).max() ?? 0) {
            sheet += "<row r=\"\(rowIndex + 1)\">"
            for (listIndex, list) in lists.enumerated() where rowIndex < list.count {
                sheet +=
                    "<c r=\"\(column(listIndex))\(rowIndex + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(xmlEscaped(list[rowIndex]))</t></is></c>"
            }
            sheet += "</row>"
        }
        return sheet + "</sheetData></worksheet>"
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

    static func workbook(_ sheetName: String, withLists: Bool = false) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#
            + xmlEscaped(String(sheetName.prefix(31))) + #"" sheetId="1" r:id="rId1"/>"#
            + (withLists ? #"<sheet name="\#(listSheetName)" sheetId="2" state="hidden" r:id="rId3"/>"# : "") + "</sheets></workbook>"
    }

    static let contentTypesWithLists = contentTypes.replacingOccurrences(
        of: "<Override PartName=\"/xl/styles.xml\"",
        with:
            #"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml""#
    )

    static let workbookRelationshipsWithLists = workbookRelationships.replacingOccurrences(
        of: "</Relationships>",
        with:
            #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#
    )

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
