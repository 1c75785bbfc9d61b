/// Damage done to a text file the way people and tools do it, driven by seeds (so a failure
/// shrinks to the fewest, smallest changes).
public enum TextDamage {
    public static let sensitive: [String] = [
        ":", "-", " ", "  ", "\t", "\"", "'", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "%", "@", "\n", "ä", "Đ", "\u{0}", "-1",
        "999999999999999999999", "null", "~", "yes", "",
    ]

    /// `seeds[0]` is left to the caller (it usually picks the file); each later seed is one change.
    public static func apply(_ seeds: [Int], to text: String, sensitive: [String] = sensitive) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for seed in seeds.dropFirst() where !lines.isEmpty {
            let line = seed % lines.count
            switch (seed / 7) % 6 {
            case 0: lines.remove(at: line)
            case 1: lines.insert(lines[line], at: line)
            case 2: lines[line] = String(lines[line].prefix((seed / 11) % (lines[line].count + 1)))
            case 3:
                // A sensitive character put in the middle of a line.
                var characters = Array(lines[line])
                let at = characters.isEmpty ? 0 : (seed / 13) % characters.count
                characters.insert(contentsOf: sensitive[(seed / 17) % sensitive.count], at: at)
                lines[line] = String(characters)
            case 4:
                // A value replaced after its key.
                if let colon = lines[line].firstIndex(of: ":") {
                    lines[line] = String(lines[line][...colon]) + " " + sensitive[(seed / 19) % sensitive.count]
                }
            default: lines = Array(lines.prefix(line))
            }
        }
        return lines.joined(separator: "\n")
    }
}
