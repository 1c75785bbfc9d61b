/// An administrative unit as it existed over one period. The same code may name a different unit in
/// another period (the 2025 lists reuse codes of merged communes), so a unit is a code *and* its
/// validity, and its parent is the unit with the parent code valid on the day this one starts.
public struct AdminUnit: Hashable, Sendable {
    public let code: String
    public let name: String
    public let level: AdminLevel
    public let parentCode: String?
    public let validity: Validity
    /// Codes of the units this one took over (merged or renamed ones), valid up to its start.
    public let replaces: [String]

    public init(code: String, name: String, level: AdminLevel, parentCode: String?, validity: Validity, replaces: [String] = []) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.validity = validity
        self.replaces = replaces
    }
}
