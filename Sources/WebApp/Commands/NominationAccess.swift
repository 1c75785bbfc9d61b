import Hummingbird
import Storage
import Workflow

/// Who may see a nomination and what roles they hold at its current step, shared by the API and
/// the pages. Outside a person's scope a nomination answers 404.
struct NominationAccess {
    let services: AppServices

    func store(_ context: AppRequestContext) -> NominationStore {
        NominationStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    /// The nomination named by the `:province` and `:id` parameters, if in the caller's scope.
    func load(context: AppRequestContext, account: Account) async throws -> NominationStore.Nomination {
        let store = store(context)
        return try await services.scopedRecord(context, for: account, notFound: "Không tìm thấy hồ sơ trong phạm vi của bạn.", unitID: \.unitID) {
            try await store.nomination($0)
        }
    }

    /// The caller's roles that count at the nomination's current step: held at a unit of that
    /// step's level whose scope covers the nomination's unit (a commune's reviewer does not act
    /// at the province) and, for a process an organisation runs, held at that organisation (the
    /// People's Committee's reviewer does not act in the Hội Khuyến học's process, nor the
    /// other way round).
    func rolesAtCurrentLevel(_ account: Account, nomination: NominationStore.Nomination) async throws -> Set<Workflow.Role> {
        let definition = try await services.workflows.definition(nomination.workflow)
        guard let level = definition.state(nomination.state)?.level else { return [] }
        var roles: Set<Workflow.Role> = []
        for (role, unitID) in account.acting(in: definition.organisationKind) {
            guard let unit = try await services.units.unit(id: unitID) else { continue }
            guard level.isServed(by: unit.level), try await services.units.isWithin(unitID: nomination.unitID, scopes: [unitID]) else { continue }
            roles.insert(role)
        }
        return roles
    }
}
