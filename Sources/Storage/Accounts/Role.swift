// The one role type is the workflow's (`Workflow.Role`): grants, the policy and the workflow
// files all speak of the same roles; the permissions are `Workflow.Permission`. Re-exported so
// that every user of Storage sees them.
@_exported import enum Workflow.Permission
@_exported import enum Workflow.Role

/// One role held at one unit (no unit for system administrators).
public struct RoleGrant: Sendable, Equatable, Codable {
    public let role: Role
    public let unitID: Int?
    public let unitCode: String?
    public let unitName: String?
}

/// The subject a citizen's own account belongs to: their identity key in one province.
public struct CitizenLink: Sendable, Equatable, Codable {
    public let provinceCode: String
    public let subjectKey: String
}

/// A signed-in person with their roles.
public struct Account: Sendable, Equatable, Codable {
    public let id: Int
    public let username: String
    public let fullName: String
    public let isDemo: Bool
    /// Roles held for a People's Committee (or the system).
    public let grants: [RoleGrant]
    /// Roles held at organisations (the Hội Khuyến học…): they act for the organisation only.
    public var organisationGrants: [OrganisationGrant] = []
    /// For a citizen's own account: whose record it is. Such an account holds no grant and
    /// reaches only the citizen pages (`RoutePolicy`).
    public var citizen: CitizenLink? = nil

    public var isSystemAdmin: Bool { grants.contains { $0.role == .systemAdmin } }
    /// The units whose scope this person works in (an organisation's: the unit it serves).
    public var scopeUnitIDs: [Int] { grants.compactMap(\.unitID) + organisationGrants.map(\.unitID) }
}

extension Account {
    /// Whether the person holds one of `roles` at any unit: who may open a kind of page at all
    /// (the unit's own scope is checked where the unit is known). System administrators count
    /// only where `roles` names them.
    public func holdsAnywhere(_ roles: Set<Role>) -> Bool {
        grants.contains { roles.contains($0.role) } || organisationGrants.contains { roles.contains($0.role) }
    }

    /// Whether the person holds one of `roles` at the organisation (system administrators hold
    /// every role everywhere): who may sign its decisions, run its council.
    public func holds(_ roles: Set<Role>, atOrganisation organisationID: Int) -> Bool {
        isSystemAdmin || organisationGrants.contains { roles.contains($0.role) && $0.organisationID == organisationID }
    }

    /// Whether the person holds one of `roles` at exactly this unit (system administrators hold
    /// every role everywhere): who may run a unit's council, sign its decisions, administer it.
    public func holds(_ roles: Set<Role>, at unitID: Int) -> Bool {
        isSystemAdmin || grants.contains { roles.contains($0.role) && $0.unitID == unitID }
    }

    /// Whether the person holds a role that allows `permission` for a People's Committee of any
    /// unit (an organisation's roles do not count: they act for the organisation).
    public func may(_ permission: Permission) -> Bool { grants.contains { permission.roles.contains($0.role) } }

    /// Whether the person holds a role that allows `permission` at exactly this unit.
    public func may(_ permission: Permission, at unitID: Int) -> Bool { holds(permission.roles, at: unitID) }

    /// The roles that act in a process, each with the unit it is held at: the People's
    /// Committees' grants for their own processes (`organisationKind` nil); for a process an
    /// organisation runs, only the roles held at organisations of that kind (its scope: the unit
    /// each serves). The one rule that keeps the two desks apart.
    public func acting(in organisationKind: String?) -> [(role: Role, unitID: Int)] {
        guard let organisationKind else { return grants.compactMap { grant in grant.unitID.map { (grant.role, $0) } } }
        return organisationGrants.filter { $0.kind == organisationKind }.map { ($0.role, $0.unitID) }
    }

    /// Whether the person holds, anywhere, a role allowing `permission` in a process run by
    /// `organisationKind` (nil: the People's Committees').
    public func may(_ permission: Permission, in organisationKind: String?) -> Bool {
        acting(in: organisationKind).contains { permission.roles.contains($0.role) }
    }
}
