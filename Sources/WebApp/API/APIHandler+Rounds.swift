import APIContract
import Foundation
import Geography
import Hummingbird
import OpenAPIRuntime
import Storage

/// Rounds: listed for anyone working in a province, opened by the province's administrators; and
/// a round's dossier for the Prime Minister's award, as one ZIP.
extension APIHandler {
    func listRounds(_ input: Operations.ListRounds.Input) async throws -> Operations.ListRounds.Output {
        let context = try signedIn()
        let provinces = try await services.provinceCodes(of: context.account)
        let rounds = try await rounds(context).rounds(provinceCodes: provinces)
        return .ok(.init(body: .json(.init(items: try rounds.map { try .init(converting: $0) }))))
    }

    func createRound(_ input: Operations.CreateRound.Input) async throws -> Operations.CreateRound.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        guard let province = try await services.units.unit(code: body.provinceCode), province.level == .province else {
            throw APIValidationError(message: "Không có tỉnh mã \(body.provinceCode).", errors: ["provinceCode"])
        }
        try services.require(context.account, .openRound, at: province.id)
        guard let opens = Day(parsing: body.opensOn) else {
            throw APIValidationError(message: "Ngày mở đợt không hợp lệ: \(body.opensOn) (dạng dd/MM/yyyy).", errors: ["opensOn"])
        }
        var closes: Day?
        if let text = body.closesOn {
            guard let day = Day(parsing: text) else {
                throw APIValidationError(message: "Ngày hết hạn nhận hồ sơ không hợp lệ: \(text).", errors: ["closesOn"])
            }
            closes = day
        }
        do {
            let round = try await rounds(context).open(
                provinceCode: province.provinceCode,
                name: body.name,
                year: body.year,
                basis: body.basis.rawValue,
                opensOn: opens,
                closesOn: closes,
                workflow: body.workflow
            )
            return .created(.init(body: .json(try .init(converting: round))))
        } catch let error as RoundStore.RoundError {
            throw APIValidationError(message: error.description, errors: [error.description])
        } catch let error as WorkflowRepository.WorkflowError {
            throw APIValidationError(message: error.description, errors: ["workflow"])
        }
    }

    func centralProposal(_ input: Operations.CentralProposal.Input) async throws -> Operations.CentralProposal.Output {
        let context = try signedIn()
        let (province, id, account) = (input.path.province, input.path.id, context.account)
        guard let unit = try await services.units.unit(code: province), unit.level == .province,
            account.isSystemAdmin
                || account.grants.contains(where: {
                    [.provinceAdmin, .chair, .reviewer, .councilSecretary].contains($0.role) && $0.unitID == unit.id
                })
        else { throw HTTPError(.notFound, message: "Không tìm thấy đợt trong phạm vi của bạn.") }
        let bytes: [UInt8]
        do {
            bytes = try await CentralProposal(client: services.client, workflows: services.workflows, logger: context.app.logger)
                .dossier(round: RoundKey(provinceCode: province, id: id))
        } catch let error as CentralProposal.ProposalError {
            throw APIValidationError(message: error.description, errors: [error.description])
        }
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"ho-so-de-nghi-thu-tuong-\(province)-dot-\(id).zip\""),
                body: .applicationZip(HTTPBody(bytes))
            )
        )
    }

    private func rounds(_ context: SignedInContext) -> RoundStore {
        RoundStore(client: services.client, workflows: services.workflows, logger: context.app.logger)
    }
}
