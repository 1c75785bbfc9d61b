import APIContract
import Storage

extension APIHandler {
    func listExternalDecisions(_ input: Operations.ListExternalDecisions.Input) async throws -> Operations.ListExternalDecisions.Output {
        let context = try signedIn()
        let items = try await ExternalDecisionDesk(services, account: context.account, context: context.app).visible()
        return .ok(.init(body: .json(.init(items: try items.map { try .init(converting: $0) }))))
    }

    func getExternalDecision(_ input: Operations.GetExternalDecision.Input) async throws -> Operations.GetExternalDecision.Output {
        let context = try signedIn()
        let decision = try await ExternalDecisionDesk(services, account: context.account, context: context.app)
            .load(provinceCode: input.path.province, id: input.path.id)
        return .ok(.init(body: .json(try .init(converting: decision))))
    }
}
