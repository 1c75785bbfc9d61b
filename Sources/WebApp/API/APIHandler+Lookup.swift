import APIContract
import Hummingbird
import Storage

extension APIHandler {
    func lookupSubjects(_ input: Operations.LookupSubjects.Input) async throws -> Operations.LookupSubjects.Output {
        let context = try signedIn()
        do {
            let matches = try await RecordLookup(client: services.reader, workflows: services.workflows, logger: context.app.logger)
                .find(input.query.q, scopes: LookupPages.scopes(context.account))
            return .ok(.init(body: .json(.init(matches: try matches.map { try .init(converting: $0) }))))
        } catch let refused as RecordLookup.LookupError {
            throw APIValidationError(message: refused.description, errors: ["q"])
        }
    }

    func readRecord(_ input: Operations.ReadRecord.Input) async throws -> Operations.ReadRecord.Output {
        let context = try signedIn()
        guard
            let record = try await RecordLookup(client: services.reader, workflows: services.workflows, logger: context.app.logger)
                .record(provinceCode: input.query.province, key: input.query.key, scopes: LookupPages.scopes(context.account))
        else { throw HTTPError(.notFound, message: "Không có hồ sơ nào của mã \(input.query.key) trong phạm vi của bạn.") }
        return .ok(.init(body: .json(try .init(converting: record))))
    }
}
