import Hummingbird
import Storage

extension AppServices {
    /// The provinces a person works in (nil for system administrators: every province).
    func provinceCodes(of account: Account) async throws -> [String]? {
        if account.isSystemAdmin { return nil }
        var codes: Set<String> = []
        for grant in account.grants {
            if let unitID = grant.unitID, let unit = try await units.unit(id: unitID) { codes.insert(unit.provinceCode) }
        }
        return codes.sorted()
    }

    /// Refuses with 403, in the policy's words, unless the person may do this at the unit.
    func require(_ account: Account, _ permission: Permission, at unitID: Int) throws {
        guard account.may(permission, at: unitID) else { throw HTTPError(.forbidden, message: permission.refusal) }
    }
}
