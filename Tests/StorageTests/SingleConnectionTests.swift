import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

/// A store inside its transaction reads what it needs on the connection it holds: with a pool of
/// one connection and nothing cached, a transition still completes instead of waiting for ever
/// on a second connection (under load, every request would wait the same way).
@Suite struct SingleConnectionTests {
    @Test func aTransitionCompletesOnAPoolOfOneWithNoWorkflowCached() async throws {
        try await NominationStoreTests.withNomination { db, _, nomination in
            try await DatabaseURL(db.url).withClient(maximumConnections: 1, logger: TestDatabase.logger) { client in
                let cold = NominationStore(
                    client: client,
                    workflows: WorkflowRepository(client: client, logger: TestDatabase.logger),
                    logger: TestDatabase.logger
                )
                let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        _ = try await NominationStoreTests.act(cold, nomination, .submit, .submitter, version: nomination.version)
                        return true
                    }
                    group.addTask {
                        try await Task.sleep(for: .seconds(30))
                        return false
                    }
                    let first = try await group.next() ?? false
                    group.cancelAll()
                    return first
                }
                #expect(finished, "the transition waited for a second connection")
            }
        }
    }
}
