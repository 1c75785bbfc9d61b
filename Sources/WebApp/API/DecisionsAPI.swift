import Foundation
import Geography
import HTTPTypes
import Hummingbird
import Storage

/// Award decisions: drafted by the authority's staff, issued by its chair, exported as files.
struct DecisionsAPI {
    let services: AppServices

    struct DraftRequest: Decodable {
        let unitCode: String
        let roundID: Int
        let award: String
    }

    struct UpdateRequest: Decodable {
        let title: String?
        let bases: [String]?
        let proposal: String?
        let signerName: String?
        let signerTitle: String?
    }

    struct IssueRequest: Decodable {
        /// dd/MM/yyyy; today in Vietnam when left out.
        let issuedOn: String?
        let signerName: String?
        let signerTitle: String?
    }

    struct RevocationRequest: Decodable {
        let nominationIDs: [Int]?
        let reason: String
    }

    struct DecisionList: ResponseEncodable {
        let items: [DecisionStore.Summary]
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/decisions") { _, context in
            let (account, context) = (context.account, context.app)
            let all = try await store(context).decisions(provinceCodes: try await services.provinceCodes(of: account))
            var visible: [DecisionStore.Summary] = []
            for item in all where try await canSee(account, unitID: item.unitID) { visible.append(item) }
            return DecisionList(items: visible)
        }
        routes.post("/decisions") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let body = try await request.decode(as: DraftRequest.self, context: context)
            let unit = try await UnitAccess(services: services).unit(code: body.unitCode, for: account)
            try services.require(account, .draftDecision, at: unit.id)
            let decision = try await store(context).draft(
                provinceCode: unit.provinceCode,
                unitID: unit.id,
                roundID: body.roundID,
                award: body.award,
                createdBy: account.id
            )
            var response = try decision.response(from: request, context: context)
            response.status = .created
            return response
        }
        routes.get("/decisions/:province/:id") { _, context in
            let (account, context) = (context.account, context.app)
            return try await visible(context, account: account)
        }
        routes.patch("/decisions/:province/:id") { request, context in
            let (account, context) = (context.account, context.app)
            let decision = try await visible(context, account: account)
            try services.require(account, .draftDecision, at: decision.unitID)
            let body = try await request.decode(as: UpdateRequest.self, context: context)
            return try await store(context).updateDraft(
                provinceCode: decision.provinceCode,
                id: decision.id,
                title: body.title,
                bases: body.bases,
                proposal: body.proposal,
                signerName: body.signerName,
                signerTitle: body.signerTitle
            )
        }
        routes.post("/decisions/:province/:id/issue") { request, context in
            let (account, context) = (context.account, context.app)
            let decision = try await visible(context, account: account)
            try services.require(account, .issueDecision, at: decision.unitID)
            let body = try await request.decode(as: IssueRequest.self, context: context)
            let day: Day
            if let text = body.issuedOn {
                guard let parsed = Day(parsing: text) else {
                    throw APIValidationError(message: "Ngày ký không hợp lệ: \(text) (dạng dd/MM/yyyy).", errors: ["issuedOn"])
                }
                day = parsed
            } else {
                day = Day.todayInVietnam
            }
            if body.signerName != nil || body.signerTitle != nil {
                _ = try await store(context).updateDraft(
                    provinceCode: decision.provinceCode,
                    id: decision.id,
                    title: nil,
                    bases: nil,
                    proposal: nil,
                    signerName: body.signerName,
                    signerTitle: body.signerTitle
                )
            }
            return try await store(context).issue(provinceCode: decision.provinceCode, id: decision.id, on: day, issuedBy: account.id)
        }
        routes.post("/decisions/:province/:id/revocation") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let decision = try await visible(context, account: account)
            try services.require(account, .draftDecision, at: decision.unitID)
            let body = try await request.decode(as: RevocationRequest.self, context: context)
            let revocation = try await store(context).draftRevocation(
                provinceCode: decision.provinceCode,
                of: decision.id,
                nominationIDs: body.nominationIDs,
                reason: body.reason,
                createdBy: account.id
            )
            var response = try revocation.response(from: request, context: context)
            response.status = .created
            return response
        }
        routes.post("/decisions/:province/:id/correction") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let decision = try await visible(context, account: account)
            try services.require(account, .draftDecision, at: decision.unitID)
            struct CorrectionRequest: Decodable {
                let corrections: [DecisionStore.Correction]
                let reason: String
            }
            let body = try await request.decode(as: CorrectionRequest.self, context: context)
            let correction = try await store(context).draftCorrection(
                provinceCode: decision.provinceCode,
                of: decision.id,
                corrections: body.corrections,
                reason: body.reason,
                createdBy: account.id
            )
            var response = try correction.response(from: request, context: context)
            response.status = .created
            return response
        }
        routes.get("/decisions/:province/:id/export") { request, context -> Response in
            let (account, context) = (context.account, context.app)
            let decision = try await visible(context, account: account)
            let format = request.uri.queryParameters.get("format") ?? "docx"
            guard let export = DecisionExport(rawValue: format) else {
                throw APIValidationError(message: "Định dạng không hỗ trợ: \(format) (chọn: docx, xlsx, csv, pdf).", errors: ["format"])
            }
            return try Self.download(decision, as: export)
        }
        return routes
    }

    /// The file, served so that a browser saves it rather than renders it.
    static func download(_ decision: Decision, as export: DecisionExport) throws -> Response {
        let bytes: [UInt8]
        do {
            bytes = try export.bytes(of: decision)
        } catch let error as DecisionExport.ExportError {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
        let name = export.fileName(for: decision)
        return Response(
            status: .ok,
            headers: [
                .contentType: export.contentType,
                .contentDisposition: "attachment; filename=\"\(name)\"",
                .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    private func store(_ context: AppRequestContext) -> DecisionStore {
        DecisionStore(client: services.client, workflows: services.workflows, logger: context.logger)
    }

    private func canSee(_ account: Account, unitID: Int) async throws -> Bool {
        if account.isSystemAdmin { return true }
        return try await services.accounts.canAccess(account, unitID: unitID)
    }

    /// The decision, if the caller works in the scope of its issuing unit.
    private func visible(_ context: AppRequestContext, account: Account) async throws -> Decision {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let decision = try await store(context).decision(provinceCode: province, id: id),
            try await canSee(account, unitID: decision.unitID)
        else { throw HTTPError(.notFound, message: "Không tìm thấy quyết định trong phạm vi của bạn.") }
        return decision
    }
}

extension Decision: ResponseEncodable {}
