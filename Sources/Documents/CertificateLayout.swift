/// Where each piece of a certificate goes on the blank stock (phôi) a province buys: the page in
/// millimetres and, per field, its box (left, top, width), size, weight and alignment. Kept as data
/// per form and province (`certificate-layouts/*.yaml`); ThiDua prints only the text, the stock
/// carries the emblem and the frame.
public struct CertificateLayout: Sendable, Equatable, Codable {
    public let id: String
    public let title: String
    /// A province code, or "*" for every province.
    public let province: String
    /// Award ids this layout prints, or "recognition" for the learning-model certificate.
    public let forms: [String]
    public let widthMM: Double
    public let heightMM: Double
    public let fields: [Field]

    public struct Field: Sendable, Equatable, Codable {
        /// What the field prints (one of `CertificateLayout.fieldNames`).
        public let name: String
        public let xMM: Double
        public let yMM: Double
        public let widthMM: Double
        /// Points.
        public let size: Double
        public let bold: Bool
        public let italic: Bool
        /// `left`, `center` or `right`.
        public let align: String

        public init(
            name: String,
            xMM: Double,
            yMM: Double,
            widthMM: Double,
            size: Double,
            bold: Bool = false,
            italic: Bool = false,
            align: String = "center"
        ) {
            self.name = name
            self.xMM = xMM
            self.yMM = yMM
            self.widthMM = widthMM
            self.size = size
            self.bold = bold
            self.italic = italic
            self.align = align
        }
    }

    public init(id: String, title: String, province: String, forms: [String], widthMM: Double, heightMM: Double, fields: [Field]) {
        self.id = id
        self.title = title
        self.province = province
        self.forms = forms
        self.widthMM = widthMM
        self.heightMM = heightMM
        self.fields = fields
    }

    /// What a certificate can print: the awardee, their unit and achievement, the decision that
    /// grants it, where and when it was signed, and who signed.
    public static let fieldNames: Set<String> = [
        "issuer", "award", "name", "detail", "unit", "achievement", "decision", "place_date", "signer_title", "signer_name", "number",
    ]
    /// A certificate without these would not be a certificate.
    public static let requiredFields: Set<String> = ["name", "decision"]
}

/// The text of one certificate, by field name.
public typealias CertificateText = [String: String]
