import APIContract
import Geography
import Hummingbird
import Storage

extension APIHandler {
    func nationalAwards(_ input: Operations.NationalAwards.Input) async throws -> Operations.NationalAwards.Output {
        let context = try signedIn()
        let account = context.account
        guard RecordYears.contains(input.query.year) else {
            throw APIValidationError(message: "Năm không hợp lệ: \(input.query.year).", errors: ["year"])
        }
        // Staff of a province file its report; a system administrator names the province.
        var province = input.query.province
        if !account.isSystemAdmin {
            let provinces = try await services.provinceUnits(of: account).map(\.provinceCode)
            guard let own = provinces.first else {
                throw HTTPError(.forbidden, message: "Chỉ cán bộ cấp tỉnh (hoặc quản trị hệ thống) được lấy danh sách khen thưởng của tỉnh.")
            }
            if let asked = province, !provinces.contains(asked) { throw HTTPError(.forbidden, message: "Không thuộc tỉnh của bạn.") }
            province = province ?? own
        }
        guard let province, let unit = try await services.units.unit(code: province), unit.level == .province else {
            throw APIValidationError(message: "Chưa chỉ định tỉnh hợp lệ.", errors: ["province"])
        }
        let export = try await NationalAwardExport.build(
            client: services.reader,
            workflows: services.workflows,
            logger: context.app.logger,
            provinceCode: unit.provinceCode,
            year: input.query.year
        )
        return .ok(.init(body: .json(try .init(converting: export))))
    }
}
