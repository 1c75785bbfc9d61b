import Foundation
import Hummingbird
import Storage

/// `/health` says the process answers; `/ready` that it can serve: database reachable and every
/// migration applied. Load balancers and `make run` poll them.
struct HealthController {
    let services: AppServices
    /// How long `/ready` waits for the database before answering 503.
    var readyTimeout: Duration = .seconds(3)

    struct Health: ResponseEncodable {
        let status: String
    }

    struct Readiness: ResponseEncodable {
        let status: String
        let database: String
        let appliedMigrations: Int
        let pendingMigrations: [String]
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/health") { _, _ in Health(status: "ok") }
        routes.get("/ready") { request, context in try await ready(request, context: context) }
        return routes
    }

    private func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let services = services
        let outcome: Result<Migrator.Status, any Error> = await withTaskGroup(of: Result<Migrator.Status, any Error>?.self) { group in
            group.addTask {
                do {
                    let files = try MigrationFile.load(from: services.migrationsDirectory)
                    return .success(try await Migrator(client: services.client, files: files, logger: context.logger).status())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: readyTimeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(ReadyTimeout())
        }
        switch outcome {
        case .success(let status) where status.isCurrent:
            return try Readiness(status: "ready", database: "ok", appliedMigrations: status.applied.count, pendingMigrations: [])
                .response(from: request, context: context)
        case .success(let status):
            return Problem(
                title: "Service Unavailable",
                status: 503,
                detail:
                    "Cơ sở dữ liệu chưa được cập nhật: còn \(status.pending.count) migration chưa áp dụng (\(status.pending.map(\.fileName).joined(separator: ", "))). Chạy `thidua migrate`.",
                instance: "/ready"
            ).response(requestID: context.id)
        case .failure(let error):
            context.logger.warning("not ready", metadata: ["error": "\(String(reflecting: error))"])
            let detail: String =
                switch error {
                case let error as MigrationError: error.description
                case is ReadyTimeout: "Không kết nối được cơ sở dữ liệu trong \(readyTimeout) (database unreachable)."
                default: "Không kết nối được cơ sở dữ liệu (database unreachable)."
                }
            return Problem(title: "Service Unavailable", status: 503, detail: detail, instance: "/ready").response(requestID: context.id)
        }
    }

    private struct ReadyTimeout: Error {}
}
