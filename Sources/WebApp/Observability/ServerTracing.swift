import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Traces of each request (route → API operation or page command → database transactions),
/// exported over OTLP/HTTP to the collector a province already runs (Jaeger, Tempo, an
/// OpenTelemetry Collector). Off unless an endpoint is configured: `OTEL_EXPORTER_OTLP_ENDPOINT`
/// (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`); every other `OTEL_*` variable of the OpenTelemetry
/// specification applies (sampler, headers, service name, `OTEL_SDK_DISABLED=true`).
public enum ServerTracing {
    /// Whether the environment asks for traces.
    public static func isConfigured(_ environment: [String: String]) -> Bool {
        let endpoint = environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] ?? environment["OTEL_EXPORTER_OTLP_ENDPOINT"]
        return endpoint.map { !$0.isEmpty } == true && environment["OTEL_SDK_DISABLED"]?.lowercased() != "true"
    }

    /// Installs the OpenTelemetry tracer as the process's tracer and returns the service that
    /// batches and exports its spans (run it beside the server, started first and stopped last),
    /// or nil when traces are not configured.
    public static func bootstrap(environment: [String: String]) throws -> (any Service)? {
        guard isConfigured(environment) else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "thidua"
        // This build carries the OTLP/HTTP exporter only; the variables may still choose JSON.
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        // Metrics go to GET /metrics (Prometheus), logs to standard error.
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(tracer)
        return service
    }

    /// Puts the current trace and span ids (`trace_id`, `span_id`) on every log line written inside
    /// a span, beside the request id (`hb.request.id`), so a log line leads to its trace.
    public static var loggingMetadata: Logger.MetadataProvider { OTel.makeLoggingMetadataProvider() }
}
