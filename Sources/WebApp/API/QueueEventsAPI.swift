import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// `GET /api/v1/queue/events`: server-sent events telling an open queue that a nomination in the
/// caller's scope changed (`event: nomination`, data `{"province":…,"id":…,"state":…}`), so the
/// page refreshes that part without a full reload. Fed by the server's one LISTEN connection.
struct QueueEventsAPI {
    let services: AppServices
    let hub: NotificationHub

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/queue/events") { _, context -> Response in
            let account = context.account
            let events = hub.subscribe()
            let services = services
            let scopes = account.scopeUnitIDs
            let everywhere = account.isSystemAdmin
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 5000\n: đã kết nối\n\n"))
                for await payload in events {
                    guard let event = QueueEvent(payload: payload) else {
                        try await writer.write(ByteBuffer(string: ": \n\n"))
                        continue
                    }
                    if !everywhere {
                        guard try await Self.visible(event, scopes: scopes, services: services) else { continue }
                    }
                    try await writer.write(ByteBuffer(string: event.serverSentEvent))
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
                body: body
            )
        }
        return routes
    }

    static func visible(_ event: QueueEvent, scopes: [Int], services: AppServices) async throws -> Bool {
        try await NominationStore(client: services.client, workflows: services.workflows, logger: services.logger)
            .isVisible(provinceCode: event.province, id: event.id, scopes: scopes)
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
