import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage

/// The server's periodic jobs — overdue escalation (hourly: each dossier is told once per step)
/// and the audit anchors (daily) — so that no cron is needed. Every server runs the scheduler;
/// `JobRunner` makes each job run once across them (an advisory lock, then `job_runs`). Off with
/// `THIDUA_JOBS=off` (for a server that should only answer requests).
final class JobScheduler: Service, Sendable {
    struct Job: Sendable {
        let name: String
        let every: Duration
        let run: @Sendable (PostgresClient, Logger) async throws -> String
    }

    static let jobs: [Job] = [
        Job(name: "escalate-overdue", every: .seconds(3_600)) { client, logger in
            let escalated = try await NominationStore(client: client, workflows: WorkflowRepository(client: client, logger: logger), logger: logger)
                .escalateOverdue()
            return "\(escalated.count) hồ sơ được báo quá hạn"
        },
        Job(name: "audit-anchor", every: .seconds(86_400)) { client, logger in
            "mốc neo cho \(try await AuditTrail.anchor(client: client, logger: logger)) tỉnh"
        },
    ]

    let client: PostgresClient
    let logger: Logger
    /// How often the scheduler looks for a due job.
    let tick: Duration
    let runner: JobRunner

    init(client: PostgresClient, logger: Logger, tick: Duration, server: String = JobRunner.thisServer) {
        self.client = client
        self.logger = logger
        self.tick = tick
        self.runner = JobRunner(client: client, logger: logger, server: server)
    }

    /// One look: every due job not running elsewhere is run here. What each did, by name.
    @discardableResult
    func runDueJobs() async -> [String: String] {
        var done: [String: String] = [:]
        for job in Self.jobs {
            do {
                switch try await runner.run(job.name, every: job.every, { try await job.run(self.client, self.logger) }) {
                case .ran(let summary):
                    logger.info("job ran", metadata: ["job": "\(job.name)", "result": "\(summary)"])
                    done[job.name] = summary
                case .runningElsewhere, .notDue: break
                }
            } catch {
                logger.warning("job failed", metadata: ["job": "\(job.name)", "error": "\(String(reflecting: error))"])
            }
        }
        return done
    }

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                // The first look after a short pause: the server answers first, then works.
                try? await Task.sleep(for: .seconds(5))
                while !Task.isCancelled {
                    await runDueJobs()
                    try? await Task.sleep(for: tick)
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}
