import Foundation

enum NFC {
    static func compose(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
