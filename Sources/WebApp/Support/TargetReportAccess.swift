import Foundation
import Geography
import Hummingbird
import Storage

/// The targets report as a reader may see it, for the page and the API: the whole country by
/// province for a system administrator who names no level, otherwise the reader's province at the
/// level asked (communes by default), limited to the units the reader may see.
struct TargetReportAccess {
    let services: AppServices

    /// The years a request asks for: a stage ("2021-2025"), a year, or this year.
    static func years(stage: String?, year: String?) throws -> ClosedRange<Int> {
        if let stage, !stage.isEmpty {
            guard let years = ProgramStage.years(parsing: stage) else { throw HTTPError(.badRequest, message: "Giai đoạn không hợp lệ.") }
            return years
        }
        let value = year.flatMap(Int.init) ?? Day.todayInVietnam.year
        guard RecordYears.contains(value) else { throw HTTPError(.badRequest, message: "Năm không hợp lệ.") }
        return value...value
    }

    /// The province (nil: the whole country) and the level of the lines a reader's report has.
    private struct Reach {
        let provinceCode: String?
        let level: AdminLevel
    }

    private func reach(for account: Account, level requested: AdminLevel?) async throws -> Reach {
        if account.isSystemAdmin && requested == nil { return Reach(provinceCode: nil, level: .province) }
        guard let scope = account.grants.compactMap(\.unitID).first, let unit = try await services.units.unit(id: scope) else {
            throw HTTPError(.forbidden, message: "Tài khoản chưa được giao đơn vị nào.")
        }
        return Reach(provinceCode: unit.provinceCode, level: requested ?? (unit.level == .province ? .commune : unit.level))
    }

    /// The codes among `codes` the reader may see.
    private func visible(_ codes: [String], to account: Account) async throws -> Set<String> {
        if account.isSystemAdmin { return Set(codes) }
        var out: Set<String> = []
        for code in Set(codes) {
            guard let record = try await services.units.unit(code: code) else { continue }
            if try await services.accounts.canAccess(account, unitID: record.id) { out.insert(code) }
        }
        return out
    }

    func report(for account: Account, years: ClosedRange<Int>, level: AdminLevel?) async throws -> TargetReport {
        let reach = try await reach(for: account, level: level)
        let full = try await TargetReport.build(
            client: services.reader,
            logger: services.logger,
            years: years,
            provinceCode: reach.provinceCode,
            level: reach.level
        )
        let shown = try await visible(full.rows.map(\.unitCode), to: account)
        return TargetReport(
            year: full.year,
            firstYear: full.firstYear,
            provinceCode: full.provinceCode,
            level: full.level,
            rows: full.rows.filter { shown.contains($0.unitCode) || $0.unitCode == "VN" }
        )
    }

    func stageReport(for account: Account, level: AdminLevel?) async throws -> StageReport {
        let reach = try await reach(for: account, level: level)
        let full = try await StageReport.build(client: services.reader, logger: services.logger, provinceCode: reach.provinceCode, level: reach.level)
        return full.keeping(unitCodes: try await visible(full.lines.map(\.unitCode), to: account).union(["VN"]))
    }
}
