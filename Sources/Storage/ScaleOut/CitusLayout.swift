/// How ThiDua's tables sit on a Citus cluster (docs/scaling.md): the province's records are
/// distributed by `province_code`, all co-located with `nominations`, so that every transition,
/// session, decision and report of one province runs on one worker; what every province shares
/// (units, criteria sets, workflows, calendars, accounts and their roles…) is a reference table,
/// copied to every worker; what only the coordinator needs stays local. The catalog test
/// (`CitusReadinessTests`) holds the migrations to this: a key of a distributed table without
/// `province_code`, a table nobody placed, a trigger or function that would reach across shards —
/// each fails it.
public enum CitusLayout {
    /// The column every distributed table is split by.
    public static let distributionColumn = "province_code"

    /// Distributed by province, co-located with `nominations`.
    public static let distributed: [String] = [
        "rounds", "nominations", "nomination_transitions", "nomination_documents", "nomination_escalations", "nomination_nominees",
        "nomination_public_comments", "council_sessions", "council_members", "council_agenda", "council_votes", "decisions",
        "decision_awardees", "decision_counters", "external_decisions", "external_awardees", "recognition_decisions", "registrations",
        "assessments", "assessment_evidence", "assessment_imports", "reported_figures", "unit_counts", "citizen_invitations",
        "audit_records", "audit_anchors",
    ]

    /// Shared by every province, read in joins with any of them: copied to every worker.
    public static let reference: [String] = [
        "admin_units", "admin_unit_scope", "admin_unit_replacements", "organisations", "councils", "council_roster", "users", "user_roles",
        "criteria_sets", "workflow_definitions", "recognition_bodies", "program_indicators", "program_stages", "program_targets",
        "calendar_days", "working_day_index", "decision_texts", "certificate_layouts", "evidence_files",
    ]

    /// Only the coordinator's: sign-in sessions and throttles, the migrator's and jobs' books.
    public static let local: [String] = ["sessions", "login_throttle", "job_runs", "schema_migrations"]

    /// Trigger functions on distributed tables, each reviewed for staying on one shard.
    public static let shardLocalTriggers: [String: String] = [
        "refuse_change": "touches no table",
        "refuse_issued_change": "reads the decision of the same (province_code, id): the same shard",
        "nomination_nominees_follow": "writes the nominee row of the same province_code, co-located",
        "refuse_unreported_indicator": "reads program_indicators, a reference table",
    ]

    /// Functions reading or writing distributed tables: each takes the province first, so Citus
    /// runs it on that province's worker (`create_distributed_function … distribution_arg`).
    public static let distributedFunctions: [(name: String, arguments: String, distributedBy: String)] = [
        ("audit_append", "text, text, bigint, text, text", "p_province")
    ]

    /// The statements that place the tables on a Citus coordinator, after `thidua migrate`.
    public static var plan: String {
        var lines = ["-- ThiDua on Citus: run on the coordinator after `thidua migrate` (docs/scaling.md)."]
        lines.append("-- Reference tables: copied to every worker.")
        for table in reference { lines.append("SELECT create_reference_table('\(table)');") }
        lines.append("-- Distributed by province, co-located with nominations.")
        lines.append("SELECT create_distributed_table('nominations', '\(distributionColumn)');")
        for table in distributed where table != "nominations" {
            lines.append("SELECT create_distributed_table('\(table)', '\(distributionColumn)', colocate_with => 'nominations');")
        }
        lines.append("-- Functions run where their province's rows are.")
        for function in distributedFunctions {
            lines.append(
                "SELECT create_distributed_function('\(function.name)(\(function.arguments))', '\(function.distributedBy)', colocate_with => 'nominations');"
            )
        }
        lines.append("-- A province's partitions are created here, on the coordinator, before its units are imported:")
        lines.append("-- SELECT province_partitions_create('NN'); the trigger that does it on one server would run on the workers' shards.")
        lines.append("DROP TRIGGER IF EXISTS admin_units_partitions ON admin_units;")
        lines.append("-- Triggers of distributed tables: reviewed to stay on one shard (CitusLayout.shardLocalTriggers).")
        lines.append("ALTER SYSTEM SET citus.enable_unsafe_triggers = on; SELECT pg_reload_conf();")
        return lines.joined(separator: "\n")
    }
}
