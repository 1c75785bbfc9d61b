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
            DecisionList(items: try await services.decisions(context).visible())
        }
        routes.post("/decisions") { request, context -> Response in
            let body = try await request.decode(as: DraftRequest.self, context: context.app)
            let decision = try await services.decisions(context).draft(unitCode: body.unitCode, roundID: body.roundID, award: body.award)
            var response = try decision.response(from: request, context: context.app)
            response.status = .created
            return response
        }
        routes.get("/decisions/:province/:id") { _, context in
            try await services.decisions(context).load(context.app)
        }
        routes.patch("/decisions/:province/:id") { request, context in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let body = try await request.decode(as: UpdateRequest.self, context: context.app)
            return try await desk.update(
                decision,
                title: body.title,
                bases: body.bases,
                proposal: body.proposal,
                signerName: body.signerName,
                signerTitle: body.signerTitle
            )
        }
        routes.post("/decisions/:province/:id/issue") { request, context in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let body = try await request.decode(as: IssueRequest.self, context: context.app)
            var day = Day.todayInVietnam
            if let text = body.issuedOn {
                guard let parsed = Day(parsing: text) else {
                    throw APIValidationError(message: "Ngày ký không hợp lệ: \(text) (dạng dd/MM/yyyy).", errors: ["issuedOn"])
                }
                day = parsed
            }
            return try await desk.issue(decision, on: day, signerName: body.signerName, signerTitle: body.signerTitle)
        }
        routes.post("/decisions/:province/:id/revocation") { request, context -> Response in
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let body = try await request.decode(as: RevocationRequest.self, context: context.app)
            var response = try await desk.revoke(decision, nominationIDs: body.nominationIDs, reason: body.reason)
                .response(from: request, context: context.app)
            response.status = .created
            return response
        }
        routes.post("/decisions/:province/:id/correction") { request, context -> Response in
            struct CorrectionRequest: Decodable {
                let corrections: [DecisionStore.Correction]
                let reason: String
            }
            let desk = services.decisions(context)
            let decision = try await desk.load(context.app)
            let body = try await request.decode(as: CorrectionRequest.self, context: context.app)
            var response = try await desk.correct(decision, corrections: body.corrections, reason: body.reason)
                .response(from: request, context: context.app)
            response.status = .created
            return response
        }
        routes.get("/decisions/:province/:id/export") { request, context -> Response in
            let decision = try await services.decisions(context).load(context.app)
            let format = request.uri.queryParameters.get("format") ?? "docx"
            guard let export = DecisionExport(rawValue: format) else {
                throw APIValidationError(message: "Định dạng không hỗ trợ: \(format) (chọn: docx, xlsx, csv, pdf).", errors: ["format"])
            }
            return try await Self.download(decision, as: export)
        }
        return routes
    }

    /// The file, served so that a browser saves it rather than renders it.
    static func download(_ decision: Decision, as export: DecisionExport) async throws -> Response {
        let bytes: [UInt8]
        do {
            bytes = try await export.bytes(of: decision)
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
}

extension Decision: ResponseEncodable {}
