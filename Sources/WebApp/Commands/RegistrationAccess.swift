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

    /// Whether the person may appraise the registration's self-assessment: a reviewer of the
    /// People's Committee at its unit, or — for a title an organisation recognises (the Hội
    /// Khuyến học's "Công dân học tập") — that organisation's reviewer, where it serves.
    func mayAppraise(_ registration: RegistrationStore.Registration, account: Account, context: AppRequestContext) async throws -> Bool {
        if account.may(.appraiseSelfAssessments, at: registration.unitID) { return true }
        let grants = account.organisationGrants.filter { Permission.appraiseSelfAssessments.roles.contains($0.role) }
        guard !grants.isEmpty,
            let kind = try await RecognitionBodies(client: services.client, logger: context.logger)
                .rule(setID: registration.setID, provinceCode: registration.provinceCode, year: registration.year)?.organisationKind
        else { return false }
        for grant in grants where grant.kind == kind {
            if try await services.units.isWithin(unitID: registration.unitID, scopes: [grant.unitID]) { return true }
        }
        return false
    }

    /// The same, refused with 403 in the policy's words.
    func requireAppraiser(_ registration: RegistrationStore.Registration, account: Account, context: AppRequestContext) async throws {
        guard try await mayAppraise(registration, account: account, context: context) else {
            throw HTTPError(.forbidden, message: Permission.appraiseSelfAssessments.refusal)
        }
    }
}
