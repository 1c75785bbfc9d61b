import Geography
import Hummingbird

/// Query strings are read by every list, search and report: a NUL or an overlong value is refused
/// here, once, naming the parameter, before any route sees it; so is a `year` that is not a year
/// ThiDua records (a route would otherwise pass 99999999999 on to a database cast that fails).
struct QueryCheck {
    static let longestValue = 500

    static func problem(in request: Request) -> (field: String, message: String)? {
        guard request.uri.query != nil else { return nil }
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if name.unicodeScalars.contains("\u{0}") || value.unicodeScalars.contains("\u{0}") {
                return (name, "Tham số \(name.replacingOccurrences(of: "\u{0}", with: "")) chứa ký tự NUL, không được phép.")
            }
            if value.count > longestValue { return (name, "Tham số \(name) dài quá \(longestValue) ký tự.") }
            if name == "year", !value.isEmpty, Int(value).map(RecordYears.contains) != true {
                return (name, "Tham số year: " + RecordYears.refusal(value))
            }
        }
        return nil
    }
}
