import Hummingbird
import Storage

/// Loads a registration named in the path, if the reader's scope covers its unit (404
/// otherwise): the one loader the pages and the API share.
struct RegistrationAccess {
    let services: AppServices

    func load(context: AppRequestContext, for account: Account) async throws -> RegistrationStore.Registration {
        let store = RegistrationStore(client: services.client, logger: context.logger)
        return try await services.scopedRecord(
            context,
            for: account,
            notFound: "Không tìm thấy đăng ký trong phạm vi của bạn.",
            unitID: \.unitID
        ) { try await store.registration($0) }
    }
}
