import Hummingbird
import Storage

/// Loads a registration named in the path, if the reader's scope covers its unit (404
/// otherwise): the one loader the pages and the API share.
struct RegistrationAccess {
    let services: AppServices

    func load(context: AppRequestContext, for account: Account) async throws -> RegistrationStore.Registration {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let registration = try await RegistrationStore(client: services.client, logger: context.logger).registration(
                provinceCode: province,
                id: id
            ),
            try await services.accounts.canAccess(account, unitID: registration.unitID)
        else { throw HTTPError(.notFound, message: "Không tìm thấy đăng ký trong phạm vi của bạn.") }
        return registration
    }
}
