import Metrics
import Workflow

/// What the stores count, through swift-metrics (the server bootstraps a Prometheus backend; the
/// command-line tools leave the no-op one): transitions by action and result, import rows and
/// refusals, sign-in outcomes. Labels are fixed words, never a value from a request.
public enum StoreMetrics {
    /// Every series at zero from the start, so that a scraper sees them before the first event
    /// (and a rate over a series that appears late is not lost).
    public static func registerSeries() {
        for action in Action.allCases {
            for result in ["applied", "replayed", "conflict", "refused", "not_found"] {
                _ = Counter(label: "thidua_transitions_total", dimensions: [("action", action.rawValue), ("result", result)])
            }
        }
        for kind in ["assessments", "nominations", "registrations"] {
            _ = Counter(label: "thidua_import_rows_total", dimensions: [("kind", kind)])
            _ = Counter(label: "thidua_import_refusals_total", dimensions: [("kind", kind)])
        }
        for outcome in ["succeeded", "failed", "throttled"] {
            _ = Counter(label: "thidua_sign_ins_total", dimensions: [("outcome", outcome)])
        }
        _ = Meter(label: "thidua_database_transactions_waiting")
        _ = Timer(label: "thidua_database_lease_wait", preferredDisplayUnit: .seconds)
    }

    /// `result`: applied, replayed (an idempotent repeat), conflict (a stale version), refused
    /// (the workflow or the policy said no), not_found.
    static func transition(_ action: String, _ result: String) {
        Counter(label: "thidua_transitions_total", dimensions: [("action", action), ("result", result)]).increment()
    }

    /// `kind`: assessments, nominations, registrations; `outcome`: rows (stored), refused (files).
    static func imported(_ kind: String, rows: Int) {
        Counter(label: "thidua_import_rows_total", dimensions: [("kind", kind)]).increment(by: rows)
    }

    static func importRefused(_ kind: String) {
        Counter(label: "thidua_import_refusals_total", dimensions: [("kind", kind)]).increment()
    }

    /// `outcome`: succeeded, failed, throttled.
    public static func signIn(_ outcome: String) {
        Counter(label: "thidua_sign_ins_total", dimensions: [("outcome", outcome)]).increment()
    }
}
