import Geography
import Hummingbird
import Storage

/// The period figures a unit reports (programme indicators only a unit knows), for the page and
/// any other door: the unit is loaded within the person's scope once (404 outside it), and saving
/// needs the reporting permission at that very unit.
struct FigureDesk {
    let services: AppServices
    let account: Account

    var store: ReportedFigureStore { ReportedFigureStore(client: services.client, logger: services.logger) }

    func unit(code: String) async throws -> UnitRepository.UnitRecord {
        try await UnitAccess(services: services).unit(code: code, for: account)
    }

    /// Whether the person reports the indicator's figure for the unit: the unit's own staff, or
    /// for an organisation's figure (`reporterKind`) the staff of that organisation serving it.
    func mayReport(_ indicator: ProgramIndicator, at unit: UnitRepository.UnitRecord) -> Bool {
        guard unit.validTo == nil else { return false }
        guard let kind = indicator.reporterKind else { return account.may(.reportFigures, at: unit.id) }
        return account.organisationGrants.contains {
            $0.kind == kind && $0.unitID == unit.id && Permission.reportFigures.roles.contains($0.role)
        }
    }

    func entries(of unit: UnitRepository.UnitRecord, year: Int) async throws -> [ReportedFigureStore.Entry] {
        try await store.entries(provinceCode: unit.provinceCode, unitID: unit.id, year: year)
    }

    /// Stores the changed figures; refused (403) without the permission at the unit, and for a
    /// unit no longer in force (its successor reports).
    func record(
        _ figures: [ReportedFigureStore.Figure],
        at unit: UnitRepository.UnitRecord,
        year: Int,
        indicators: [ProgramIndicator]
    ) async throws -> Int {
        guard unit.validTo == nil else {
            throw HTTPError(.forbidden, message: "Đơn vị \(unit.name) đã hết hiệu lực: đơn vị kế thừa báo cáo số liệu.")
        }
        for figure in figures {
            guard let indicator = indicators.first(where: { $0.id == figure.indicator }), mayReport(indicator, at: unit) else {
                throw HTTPError(.forbidden, message: "Anh/chị không báo cáo số liệu \"\(figure.indicator)\" của đơn vị này.")
            }
        }
        return try await store.record(provinceCode: unit.provinceCode, unitID: unit.id, year: year, figures: figures, userID: account.id)
    }
}
