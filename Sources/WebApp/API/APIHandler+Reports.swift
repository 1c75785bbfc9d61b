import APIContract
import Geography
import Storage

/// Progress against the programme's targets, for the systems a province reports to: the same
/// figures as the page and `thidua report targets`, within the reader's scope.
extension APIHandler {
    func targetReport(_ input: Operations.TargetReport.Input) async throws -> Operations.TargetReport.Output {
        let context = try signedIn()
        let years = try TargetReportAccess.years(stage: input.query.stage, year: input.query.year.map(String.init))
        let report = try await TargetReportAccess(services: services).report(
            for: context.account,
            years: years,
            level: try Self.level(input.query.level?.rawValue)
        )
        return .ok(.init(body: .json(try .init(converting: report))))
    }

    func targetStagesReport(_ input: Operations.TargetStagesReport.Input) async throws -> Operations.TargetStagesReport.Output {
        let context = try signedIn()
        let report = try await TargetReportAccess(services: services).stageReport(
            for: context.account,
            level: try Self.level(input.query.level?.rawValue)
        )
        return .ok(.init(body: .json(try .init(converting: report))))
    }

    static func level(_ text: String?) throws -> AdminLevel? {
        guard let text else { return nil }
        guard let level = AdminLevel(rawValue: text) else {
            throw APIValidationError(message: "Cấp không hợp lệ: \(text) (province, district, commune, village).", errors: ["level"])
        }
        return level
    }
}
