import Foundation

/// A share threshold in hundredths of a percent (9000 = 90%), so that "at least 90%" is checked
/// exactly by cross-multiplication: 899 of 1000 members fails, 900 of 1000 passes.
public struct Percent: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let basisPoints: Int

    public init(basisPoints: Int) {
        self.basisPoints = basisPoints
    }

    /// Reads "90%", "90", "66.67%" or "66,67%".
    public init?(parsing text: String) {
        var body = text.trimmingCharacters(in: [" "])
        if body.hasSuffix("%") { body.removeLast() }
        body = body.replacingOccurrences(of: ",", with: ".")
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 2, let value = Int(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        let points = whole * 100 + fraction
        guard points <= 10_000 else { return nil }
        self.basisPoints = points
    }

    /// Whether `part` of `whole` reaches this share. An empty whole reaches nothing.
    public func isReached(by part: Int, of whole: Int) -> Bool {
        guard whole > 0 else { return false }
        return part * 10_000 >= basisPoints * whole
    }

    public static func < (a: Percent, b: Percent) -> Bool { a.basisPoints < b.basisPoints }

    /// "90%", "66,67%" (Vietnamese decimal comma).
    public var description: String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)%" }
        return fraction % 10 == 0 ? "\(whole),\(fraction / 10)%" : "\(whole),\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// The share `part/whole` written as a percentage with one decimal, Vietnamese style.
    public static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10),\(tenths % 10)%"
    }
}
