import Logging
import PostgresNIO
import Synchronization
import Workflow

/// Transitions asked for at the same moment are written together: one read of their
/// nominations, the engine for each, one set-based write (each row only at the version it was
/// decided on) — one statement and one commit for the lot, instead of two statements and a
/// commit each. Nothing waits to fill a batch: a request alone is written at once; those that
/// arrive while a batch is being written form the next one. At most `writers` batches are in
/// flight, so PostgreSQL's other backends stay busy too.
///
/// What each request gets is what it would have got alone: its own nomination after the move,
/// or its own refusal (stale version, unknown nomination, the engine's refusal) — one request's
/// refusal never touches another's. Two requests for the same nomination never share a batch
/// (the second waits for the next and then meets the version the first left). Should the
/// set-based write itself fail (a constraint one row breaks), each request of the batch is
/// written on its own, so the failure stays with the request that caused it.
public final class TransitionBatcher: Sendable {
    struct Request: Sendable {
        let key: NominationKey
        let action: Action
        let expectedVersion: Int
        let actorID: Int?
        let roles: Set<Workflow.Role>
        let comment: String?
        let tally: VoteRule.Tally?
        let eligible: Bool
        let requestedDocuments: [String]?
        let answer: Reply
    }

    /// Where a request's answer goes, once: from its batch, or — if the request is cancelled
    /// first (its deadline passed while the database was away) — a cancellation, so that no
    /// request waits on a batch for ever.
    final class Reply: Sendable {
        private enum State {
            case waiting
            case listening(CheckedContinuation<NominationStore.ActResult, any Error>)
            case cancelled
            case answered
        }
        private let state = Mutex(State.waiting)

        func listen(_ continuation: CheckedContinuation<NominationStore.ActResult, any Error>) {
            let cancelledBefore = state.withLock { state -> Bool in
                if case .cancelled = state { return true }
                state = .listening(continuation)
                return false
            }
            if cancelledBefore { continuation.resume(throwing: CancellationError()) }
        }

        func resume(with result: Result<NominationStore.ActResult, any Error>) {
            let continuation = state.withLock { state -> CheckedContinuation<NominationStore.ActResult, any Error>? in
                switch state {
                case .listening(let continuation):
                    state = .answered
                    return continuation
                case .waiting:
                    state = .answered
                    return nil
                case .cancelled, .answered:
                    return nil
                }
            }
            continuation?.resume(with: result)
        }

        func cancel() {
            let continuation = state.withLock { state -> CheckedContinuation<NominationStore.ActResult, any Error>? in
                switch state {
                case .listening(let continuation):
                    state = .cancelled
                    return continuation
                case .waiting:
                    state = .cancelled
                    return nil
                case .cancelled, .answered:
                    return nil
                }
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    private struct State {
        var waiting: [Request] = []
        var writing = 0
    }

    private let state = Mutex(State())
    /// Batches written at once.
    let writers: Int
    /// Requests in one batch at most.
    let largest: Int

    public init(writers: Int = 2, largest: Int = 256) {
        self.writers = writers
        self.largest = largest
    }

    func act(
        _ request: @escaping @Sendable (Reply) -> Request,
        client: PostgresClient,
        workflows: WorkflowRepository,
        logger: Logger
    ) async throws -> NominationStore.ActResult {
        let reply = Reply()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                reply.listen(continuation)
                let start = state.withLock { state -> Bool in
                    state.waiting.append(request(reply))
                    guard state.writing < writers else { return false }
                    state.writing += 1
                    return true
                }
                if start {
                    Task { await self.write(client: client, workflows: workflows, logger: logger) }
                }
            }
        } onCancel: {
            reply.cancel()
        }
    }

    /// Takes batches until none is waiting.
    private func write(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) async {
        while true {
            let batch: [Request] = state.withLock { state in
                var taken: [Request] = []
                var keys: Set<NominationKey> = []
                var left: [Request] = []
                for request in state.waiting {
                    if taken.count < largest, keys.insert(request.key).inserted {
                        taken.append(request)
                    } else {
                        left.append(request)
                    }
                }
                state.waiting = left
                if taken.isEmpty { state.writing -= 1 }
                return taken
            }
            if batch.isEmpty { return }
            await Self.write(batch, client: client, workflows: workflows, logger: logger)
        }
    }

    private static func write(_ batch: [Request], client: PostgresClient, workflows: WorkflowRepository, logger: Logger) async {
        // Each request is answered once, whichever way the batch goes.
        let answered = Mutex(Set<Int>())
        @Sendable func answer(_ index: Int, _ result: Result<NominationStore.ActResult, any Error>) {
            guard answered.withLock({ $0.insert(index).inserted }) else { return }
            batch[index].answer.resume(with: result)
        }
        do {
            try await client.withConnection { connection in
                var read: [NominationKey: (NominationStore.Nomination, Set<String>, Int)] = [:]
                let rows = try await connection.execute(TransitionStatements.ReadRows(keys: batch.map(\.key)), logger: logger)
                for try await row in rows {
                    let facts = try NominationStore.withFacts(row)
                    read[facts.0.key] = facts
                }
                var planned: [(index: Int, current: NominationStore.Nomination, plan: NominationStore.Plan)] = []
                for (index, request) in batch.enumerated() {
                    guard let (current, kinds, days) = read[request.key] else {
                        answer(index, .failure(NominationStore.NominationError.notFound))
                        continue
                    }
                    guard current.version == request.expectedVersion else {
                        answer(index, .failure(NominationStore.NominationError.stale(current: current)))
                        continue
                    }
                    do {
                        let plan = try await NominationStore.plan(
                            connection,
                            workflows: workflows,
                            logger: logger,
                            current: current,
                            attachedKinds: kinds,
                            daysInState: days,
                            action: request.action,
                            roles: request.roles,
                            comment: request.comment,
                            tally: request.tally,
                            eligible: request.eligible,
                            requestedDocuments: request.requestedDocuments
                        )
                        planned.append((index, current, plan))
                    } catch {
                        answer(index, .failure(error))
                    }
                }
                guard !planned.isEmpty else { return }
                var after: [NominationKey: NominationStore.Nomination] = [:]
                do {
                    let written = try await connection.execute(
                        TransitionStatements.WriteRows(
                            entries: planned.map { item in
                                item.plan.entry(for: item.current, actorID: batch[item.index].actorID, comment: batch[item.index].comment)
                            }
                        ),
                        logger: logger
                    )
                    for try await row in written {
                        let nomination = try NominationStore.nomination(row)
                        after[nomination.key] = nomination
                    }
                } catch {
                    // One row broke a constraint and took the statement with it: each alone.
                    logger.notice("batched transitions written one by one", metadata: ["error": "\(String(reflecting: error))"])
                    var events: [String] = []
                    for item in planned {
                        let request = batch[item.index]
                        do {
                            let result = try await NominationStore.act(
                                connection,
                                locking: false,
                                workflows: workflows,
                                logger: logger,
                                request.key,
                                action: request.action,
                                expectedVersion: request.expectedVersion,
                                actorID: request.actorID,
                                roles: request.roles,
                                comment: request.comment,
                                idempotencyKey: nil,
                                tally: request.tally,
                                eligible: request.eligible,
                                requestedDocuments: request.requestedDocuments
                            )
                            if let event = result.queueEvent { events.append(event) }
                            answer(item.index, .success(result))
                        } catch {
                            answer(item.index, .failure(error))
                        }
                    }
                    await QueueNotifications.send(events, on: connection, logger: logger)
                    return
                }
                // Answered before the queue events are sent: the moves are committed, and the
                // requests need not wait for the hints.
                var events: [String] = []
                for item in planned {
                    if let nomination = after[item.current.key] {
                        let result = NominationStore.ActResult(
                            nomination: nomination,
                            toState: item.plan.outcome.to,
                            effects: item.plan.outcome.effects,
                            vote: item.plan.outcome.vote,
                            replayed: false
                        )
                        if let event = result.queueEvent { events.append(event) }
                        answer(item.index, .success(result))
                    } else {
                        // Moved by someone else between the read and the write.
                        let now = try await NominationStore.load(
                            connection,
                            logger: logger,
                            provinceCode: item.current.provinceCode,
                            id: item.current.id,
                            lock: false
                        )
                        answer(item.index, .failure(now.map { NominationStore.NominationError.stale(current: $0) } ?? .notFound))
                    }
                }
                // Sent beside the next batch rather than before it.
                Task { await QueueNotifications.send(events, client: client, logger: logger) }
            }
        } catch {
            for index in batch.indices { answer(index, .failure(error)) }
        }
        for index in batch.indices { answer(index, .failure(CancellationError())) }
    }
}
