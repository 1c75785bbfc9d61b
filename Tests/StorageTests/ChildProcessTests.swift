import Foundation
import Storage
import Testing

/// The program runner PDF export uses: output and status come back, a program past its
/// deadline is killed, and the wait holds no thread of the concurrency pool.
@Suite struct ChildProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func outputAndStatusComeBack() async throws {
        let outcome = try await ChildProcess.run(Self.shell, arguments: ["-c", "echo 'Quyết định'; echo lỗi >&2; exit 3"], deadline: .seconds(30))
        #expect(outcome.status == 3)
        #expect(!outcome.timedOut)
        #expect(outcome.output.contains("Quyết định"))
        #expect(outcome.output.contains("lỗi"))
    }

    @Test func aProgramPastItsDeadlineIsKilled() async throws {
        let started = ContinuousClock.now
        let outcome = try await ChildProcess.run(Self.shell, arguments: ["-c", "exec sleep 30"], deadline: .milliseconds(300))
        #expect(outcome.timedOut)
        #expect(outcome.status != 0)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func manyWaitingProgramsDoNotStopOtherTasks() async throws {
        // More programs than the pool has threads, each waiting for a file that only this task
        // creates once they run. Were their waits to hold the pool's threads, this task could not
        // run, and each program would wait until its deadline killed it.
        let flag = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-flag-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: flag) }
        let script = "while [ ! -e '\(flag.path)' ]; do sleep 0.05; done"
        try await withThrowingTaskGroup(of: ChildProcess.Outcome.self) { group in
            for _ in 0..<8 {
                group.addTask { try await ChildProcess.run(Self.shell, arguments: ["-c", script], deadline: .seconds(30)) }
            }
            try await Task.sleep(for: .milliseconds(300))
            FileManager.default.createFile(atPath: flag.path, contents: Data())
            for try await outcome in group {
                #expect(!outcome.timedOut, "a program waited until its deadline: the flag came too late")
                #expect(outcome.status == 0)
            }
        }
    }

    @Test func aMissingProgramIsAnError() async {
        await #expect(throws: (any Error).self) {
            _ = try await ChildProcess.run(URL(fileURLWithPath: "/nonexistent/soffice"), arguments: [], deadline: .seconds(5))
        }
    }
}
