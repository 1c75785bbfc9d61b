import APIContract
import Storage

/// Administrative units within the caller's scope: the unit, its children, and the units it
/// replaced or was replaced by (mergers).
extension APIHandler {
    func getUnit(_ input: Operations.GetUnit.Input) async throws -> Operations.GetUnit.Output {
        let context = try signedIn()
        let unit = try await UnitAccess(services: services).unit(code: input.path.code, for: context.account)
        let (predecessors, successors) = try await services.units.replacements(of: unit.id)
        let detail = Components.Schemas.UnitDetail(
            unit: try .init(converting: unit),
            children: try .init(converting: try await services.units.children(of: unit.id)),
            replaces: try .init(converting: predecessors),
            replacedBy: try .init(converting: successors)
        )
        return .ok(.init(body: .json(detail)))
    }
}
