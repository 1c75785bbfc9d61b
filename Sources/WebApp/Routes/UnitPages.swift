import Geography
import Hummingbird
import Storage

/// An administrative unit: where it sits, what lies under it, and what it merged from or into.
/// Outside a person's scope a unit answers 404, as if it did not exist.
struct UnitPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/units/:code") { request, context in
            let (account, context) = (context.account, context.app)
            let code = try context.parameters.require("code")
            let unit = try await UnitAccess(services: services).unit(code: code, for: account)
            return try await page(unit, context: context).response(from: request, context: context)
        }
        return routes
    }

    private func page(_ unit: UnitRepository.UnitRecord, context: AppRequestContext) async throws -> HTMLPage {
        let children = try await services.units.children(of: unit.id)
        let (predecessors, successors) = try await services.units.replacements(of: unit.id)
        func rows(_ units: [UnitRepository.UnitRecord]) -> [[String: Any]] {
            units.map { u in
                [
                    "code": u.code, "name": u.name, "level": u.level.vietnamese,
                    "validity": "\(u.validFrom) – \(u.validTo ?? "nay")", "current": u.validTo == nil,
                ]
            }
        }
        var values: [String: Any] = [
            "title": unit.name,
            "unit": [
                "code": unit.code, "name": unit.name, "level": unit.level.vietnamese,
                "validity": "\(unit.validFrom) – \(unit.validTo ?? "nay")", "ended": unit.validTo != nil,
            ] as [String: Any],
            "children": rows(children),
            "hasChildren": !children.isEmpty,
            "predecessors": rows(predecessors),
            "hasPredecessors": !predecessors.isEmpty,
            "successors": rows(successors),
            "hasSuccessors": !successors.isEmpty,
        ]
        if let parentCode = unit.parentCode, let parentName = unit.parentName {
            values["parent"] = ["code": parentCode, "name": parentName]
        }
        if unit.isDemo { values["demo"] = true }
        return services.page("unit", values, context: context)
    }
}
