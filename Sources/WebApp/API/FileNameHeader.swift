import HTTPTypes
import OpenAPIRuntime

/// The generated code writes a header parameter as a URI component (`attachment%3B%20filename…`),
/// which no browser reads as a file name. This puts the download's `Content-Disposition` back in
/// the form RFC 6266 gives it; our file names are ASCII (`quyet-dinh-12-QD-UBND-2025.docx`).
struct FileNameHeader: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        if let value = response.headerFields[.contentDisposition], let decoded = value.removingPercentEncoding {
            response.headerFields[.contentDisposition] = decoded
        }
        return (response, responseBody)
    }
}
