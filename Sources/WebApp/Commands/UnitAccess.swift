import Hummingbird
import Storage

/// The scope rule for units, shared by pages and API: a unit outside every scope of the person is
/// "not found", so that codes of other communes cannot be probed.
struct UnitAccess {
    let services: AppServices

    func unit(code: String, for account: Account) async throws -> UnitRepository.UnitRecord {
        guard let unit = try await services.units.unit(code: code),
            try await services.accounts.canAccess(account, unitID: unit.id)
        else {
            throw HTTPError(.notFound, message: "Không tìm thấy đơn vị \(code) trong phạm vi của bạn.")
        }
        return unit
    }
}
