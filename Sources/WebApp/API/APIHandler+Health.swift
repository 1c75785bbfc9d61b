import APIContract
import Foundation
import Storage

/// `/health` says the process answers; `/ready` that it can serve: database reachable and every
/// migration applied. Load balancers and `make run` poll them.
extension APIHandler {
    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        let context = try app()
        let services = services
        let timeout = services.configuration.readyTimeout
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
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(NotReady.timedOut(timeout))
        }
        switch outcome {
        case .success(let status) where status.isCurrent:
            return .ok(
                .init(
                    body: .json(
                        .init(
                            status: .ready,
                            database: "ok",
                            appliedMigrations: status.applied.count,
                            pendingMigrations: [],
                            reads: services.replica?.description
                        )
                    )
                )
            )
        case .success(let status):
            throw NotReady.pending(status.pending.map(\.fileName))
        case .failure(let error):
            context.logger.warning("not ready", metadata: ["error": "\(String(reflecting: error))"])
            switch error {
            case let error as MigrationError: throw NotReady.migrations(error.description)
            case let error as NotReady: throw error
            default: throw NotReady.unreachable
            }
        }
    }
}

/// Why `/ready` answers 503.
enum NotReady: Error, CustomStringConvertible {
    case timedOut(Duration)
    case unreachable
    case pending([String])
    case migrations(String)

    var description: String {
        switch self {
        case .timedOut(let timeout): "Không kết nối được cơ sở dữ liệu trong \(timeout) (database unreachable)."
        case .unreachable: "Không kết nối được cơ sở dữ liệu (database unreachable)."
        case .pending(let files):
            "Cơ sở dữ liệu chưa được cập nhật: còn \(files.count) migration chưa áp dụng (\(files.joined(separator: ", "))). Chạy `thidua migrate`."
        case .migrations(let text): text
        }
    }
}
