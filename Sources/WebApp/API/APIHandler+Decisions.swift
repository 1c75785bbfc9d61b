import APIContract
import Foundation
import Geography
import Hummingbird
import OpenAPIRuntime
import Storage

/// Award decisions: drafted by the authority's staff, issued by its chair, revoked or corrected
/// by a later decision, exported as files. All through the decision desk the pages use.
extension APIHandler {
    func listDecisions(_ input: Operations.ListDecisions.Input) async throws -> Operations.ListDecisions.Output {
        let context = try signedIn()
        let items = try await services.decisions(context).visible().map { try Components.Schemas.DecisionSummary(converting: $0) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func createDecision(_ input: Operations.CreateDecision.Input) async throws -> Operations.CreateDecision.Output {
        let context = try signedIn()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let decision = try await services.decisions(context).draft(unitCode: body.unitCode, roundID: body.roundID, award: body.award)
        return .created(.init(body: .json(try .init(converting: decision))))
    }

    func getDecision(_ input: Operations.GetDecision.Input) async throws -> Operations.GetDecision.Output {
        let context = try signedIn()
        return .ok(.init(body: .json(try .init(converting: try await services.decisions(context).load(context.app)))))
    }

    func updateDecision(_ input: Operations.UpdateDecision.Input) async throws -> Operations.UpdateDecision.Output {
        let context = try signedIn()
        let desk = services.decisions(context)
        let decision = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let updated = try await desk.update(
            decision,
            title: body.title,
            bases: body.bases,
            proposal: body.proposal,
            articles: body.articles,
            signerName: body.signerName,
            signerTitle: body.signerTitle
        )
        return .ok(.init(body: .json(try .init(converting: updated))))
    }

    func issueDecision(_ input: Operations.IssueDecision.Input) async throws -> Operations.IssueDecision.Output {
        let context = try signedIn()
        let desk = services.decisions(context)
        let decision = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        var day = Day.todayInVietnam
        if let text = body.issuedOn {
            guard let parsed = Day(parsing: text) else {
                throw APIValidationError(message: "Ngày ký không hợp lệ: \(text) (dạng dd/MM/yyyy).", errors: ["issuedOn"])
            }
            day = parsed
        }
        let issued = try await desk.issue(decision, on: day, number: body.number, signerName: body.signerName, signerTitle: body.signerTitle)
        return .ok(.init(body: .json(try .init(converting: issued))))
    }

    func revokeDecision(_ input: Operations.RevokeDecision.Input) async throws -> Operations.RevokeDecision.Output {
        let context = try signedIn()
        let desk = services.decisions(context)
        let decision = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let revocation = try await desk.revoke(decision, nominationIDs: body.nominationIDs, reason: body.reason)
        return .created(.init(body: .json(try .init(converting: revocation))))
    }

    func correctDecision(_ input: Operations.CorrectDecision.Input) async throws -> Operations.CorrectDecision.Output {
        let context = try signedIn()
        let desk = services.decisions(context)
        let decision = try await desk.load(context.app)
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        let corrections = body.corrections.map {
            DecisionStore.Correction(nominationID: $0.nominationID, name: $0.name, detail: $0.detail, achievement: $0.achievement)
        }
        let correction = try await desk.correct(decision, corrections: corrections, reason: body.reason)
        return .created(.init(body: .json(try .init(converting: correction))))
    }

    func exportDecision(_ input: Operations.ExportDecision.Input) async throws -> Operations.ExportDecision.Output {
        let context = try signedIn()
        let decision = try await services.decisions(context).load(context.app)
        let export: DecisionExport = try contractValue((input.query.format ?? .docx).rawValue)
        let bytes: [UInt8]
        do {
            bytes = try await export.bytes(of: decision)
        } catch let error as DecisionExport.ExportError {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
        let file = HTTPBody(bytes)
        let body: Operations.ExportDecision.Output.Ok.Body =
            switch export {
            case .docx: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(file)
            case .xlsx: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file)
            case .csv: .csv(file)
            case .pdf: .pdf(file)
            }
        // The name the browser saves it under; the file is never rendered in the page.
        return .ok(.init(headers: .init(contentDisposition: "attachment; filename=\"\(export.fileName(for: decision))\""), body: body))
    }
}
