import Hummingbird

/// No request waits for ever. A handler still running after `limit` is cancelled and the
/// request answered 503: a connection lease the pool will never serve (seen after a database
/// outage, while the pool keeps failing to reconnect) ends there, as do a stuck conversion or a
/// query past all reason. Cancellation reaches the pool's waiting lease and the running query.
/// The queue's event stream is exempt (it is meant to stay open), as are file uploads, whose
/// bodies may take minutes on a slow line (their size is bounded elsewhere).
struct RequestDeadlineMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Duration

    /// Carries the handler into the racing child task; it never outlives this middleware's call
    /// (the task group awaits its children before returning).
    private struct Handler: @unchecked Sendable {
        let call: (Request, Context) async throws -> Response
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let streaming = request.uri.path.hasSuffix("/events")
        let upload = request.headers[.contentType]?.lowercased().hasPrefix("multipart/") == true
        if streaming || upload { return try await next(request, context) }
        let limit = limit
        return try await withoutActuallyEscaping(next) { next in
            let handler = Handler(call: next)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await handler.call(request, context) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                // The first to finish decides: the response, or the deadline (nil).
                guard let first = try await group.next(), let response = first else { throw RequestDeadlineExceeded(limit: limit) }
                return response
            }
        }
    }
}

/// A request cancelled at its deadline: 503, saying to try again.
struct RequestDeadlineExceeded: Error, CustomStringConvertible {
    let limit: Duration
    var description: String {
        "Yêu cầu không được xử lý xong sau \(limit.components.seconds) giây (cơ sở dữ liệu hoặc máy chủ đang quá tải) nên đã dừng; vui lòng thử lại sau ít phút."
    }
}
