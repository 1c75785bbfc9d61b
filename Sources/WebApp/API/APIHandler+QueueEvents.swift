import APIContract
import OpenAPIRuntime
import ServiceLifecycle
import Storage

/// `GET /api/v1/queue/events`: server-sent events telling an open queue that a nomination in the
/// caller's scope changed (`event: nomination`, data `{"province":…,"id":…,"state":…}`), so the
/// page refreshes that part without a full reload. Fed by the server's one LISTEN connection.
extension APIHandler {
    func queueEvents(_ input: Operations.QueueEvents.Input) async throws -> Operations.QueueEvents.Output {
        let account = try signedIn().account
        let stream = QueueEventStream(
            events: services.hub.subscribe(),
            scopes: account.isSystemAdmin ? nil : account.scopeUnitIDs,
            services: services
        )
        return .ok(
            .init(headers: .init(xAccelBuffering: "no"), body: .textEventStream(HTTPBody(stream, length: .unknown, iterationBehavior: .single)))
        )
    }
}

/// The event stream of one reader: a greeting, then each notification of a nomination the reader
/// may see (all of them for a system administrator), and a comment line for a notification that
/// is not one of ours, which keeps the connection alive.
struct QueueEventStream: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let events: AsyncStream<String>
    let scopes: [Int]?
    let services: AppServices

    /// The subscription's iterator, reachable from the task that waits on it.
    final class Pending: @unchecked Sendable {
        // @unchecked: used by one reader's stream, one `next()` at a time.
        var iterator: AsyncStream<String>.AsyncIterator
        init(_ iterator: AsyncStream<String>.AsyncIterator) { self.iterator = iterator }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var greeted = false
        let events: Pending
        let scopes: [Int]?
        let services: AppServices

        mutating func next() async throws -> ArraySlice<UInt8>? {
            if !greeted {
                greeted = true
                return ArraySlice("retry: 5000\n: đã kết nối\n\n".utf8)
            }
            // A server shutting down (a rolling restart) ends every open stream at once: the
            // browser reconnects to another server (`retry: 5000`), and the server can stop.
            let events = events
            while !Task.isShuttingDownGracefully,
                let payload = try? await cancelWhenGracefulShutdown({ await events.iterator.next() }) ?? nil
            {
                guard let event = QueueEvent(payload: payload) else { return ArraySlice(": \n\n".utf8) }
                if let scopes {
                    let visible = try await NominationStore(client: services.client, workflows: services.workflows, logger: services.logger)
                        .isVisible(NominationKey(provinceCode: event.province, id: event.id), scopes: scopes)
                    guard visible else { continue }
                }
                return ArraySlice(event.serverSentEvent.utf8)
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: Pending(events.makeAsyncIterator()), scopes: scopes, services: services)
    }
}

/// A notification of the `nominations` channel: `province:id:state`.
struct QueueEvent: Equatable {
    let province: String
    let id: Int
    let state: String

    init?(payload: String) {
        let parts = payload.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let id = Int(parts[1]) else { return nil }
        province = parts[0]
        self.id = id
        state = parts[2]
    }

    /// One event in the text/event-stream format.
    var serverSentEvent: String {
        let data = #"{"province":"\#(province)","id":\#(id),"state":"\#(state)"}"#
        return "event: nomination\nid: \(province)-\(id)\ndata: \(data)\n\n"
    }
}
