import Logging
import Metrics
import Storage

extension AppServices {
    /// The gauges read at each scrape rather than kept up to date: whether the database answers,
    /// the open queue streams, the pool's size and its connections by state on the server.
    func refreshGauges(logger: Logger) async {
        let reachable = monitor.isReachable
        Gauge(label: "thidua_database_up").record(reachable ? 1 : 0)
        Gauge(label: "thidua_queue_event_listeners").record(hub.subscriberCount)
        Gauge(label: "thidua_database_pool_max_connections").record(configuration.databasePoolSize)
        guard reachable, let counts = try? await DatabaseProbe.connections(client, logger: logger) else { return }
        for state in ["active", "idle", "idle in transaction", "idle in transaction (aborted)"] {
            Gauge(label: "thidua_database_connections", dimensions: [("state", state)]).record(counts[state] ?? 0)
        }
    }
}
