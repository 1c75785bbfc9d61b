import Geography
import Hummingbird
import Storage

/// Decisions issued elsewhere, for the pages and the API alike: who records them (province staff
/// with the permission, at their province), which the reader may see (their provinces'), and the
/// translation of typed unit codes into units of that province before the store records.
struct ExternalDecisionDesk {
    let services: AppServices
    let account: Account
    let store: ExternalDecisionStore

    init(_ services: AppServices, account: Account, context: AppRequestContext) {
        self.services = services
        self.account = account
        self.store = ExternalDecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    /// An awardee as typed: the unit by its code (empty: the province itself).
    struct TypedAwardee {
        var name: String
        var kind: String
        var key: String?
        var detail: String
        var unitCode: String
        var achievement: String
        var nominationID: Int?
    }

    /// A unit code that is not a unit of the recording province, named with its row.
    struct UnknownUnitCode: Error, CustomStringConvertible {
        let row: Int
        let code: String
        var description: String { "Dòng \(row): không có đơn vị mã \(code) trong tỉnh." }
    }

    /// The province where the person records decisions: held at the province's own unit.
    func recordingProvince() async throws -> UnitRepository.UnitRecord {
        guard let unit = try await services.provinceUnits(of: account, roles: Permission.recordExternalDecision.roles).first else {
            throw HTTPError(
                .forbidden,
                message: "Chỉ chuyên viên hoặc quản trị cấp tỉnh được ghi quyết định khen thưởng do cơ quan khác ban hành."
            )
        }
        return unit
    }

    /// The decision, if it belongs to a province the person works in (else 404).
    func load(provinceCode: String, id: Int) async throws -> ExternalDecisionStore.ExternalDecision {
        guard try await services.provinceCodes(of: account).map({ $0.contains(provinceCode) }) ?? true,
            let decision = try await store.decision(provinceCode: provinceCode, id: id)
        else { throw HTTPError(.notFound, message: "Không có quyết định này trong phạm vi của bạn.") }
        return decision
    }

    func visible() async throws -> [ExternalDecisionStore.Summary] {
        try await store.decisions(provinceCodes: try await services.provinceCodes(of: account))
    }

    /// Records the decision at the person's province; unit codes are read before anything is stored.
    func record(
        issuerKind: ExternalDecisionStore.IssuerKind,
        issuer: String,
        number: String,
        issuedOn: Day,
        awardTitle: String,
        roundID: Int?,
        awardees typed: [TypedAwardee],
        document: (bytes: [UInt8], fileName: String)
    ) async throws -> ExternalDecisionStore.ExternalDecision {
        let province = try await recordingProvince()
        var awardees: [ExternalDecisionStore.NewAwardee] = []
        for (index, awardee) in typed.enumerated() {
            var unitID = province.id
            let code = awardee.unitCode.trimmingCharacters(in: .whitespaces)
            if !code.isEmpty {
                guard let unit = try await services.units.unit(code: code), unit.provinceCode == province.provinceCode else {
                    throw UnknownUnitCode(row: index + 1, code: code)
                }
                unitID = unit.id
            }
            awardees.append(
                .init(
                    name: awardee.name,
                    kind: awardee.kind,
                    key: awardee.key,
                    detail: awardee.detail,
                    unitID: unitID,
                    achievement: awardee.achievement,
                    nominationID: awardee.nominationID
                )
            )
        }
        return try await store.record(
            .init(
                provinceCode: province.provinceCode,
                issuerKind: issuerKind,
                issuer: issuer,
                number: number,
                issuedOn: issuedOn,
                awardTitle: awardTitle,
                roundID: roundID,
                awardees: awardees,
                document: document
            ),
            by: account.id
        )
    }
}
