/// The languages the pages are written in. Vietnamese is the language of the system and of every
/// official document; English is offered to the people who ask for it with the switch in the header.
public enum Language: String, CaseIterable, Sendable {
    case vietnamese = "vi"
    case english = "en"

    /// The `lang` attribute of a page in this language.
    var code: String { rawValue }

    /// The language chosen in the language cookie; Vietnamese when there is none or it is unknown.
    init(cookie: String?) {
        self = cookie.flatMap(Language.init(rawValue:)) ?? .vietnamese
    }
}
