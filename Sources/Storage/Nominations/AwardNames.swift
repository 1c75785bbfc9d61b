import Foundation
import Tabular
import Workflow

/// Awards and nominee kinds as clerks write them in spreadsheets: the full title, the id, or the
/// usual short forms ("GK xã", "Giấy khen của Chủ tịch UBND xã", "BK tỉnh", "BKTTg"). A short form
/// matches when every word of it (abbreviations spelled out) is a word of exactly one award's
/// title; one that fits several awards is refused with their titles, never guessed.
public enum AwardNames {
    public enum Match: Equatable, Sendable {
        case award(WorkflowDefinition.Award)
        case ambiguous([String])
        case none
    }

    /// Abbreviations of the commendation desk, by their folded form.
    static let abbreviations: [String: [String]] = [
        "ubnd": ["uy", "ban", "nhan", "dan"], "gk": ["giay", "khen"], "bk": ["bang", "khen"], "ct": ["chu", "tich"],
        "ttg": ["thu", "tuong"], "ttcp": ["thu", "tuong", "chinh", "phu"], "cp": ["chinh", "phu"], "bkttg": ["bang", "khen", "thu", "tuong"],
        "gkx": ["giay", "khen", "xa"], "bkt": ["bang", "khen", "tinh"], "gkh": ["giay", "khen", "huyen"],
    ]

    /// Words without case, marks or punctuation, abbreviations spelled out.
    static func words(_ text: String) -> [String] {
        text.folded.split(separator: "_").flatMap { part -> [String] in
            let word = String(part.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
            return abbreviations[word] ?? (word.isEmpty ? [] : [word])
        }
    }

    public static func match(_ text: String, in awards: [WorkflowDefinition.Award]) -> Match {
        let typed = text.folded
        guard !typed.isEmpty else { return .none }
        if let exact = awards.first(where: { $0.id.folded == typed || $0.title.folded == typed }) { return .award(exact) }
        let wanted = Set(words(text))
        guard !wanted.isEmpty else { return .none }
        let fitting = awards.filter { wanted.isSubset(of: Set(words($0.title)).union(words($0.id))) }
        switch fitting.count {
        case 0: return .none
        case 1: return .award(fitting[0])
        default: return .ambiguous(fitting.map(\.title))
        }
    }

    /// Nominee kinds by their names and short forms ("CN", "HGĐ", "TT", "ĐVHC", "UBND").
    static let kinds: [String: String] = [
        "ca_nhan": "individual", "cn": "individual", "individual": "individual",
        "ho_gia_dinh": "household", "gia_dinh": "household", "ho": "household", "hgd": "household", "household": "household",
        "dong_ho": "clan", "dh": "clan", "clan": "clan",
        "tap_the": "collective", "tt": "collective", "collective": "collective",
        "doanh_nghiep": "enterprise", "dn": "enterprise", "enterprise": "enterprise",
        "don_vi_hanh_chinh": "administrative_unit", "dvhc": "administrative_unit", "ubnd": "administrative_unit",
        "administrative_unit": "administrative_unit",
    ]

    public static func kind(_ text: String) -> String? { kinds[text.folded] }
}
