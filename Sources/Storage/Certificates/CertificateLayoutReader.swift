import DataFiles
import Documents

/// Reads a certificate layout (`certificate-layouts/<id>.yaml`) and checks it: known keys and
/// fields, the required fields present, every box inside the page, sizes a printer can print.
/// Errors name the file and line.
public enum CertificateLayoutReader {
    public static func read(_ text: String, file: String) throws(DataFileError) -> CertificateLayout {
        let top = try YAMLNode.parse(text, file: file).mapping(
            allowed: ["id", "title", "province", "forms", "page", "fields"],
            required: ["id", "title", "province", "forms", "page", "fields"]
        )
        let id = try top["id"]!.identifier(of: "mẫu")
        let province = try top["province"]!.scalarText()
        guard province == "*" || (province.count == 2 && province.allSatisfy(\.isNumber)) else {
            throw top["province"]!.error("mã tỉnh gồm 2 chữ số, hoặc \"*\" cho mọi tỉnh")
        }
        var forms: [String] = []
        for item in try top["forms"]!.sequence() { forms.append(try item.string()) }
        guard !forms.isEmpty else { throw top["forms"]!.error("cần ít nhất một hình thức (mã hình thức khen thưởng, hoặc recognition)") }
        let page = try top["page"]!.mapping(allowed: ["width_mm", "height_mm"], required: ["width_mm", "height_mm"])
        let width = try millimetres(page["width_mm"]!, in: 50...1000)
        let height = try millimetres(page["height_mm"]!, in: 50...1000)
        var fields: [CertificateLayout.Field] = []
        for node in try top["fields"]!.sequence() {
            let keys = try node.mapping(
                allowed: ["name", "x_mm", "y_mm", "width_mm", "size", "bold", "italic", "align"],
                required: ["name", "x_mm", "y_mm", "width_mm", "size"]
            )
            let name = try keys["name"]!.string()
            guard CertificateLayout.fieldNames.contains(name) else {
                throw keys["name"]!.error("trường \"\(name)\" không có (chọn: \(CertificateLayout.fieldNames.sorted().joined(separator: ", ")))")
            }
            guard !fields.contains(where: { $0.name == name }) else { throw keys["name"]!.error("trường \"\(name)\" bị lặp lại") }
            let x = try millimetres(keys["x_mm"]!, in: 0...width)
            let y = try millimetres(keys["y_mm"]!, in: 0...height)
            let boxWidth = try millimetres(keys["width_mm"]!, in: 5...width)
            let size = try millimetres(keys["size"]!, in: 6...72)
            guard x + boxWidth <= width else {
                throw node.error("trường \"\(name)\" vượt ra ngoài trang: \(format(x)) + \(format(boxWidth)) mm > \(format(width)) mm")
            }
            // The first line must fit above the bottom edge (a point is 25.4/72 mm).
            guard y + size * 25.4 / 72 <= height else { throw node.error("trường \"\(name)\" vượt ra ngoài trang ở mép dưới") }
            let align = try keys["align"]?.string() ?? "center"
            guard ["left", "center", "right"].contains(align) else { throw keys["align"]!.error("căn lề là left, center hoặc right") }
            fields.append(
                .init(
                    name: name,
                    xMM: x,
                    yMM: y,
                    widthMM: boxWidth,
                    size: size,
                    bold: try keys["bold"]?.bool() ?? false,
                    italic: try keys["italic"]?.bool() ?? false,
                    align: align
                )
            )
        }
        for required in CertificateLayout.requiredFields.sorted() where !fields.contains(where: { $0.name == required }) {
            throw top["fields"]!.error("thiếu trường bắt buộc \"\(required)\"")
        }
        return CertificateLayout(
            id: id,
            title: try top["title"]!.string(),
            province: province,
            forms: forms,
            widthMM: width,
            heightMM: height,
            fields: fields
        )
    }

    static func millimetres(_ node: YAMLNode, in range: ClosedRange<Double>) throws(DataFileError) -> Double {
        guard let value = Double(try node.scalarText()) else { throw node.error("cần một số (mm)") }
        guard range.contains(value) else {
            throw node.error("giá trị \(format(value)) phải trong khoảng \(format(range.lowerBound))…\(format(range.upperBound))")
        }
        return value
    }

    static func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}
