import Foundation
import Storage

extension TestDatabase {
    /// The repository's `workflows/` folder.
    public static var workflowsDirectory: URL {
        migrationsDirectory.deletingLastPathComponent().appendingPathComponent("workflows")
    }

    /// A nomination store with the shipped workflows loaded.
    public func nominationStore() async throws -> NominationStore {
        let workflows = WorkflowRepository(client: client, logger: Self.logger)
        try await workflows.load(files: try CriteriaCatalog.files(in: Self.workflowsDirectory))
        return NominationStore(client: client, workflows: workflows, logger: Self.logger)
    }
}
