import Testing
import WebApp

/// Traces are off unless an OTLP endpoint is configured, and `OTEL_SDK_DISABLED` turns them off.
@Suite struct ServerTracingTests {
    @Test(
        arguments: [
            ([:], false),
            (["OTEL_EXPORTER_OTLP_ENDPOINT": ""], false),
            (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"], true),
            (["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"], true),
            (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "TRUE"], false),
        ] as [([String: String], Bool)]
    )
    func tracesNeedAnEndpoint(environment: [String: String], expected: Bool) {
        #expect(ServerTracing.isConfigured(environment) == expected)
    }
}
