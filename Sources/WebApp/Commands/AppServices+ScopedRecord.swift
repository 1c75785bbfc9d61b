import Hummingbird
import Storage

extension AppServices {
    /// The record named by the `:province` and `:id` path parameters, if the person's scope covers
    /// its unit; otherwise 404 saying `notFound`, exactly as for a record that does not exist, so
    /// that identifiers of other units cannot be probed. Every resource's loader is this check.
    func scopedRecord<Record>(
        _ context: AppRequestContext,
        for account: Account,
        notFound: String,
        unitID: (Record) -> Int,
        fetch: (RecordKey<Record>) async throws -> Record?
    ) async throws -> Record {
        let province = try context.parameters.require("province")
        guard let id = Int(try context.parameters.require("id")),
            let record = try await fetch(RecordKey(provinceCode: province, id: id)),
            try await accounts.canAccess(account, unitID: unitID(record))
        else { throw HTTPError(.notFound, message: notFound) }
        return record
    }
}
