import Foundation
import Storage

/// Another program a test checks our output with (python3 with openpyxl, LibreOffice, pdftotext,
/// the `thidua` binary), run without holding one of the test runner's two concurrency threads
/// while it works: a blocked thread stalls every suite running beside it.
public enum Program {
    /// Runs `executable` (a path, or a name looked up on PATH) and returns its exit status and
    /// output (standard output and standard error together). A program still running after two
    /// minutes is killed and reported as status -1.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        directory: URL? = nil,
        environment: [String: String?] = [:]
    ) async throws -> (status: Int32, output: String, bytes: [UInt8]) {
        var merged = ProcessInfo.processInfo.environment
        // A nil value removes the variable.
        for (key, value) in environment { merged[key] = value }
        let (url, prefix) = executable.hasPrefix("/") ? (URL(fileURLWithPath: executable), []) : (URL(fileURLWithPath: "/usr/bin/env"), [executable])
        let outcome = try await ChildProcess.run(
            url,
            arguments: prefix + arguments,
            environment: merged,
            directory: directory,
            deadline: .seconds(120)
        )
        return (outcome.timedOut ? -1 : outcome.status, outcome.output, outcome.bytes)
    }
}
