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

    func mayReport(at unit: UnitRepository.UnitRecord) -> Bool {
        unit.validTo == nil && account.may(.reportFigures, at: unit.id)
    }

    func entries(of unit: UnitRepository.UnitRecord, year: Int) async throws -> [ReportedFigureStore.Entry] {
        try await store.entries(provinceCode: unit.provinceCode, unitID: unit.id, year: year)
    }

    /// Stores the changed figures; refused (403) without the permission at the unit, and for a
    /// unit no longer in force (its successor reports).
    func record(_ figures: [ReportedFigureStore.Figure], at unit: UnitRepository.UnitRecord, year: Int) async throws -> Int {
        try services.require(account, .reportFigures, at: unit.id)
        guard unit.validTo == nil else {
            throw HTTPError(.forbidden, message: "Đơn vị \(unit.name) đã hết hiệu lực: đơn vị kế thừa báo cáo số liệu.")
        }
        return try await store.record(provinceCode: unit.provinceCode, unitID: unit.id, year: year, figures: figures, userID: account.id)
    }
}
