import Geography
import Hummingbird
import Storage

/// Administrative units as JSON, within the caller's scope.
struct UnitsAPI {
    let services: AppServices

    struct UnitBody: ResponseEncodable {
        let unit: UnitRepository.UnitRecord
        let children: [UnitRepository.UnitRecord]
        let replaces: [UnitRepository.UnitRecord]
        let replacedBy: [UnitRepository.UnitRecord]
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/units/:code") { request, context in
            let (account, context) = (context.account, context.app)
            let unit = try await UnitAccess(services: services).unit(code: try context.parameters.require("code"), for: account)
            let (predecessors, successors) = try await services.units.replacements(of: unit.id)
            return UnitBody(unit: unit, children: try await services.units.children(of: unit.id), replaces: predecessors, replacedBy: successors)
        }
        return routes
    }
}
