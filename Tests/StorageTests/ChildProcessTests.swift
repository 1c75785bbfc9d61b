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
        // More sleeping programs than the pool has threads: a blocking wait would hold every
        // thread and the counting task below could not run until they ended.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try await ChildProcess.run(Self.shell, arguments: ["-c", "sleep 2"], deadline: .seconds(30)) }
            }
            let started = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(200))
            #expect(ContinuousClock.now - started < .seconds(2), "a task waited for the programs to end")
            try await group.waitForAll()
        }
    }

    @Test func aMissingProgramIsAnError() async {
        await #expect(throws: (any Error).self) {
            _ = try await ChildProcess.run(URL(fileURLWithPath: "/nonexistent/soffice"), arguments: [], deadline: .seconds(5))
        }
    }
}
