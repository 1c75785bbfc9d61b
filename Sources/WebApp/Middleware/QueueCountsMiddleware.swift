import Hummingbird
import Storage

/// Whoever has just changed something sees the queue's counts as they now are: a request that
/// may write (anything but GET and HEAD) empties this server's cache of counts once it has been
/// answered, before its redirect is followed — a creation or an import sends no queue event, and
/// the event of a transition arrives a moment after its answer. Other servers learn of
/// transitions by their events, and of new dossiers within the cache's lifetime.
struct QueueCountsMiddleware<Context: RequestContext>: RouterMiddleware {
    let counts: QueueCountsCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get && request.method != .head else { return try await next(request, context) }
        defer { counts.invalidate() }
        return try await next(request, context)
    }
}
