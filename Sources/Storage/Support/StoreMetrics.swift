import Metrics
import Workflow

/// What the stores count, through swift-metrics (the server bootstraps a Prometheus backend; the
/// command-line tools leave the no-op one): transitions by action and result, import rows and
/// refusals, sign-in outcomes, waits for a pooled connection. Labels are fixed words, never a
/// value from a request; each series and its label values are named here once. Metrics are made
/// at each use, never kept: one made before the backend is bootstrapped would stay a no-op.
public enum StoreMetrics {
    public enum TransitionResult: String, CaseIterable, Sendable {
        /// Done; an idempotent repeat; a stale version; the workflow or the policy said no.
        case applied, replayed, conflict, refused
        case notFound = "not_found"
    }

    public enum ImportKind: String, CaseIterable, Sendable {
        case assessments, nominations, registrations
    }

    public enum SignIn: String, CaseIterable, Sendable {
        case succeeded, failed, throttled
    }

    /// Every series at zero from the start, so that a scraper sees them before the first event
    /// (and a rate over a series that appears late is not lost).
    public static func registerSeries() {
        for action in Action.allCases {
            for result in TransitionResult.allCases { _ = transitions(action, result) }
        }
        for kind in ImportKind.allCases {
            _ = importRows(kind)
            _ = importRefusals(kind)
        }
        for outcome in SignIn.allCases { _ = signIns(outcome) }
        _ = transactionsWaiting
        _ = leaseWait
    }

    static func transition(_ action: Action, _ result: TransitionResult) { transitions(action, result).increment() }

    static func imported(_ kind: ImportKind, rows: Int) { importRows(kind).increment(by: rows) }

    static func importRefused(_ kind: ImportKind) { importRefusals(kind).increment() }

    public static func signIn(_ outcome: SignIn) { signIns(outcome).increment() }

    /// Transactions waiting for a pooled connection now (see `PostgresClient.transaction`).
    static var transactionsWaiting: Meter { Meter(label: "thidua_database_transactions_waiting") }

    /// How long each transaction waited for its connection.
    static var leaseWait: Timer { Timer(label: "thidua_database_lease_wait", preferredDisplayUnit: .seconds) }

    private static func transitions(_ action: Action, _ result: TransitionResult) -> Counter {
        Counter(label: "thidua_transitions_total", dimensions: [("action", action.rawValue), ("result", result.rawValue)])
    }

    private static func importRows(_ kind: ImportKind) -> Counter {
        Counter(label: "thidua_import_rows_total", dimensions: [("kind", kind.rawValue)])
    }

    private static func importRefusals(_ kind: ImportKind) -> Counter {
        Counter(label: "thidua_import_refusals_total", dimensions: [("kind", kind.rawValue)])
    }

    private static func signIns(_ outcome: SignIn) -> Counter {
        Counter(label: "thidua_sign_ins_total", dimensions: [("outcome", outcome.rawValue)])
    }
}
