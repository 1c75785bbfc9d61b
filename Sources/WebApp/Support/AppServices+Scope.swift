import Hummingbird
import Storage

extension AppServices {
    /// The provinces a person works in (nil for system administrators: every province).
    func provinceCodes(of account: Account) async throws -> [String]? {
        if account.isSystemAdmin { return nil }
        var codes: Set<String> = []
        for unitID in account.scopeUnitIDs {
            if let unit = try await units.unit(id: unitID) { codes.insert(unit.provinceCode) }
        }
        return codes.sorted()
    }

    /// The provinces' own units where the person holds a grant (of one of `roles`, when given):
    /// where province staff act for their province. Empty for someone working below a province.
    func provinceUnits(of account: Account, roles: Set<Role>? = nil) async throws -> [UnitRepository.UnitRecord] {
        var found: [UnitRepository.UnitRecord] = []
        for grant in account.grants where roles?.contains(grant.role) ?? true {
            guard let unitID = grant.unitID, let unit = try await units.unit(id: unitID), unit.level == .province,
                !found.contains(where: { $0.id == unit.id })
            else { continue }
            found.append(unit)
        }
        return found
    }

    /// Refuses with 403, in the policy's words, unless the person may do this at the unit.
    func require(_ account: Account, _ permission: Permission, at unitID: Int) throws {
        guard account.may(permission, at: unitID) else { throw HTTPError(.forbidden, message: permission.refusal) }
    }
}
