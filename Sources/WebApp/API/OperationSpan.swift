import HTTPTypes
import OpenAPIRuntime
import Tracing

/// One span per API operation, named by its operationId (`actOnNomination`), between the
/// request's span and the database transactions the operation runs.
struct OperationSpan: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await withSpan(operationID) { span in
            span.attributes["code.function.name"] = operationID
            return try await next(request, body, metadata)
        }
    }
}
