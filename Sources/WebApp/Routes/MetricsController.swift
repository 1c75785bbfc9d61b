import Foundation
import HTTPTypes
import Hummingbird

/// `GET /metrics`: the Prometheus text format, for the operators' scraper. Open to the loopback
/// address when no proxy forwarded the request (a reverse proxy on the same machine would make
/// every visitor look local), else only with `Authorization: Bearer <THIDUA_METRICS_TOKEN>`;
/// anyone else gets 404, as if there were nothing here.
struct MetricsController {
    let services: AppServices

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/metrics") { request, context -> Response in
            guard mayRead(request, context: context) else { throw HTTPError(.notFound) }
            await services.refreshGauges(logger: context.logger)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: ServerMetrics.exposition()))
            )
        }
        return routes
    }

    private func mayRead(_ request: Request, context: AppRequestContext) -> Bool {
        if let token = services.configuration.metricsToken, let given = request.headers[.authorization],
            ConstantTime.equal(given, "Bearer " + token)
        {
            return true
        }
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] != nil || request.headers[HTTPField.Name("Forwarded")!] != nil
        guard !forwarded, let peer = context.remoteAddress?.ipAddress else { return false }
        return peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("127.")
    }
}
