import Foundation

/// `scripts/pg-cluster.sh` for tests that need a PostgreSQL of their own (a restart, a replica):
/// run with its output in a file and every other inherited descriptor closed — the server it
/// starts outlives it, and must not keep open the pipe the test reads to its end, nor the socket
/// by which Foundation learns that its child has exited.
public enum PrivateCluster {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pg-cluster-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let script = repository.appendingPathComponent("scripts/pg-cluster.sh").path
        let closeInherited = #"for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; "#
        let command = closeInherited + ([script] + arguments).map { "'\($0)'" }.joined(separator: " ") + " </dev/null >'\(log.path)' 2>&1"
        let result = try await Program.run("bash", ["-c", command], directory: repository)
        return (result.status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
