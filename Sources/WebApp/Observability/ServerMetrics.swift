import Metrics
import Prometheus
import Storage

/// The process's metrics: one Prometheus registry behind swift-metrics, so that Hummingbird's
/// request metrics, the stores' counters (transitions, imports) and ours land in one place, read
/// by `GET /metrics` in Prometheus's text format. swift-metrics is bootstrapped once per process
/// (a second bootstrap stops it), so every application built in the process shares the registry.
public enum ServerMetrics {
    public static let registry = PrometheusCollectorRegistry()

    /// Bootstraps swift-metrics with the registry the first time it is read; later reads do nothing.
    public static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latency buckets for pages and API calls: 5 ms to 10 s.
        factory.defaultDurationHistogramBuckets = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { .milliseconds($0) }
        MetricsSystem.bootstrap(factory)
        StoreMetrics.registerSeries()
    }()

    /// Every series, in the Prometheus text exposition format.
    static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
