import Foundation
import Geography
import Hummingbird
import Storage

/// Rounds: listed for anyone working in a province, opened by the province's administrators.
struct RoundsAPI {
    let services: AppServices

    struct OpenRequest: Decodable {
        let provinceCode: String
        let name: String
        let year: Int
        let basis: String
        /// dd/MM/yyyy; chooses the workflow version in force unless `workflow` names one.
        let opensOn: String
        let closesOn: String?
        let workflow: String?
    }

    struct RoundList: ResponseEncodable {
        let items: [RoundStore.Round]
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/rounds") { _, context in
            let (account, context) = (context.account, context.app)
            let provinces = try await services.provinceCodes(of: account)
            return RoundList(items: try await store(context).rounds(provinceCodes: provinces))
        }
        routes.post("/rounds") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let body = try await request.decode(as: OpenRequest.self, context: context)
            guard let province = try await services.units.unit(code: body.provinceCode), province.level == .province else {
                throw APIValidationError(message: "Không có tỉnh mã \(body.provinceCode).", errors: ["provinceCode"])
            }
            try services.require(account, .openRound, at: province.id)
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
                let round = try await store(context).open(
                    provinceCode: province.provinceCode,
                    name: body.name,
                    year: body.year,
                    basis: body.basis,
                    opensOn: opens,
                    closesOn: closes,
                    workflow: body.workflow
                )
                var response = try round.response(from: request, context: context)
                response.status = .created
                return response
            } catch let error as RoundStore.RoundError {
                throw APIValidationError(message: error.description, errors: [error.description])
            } catch let error as WorkflowRepository.WorkflowError {
                throw APIValidationError(message: error.description, errors: ["workflow"])
            }
        }
        routes.get("/rounds/:province/:id/central-proposal") { _, context -> Response in
            let (account, context) = (context.account, context.app)
            let province = try context.parameters.require("province")
            guard let id = Int(try context.parameters.require("id")),
                let unit = try await services.units.unit(code: province), unit.level == .province,
                account.isSystemAdmin
                    || account.grants.contains(where: {
                        [.provinceAdmin, .chair, .reviewer, .councilSecretary].contains($0.role) && $0.unitID == unit.id
                    })
            else { throw HTTPError(.notFound, message: "Không tìm thấy đợt trong phạm vi của bạn.") }
            let bytes: [UInt8]
            do {
                bytes = try await CentralProposal(client: services.client, workflows: services.workflows, logger: context.logger)
                    .dossier(provinceCode: province, roundID: id)
            } catch let error as CentralProposal.ProposalError {
                throw APIValidationError(message: error.description, errors: [error.description])
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip",
                    .contentDisposition: "attachment; filename=\"ho-so-de-nghi-thu-tuong-\(province)-dot-\(id).zip\"",
                    .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        return routes
    }

    private func store(_ context: AppRequestContext) -> RoundStore {
        RoundStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

}

extension RoundStore.Round: ResponseEncodable {}
